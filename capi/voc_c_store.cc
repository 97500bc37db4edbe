// C ABI: the store, ingest and queries.
#include <memory>
#include <string>
#include <vector>

#include "analysis/json_output.h"
#include "capi/handles.h"
#include "core/json.h"
#include "internal.h"
#include "store/record_io.h"
#include "voc.h"
#include "voc/analyzer.h"
#include "voc/store.h"

using voc::capi::FromStatus;
using voc::capi::Guard;
using voc::capi::SetError;

struct voc_ingest_report {
  voc::IngestReport report;
};

namespace {

voc::IngestOptions IngestOptionsFromFlags(const voc_store* store, int flags) {
  voc::IngestOptions o;
  o.strict = (flags & VOC_INGEST_LENIENT) == 0;
  if (flags & VOC_INGEST_ON_DUPLICATE_UPDATE) {
    o.on_duplicate = voc::OnDuplicate::kUpdate;
  } else if (flags & VOC_INGEST_ON_DUPLICATE_SKIP) {
    o.on_duplicate = voc::OnDuplicate::kSkip;
  }
  o.keep_raw_text = store->keep_raw_text;
  return o;
}

int Finish(absl::StatusOr<voc::IngestReport> r, voc_ingest_report** report) {
  if (report != nullptr) *report = nullptr;
  if (!r.ok()) return FromStatus(r.status());
  if (report != nullptr) *report = new voc_ingest_report{std::move(*r)};
  return VOC_OK;
}

constexpr int kKnownIngestFlags =
    VOC_INGEST_LENIENT | VOC_INGEST_ON_DUPLICATE_UPDATE | VOC_INGEST_ON_DUPLICATE_SKIP;

int CheckIngestFlags(int flags) {
  if ((flags & ~kKnownIngestFlags) != 0) {
    return SetError(VOC_EINVAL, "invalid argument: unknown ingest flags " + std::to_string(flags));
  }
  if ((flags & VOC_INGEST_ON_DUPLICATE_UPDATE) && (flags & VOC_INGEST_ON_DUPLICATE_SKIP)) {
    return SetError(VOC_EINVAL, "invalid argument: ON_DUPLICATE_UPDATE and _SKIP both set");
  }
  return VOC_OK;
}

}  // namespace

extern "C" {

int voc_store_open(voc_store** out, const char* path, size_t path_len, int flags) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    VOC_CHECK_ARG(path != nullptr && path_len > 0, "path is empty");
    if ((flags & ~(VOC_STORE_CREATE | VOC_STORE_READ_ONLY | VOC_STORE_KEEP_RAW_TEXT)) != 0) {
      return SetError(VOC_EINVAL, "invalid argument: unknown store flags " + std::to_string(flags));
    }
    if (int rc = voc::capi::CheckPath(path, path_len, "path"); rc != VOC_OK) return rc;
    std::string p(path, path_len);
    voc::StoreOptions o;
    o.path = p;
    o.create_if_missing = (flags & VOC_STORE_CREATE) != 0;
    o.read_only = (flags & VOC_STORE_READ_ONLY) != 0;
    auto s = voc::Store::Open(o);
    if (!s.ok()) return FromStatus(s.status());
    *out = new voc_store{std::move(*s), (flags & VOC_STORE_KEEP_RAW_TEXT) != 0};
    return VOC_OK;
  });
}

void voc_store_close(voc_store* store) { delete store; }

int voc_store_ingest(voc_store* store, const voc_record* const* records, size_t count, int flags,
                     voc_ingest_report** report) {
  return Guard([&]() -> int {
    if (report != nullptr) *report = nullptr;
    VOC_CHECK_ARG(store != nullptr, "store is NULL");
    VOC_CHECK_ARG(records != nullptr || count == 0, "records is NULL");
    if (int rc = CheckIngestFlags(flags); rc != VOC_OK) return rc;
    std::vector<voc::Feedback> batch;
    batch.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      if (records[i] == nullptr) {
        return SetError(VOC_EINVAL, "invalid argument: records[" + std::to_string(i) + "] is NULL");
      }
      batch.push_back(records[i]->feedback);
    }
    return Finish(store->store->Ingest(batch, IngestOptionsFromFlags(store, flags)), report);
  });
}

int voc_store_ingest_jsonl(voc_store* store, const char* data, size_t len, int flags,
                           voc_ingest_report** report) {
  return Guard([&]() -> int {
    if (report != nullptr) *report = nullptr;
    VOC_CHECK_ARG(store != nullptr, "store is NULL");
    VOC_CHECK_ARG(data != nullptr || len == 0, "data is NULL");
    if (int rc = CheckIngestFlags(flags); rc != VOC_OK) return rc;
    return Finish(store->store->IngestJsonl(std::string_view(data ? data : "", len),
                                            IngestOptionsFromFlags(store, flags)),
                  report);
  });
}

int voc_store_ingest_csv(voc_store* store, const char* data, size_t len, int flags,
                         voc_ingest_report** report) {
  return Guard([&]() -> int {
    if (report != nullptr) *report = nullptr;
    VOC_CHECK_ARG(store != nullptr, "store is NULL");
    VOC_CHECK_ARG(data != nullptr || len == 0, "data is NULL");
    if (int rc = CheckIngestFlags(flags); rc != VOC_OK) return rc;
    return Finish(store->store->IngestCsv(std::string_view(data ? data : "", len),
                                          IngestOptionsFromFlags(store, flags)),
                  report);
  });
}

int voc_store_upsert_customers_jsonl(voc_store* store, const char* data, size_t len,
                                     size_t* stored) {
  return Guard([&]() -> int {
    if (stored != nullptr) *stored = 0;
    VOC_CHECK_ARG(store != nullptr, "store is NULL");
    VOC_CHECK_ARG(data != nullptr || len == 0, "data is NULL");
    auto n = store->store->UpsertCustomersJsonl(std::string_view(data ? data : "", len));
    if (!n.ok()) return FromStatus(n.status());
    if (stored != nullptr) *stored = *n;
    return VOC_OK;
  });
}

size_t voc_ingest_report_stored(const voc_ingest_report* r) { return r ? r->report.stored : 0; }
size_t voc_ingest_report_updated(const voc_ingest_report* r) { return r ? r->report.updated : 0; }
size_t voc_ingest_report_skipped(const voc_ingest_report* r) { return r ? r->report.skipped : 0; }
size_t voc_ingest_report_error_count(const voc_ingest_report* r) {
  return r ? r->report.errors.size() : 0;
}

int voc_ingest_report_error(const voc_ingest_report* r, size_t i, size_t* line, const char** id,
                            const char** field, const char** message) {
  VOC_CHECK_ARG(r != nullptr, "report is NULL");
  if (i >= r->report.errors.size()) {
    return SetError(VOC_ENOTFOUND, "no ingest error " + std::to_string(i) + " (there are " +
                                       std::to_string(r->report.errors.size()) + ")");
  }
  const voc::IngestError& e = r->report.errors[i];
  if (line != nullptr) *line = e.line;
  if (id != nullptr) *id = e.id.c_str();
  if (field != nullptr) *field = e.field.c_str();
  if (message != nullptr) *message = e.message.c_str();
  return VOC_OK;
}

void voc_ingest_report_destroy(voc_ingest_report* report) { delete report; }

int voc_store_count(voc_store* store, int64_t* count) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(store != nullptr && count != nullptr, "store or count is NULL");
    auto n = store->store->CountFeedback();
    if (!n.ok()) return FromStatus(n.status());
    *count = *n;
    return VOC_OK;
  });
}

int voc_store_query_jsonl(voc_store* store, int64_t from, int64_t to, int channel,
                          const char* customer_id, size_t customer_id_len, size_t limit,
                          voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(store != nullptr && out != nullptr, "store or out is NULL");
    voc::FeedbackQuery q;
    q.from = from;
    q.to = to;
    // SQLite's LIMIT is an int64: larger limits cannot cut anything, so they mean none.
    q.limit = limit > static_cast<uint64_t>(INT64_MAX) ? 0 : limit;
    if (channel >= 0) {
      if (channel >= voc::kChannelCount) {
        return SetError(VOC_EINVAL, "invalid argument: unknown channel " + std::to_string(channel));
      }
      q.channel = static_cast<voc::Channel>(channel);
    }
    if (customer_id != nullptr && customer_id_len > 0) q.customer_id.assign(customer_id, customer_id_len);
    auto records = store->store->Query(q);
    if (!records.ok()) return FromStatus(records.status());
    auto analyzed = store->store->LoadAnalyzed(q);
    if (!analyzed.ok()) return FromStatus(analyzed.status());
    std::map<std::string, const voc::Analysis*> by_id;
    for (const auto& a : *analyzed) by_id[a.feedback_id] = &a.analysis;
    std::string text;
    for (const voc::Feedback& f : *records) {
      voc::json::Writer w(&text);
      w.BeginObject();
      voc::WriteFeedbackJson(f, &w);
      if (auto it = by_id.find(f.id); it != by_id.end()) {
        w.Key("analysis").BeginObject();
        voc::WriteAnalysisFields(*it->second, f.text, &w);
        w.EndObject();
      }
      w.EndObject();
      text.push_back('\n');
    }
    return voc::capi::FillBuf(out, text);
  });
}

int voc_store_analyze(voc_store* store, const voc_analyzer* analyzer, int reanalyze,
                      size_t* analyzed) {
  return Guard([&]() -> int {
    if (analyzed != nullptr) *analyzed = 0;
    VOC_CHECK_ARG(store != nullptr && analyzer != nullptr, "store or analyzer is NULL");
    auto n = voc::AnalyzeStore(*store->store, *analyzer->analyzer, reanalyze != 0);
    if (!n.ok()) return FromStatus(n.status());
    if (analyzed != nullptr) *analyzed = *n;
    return VOC_OK;
  });
}

}  // extern "C"
