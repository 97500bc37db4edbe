// voc ingest: load feedback (JSONL or CSV) and customers into a store.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "voc/store.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc ingest --db FILE [options] [FEEDBACK_FILE ...]\n"
    "\n"
    "Ingests feedback records (JSONL, or CSV with a header row when the name ends in .csv;\n"
    "'-' or no file reads JSONL from stdin) into the store FILE (created if missing), one\n"
    "transaction per file. Personal data in the text is redacted before it is stored.\n"
    "\n"
    "options:\n"
    "  --customers FILE         upsert customers from JSONL first\n"
    "  --lenient                store the good records and report the bad ones (default:\n"
    "                           strict — one bad record aborts the file, nothing is written)\n"
    "  --on-duplicate MODE      error (default) | update | skip, for ids already stored\n"
    "  --keep-raw-text          also keep the unredacted text (contains personal data)\n"
    "  --json                   print the report as JSON\n"
    "\n"
    "Record fields: id, created_at (required), text (required unless a rating is given); channel, touchpoint, customer_id, rating,\n"
    "rating_scale (nps|csat|stars), product, region, attributes, contact_ok. Exit code 1 when\n"
    "any record was rejected.";

int RunIngest(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"db", "customers", "on-duplicate"}, {"lenient", "keep-raw-text", "json"})) {
    return kExitUsage;
  }
  if (!flags.Has("db")) return UsageError("ingest", "--db FILE is required");
  IngestOptions options;
  options.strict = !flags.Has("lenient");
  options.keep_raw_text = flags.Has("keep-raw-text");
  std::string dup = flags.Get("on-duplicate", "error");
  if (dup == "update") {
    options.on_duplicate = OnDuplicate::kUpdate;
  } else if (dup == "skip") {
    options.on_duplicate = OnDuplicate::kSkip;
  } else if (dup != "error") {
    return UsageError("ingest", "--on-duplicate must be error, update or skip");
  }
  StoreOptions so;
  so.path = flags.Get("db");
  auto store = Store::Open(so);
  if (!store.ok()) return Fail("ingest", store.status());

  std::string json_out;
  json::Writer w(&json_out);
  w.BeginObject();
  if (flags.Has("customers")) {
    std::ifstream in;
    if (absl::Status s = OpenInputFile(flags.Get("customers"), "customers file", &in); !s.ok()) return Fail("ingest", s);
    std::stringstream ss;
    ss << in.rdbuf();
    auto n = (*store)->UpsertCustomersJsonl(ss.str());
    if (!n.ok()) return Fail("ingest", absl::Status(n.status().code(), absl::StrCat(flags.Get("customers"), ": ", n.status().message())));
    if (flags.Has("json")) {
      w.Key("customers").Int(static_cast<int64_t>(*n));
    } else {
      std::printf("%s: %zu customers\n", flags.Get("customers").c_str(), *n);
    }
  }
  std::vector<std::string> files = flags.positional();
  if (files.empty()) files.push_back("-");
  bool any_rejected = false;
  w.Key("files").BeginArray();
  for (const std::string& file : files) {
    absl::StatusOr<IngestReport> r;
    if (file == "-") {
      std::stringstream ss;
      ss << std::cin.rdbuf();
      r = (*store)->IngestJsonl(ss.str(), options);
    } else {
      r = (*store)->IngestFile(file, options);
    }
    if (!r.ok()) return Fail("ingest", r.status());
    any_rejected |= !r->errors.empty();
    if (flags.Has("json")) {
      w.BeginObject().Key("file").String(file);
      w.Key("stored").Int(static_cast<int64_t>(r->stored));
      w.Key("updated").Int(static_cast<int64_t>(r->updated));
      w.Key("skipped").Int(static_cast<int64_t>(r->skipped));
      w.Key("redacted").Int(static_cast<int64_t>(r->redacted));
      w.Key("errors").BeginArray();
      for (const IngestError& e : r->errors) {
        w.BeginObject().Key("line").Int(static_cast<int64_t>(e.line)).Key("id").String(e.id);
        w.Key("field").String(e.field).Key("message").String(e.message).EndObject();
      }
      w.EndArray().EndObject();
    } else {
      std::printf("%s: stored %zu, updated %zu, skipped %zu, redacted %zu, rejected %zu\n",
                  file.c_str(), r->stored, r->updated, r->skipped, r->redacted, r->errors.size());
      for (const IngestError& e : r->errors) {
        std::fprintf(stderr, "  line %zu: %s\n", e.line, e.message.c_str());
      }
    }
  }
  w.EndArray();
  auto total = (*store)->CountFeedback();
  if (flags.Has("json")) {
    if (total.ok()) w.Key("total").Int(*total);
    w.EndObject();
    std::printf("%s\n", json_out.c_str());
  } else if (total.ok()) {
    std::printf("%s now holds %lld feedback records\n", so.path.c_str(), static_cast<long long>(*total));
  }
  return any_rejected ? kExitRuntime : kExitOk;
}

VOC_REGISTER_COMMAND("ingest", "load feedback (JSONL/CSV) and customers into a store", kUsage,
                     RunIngest);

}  // namespace
}  // namespace voc::cli
