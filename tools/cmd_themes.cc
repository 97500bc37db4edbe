// voc themes: theme mentions for JSONL feedback on stdin, as `voc analyze` gives them (same
// tokens, same sentiment context), without the rest of the analysis.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "themes/json_output.h"
#include "voc/sentiment.h"
#include "voc/text.h"
#include "voc/themes.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc themes [--format jsonl|text] [--themes MODEL|TAXONOMY.json] [--combine TAXONOMY.json]\n"
    "                  [--input FILE] [--sentiment-model FILE]\n"
    "Reads {\"id\",\"text\"} JSONL (stdin by default) and writes {\"id\",\"themes\":[...]} per line,\n"
    "the themes `voc analyze` reports: a taxonomy mention with no opinion word of its own takes\n"
    "the sentiment of its clause (when strong) or of the text.\n"
    "--themes    a trained model (voc train-themes) or a taxonomy JSON; default: the shipped taxonomy\n"
    "--combine   with a model, also apply this rule taxonomy\n"
    "--sentiment-model  the sentiment model for that context (voc train-sentiment; default: shipped)\n"
    "--validate  only check the --themes taxonomy file and exit";

int RunThemes(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"format", "themes", "combine", "input", "sentiment-model"}, {"validate"})) {
    return kExitUsage;
  }
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  std::string format = flags.Get("format", "jsonl");
  if (format != "jsonl" && format != "text") {
    return UsageError("themes", "--format must be jsonl or text");
  }
  ThemeOptions options;
  options.path = flags.Get("themes");
  options.combine_taxonomy = flags.Get("combine");
  absl::StatusOr<std::unique_ptr<ThemeAnalyzer>> analyzer = ThemeAnalyzer::Create(options);
  if (!analyzer.ok()) return Fail("themes", analyzer.status());
  if (flags.Has("validate")) {
    std::printf("ok: %zu themes (%s)\n", (*analyzer)->themes().size(),
                std::string((*analyzer)->kind()).c_str());
    return kExitOk;
  }
  // The analyzer's segmentation (cues on word boundaries) and sentiment (context polarity).
  absl::StatusOr<std::unique_ptr<Segmenter>> segmenter = Segmenter::Create(SegmenterOptions());
  if (!segmenter.ok()) return Fail("themes", segmenter.status());
  SentimentOptions sentiment_options;
  sentiment_options.sentiment_model = flags.Get("sentiment-model");
  absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> sentiment = SentimentAnalyzer::Create(sentiment_options);
  if (!sentiment.ok()) return Fail("themes", sentiment.status());
  std::vector<Token> tokens;
  Analysis analysis;
  // std::getline keeps NUL bytes inside a line (fgets ended the line there, and an empty
  // piece then read line.back() of an empty string).
  std::ifstream file;
  std::istream* in = &std::cin;
  if (flags.Has("input")) {
    if (absl::Status s = OpenInputFile(flags.Get("input"), "input", &file); !s.ok()) return Fail("themes", s);
    in = &file;
  }
  std::string line, out;
  size_t lineno = 0;
  int rc = kExitOk;
  while (std::getline(*in, line)) {
    ++lineno;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    absl::StatusOr<json::Value> v = json::Parse(line);
    const json::Value* text = v.ok() ? v->Find("text") : nullptr;
    if (text == nullptr || !text->is_string()) {
      std::fprintf(stderr, "voc themes: line %zu: %s\n", lineno,
                   v.ok() ? "missing string \"text\"" : std::string(v.status().message()).c_str());
      rc = kExitRuntime;
      continue;
    }
    const std::string& body = text->str();
    (*segmenter)->Segment(body, &tokens);
    // Sentiment refuses only invalid UTF-8, which the themes tolerate (it matches less).
    const bool scored = (*sentiment)->Analyze(body, &tokens, &analysis).ok();
    const ThemeSentimentContext context{analysis.score, &analysis.clauses};
    std::vector<ThemeMention> mentions = (*analyzer)->Analyze(body, &tokens, scored ? &context : nullptr);
    out.clear();
    if (format == "jsonl") {
      json::Writer w(&out);
      w.BeginObject();
      const json::Value* id = v->Find("id");
      w.Key("id");
      if (id != nullptr) {
        w.Raw(json::Serialize(*id));
      } else {
        w.Int(static_cast<int64_t>(lineno));
      }
      WriteThemes(mentions, &w);
      w.EndObject();
    } else {
      for (const ThemeMention& m : mentions) {
        out += m.theme + "\t" + std::string(PolarityName(m.polarity)) + "\t" + m.aspect + "\t" +
               m.opinion + "\n";
      }
      if (mentions.empty()) out += "-\n";
      out.pop_back();
    }
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return rc;
}

VOC_REGISTER_COMMAND("themes", "themes (aspects) with sentiment for JSONL feedback", kUsage,
                     RunThemes);

}  // namespace
}  // namespace voc::cli
