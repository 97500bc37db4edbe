// voc themes: theme mentions for JSONL feedback on stdin (until `voc analyze --themes` exists).
#include <cstdio>
#include <iostream>
#include <string>

#include "command.h"
#include "core/json.h"
#include "themes/json_output.h"
#include "voc/themes.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc themes [--format jsonl|text] [--themes MODEL|TAXONOMY.json] [--combine TAXONOMY.json]\n"
    "                  [--input FILE]\n"
    "Reads {\"id\",\"text\"} JSONL (stdin by default) and writes {\"id\",\"themes\":[...]} per line.\n"
    "--themes    a trained model (voc train-themes) or a taxonomy JSON; default: the shipped taxonomy\n"
    "--combine   with a model, also apply this rule taxonomy\n"
    "--validate  only check the --themes taxonomy file and exit";

int RunThemes(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"format", "themes", "combine", "input"}, {"validate"})) return kExitUsage;
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
  FILE* in = stdin;
  if (flags.Has("input")) {
    in = std::fopen(flags.Get("input").c_str(), "rb");
    if (in == nullptr) {
      return Fail("themes", absl::NotFoundError("cannot open " + flags.Get("input")));
    }
  }
  std::string line, out;
  size_t lineno = 0;
  int rc = kExitOk;
  char buf[65536];
  while (true) {
    line.clear();
    bool got = false;
    while (std::fgets(buf, sizeof buf, in) != nullptr) {
      got = true;
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    if (!got) break;
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
    std::vector<ThemeMention> mentions = (*analyzer)->Analyze(text->str());
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
  if (in != stdin) std::fclose(in);
  return rc;
}

VOC_REGISTER_COMMAND("themes", "themes (aspects) with sentiment for JSONL feedback", kUsage,
                     RunThemes);

}  // namespace
}  // namespace voc::cli
