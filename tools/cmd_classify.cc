// voc classify: sentiment, emotion, intent and effort only (the sentiment part of voc analyze).
#include <cstdio>
#include <iostream>
#include <string>

#include "command.h"
#include "core/json.h"
#include "core/strings.h"
#include "sentiment/json_output.h"
#include "voc/sentiment.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc classify --format jsonl [--sentiment-model F] [--emotion-model F] [--lexicon F]\n"
    "                    < records.jsonl > results.jsonl\n"
    "\n"
    "Reads one record {\"id\",\"text\"} per line on stdin and writes one JSON object per line:\n"
    "{\"id\", \"polarity\", \"score\" [-1,1] (>0 = positive), \"intensity\", \"emotion\",\n"
    " \"emotions\", \"intent\", \"effort\" {\"score\",\"evidence\"}, \"clauses\"}. Offsets are UTF-8\n"
    "byte offsets into the text. A line that cannot be analysed gives {\"id\",\"line\",\"error\"};\n"
    "the exit code is then 1.";

void WriteId(json::Writer* w, const json::Value* id) {
  w->Key("id");
  if (id != nullptr && id->is_string()) {
    w->String(id->str());
  } else if (id != nullptr && id->is_number()) {
    w->Number(id->number());
  } else {
    w->Null();
  }
}

int RunClassify(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"format", "sentiment-model", "emotion-model", "lexicon"}, {})) return kExitUsage;
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (flags.Get("format", "jsonl") != "jsonl") return UsageError("classify", "only --format jsonl is supported");
  SentimentOptions o;
  o.sentiment_model = flags.Get("sentiment-model");
  o.emotion_model = flags.Get("emotion-model");
  o.lexicon = flags.Get("lexicon");
  auto analyzer = SentimentAnalyzer::Create(o);
  if (!analyzer.ok()) return Fail("classify", analyzer.status());
  std::ios::sync_with_stdio(false);
  std::string line, out;
  size_t line_no = 0, failures = 0;
  Analysis a;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    out.clear();
    json::Writer w(&out);
    w.BeginObject();
    auto v = json::Parse(line);
    const json::Value* id = v.ok() ? v->Find("id") : nullptr;
    const json::Value* text = v.ok() ? v->Find("text") : nullptr;
    WriteId(&w, id);
    absl::Status st = !v.ok() ? v.status()
                      : (text == nullptr || !text->is_string())
                          ? absl::InvalidArgumentError("expected a string field \"text\"")
                          : (*analyzer)->Analyze(text->str(), &a);
    if (st.ok()) {
      WriteSentimentFields(a, text->str(), &w);
    } else {
      ++failures;
      w.Key("line").Int(static_cast<int64_t>(line_no)).Key("error").String(SV(st.message()));
    }
    w.EndObject();
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return failures > 0 ? kExitRuntime : kExitOk;
}

VOC_REGISTER_COMMAND("classify", "sentiment, emotion, intent and effort for JSONL feedback", kUsage,
                     RunClassify);

}  // namespace
}  // namespace voc::cli
