// voc discover-words: candidate new words (for the lexicon) from a corpus.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"
#include "text/word_discovery.h"
#include "voc/text.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc discover-words FILE [--top N] [--min-count N] [--min-pmi X] [--min-entropy X]\n"
    "                          [--max-length N] [--lexicon FILE] [--format tsv|json]\n"
    "\n"
    "Finds strings of 2-6 Han characters that behave like words in FILE (one text per line,\n"
    "or JSONL with a \"text\" field; - for stdin): frequent, cohesive (minimum PMI over the\n"
    "split points) and free (entropy of the characters to the left and right). Words already\n"
    "in the lexicon (voc's own: jieba's dict.txt plus the domain words; or --lexicon FILE,\n"
    "one word per line, first column), and strings made of two such words, are left out.\n"
    "\n"
    "Output, best first: word, count, score, pmi, left_entropy, right_entropy (tab separated\n"
    "with a header line), or one JSON array with --format json.\n"
    "\n"
    "  --top N          at most N words (default 100; 0 = all)\n"
    "  --min-count N    occurrences needed (default 5)\n"
    "  --min-pmi X      cohesion needed, natural log (default 2)\n"
    "  --min-entropy X  neighbour entropy needed on both sides, natural log (default 1)\n"
    "  --max-length N   longest candidate in characters (default 6)";

int RunDiscoverWords(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"top", "min-count", "min-pmi", "min-entropy", "max-length", "lexicon", "format"},
                   {})) {
    return kExitUsage;
  }
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (flags.positional().size() != 1) return UsageError("discover-words", "expects one corpus FILE (or -)");
  text::WordDiscoveryOptions options;
  int64_t top = static_cast<int64_t>(options.top);
  if (flags.Has("top") && (!absl::SimpleAtoi(AV(flags.Get("top")), &top) || top < 0)) {
    return UsageError("discover-words", "--top takes a number >= 0");
  }
  options.top = static_cast<size_t>(top);
  if (flags.Has("min-count") &&
      (!absl::SimpleAtoi(AV(flags.Get("min-count")), &options.min_count) || options.min_count < 1)) {
    return UsageError("discover-words", "--min-count takes a number >= 1");
  }
  if (flags.Has("min-pmi") &&
      (!absl::SimpleAtod(AV(flags.Get("min-pmi")), &options.min_pmi) || std::isnan(options.min_pmi))) {
    return UsageError("discover-words", "--min-pmi takes a number");
  }
  if (flags.Has("min-entropy") &&
      (!absl::SimpleAtod(AV(flags.Get("min-entropy")), &options.min_entropy) || std::isnan(options.min_entropy))) {
    return UsageError("discover-words", "--min-entropy takes a number");
  }
  if (flags.Has("max-length") &&
      (!absl::SimpleAtoi(AV(flags.Get("max-length")), &options.max_length) || options.max_length < 2 ||
       options.max_length > 16)) {
    return UsageError("discover-words", "--max-length takes a number within 2..16");
  }
  const std::string format = flags.Get("format", "tsv");
  if (format != "tsv" && format != "json") return UsageError("discover-words", "--format is tsv or json");

  std::unordered_set<std::string> lexicon;
  if (flags.Has("lexicon")) {
    std::ifstream in;
    if (absl::Status s = OpenInputFile(flags.Get("lexicon"), "lexicon", &in); !s.ok()) return Fail("discover-words", s);
    std::string line;
    while (std::getline(in, line)) {
      const size_t end = line.find_first_of(" \t\r");
      if (end != 0 && !line.empty()) lexicon.insert(line.substr(0, end));
    }
  }

  const std::string path = flags.positional()[0];
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    if (absl::Status s = OpenInputFile(path, "corpus", &file); !s.ok()) return Fail("discover-words", s);
    in = &file;
  }
  std::vector<std::string> texts;
  std::string line;
  size_t line_no = 0;
  while (std::getline(*in, line)) {
    ++line_no;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    if (line[first] == '{') {  // JSONL: the "text" field
      auto v = json::Parse(line);
      if (!v.ok()) {
        return Fail("discover-words", absl::InvalidArgumentError(absl::StrCat(
                                          path, " line ", line_no, ": ", v.status().message())));
      }
      const json::Value* t = v->Find("text");
      if (t == nullptr || !t->is_string()) {
        return Fail("discover-words", absl::InvalidArgumentError(
                                          absl::StrCat(path, " line ", line_no, ": no \"text\" string field")));
      }
      texts.push_back(t->str());
    } else {
      texts.push_back(line);
    }
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::function<bool(std::string_view)> known;
  std::unique_ptr<Segmenter> segmenter;
  if (!lexicon.empty()) {
    known = [&](std::string_view w) { return lexicon.count(std::string(w)) > 0; };
  } else if (!flags.Has("lexicon")) {
    auto created = Segmenter::Create(SegmenterOptions());
    if (!created.ok()) return Fail("discover-words", created.status());
    segmenter = std::move(*created);
    known = [&](std::string_view w) { return segmenter->Contains(w); };
  }
  const auto words = text::DiscoverWords(views, options, known);

  std::string out;
  if (format == "json") {
    json::Writer w(&out);
    w.BeginArray();
    for (const auto& d : words) {
      w.BeginObject()
          .Key("word").String(d.word)
          .Key("count").Int(d.count)
          .Key("score").Number(d.score)
          .Key("pmi").Number(d.pmi)
          .Key("left_entropy").Number(d.left_entropy)
          .Key("right_entropy").Number(d.right_entropy)
          .EndObject();
    }
    w.EndArray();
    out += '\n';
  } else {
    out = "word\tcount\tscore\tpmi\tleft_entropy\tright_entropy\n";
    char buf[160];
    for (const auto& d : words) {
      std::snprintf(buf, sizeof(buf), "\t%lld\t%.4f\t%.4f\t%.4f\t%.4f\n", static_cast<long long>(d.count),
                    d.score, d.pmi, d.left_entropy, d.right_entropy);
      out += d.word;
      out += buf;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

VOC_REGISTER_COMMAND("discover-words", "candidate new words (frequent, cohesive, free) in a corpus",
                     kUsage, RunDiscoverWords);

}  // namespace
}  // namespace voc::cli
