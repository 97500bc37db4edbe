// C ABI: segmentation, the journey report and theme discovery.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "capi/handles.h"
#include "core/strings.h"
#include "internal.h"
#include "voc.h"
#include "themes/json_output.h"
#include "voc/journey.h"
#include "voc/sentiment.h"
#include "voc/text.h"
#include "voc/themes.h"

using voc::capi::FromStatus;
using voc::capi::Guard;
using voc::capi::SetError;

struct voc_segmenter {
  std::unique_ptr<voc::Segmenter> segmenter;
};

namespace {

constexpr uint32_t kTagCount = static_cast<uint32_t>(voc::TokenTag::kPunctuation) + 1;

std::string Str(const char* p, size_t n) { return p == nullptr ? std::string() : std::string(p, n); }

// The default taxonomy (which feedback is unmatched) and sentiment models (share_negative) for
// voc_discover_themes, created on the first call and kept for the process: both are immutable
// and thread-safe, and creating them cost about 35 ms a call. A failed creation is not kept,
// so a later call (after the data is installed) tries again.
struct DiscoveryModels {
  std::shared_ptr<const voc::ThemeAnalyzer> themes;
  std::shared_ptr<const voc::SentimentAnalyzer> sentiment;  // null: the theme rules decide
};

absl::StatusOr<DiscoveryModels> SharedDiscoveryModels(bool need_themes) {
  static std::mutex mu;
  static DiscoveryModels* const cached = new DiscoveryModels();  // never freed: outlives callers
  std::lock_guard<std::mutex> lock(mu);
  if (cached->themes == nullptr) {
    auto t = voc::ThemeAnalyzer::Create(voc::ThemeOptions());
    if (t.ok()) {
      cached->themes = std::move(*t);
    } else if (need_themes) {
      return t.status();
    }
  }
  if (cached->sentiment == nullptr) {
    auto s = voc::SentimentAnalyzer::Create(voc::SentimentOptions());
    if (s.ok()) cached->sentiment = std::move(*s);
  }
  return *cached;
}

}  // namespace

extern "C" {

int voc_segmenter_create(voc_segmenter** out, const char* model, size_t model_len,
                         const char* user_dict, size_t user_dict_len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    if (int rc = voc::capi::CheckPath(model, model_len, "model"); rc != VOC_OK) return rc;
    if (int rc = voc::capi::CheckPath(user_dict, user_dict_len, "user_dict"); rc != VOC_OK) return rc;
    voc::SegmenterOptions options;
    options.model = Str(model, model_len);
    options.user_dict = Str(user_dict, user_dict_len);
    auto seg = voc::Segmenter::Create(options);
    if (!seg.ok()) return FromStatus(seg.status());
    *out = new voc_segmenter{std::move(*seg)};
    return VOC_OK;
  });
}

void voc_segmenter_destroy(voc_segmenter* segmenter) { delete segmenter; }

int voc_segmenter_segment(const voc_segmenter* segmenter, const char* text, size_t len,
                          voc_token* tokens, size_t capacity, size_t* count) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(segmenter != nullptr, "segmenter is NULL");
    VOC_CHECK_ARG(text != nullptr || len == 0, "text is NULL");
    VOC_CHECK_ARG(count != nullptr, "count is NULL");
    VOC_CHECK_ARG(tokens != nullptr || capacity == 0, "tokens is NULL");
    VOC_CHECK_ARG(len <= UINT32_MAX, "text longer than 4 GiB");
    std::vector<voc::Token> result;
    segmenter->segmenter->Segment(std::string_view(text == nullptr ? "" : text, len), &result);
    *count = result.size();
    if (result.size() > capacity) {
      return SetError(VOC_EBUFS, "buffer too small: " + std::to_string(result.size()) +
                                     " tokens, capacity " + std::to_string(capacity));
    }
    for (size_t i = 0; i < result.size(); ++i) {
      tokens[i] = {result[i].start, result[i].end, static_cast<uint32_t>(result[i].tag)};
    }
    return VOC_OK;
  });
}

int voc_segmenter_segment_text(const voc_segmenter* segmenter, const char* text, size_t len,
                               int with_tags, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(segmenter != nullptr, "segmenter is NULL");
    VOC_CHECK_ARG(text != nullptr || len == 0, "text is NULL");
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    VOC_CHECK_ARG(len <= UINT32_MAX, "text longer than 4 GiB");
    std::string_view t(text == nullptr ? "" : text, len);
    std::vector<voc::Token> tokens;
    segmenter->segmenter->Segment(t, &tokens);
    std::string line;
    voc::AppendTokens(t, tokens, with_tags != 0, &line);
    return voc::capi::FillBuf(out, line);
  });
}

const char* voc_token_tag_name(uint32_t tag) {
  // TokenTagName's views point at string literals, so they are NUL-terminated.
  return tag < kTagCount ? voc::TokenTagName(static_cast<voc::TokenTag>(tag)).data() : "x";
}

int voc_segmenter_add_word(voc_segmenter* segmenter, const char* word, size_t len, int64_t freq) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(segmenter != nullptr, "segmenter is NULL");
    VOC_CHECK_ARG(word != nullptr || len == 0, "word is NULL");
    return FromStatus(segmenter->segmenter->AddWord(std::string_view(word ? word : "", len), freq));
  });
}

int voc_segmenter_remove_word(voc_segmenter* segmenter, const char* word, size_t len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(segmenter != nullptr, "segmenter is NULL");
    VOC_CHECK_ARG(word != nullptr || len == 0, "word is NULL");
    return FromStatus(segmenter->segmenter->RemoveWord(std::string_view(word ? word : "", len)));
  });
}

int voc_segmenter_save_user_dict(const voc_segmenter* segmenter, const char* path, size_t path_len) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(segmenter != nullptr, "segmenter is NULL");
    VOC_CHECK_ARG(path != nullptr && path_len > 0, "path is empty");
    if (int rc = voc::capi::CheckPath(path, path_len, "path"); rc != VOC_OK) return rc;
    return FromStatus(segmenter->segmenter->SaveUserDict(std::string(path, path_len)));
  });
}

int voc_store_journey_json(voc_store* store, int64_t from, int64_t to, const char* map_path,
                           size_t map_path_len, voc_buf* out, voc_buf* svg) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(store != nullptr && out != nullptr, "store or out is NULL");
    if (int rc = voc::capi::CheckPath(map_path, map_path_len, "map_path"); rc != VOC_OK) return rc;
    auto map = (map_path != nullptr && map_path_len > 0)
                   ? voc::JourneyMap::Load(std::string(map_path, map_path_len))
                   : voc::JourneyMap::Default();
    if (!map.ok()) return FromStatus(map.status());
    voc::FeedbackQuery q;
    q.from = from;
    q.to = to;
    q.skip_duplicates = true;
    // As `voc journey --db`: rows analysed before attribution existed get their stages here.
    auto report = voc::BuildJourneyReport(*store->store, q, *map, /*attribute_missing=*/true);
    if (!report.ok()) return FromStatus(report.status());
    if (int rc = voc::capi::FillBuf(out, voc::RenderJourneyJson(*report)); rc != VOC_OK) return rc;
    if (svg != nullptr) return voc::capi::FillBuf(svg, voc::RenderJourneySvg(*report));
    return VOC_OK;
  });
}

int voc_discover_themes(const char* jsonl, size_t len, int clusters, uint64_t seed, int flags,
                        voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(jsonl != nullptr || len == 0, "jsonl is NULL");
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    VOC_CHECK_ARG(clusters >= 0 && clusters <= 1000, "clusters is not in 0..1000");
    VOC_CHECK_ARG((flags & ~VOC_DISCOVER_ALL) == 0, "unknown flags");
    std::vector<voc::DiscoveryDocument> docs;
    absl::Status parsed;
    voc::ForEachLine(std::string_view(jsonl == nullptr ? "" : jsonl, len),
                     [&](size_t lineno, std::string_view line) {
                       if (!parsed.ok()) return;
                       voc::DiscoveryDocument doc;
                       parsed = voc::ParseDiscoveryLine(line, lineno, &doc);
                       if (parsed.ok()) docs.push_back(std::move(doc));
                     });
    if (!parsed.ok()) return FromStatus(parsed);
    const bool all = (flags & VOC_DISCOVER_ALL) != 0;
    absl::StatusOr<DiscoveryModels> models = SharedDiscoveryModels(/*need_themes=*/!all);
    if (!models.ok()) return FromStatus(models.status());
    const voc::ThemeAnalyzer* themes = all ? nullptr : models->themes.get();
    voc::DiscoveryOptions options;
    if (clusters > 0) options.clusters = clusters;
    options.seed = seed;
    // As the command: the shipped sentiment models decide share_negative when installed.
    options.sentiment = models->sentiment.get();
    return voc::capi::FillBuf(out, voc::RenderDiscoveryJson(voc::DiscoverThemes(docs, themes, options)));
  });
}

}  // extern "C"
