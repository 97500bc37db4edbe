#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "voc/keywords.h"
#include "voc/store.h"
#include "voc/text.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc keywords [--top N] [--weights] [--json] [--user-dict FILE] [--idf FILE]\n"
    "       voc keywords --build-idf FILE|- --out TABLE [--min-df N]\n"
    "       voc keywords --build-idf-db DB --out TABLE [--min-df N]\n"
    "\n"
    "Reads UTF-8 lines on stdin and writes, for each input line, one line with its top N\n"
    "(default 5) key words by TF-IDF, highest first, separated by single spaces (empty when\n"
    "none; empty input lines stay empty). Words are printed in normalised form (lower-case,\n"
    "half-width, Simplified).\n"
    "  --weights        print word:weight (weight = tf * idf, 4 decimals)\n"
    "  --json           one JSON array per line: [{\"word\",\"surface\",\"start\",\"end\",\n"
    "                   \"count\",\"weight\"}] with byte offsets into the input line\n"
    "  --user-dict FILE user dictionary for the segmenter (\"word [freq] [tag]\" per line)\n"
    "  --idf FILE       compiled IDF table (default: the data file lexicon/idf.bin, from\n"
    "                   jieba's idf.txt)\n"
    "\n"
    "--build-idf computes an IDF table over a corpus of your own feedback (one text per line,\n"
    "or JSONL with a \"text\" field), --build-idf-db over the texts in a store; use it with\n"
    "--idf TABLE (or AnalyzerOptions) so key phrases reflect your domain. Words in fewer than\n"
    "--min-df documents (default 2) are left out.";

int BuildIdf(const Flags& flags, const KeywordExtractor& kw) {
  if (!flags.Has("out")) return UsageError("keywords", "--build-idf needs --out TABLE");
  int min_df = 2;
  if (flags.Has("min-df") && (!absl::SimpleAtoi(flags.Get("min-df"), &min_df) || min_df < 1)) {
    return UsageError("keywords", "--min-df must be a positive integer, got " + flags.Get("min-df"));
  }
  std::vector<std::string> docs;
  if (flags.Has("build-idf-db")) {
    StoreOptions so;
    so.path = flags.Get("build-idf-db");
    so.create_if_missing = false;
    auto store = Store::Open(so);
    if (!store.ok()) return Fail("keywords", store.status());
    FeedbackQuery q;
    q.skip_duplicates = true;
    auto rows = (*store)->Query(q);
    if (!rows.ok()) return Fail("keywords", rows.status());
    for (const Feedback& f : *rows) docs.push_back(f.text);
  } else {
    const std::string path = flags.Get("build-idf");
    std::ifstream file;
    if (path != "-") {
      if (absl::Status s = OpenInputFile(path, "corpus", &file); !s.ok()) return Fail("keywords", s);
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line[0] == '{') {
        auto v = json::Parse(line);
        const json::Value* t = v.ok() ? v->Find("text") : nullptr;
        if (t == nullptr || !t->is_string()) {
          return Fail("keywords", absl::InvalidArgumentError(
                                      "corpus " + path + " line " + std::to_string(line_no) +
                                      ": JSONL needs a string \"text\""));
        }
        docs.push_back(t->str());
      } else {
        docs.push_back(line);
      }
    }
  }
  if (absl::Status st = WriteIdfTable(kw, docs, flags.Get("out"), static_cast<size_t>(min_df)); !st.ok()) {
    return Fail("keywords", st);
  }
  std::fprintf(stderr, "wrote %s (%zu documents)\n", flags.Get("out").c_str(), docs.size());
  return kExitOk;
}

int RunKeywords(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"top", "user-dict", "idf", "build-idf", "build-idf-db", "out", "min-df"},
                   {"weights", "json"})) {
    return kExitUsage;
  }
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
  if (flags.Has("build-idf") || flags.Has("build-idf-db")) return BuildIdf(flags, **kw);
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
