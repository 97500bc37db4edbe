// voc analyze: the full analysis, as JSONL on stdin/stdout or over a store.
#include <cstdio>
#include <iostream>
#include <string>

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
    "  --user-dict FILE         extra segmenter words";

const std::vector<std::string> kModelFlags = {"sentiment-model", "emotion-model", "themes",
                                              "journey-map", "model", "user-dict"};

AnalyzerOptions OptionsFromFlags(const Flags& flags) {
  AnalyzerOptions o;
  o.sentiment_model = flags.Get("sentiment-model");
  o.emotion_model = flags.Get("emotion-model");
  o.themes = flags.Get("themes");
  o.journey_map = flags.Get("journey-map");
  o.segmenter_model = flags.Get("model");
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

int RunJsonl(const Analyzer& analyzer) {
  std::ios::sync_with_stdio(false);
  std::string line, out;
  size_t line_no = 0, failures = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.clear();
    auto v = json::Parse(line);
    if (!v.ok() || !v->is_object()) {
      ++failures;
      WriteError(&out, nullptr, line_no,
                 v.ok() ? std::string_view("record must be a JSON object")
                        : SV(v.status().message()));
    } else {
      const json::Value* id = v->Find("id");
      const json::Value* text = v->Find("text");
      if (text == nullptr || !text->is_string()) {
        ++failures;
        WriteError(&out, id, line_no,
                   text == nullptr ? "text is missing"
                                   : absl::StrCat("text must be a string, got ",
                                                  json::Value::TypeName(text->type())));
      } else {
        AnalysisContext ctx;
        if (const json::Value* ch = v->Find("channel"); ch != nullptr && ch->is_string()) {
          ctx.channel = ParseChannel(ch->str());
        }
        if (const json::Value* tp = v->Find("touchpoint"); tp != nullptr && tp->is_string()) {
          ctx.touchpoint = tp->str();
        }
        auto a = analyzer.Analyze(text->str(), ctx);
        if (!a.ok()) {
          ++failures;
          WriteError(&out, id, line_no, SV(a.status().message()));
        } else {
          json::Writer w(&out);
          w.BeginObject().Key("id");
          if (id == nullptr) {
            w.Null();
          } else {
            w.Raw(json::Serialize(*id));  // the caller's id, type preserved
          }
          WriteAnalysisFields(*a, text->str(), &w);
          w.EndObject();
        }
      }
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (StderrIsTerminal() && line_no % 10000 == 0) {
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
  std::vector<std::string> value_flags = {"format", "db", "report"};
  value_flags.insert(value_flags.end(), kModelFlags.begin(), kModelFlags.end());
  if (!flags.Parse(args, value_flags, {"all", "json"})) return kExitUsage;
  if (!flags.positional().empty()) {
    return UsageError("analyze", "unexpected argument '" + flags.positional()[0] + "'");
  }
  std::string format = flags.Get("format", flags.Has("db") ? "summary" : "jsonl");
  if (!flags.Has("db") && format != "jsonl") {
    return UsageError("analyze", "--format must be jsonl (or use --db)");
  }
  auto analyzer = Analyzer::Create(OptionsFromFlags(flags));
  if (!analyzer.ok()) return Fail("analyze", analyzer.status());
  if (flags.Has("db")) {
    return AnalyzeStoreCommand(**analyzer, flags.Get("db"), flags.Has("all"), flags.Get("report"),
                               flags.Has("json"));
  }
  return RunJsonl(**analyzer);
}

VOC_REGISTER_COMMAND("analyze", "analyse feedback (JSONL on stdin, or a store with --db)", kUsage,
                     RunAnalyze);

}  // namespace
}  // namespace voc::cli
