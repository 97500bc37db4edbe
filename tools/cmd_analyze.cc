// voc analyze: the full analysis, as JSONL on stdin/stdout or over a store.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "analysis/json_output.h"
#include "analyze_db.h"
#include "core/json.h"
#include "core/strings.h"
#include "voc/analyzer.h"
#include "voc/types.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc analyze --format jsonl [model options] < records.jsonl > results.jsonl\n"
    "       voc analyze --db FILE [--all] [--report FILE.html] [--json] [model options]\n"
    "\n"
    "JSONL mode reads one feedback record per line on stdin (at least {\"id\",\"text\"}; an\n"
    "optional \"channel\" and \"touchpoint\" help journey attribution) and writes exactly one\n"
    "JSON object per input line, in the same order:\n"
    "  {\"id\", \"polarity\" (negative|neutral|positive), \"score\" [-1,1] (>0 = positive),\n"
    "   \"intensity\" [0,1], \"emotion\", \"emotions\" {label: score}, \"intent\"\n"
    "   (complaint|suggestion|inquiry|praise|other), \"effort\" {\"score\",\"evidence\"},\n"
    "   \"clauses\" [{\"start\",\"end\",\"polarity\",\"score\",\"evidence\"}],\n"
    "   \"stages\" [{\"stage\",\"touchpoint\",\"confidence\",\"start\",\"end\"}],\n"
    "   \"themes\" [{\"theme\",\"polarity\",\"score\",\"aspect\",\"opinion\",\"start\",\"end\"}],\n"
    "   \"key_phrases\" [...]}\n"
    "Offsets are UTF-8 byte offsets into the record's text. A line that cannot be analysed\n"
    "gives {\"id\",\"line\",\"error\"} in its place; the exit code is then 1.\n"
    "--threads N analyses on N threads (0: one per core); the output is the same.\n"
    "--max-text-bytes N refuses longer texts with an error line (default 1048576, the store's\n"
    "limit; 0: no limit; JSONL mode only). Analysis holds about 110 bytes of memory per byte\n"
    "of text.\n"
    "\n"
    "Store mode analyses the stored feedback that has no analysis yet (--all: everything),\n"
    "saves the results, prints a summary (--json: as JSON) and optionally writes an HTML report.\n"
    "\n"
    "model options (default: the models shipped with voc):\n"
    "  --sentiment-model FILE   from voc train-sentiment\n"
    "  --emotion-model FILE     from voc train-emotion\n"
    "  --themes FILE            taxonomy JSON or a voc train-themes model\n"
    "  --journey-map FILE       journey map JSON\n"
    "  --model FILE             segmenter model from voc train-segmenter\n"
    "  --user-dict FILE         extra segmenter words\n"
    "  --keyword-idf FILE       IDF table for key phrases (voc keywords --build-idf)";

const std::vector<std::string> kModelFlags = {"sentiment-model", "emotion-model", "themes",
                                              "journey-map", "model", "user-dict",
                                              "keyword-idf"};

AnalyzerOptions OptionsFromFlags(const Flags& flags) {
  AnalyzerOptions o;
  o.sentiment_model = flags.Get("sentiment-model");
  o.emotion_model = flags.Get("emotion-model");
  o.themes = flags.Get("themes");
  o.journey_map = flags.Get("journey-map");
  o.segmenter_model = flags.Get("model");
  o.keyword_idf = flags.Get("keyword-idf");
  o.user_dict = flags.Get("user-dict");
  return o;
}

void WriteError(std::string* out, const json::Value* id, size_t line, std::string_view message) {
  json::Writer w(out);
  w.BeginObject().Key("id");
  if (id != nullptr && id->is_string()) {
    w.String(id->str());
  } else if (id != nullptr && id->is_number()) {
    w.Number(id->number());
  } else {
    w.Null();
  }
  w.Key("line").Int(static_cast<int64_t>(line)).Key("error").String(message).EndObject();
}

// Analyses one input line into `out` (one JSON object, no newline); false when the line
// could not be analysed (`out` then holds the error object).
bool AnalyzeLine(const Analyzer& analyzer, std::string_view line, size_t line_no, std::string* out) {
  auto v = json::Parse(line);
  if (!v.ok() || !v->is_object()) {
    WriteError(out, nullptr, line_no,
               v.ok() ? std::string_view("record must be a JSON object") : SV(v.status().message()));
    return false;
  }
  const json::Value* id = v->Find("id");
  const json::Value* text = v->Find("text");
  if (text == nullptr || !text->is_string()) {
    WriteError(out, id, line_no,
               text == nullptr ? "text is missing"
                               : absl::StrCat("text must be a string, got ",
                                              json::Value::TypeName(text->type())));
    return false;
  }
  AnalysisContext ctx;
  if (const json::Value* ch = v->Find("channel"); ch != nullptr && ch->is_string()) {
    ctx.channel = ParseChannel(ch->str());
  }
  if (const json::Value* tp = v->Find("touchpoint"); tp != nullptr && tp->is_string()) {
    ctx.touchpoint = tp->str();
  }
  auto a = analyzer.Analyze(text->str(), ctx);
  if (!a.ok()) {
    WriteError(out, id, line_no, SV(a.status().message()));
    return false;
  }
  json::Writer w(out);
  w.BeginObject().Key("id");
  if (id == nullptr) {
    w.Null();
  } else {
    w.Raw(json::Serialize(*id));  // the caller's id, type preserved
  }
  WriteAnalysisFields(*a, text->str(), &w);
  w.EndObject();
  return true;
}

// Reads chunks of lines, analyses each chunk on `threads` threads (the Analyzer is
// thread-safe) and writes the results in input order.
int RunJsonl(const Analyzer& analyzer, int threads) {
  std::ios::sync_with_stdio(false);
  constexpr size_t kChunk = 4096;
  std::vector<std::string> lines, outs;
  std::vector<char> ok;
  size_t line_no = 0, failures = 0;
  bool eof = false;
  while (!eof) {
    lines.clear();
    std::string line;
    while (lines.size() < kChunk && std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
    }
    eof = lines.size() < kChunk;
    if (lines.empty()) break;
    outs.assign(lines.size(), std::string());
    ok.assign(lines.size(), 1);
    auto work = [&](size_t begin, size_t step) {
      for (size_t i = begin; i < lines.size(); i += step) {
        ok[i] = AnalyzeLine(analyzer, lines[i], line_no + i + 1, &outs[i]) ? 1 : 0;
      }
    };
    const size_t n_threads = std::min<size_t>(static_cast<size_t>(threads), lines.size());
    if (n_threads <= 1) {
      work(0, 1);
    } else {
      std::vector<std::thread> pool;
      for (size_t t = 0; t < n_threads; ++t) pool.emplace_back(work, t, n_threads);
      for (std::thread& th : pool) th.join();
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      failures += ok[i] ? 0 : 1;
      outs[i].push_back('\n');
      std::fwrite(outs[i].data(), 1, outs[i].size(), stdout);
    }
    const size_t before = line_no;
    line_no += lines.size();
    if (StderrIsTerminal() && line_no / 10000 != before / 10000) {
      std::fprintf(stderr, "\ranalysed %zu records", line_no);
    }
  }
  if (StderrIsTerminal() && line_no >= 10000) std::fprintf(stderr, "\n");
  std::fflush(stdout);
  if (failures > 0) {
    std::fprintf(stderr, "voc analyze: %zu of %zu lines could not be analysed\n", failures,
                 line_no);
    return kExitRuntime;
  }
  return kExitOk;
}

int RunAnalyze(const std::vector<std::string>& args) {
  Flags flags;
  std::vector<std::string> value_flags = {"format", "db", "report", "threads", "max-text-bytes"};
  value_flags.insert(value_flags.end(), kModelFlags.begin(), kModelFlags.end());
  if (!flags.Parse(args, value_flags, {"all", "json"})) return kExitUsage;
  if (!flags.positional().empty()) {
    return UsageError("analyze", "unexpected argument '" + flags.positional()[0] + "'");
  }
  std::string format = flags.Get("format", flags.Has("db") ? "summary" : "jsonl");
  if (!flags.Has("db") && format != "jsonl") {
    return UsageError("analyze", "--format must be jsonl (or use --db)");
  }
  int threads = 1;
  if (flags.Has("threads")) {
    if (!absl::SimpleAtoi(AV(flags.Get("threads")), &threads) || threads < 0 || threads > 256) {
      return UsageError("analyze", "--threads must be an integer 0..256 (0: one per core)");
    }
    if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  AnalyzerOptions options = OptionsFromFlags(flags);
  if (flags.Has("max-text-bytes")) {
    // Stored texts are within the store's 1 MiB already; a lower limit would only leave
    // records unanalysed without a word.
    if (flags.Has("db")) return UsageError("analyze", "--max-text-bytes is for JSONL mode, not --db");
    uint64_t max_bytes = 0;
    if (!absl::SimpleAtoi(AV(flags.Get("max-text-bytes")), &max_bytes)) {
      return UsageError("analyze", "--max-text-bytes must be a non-negative integer (0: no limit)");
    }
    options.max_text_bytes = static_cast<size_t>(max_bytes);
  }
  auto analyzer = Analyzer::Create(options);
  if (!analyzer.ok()) return Fail("analyze", analyzer.status());
  if (flags.Has("db")) {
    return AnalyzeStoreCommand(**analyzer, flags.Get("db"), flags.Has("all"), flags.Get("report"),
                               flags.Has("json"));
  }
  return RunJsonl(**analyzer, threads);
}

VOC_REGISTER_COMMAND("analyze", "analyse feedback (JSONL on stdin, or a store with --db)", kUsage,
                     RunAnalyze);

}  // namespace
}  // namespace voc::cli
