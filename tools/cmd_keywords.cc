#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "command.h"
#include "core/json.h"
#include "voc/keywords.h"
#include "voc/text.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc keywords [--top N] [--weights] [--json] [--user-dict FILE] [--idf FILE]\n"
    "\n"
    "Reads UTF-8 lines on stdin and writes, for each input line, one line with its top N\n"
    "(default 5) key words by TF-IDF, highest first, separated by single spaces (empty when\n"
    "none; empty input lines stay empty). Words are printed in normalised form (lower-case,\n"
    "half-width, Simplified).\n"
    "  --weights        print word:weight (weight = tf * idf, 4 decimals)\n"
    "  --json           one JSON array per line: [{\"word\",\"surface\",\"start\",\"end\",\n"
    "                   \"count\",\"weight\"}] with byte offsets into the input line\n"
    "  --user-dict FILE user dictionary for the segmenter (\"word [freq] [tag]\" per line)\n"
    "  --idf FILE       compiled IDF table (default: the data file lexicon/idf.bin)";

int RunKeywords(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"top", "user-dict", "idf"}, {"weights", "json"})) return kExitUsage;
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (!flags.positional().empty()) return UsageError("keywords", "unexpected argument " + flags.positional()[0]);
  int top = 5;
  if (flags.Has("top") && (!absl::SimpleAtoi(flags.Get("top"), &top) || top <= 0 || top > 1000)) {
    return UsageError("keywords", "--top must be an integer in 1..1000, got " + flags.Get("top"));
  }
  SegmenterOptions so;
  so.user_dict = flags.Get("user-dict");
  auto seg = Segmenter::Create(so);
  if (!seg.ok()) return Fail("keywords", seg.status());
  KeywordOptions ko;
  ko.idf_path = flags.Get("idf");
  ko.top_k = static_cast<size_t>(top);
  auto kw = KeywordExtractor::Create(ko, std::shared_ptr<const Segmenter>(std::move(*seg)));
  if (!kw.ok()) return Fail("keywords", kw.status());
  const bool weights = flags.Has("weights"), json_out = flags.Has("json");
  std::string line, out;
  std::ios::sync_with_stdio(false);
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.clear();
    auto ks = (*kw)->Extract(line);
    if (json_out) {
      out += '[';
      for (size_t i = 0; i < ks.size(); ++i) {
        if (i) out += ',';
        out += "{\"word\":";
        json::AppendQuoted(&out, ks[i].text);
        out += ",\"surface\":";
        json::AppendQuoted(&out, ks[i].surface);
        char buf[128];
        std::snprintf(buf, sizeof buf, ",\"start\":%u,\"end\":%u,\"count\":%u,\"weight\":%.6g}",
                      ks[i].start, ks[i].end, ks[i].count, ks[i].weight);
        out += buf;
      }
      out += ']';
    } else {
      for (size_t i = 0; i < ks.size(); ++i) {
        if (i) out += ' ';
        out += ks[i].text;
        if (weights) {
          char buf[32];
          std::snprintf(buf, sizeof buf, ":%.4f", ks[i].weight);
          out += buf;
        }
      }
    }
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (std::fflush(stdout) != 0) return Fail("keywords", absl::InternalError("write to stdout failed"));
  return kExitOk;
}

VOC_REGISTER_COMMAND("keywords", "top key words of each stdin line by TF-IDF", kUsage, RunKeywords);

}  // namespace
}  // namespace voc::cli
