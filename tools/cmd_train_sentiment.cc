// voc train-sentiment / voc train-emotion: train the linear models from JSONL {"text","label"}.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "command.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"
#include "voc/sentiment.h"

namespace voc::cli {
namespace {

constexpr char kSentimentUsage[] =
    "usage: voc train-sentiment --data FILE[,FILE...] --out MODEL [options]\n"
    "\n"
    "Trains the sentiment model (logistic regression over NB-weighted hashed character 1-4\n"
    "grams plus lexicon/rule features) from JSONL lines {\"text\",\"label\"} with label\n"
    "positive|negative. Use the result with --sentiment-model.\n"
    "\n"
    "options:\n"
    "  --epochs N        passes over the data (default 8)\n"
    "  --hash-bits B     2^B feature buckets, 12..24 (default 20)\n"
    "  --lr X            AdaGrad learning rate (default 0.2)\n"
    "  --l2 X            L2 regularisation (default 1e-7)\n"
    "  --no-nb           plain features instead of NB log-count-ratio weighting\n"
    "  --holdout F       hold out a fraction F of the data and print its accuracy\n"
    "  --max-ngram N     character n-grams of order 1..N, N <= 4 (default 4)\n"
    "  --ensemble N      average N models (alternately NB-weighted and plain; default 1)\n"
    "  --lexicon FILE    sentiment lexicon TSV (default: the shipped one)\n"
    "  --seed N          shuffling seed (default 1)\n"
    "  --domains         domain adaptation: each distinct --data file is a domain; a domain\n"
    "                    classifier is stored in the model and every feature also fires\n"
    "                    conjoined with the predicted domain (default off: it did not help in\n"
    "                    cross-validation on the shipped data)\n"
    "  --negation        also 1-2-grams tagged as inside a negation scope (不/没/无... to the\n"
    "                    end of the clause)\n"
    "  --domain-scale X  value of a conjoined feature relative to the plain one (default 1)\n"
    "  --verbose         progress on stderr";

constexpr char kEmotionUsage[] =
    "usage: voc train-emotion --data FILE[,FILE...] --out MODEL [options]\n"
    "\n"
    "Trains the emotion model (softmax regression over the same features) from JSONL lines\n"
    "{\"text\",\"label\"}. Labels: voc's anger disgust sadness fear surprise joy like neutral,\n"
    "SMP2020-EWECT's angry happy sad fear surprise neutral, or CLUEmotion2020's like happiness\n"
    "sadness anger disgust surprise fear. Use the result with --emotion-model.\n"
    "\n"
    "options: as voc train-sentiment (--epochs (default 10), --hash-bits (default 18), --lr,\n"
    "--l2, --holdout, --lexicon, --seed, --max-ngram, --ensemble, --domains, --domain-scale,\n"
    "--negation, --verbose), plus\n"
    "  --nb                      NB log-count-ratio weighting per class (default off)\n"
    "  --sentiment-model F       sentiment model whose score is a feature (default: shipped one)\n"
    "  --class-weight-power X    class weights (N / (K n_c))^X against imbalance (default 0.5)\n"
    "  --tune-bias I[,I...]      tune per-class bias offsets for macro-F1 on out-of-fold scores\n"
    "                            of the rows of the distinct --data files with these 0-based\n"
    "                            indices (each fold scored by a model trained without it), then\n"
    "                            retrain on everything and apply them\n"
    "  --tune-fraction F         fold size: round(1/F) folds (default 0.2, 5 folds)";

// Each distinct file is one domain (a file listed twice is the same domain, weighted up).
absl::Status ReadData(const std::string& files, std::vector<LabeledText>* out) {
  std::vector<std::string> seen;
  for (absl::string_view file : absl::StrSplit(AV(files), ',', absl::SkipEmpty())) {
    std::string path(file);
    const int domain = static_cast<int>(std::find(seen.begin(), seen.end(), path) - seen.begin());
    if (domain == static_cast<int>(seen.size())) seen.push_back(path);
    std::ifstream in;
    if (absl::Status s = OpenInputFile(path, "training data", &in); !s.ok()) return s;
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      auto v = json::Parse(line);
      if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": ", v.status().message()));
      const json::Value* text = v->Find("text");
      const json::Value* label = v->Find("label");
      if (text == nullptr || !text->is_string() || label == nullptr || !label->is_string()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", line_no, ": expected string fields \"text\" and \"label\""));
      }
      out->push_back({text->str(), label->str(), domain});
    }
  }
  return absl::OkStatus();
}

int RunTrain(const char* name, ModelKind kind, const std::vector<std::string>& args) {
  Flags flags;
  if (!flags.Parse(args, {"data", "out", "epochs", "hash-bits", "lr", "l2", "holdout", "lexicon", "seed",
                          "sentiment-model", "class-weight-power", "ensemble", "max-ngram", "domain-scale", "tune-bias", "tune-fraction"},
                   {"no-nb", "nb", "verbose", "domains", "negation"})) {
    return kExitUsage;
  }
  if (flags.help()) {
    std::puts(kind == ModelKind::kSentiment ? kSentimentUsage : kEmotionUsage);
    return kExitOk;
  }
  // One parser serves both commands; a flag of the other one is an error, not ignored.
  for (const char* emotion_only : {"nb", "sentiment-model", "class-weight-power", "tune-bias", "tune-fraction"}) {
    if (kind == ModelKind::kSentiment && flags.Has(emotion_only)) {
      return UsageError(name, absl::StrCat("--", emotion_only, " is for train-emotion"));
    }
  }
  if (kind == ModelKind::kEmotion && flags.Has("no-nb")) {
    return UsageError(name, "--no-nb is for train-sentiment (emotion models are plain unless --nb)");
  }
  if (!flags.Has("data") || !flags.Has("out")) return UsageError(name, "--data and --out are required");
  TrainOptions o;
  o.kind = kind;
  if (kind == ModelKind::kEmotion) {
    o.hash_bits = 18;
    o.epochs = 10;
  }
  int i = 0;
  double d = 0;
  if (flags.Has("epochs")) {
    if (!absl::SimpleAtoi(AV(flags.Get("epochs")), &i) || i < 1 || i > 1000) return UsageError(name, "--epochs must be 1..1000");
    o.epochs = i;
  }
  if (flags.Has("hash-bits")) {
    if (!absl::SimpleAtoi(AV(flags.Get("hash-bits")), &i) || i < 12 || i > 24) return UsageError(name, "--hash-bits must be 12..24");
    o.hash_bits = i;
  }
  if (flags.Has("lr")) {
    // Range checks are written so that NaN fails them too.
    if (!absl::SimpleAtod(AV(flags.Get("lr")), &d) || !(d > 0 && d <= 10)) return UsageError(name, "--lr must be in (0, 10]");
    o.learning_rate = d;
  }
  if (flags.Has("l2")) {
    if (!absl::SimpleAtod(AV(flags.Get("l2")), &d) || !(d >= 0 && d <= 1)) return UsageError(name, "--l2 must be 0..1");
    o.l2 = d;
  }
  if (flags.Has("holdout")) {
    if (!absl::SimpleAtod(AV(flags.Get("holdout")), &d) || !(d >= 0 && d <= 0.5)) return UsageError(name, "--holdout must be 0..0.5");
    o.holdout = d;
  }
  if (flags.Has("seed")) {
    if (!absl::SimpleAtoi(AV(flags.Get("seed")), &i)) return UsageError(name, "--seed must be an integer");
    o.seed = static_cast<uint64_t>(i);
  }
  if (flags.Has("class-weight-power")) {
    if (!absl::SimpleAtod(AV(flags.Get("class-weight-power")), &d) || !(d >= 0 && d <= 2)) {
      return UsageError(name, "--class-weight-power must be 0..2");
    }
    o.class_weight_power = d;
  }
  if (flags.Has("max-ngram")) {
    if (!absl::SimpleAtoi(AV(flags.Get("max-ngram")), &i) || i < 1 || i > 4) return UsageError(name, "--max-ngram must be 1..4");
    o.max_ngram = i;
  }
  if (flags.Has("ensemble")) {
    if (!absl::SimpleAtoi(AV(flags.Get("ensemble")), &i) || i < 1 || i > 16) return UsageError(name, "--ensemble must be 1..16");
    o.ensemble = i;
  }
  o.sentiment_model = flags.Get("sentiment-model");
  // NB weighting helps the binary model; for emotion it did worse in cross-validation.
  o.nb_weighting = kind == ModelKind::kSentiment ? !flags.Has("no-nb") : flags.Has("nb");
  o.lexicon = flags.Get("lexicon");
  o.domain_features = flags.Has("domains");
  o.negation_features = flags.Has("negation");
  if (flags.Has("tune-bias")) {
    const std::string indices = flags.Get("tune-bias");  // outlives the pieces split from it
    for (absl::string_view part : absl::StrSplit(AV(indices), ',', absl::SkipEmpty())) {
      if (!absl::SimpleAtoi(part, &i) || i < 0 || i > 255) return UsageError(name, "--tune-bias takes file indices 0,1,...");
      o.bias_tuning_domains.push_back(i);
    }
  }
  if (flags.Has("tune-fraction")) {
    if (!absl::SimpleAtod(AV(flags.Get("tune-fraction")), &d) || !(d >= 0.05 && d <= 0.5)) {
      return UsageError(name, "--tune-fraction must be 0.05..0.5");
    }
    o.bias_tuning_fraction = d;
  }
  if (flags.Has("domain-scale")) {
    if (!absl::SimpleAtod(AV(flags.Get("domain-scale")), &d) || !(d > 0 && d <= 10)) {
      return UsageError(name, "--domain-scale must be in (0, 10]");
    }
    o.domain_feature_scale = d;
  }
  o.verbose = flags.Has("verbose") || o.holdout > 0;
  std::vector<LabeledText> data;
  absl::Status st = ReadData(flags.Get("data"), &data);
  if (!st.ok()) return Fail(name, st);
  st = TrainSentimentModel(data, o, flags.Get("out"));
  if (!st.ok()) return Fail(name, st);
  std::fprintf(stderr, "voc %s: trained on %zu examples, wrote %s\n", name, data.size(), flags.Get("out").c_str());
  return kExitOk;
}

int RunTrainSentiment(const std::vector<std::string>& args) {
  return RunTrain("train-sentiment", ModelKind::kSentiment, args);
}
int RunTrainEmotion(const std::vector<std::string>& args) {
  return RunTrain("train-emotion", ModelKind::kEmotion, args);
}

VOC_REGISTER_COMMAND("train-sentiment", "train a sentiment model from labelled JSONL", kSentimentUsage,
                     RunTrainSentiment);
VOC_REGISTER_COMMAND("train-emotion", "train an emotion model from labelled JSONL", kEmotionUsage,
                     RunTrainEmotion);

}  // namespace
}  // namespace voc::cli
