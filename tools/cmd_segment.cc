// voc segment: word segmentation, one line in, one line out (the accuracy contract).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/strings.h"
#include "text/char_tagger.h"
#include "voc/text.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc segment [--model FILE] [--user-dict FILE] [--pos] [--no-hmm] < text > tokens\n"
    "\n"
    "Reads UTF-8 lines on stdin and writes, for each input line, one line with its tokens\n"
    "separated by single spaces (word/TAG with --pos), in the same order; empty lines stay\n"
    "empty. Spaces in the input separate tokens and are never part of one. Tokens are the\n"
    "original text (lookups use its normalised form: Traditional, full-width, upper case).\n"
    "\n"
    "  --model FILE       a model from voc train-segmenter instead of the lexicon\n"
    "  --user-dict FILE   extra words, one per line: word [frequency] [tag]; -word hides one\n"
    "  --pos              append the coarse part of speech: n nr ns nt v a d neg deg m q r p\n"
    "                     c u e t f i eng url at emoji w x\n"
    "  --no-hmm           no unknown-word model (lexicon words and single characters only)";

int RunSegment(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"model", "user-dict"}, {"pos", "no-hmm"})) return kExitUsage;
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (!flags.positional().empty()) return UsageError("segment", "reads stdin; no file arguments");
  SegmenterOptions options;
  options.model = flags.Get("model");
  options.user_dict = flags.Get("user-dict");
  options.hmm = !flags.Has("no-hmm");
  auto seg = Segmenter::Create(options);
  if (!seg.ok()) return Fail("segment", seg.status());
  const bool pos = flags.Has("pos");
  std::ios::sync_with_stdio(false);
  std::string line, out;
  std::vector<Token> tokens;
  out.reserve(1 << 20);
  while (std::getline(std::cin, line)) {
    (*seg)->Segment(line, &tokens);
    AppendTokens(line, tokens, pos, &out);
    out.push_back('\n');
    if (out.size() >= (1 << 20)) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
        return Fail("segment", absl::ResourceExhaustedError("writing stdout failed"));
      }
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    return Fail("segment", absl::ResourceExhaustedError("writing stdout failed"));
  }
  return kExitOk;
}

constexpr char kTrainUsage[] =
    "usage: voc train-segmenter --corpus FILE --out MODEL [--epochs N] [--hash-bits B]\n"
    "\n"
    "Learns a segmenter from a space-segmented corpus (one sentence per line) for customers\n"
    "with their own segmentation standard: a character tagger (B/M/E/S, structured averaged\n"
    "perceptron over character n-grams). Use it with voc segment --model MODEL;\n"
    "python3 scripts/eval_seg.py --model MODEL measures it on a segmented corpus.";

int RunTrainSegmenter(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"corpus", "out", "epochs", "hash-bits"}, {})) {
    return kExitUsage;
  }
  if (flags.help()) {
    std::puts(kTrainUsage);
    return kExitOk;
  }
  if (!flags.Has("corpus") || !flags.Has("out")) {
    return UsageError("train-segmenter", "--corpus and --out are required");
  }
  text::CharTaggerTrainOptions options;
  if (flags.Has("epochs") && !absl::SimpleAtoi(flags.Get("epochs"), &options.epochs)) {
    return UsageError("train-segmenter", "--epochs takes a number");
  }
  if (flags.Has("hash-bits") && !absl::SimpleAtoi(flags.Get("hash-bits"), &options.hash_bits)) {
    return UsageError("train-segmenter", "--hash-bits takes a number");
  }
  auto corpus = text::ReadSegmentedCorpus(flags.Get("corpus"));
  if (!corpus.ok()) return Fail("train-segmenter", corpus.status());
  const auto t0 = std::chrono::steady_clock::now();
  options.progress = [&](int epoch, double accuracy) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "epoch %d: training tag accuracy %.4f (%.0f s)\n", epoch, accuracy, s);
  };
  auto model = text::CharTagger::Train(*corpus, options);
  if (!model.ok()) return Fail("train-segmenter", model.status());
  if (absl::Status st = (*model)->Save(flags.Get("out")); !st.ok()) return Fail("train-segmenter", st);
  std::fprintf(stderr, "wrote %s (%zu sentences)\n", flags.Get("out").c_str(), corpus->size());
  return kExitOk;
}

VOC_REGISTER_COMMAND("segment", "word segmentation: text lines in, space-separated tokens out",
                     kUsage, RunSegment);
VOC_REGISTER_COMMAND("train-segmenter", "train a segmenter from a space-segmented corpus",
                     kTrainUsage, RunTrainSegmenter);

}  // namespace
}  // namespace voc::cli
