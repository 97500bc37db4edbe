// voc discover-themes: candidate new themes from the feedback no theme matched.
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "themes/json_output.h"
#include "core/strings.h"
#include "voc/sentiment.h"
#include "voc/themes.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc discover-themes [--input FILE] [--themes MODEL|TAXONOMY.json] [--clusters K]\n"
    "                           [--seed N] [--top-terms N] [--examples N] [--min-size N] [--all]\n"
    "Reads {\"id\",\"text\"} JSONL (stdin by default), keeps the texts no theme matched (all with\n"
    "--all), clusters them and prints one JSON object with the candidate themes: top terms,\n"
    "size, share negative and example ids. Deterministic for a fixed --seed.";

int RunDiscoverThemes(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"input", "themes", "clusters", "seed", "top-terms", "examples", "min-size"},
                   {"all"})) {
    return kExitUsage;
  }
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  DiscoveryOptions options;
  int seed = static_cast<int>(options.seed), min_size = static_cast<int>(options.min_size);
  auto int_flag = [&](const char* name, int* out, int lo, int hi) {
    if (!flags.Has(name)) return true;
    return absl::SimpleAtoi(AV(flags.Get(name)), out) && *out >= lo && *out <= hi;
  };
  if (!int_flag("clusters", &options.clusters, 1, 1000) || !int_flag("seed", &seed, 0, 1 << 30) ||
      !int_flag("top-terms", &options.top_terms, 1, 100) ||
      !int_flag("examples", &options.examples, 0, 1000) || !int_flag("min-size", &min_size, 1, 1 << 30)) {
    return UsageError("discover-themes",
                      "--clusters (1-1000), --seed, --top-terms, --examples and --min-size take "
                      "non-negative integers");
  }
  options.seed = static_cast<uint64_t>(seed);
  options.min_size = static_cast<size_t>(min_size);
  std::unique_ptr<ThemeAnalyzer> analyzer;
  // With --all no theme filters anything, but a --themes given anyway must still exist.
  if (!flags.Has("all") || flags.Has("themes")) {
    ThemeOptions topt;
    topt.path = flags.Get("themes");
    absl::StatusOr<std::unique_ptr<ThemeAnalyzer>> a = ThemeAnalyzer::Create(topt);
    if (!a.ok()) return Fail("discover-themes", a.status());
    if (!flags.Has("all")) analyzer = std::move(*a);
  }
  // The shipped sentiment models decide share_negative; without them, the theme rules do.
  std::unique_ptr<SentimentAnalyzer> sentiment;
  if (auto s = SentimentAnalyzer::Create(SentimentOptions()); s.ok()) sentiment = std::move(*s);
  options.sentiment = sentiment.get();
  // std::getline keeps NUL bytes inside a line (fgets ended the line there, and an empty
  // piece then read line.back() of an empty string).
  std::ifstream file;
  std::istream* in = &std::cin;
  if (flags.Has("input")) {
    if (absl::Status s = OpenInputFile(flags.Get("input"), "input", &file); !s.ok()) return Fail("discover-themes", s);
    in = &file;
  }
  std::vector<DiscoveryDocument> docs;
  std::string line;
  size_t lineno = 0;
  while (std::getline(*in, line)) {
    ++lineno;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    DiscoveryDocument doc;
    if (absl::Status st = ParseDiscoveryLine(line, lineno, &doc); !st.ok()) {
      return Fail("discover-themes", st);
    }
    docs.push_back(std::move(doc));
  }
  DiscoveryResult r = DiscoverThemes(docs, analyzer.get(), options);
  std::string out = RenderDiscoveryJson(r);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

VOC_REGISTER_COMMAND("discover-themes", "cluster unmatched feedback into candidate themes", kUsage,
                     RunDiscoverThemes);

}  // namespace
}  // namespace voc::cli
