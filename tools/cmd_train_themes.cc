// voc train-themes: learns a custom aspect model from aspect-labelled JSONL.
#include <chrono>
#include <cstdio>

#include "command.h"
#include "core/strings.h"
#include "absl/strings/numbers.h"
#include "voc/themes.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc train-themes --data FILE --out MODEL [--epochs N] [--seed N] [--hash-bits N]\n"
    "Trains per-aspect detectors, a stacking layer over them and an aspect-conditioned polarity\n"
    "model from JSONL rows {\"text\": ..., \"aspects\": {name: positive|neutral|negative}}.\n"
    "Thresholds, polarity biases and model switches are tuned on 5-fold out-of-fold predictions\n"
    "over FILE (reported as held-out F1). Use the model with `voc analyze --themes MODEL` or\n"
    "`voc themes --themes MODEL`.";

int RunTrainThemes(const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"data", "out", "epochs", "seed", "hash-bits"}, {})) return kExitUsage;
  if (flags.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (!flags.Has("data") || !flags.Has("out")) {
    return UsageError("train-themes", "--data and --out are required");
  }
  ThemeTrainOptions options;
  auto int_flag = [&](const char* name, int* out) {
    if (!flags.Has(name)) return true;
    return absl::SimpleAtoi(AV(flags.Get(name)), out);
  };
  int seed = static_cast<int>(options.seed);
  if (!int_flag("epochs", &options.epochs) || !int_flag("hash-bits", &options.hash_bits) ||
      !int_flag("seed", &seed)) {
    return UsageError("train-themes", "--epochs, --seed and --hash-bits take integers");
  }
  options.seed = static_cast<uint64_t>(seed);
  auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<ThemeExample>> examples = ReadThemeExamples(flags.Get("data"));
  if (!examples.ok()) return Fail("train-themes", examples.status());
  absl::StatusOr<ThemeTrainReport> report =
      TrainThemeModel(*examples, options, flags.Get("out"));
  if (!report.ok()) return Fail("train-themes", report.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "voc train-themes: %zu examples, %zu aspects, held-out F1 %.4f, %.1f s\n",
               report->examples, report->aspects.size(), report->holdout_f1, secs);
  for (size_t a = 0; a < report->aspects.size(); ++a) {
    std::fprintf(stderr, "  %s threshold %.2f\n", report->aspects[a].c_str(), report->thresholds[a]);
  }
  return kExitOk;
}

VOC_REGISTER_COMMAND("train-themes", "train a custom theme (aspect) model", kUsage, RunTrainThemes);

}  // namespace
}  // namespace voc::cli
