// C ABI: analyzers and batch results.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "analysis/json_output.h"
#include "capi/handles.h"
#include "core/json.h"
#include "internal.h"
#include "voc.h"
#include "voc/analyzer.h"

using voc::capi::FromStatus;
using voc::capi::Guard;
using voc::capi::SetError;

struct voc_analyzer_options {
  voc::AnalyzerOptions options;
};

// Each item's JSON is built on first request: callers that only read the columns do not pay
// for it (it costs about as much as a third of the analysis). The mutex keeps the accessors
// safe to call from several threads, as a const object's should be.
struct voc_batch_result {
  std::vector<int> codes;
  std::vector<std::string> errors;
  std::vector<float> scores, intensities;
  std::vector<int32_t> polarities;
  std::string blob;               // the texts, for the evidence strings in the JSON
  std::vector<uint64_t> offsets;  // count + 1, relative to `blob`
  std::vector<voc::Analysis> analyses;
  mutable std::mutex json_mu;
  mutable std::vector<std::unique_ptr<std::string>> json;  // null until requested
  std::shared_ptr<voc_result_pool> pool;  // where `analyses` goes back on destruction

  ~voc_batch_result() {
    // A few vectors of moderate batches are kept; anything more is freed as usual.
    constexpr size_t kMaxPooled = 2, kMaxPooledItems = 1 << 16;
    if (pool == nullptr || analyses.empty() || analyses.size() > kMaxPooledItems) return;
    try {  // a destructor must not throw (out of memory here just frees the vector)
      std::lock_guard<std::mutex> lock(pool->mu);
      if (pool->free.size() < kMaxPooled) pool->free.push_back(std::move(analyses));
    } catch (...) {
    }
  }
};

namespace {

std::string AnalysisJson(const voc::Analysis& a, std::string_view text) {
  std::string out;
  voc::json::Writer w(&out);
  w.BeginObject();
  voc::WriteAnalysisFields(a, text, &w);
  w.EndObject();
  return out;
}

}  // namespace

extern "C" {

int voc_analyzer_options_create(voc_analyzer_options** out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = new voc_analyzer_options();
    return VOC_OK;
  });
}

void voc_analyzer_options_destroy(voc_analyzer_options* options) { delete options; }

int voc_analyzer_options_set_path(voc_analyzer_options* options, int which, const char* path,
                                  size_t path_len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(options != nullptr, "options is NULL");
    VOC_CHECK_ARG(path != nullptr || path_len == 0, "path is NULL");
    if (int rc = voc::capi::CheckPath(path, path_len, "path"); rc != VOC_OK) return rc;
    std::string p(path == nullptr ? "" : path, path_len);
    voc::AnalyzerOptions& o = options->options;
    switch (which) {
      case VOC_ANALYZER_SENTIMENT_MODEL: o.sentiment_model = p; break;
      case VOC_ANALYZER_EMOTION_MODEL: o.emotion_model = p; break;
      case VOC_ANALYZER_THEMES: o.themes = p; break;
      case VOC_ANALYZER_JOURNEY_MAP: o.journey_map = p; break;
      case VOC_ANALYZER_SEGMENTER_MODEL: o.segmenter_model = p; break;
      case VOC_ANALYZER_USER_DICT: o.user_dict = p; break;
      case VOC_ANALYZER_KEYWORD_IDF: o.keyword_idf = p; break;
      default:
        return SetError(VOC_EINVAL, "invalid argument: unknown analyzer path setting " +
                                        std::to_string(which));
    }
    return VOC_OK;
  });
}

int voc_analyzer_options_set_max_text_bytes(voc_analyzer_options* options, uint64_t max_bytes) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(options != nullptr, "options is NULL");
    options->options.max_text_bytes =
        static_cast<size_t>(std::min<uint64_t>(max_bytes, std::numeric_limits<size_t>::max()));
    return VOC_OK;
  });
}

int voc_analyzer_create(voc_analyzer** out, const voc_analyzer_options* options) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    auto a = voc::Analyzer::Create(options ? options->options : voc::AnalyzerOptions());
    if (!a.ok()) return FromStatus(a.status());
    auto* handle = new voc_analyzer;
    handle->analyzer = std::move(*a);
    *out = handle;
    return VOC_OK;
  });
}

void voc_analyzer_destroy(voc_analyzer* analyzer) { delete analyzer; }

int voc_analyzer_analyze_json(const voc_analyzer* analyzer, const char* text, size_t len,
                              voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(analyzer != nullptr, "analyzer is NULL");
    VOC_CHECK_ARG(text != nullptr || len == 0, "text is NULL");
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    std::string_view t(text == nullptr ? "" : text, len);
    auto a = analyzer->analyzer->Analyze(t);
    if (!a.ok()) return FromStatus(a.status());
    return voc::capi::FillBuf(out, AnalysisJson(*a, t));
  });
}

int voc_analyzer_analyze_batch(const voc_analyzer* analyzer, voc_batch_result** out,
                               const char* blob, const uint64_t* offsets, size_t count) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    VOC_CHECK_ARG(analyzer != nullptr, "analyzer is NULL");
    VOC_CHECK_ARG(count == 0 || (blob != nullptr && offsets != nullptr), "blob or offsets is NULL");
    for (size_t i = 0; i < count; ++i) {
      if (offsets[i] > offsets[i + 1]) {
        return SetError(VOC_EINVAL, "invalid argument: offsets must not decrease (offsets[" +
                                        std::to_string(i) + "] > offsets[" +
                                        std::to_string(i + 1) + "])");
      }
    }
    auto r = std::make_unique<voc_batch_result>();
    r->codes.resize(count, VOC_OK);
    r->errors.resize(count);
    r->json.resize(count);
    {
      std::lock_guard<std::mutex> lock(analyzer->pool->mu);
      if (!analyzer->pool->free.empty()) {
        r->analyses = std::move(analyzer->pool->free.back());
        analyzer->pool->free.pop_back();
      }
    }
    r->pool = analyzer->pool;
    // An empty batch may come with NULL blob and offsets: they are not read at all then.
    if (count > 0) r->blob.assign(blob + offsets[0], offsets[count] - offsets[0]);
    r->offsets.resize(count + 1, 0);
    for (size_t i = 0; i <= count && count > 0; ++i) r->offsets[i] = offsets[i] - offsets[0];
    r->scores.resize(count, 0.f);
    r->intensities.resize(count, 0.f);
    r->polarities.resize(count, VOC_NEUTRAL);
    std::vector<std::string_view> texts(count);
    for (size_t i = 0; i < count; ++i) texts[i] = std::string_view(blob + offsets[i], offsets[i + 1] - offsets[i]);
    std::vector<absl::Status> statuses;
    analyzer->analyzer->AnalyzeBatch(texts, &r->analyses, &statuses);
    for (size_t i = 0; i < count; ++i) {
      if (!statuses[i].ok()) {
        r->codes[i] = voc::capi::CodeFor(statuses[i].code());
        r->errors[i] = std::string(statuses[i].message());
        continue;
      }
      const voc::Analysis& a = r->analyses[i];
      r->scores[i] = static_cast<float>(a.score);
      r->intensities[i] = static_cast<float>(a.intensity);
      r->polarities[i] = static_cast<int32_t>(a.polarity);
    }
    *out = r.release();
    return VOC_OK;
  });
}

size_t voc_batch_result_count(const voc_batch_result* result) {
  return result == nullptr ? 0 : result->codes.size();
}

int voc_batch_result_status(const voc_batch_result* result, size_t i) {
  if (result == nullptr) return SetError(VOC_EINVAL, "invalid argument: result is NULL");
  // Not VOC_EINVAL: that is also what an item with bad text failed with.
  if (i >= result->codes.size()) {
    return SetError(VOC_ENOTFOUND, "no batch item " + std::to_string(i) + ": the batch has " +
                                       std::to_string(result->codes.size()) + " items");
  }
  return result->codes[i];
}

const char* voc_batch_result_error(const voc_batch_result* result, size_t i) {
  if (result == nullptr || i >= result->errors.size()) return "";
  return result->errors[i].c_str();
}

const char* voc_batch_result_json(const voc_batch_result* result, size_t i, size_t* len) {
  if (result == nullptr || i >= result->json.size()) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  try {
    std::lock_guard<std::mutex> lock(result->json_mu);
    std::unique_ptr<std::string>& j = result->json[i];
    if (j == nullptr) {
      if (result->codes[i] != VOC_OK) {
        j = std::make_unique<std::string>("{}");
      } else {
        const std::string_view text(result->blob.data() + result->offsets[i],
                                    result->offsets[i + 1] - result->offsets[i]);
        j = std::make_unique<std::string>(AnalysisJson(result->analyses[i], text));
      }
    }
    if (len != nullptr) *len = j->size();
    return j->c_str();
  } catch (...) {  // out of memory: no exception crosses the C boundary
    SetError(VOC_ENOMEM, "out of memory building the JSON of a batch item");
    if (len != nullptr) *len = 0;
    return nullptr;
  }
}

int voc_batch_result_json_array(const voc_batch_result* result, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(result != nullptr, "result is NULL");
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    std::string all;
    voc::json::Writer w(&all);
    w.BeginArray();
    for (size_t i = 0; i < result->codes.size(); ++i) {
      w.BeginObject();
      if (result->codes[i] != VOC_OK) {
        w.Key("error").String(result->errors[i]);
      } else {
        const std::string_view text(result->blob.data() + result->offsets[i],
                                    result->offsets[i + 1] - result->offsets[i]);
        voc::WriteAnalysisFields(result->analyses[i], text, &w);
      }
      w.EndObject();
    }
    w.EndArray();
    return voc::capi::FillBuf(out, all);
  });
}

const float* voc_batch_result_scores(const voc_batch_result* result) {
  return result == nullptr ? nullptr : result->scores.data();
}
const float* voc_batch_result_intensities(const voc_batch_result* result) {
  return result == nullptr ? nullptr : result->intensities.data();
}
const int32_t* voc_batch_result_polarities(const voc_batch_result* result) {
  return result == nullptr ? nullptr : result->polarities.data();
}

void voc_batch_result_destroy(voc_batch_result* result) { delete result; }

}  // extern "C"
