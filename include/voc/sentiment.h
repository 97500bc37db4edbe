// voc/sentiment.h — sentiment (polarity, score, intensity), emotion, intent and customer effort
// for Chinese customer feedback, per text and per clause.
//
// The analyzer combines a lexicon written by this project (word, polarity, intensity, emotion)
// and rules (negation scope, double negation, degree, contrast, rhetorical questions, emoji,
// target-dependent polarity such as 速度快 good / 耗电快 bad) with trained linear models over
// hashed character n-grams plus the lexicon/rule features. Models are retrained with
// `voc train-sentiment` / `voc train-emotion` (or TrainSentimentModel below).
#ifndef VOC_SENTIMENT_H_
#define VOC_SENTIMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "voc/analysis.h"
#include "voc/text.h"

namespace voc {

struct SentimentOptions {
  // Empty paths mean the shipped defaults: DefaultDataPath("models/sentiment.model"),
  // "models/emotion.model" and "lexicon/sentiment.tsv".
  std::string sentiment_model;
  std::string emotion_model;
  std::string lexicon;
};

// Thread-safe: immutable after Create, so one instance may serve any number of threads.
class SentimentAnalyzer {
 public:
  static absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> Create(const SentimentOptions& options);
  ~SentimentAnalyzer();
  SentimentAnalyzer(const SentimentAnalyzer&) = delete;
  SentimentAnalyzer& operator=(const SentimentAnalyzer&) = delete;

  // Fills polarity, score, intensity, emotion, emotions, intent, effort, effort_evidence and
  // clauses of `*out` (other fields are left untouched). InvalidArgument on invalid UTF-8.
  absl::Status Analyze(std::string_view text, Analysis* out) const;
  // The same, given the text's tokens from a Segmenter with the default lexicon and no trained
  // model (what the emotion model's word features were trained on), so a caller that has
  // segmented the text already does not pay for it twice. Null: segment here when needed.
  absl::Status Analyze(std::string_view text, const std::vector<Token>* tokens, Analysis* out) const;

  // Signed score in [-1, 1] of the clause `clause` of `text` (byte span), from the lexicon,
  // rules and model; used by the themes component to score an opinion in its context.
  double ScoreSpan(std::string_view text, Span clause) const;

  // Target-dependent score in [-1, 1] of an opinion about an aspect: ScoreOpinion("耗电", "很快")
  // is negative, ScoreOpinion("速度", "很快") positive. 0 when the opinion carries no sentiment.
  double ScoreOpinion(std::string_view aspect, std::string_view opinion) const;

 private:
  struct Impl;
  explicit SentimentAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One training example: `label` is positive|negative for sentiment; for emotion voc's labels
// (anger, disgust, sadness, fear, surprise, joy, like, neutral) or the SMP2020-EWECT
// (angry, happy, sad, fear, surprise, neutral) and CLUEmotion2020 (like, happiness, sadness,
// anger, disgust, surprise, fear) labels, mapped onto voc's.
struct LabeledText {
  std::string text;
  std::string label;
  // Source domain (e.g. which corpus the row came from), -1 = unknown. With two or more
  // domains the trainer adds a domain classifier and per-domain feature copies to the model.
  int domain = -1;
};

enum class ModelKind { kSentiment, kEmotion };

struct TrainOptions {
  ModelKind kind = ModelKind::kSentiment;
  int epochs = 8;
  int hash_bits = 20;          // 2^hash_bits feature buckets
  double learning_rate = 0.2;  // AdaGrad base rate
  double l2 = 1e-7;            // per-update L2 shrinkage
  bool nb_weighting = true;    // NB log-count-ratio feature scaling (one-vs-rest per class);
                               // `voc train-emotion` turns it off by default
  int max_ngram = 4;           // character n-grams of order 1..max_ngram (max 4)
  bool negation_features = false;  // also 1-2-grams tagged as inside a negation scope (不/没/无...)
  int ensemble = 1;            // models averaged into one (alternating NB / plain features)
  uint64_t seed = 1;
  std::string lexicon;         // empty = default lexicon
  // Emotion only: the sentiment model whose score is an input feature (empty = the default;
  // skipped when it does not exist).
  std::string sentiment_model;
  double class_weight_power = 0.5;  // emotion: weight classes by (N / (K * n_c))^power
  // Emotion only: the lexicon's per-emotion evidence counts, the rule score and the sentiment
  // model's score as valued features (stacking), and word unigrams and bigrams from the default
  // segmenter (SentimentAnalyzer then segments each text, unless its caller hands it tokens).
  bool emotion_stack_features = true;
  bool emotion_word_features = true;
  double holdout = 0;          // fraction of the (shuffled) data held out and scored, not trained on
  bool verbose = false;        // progress and hold-out figures to stderr
  // Domain adaptation (used when the data carries >= 2 domains): features are emitted plain and
  // conjoined with the domain predicted by a small classifier stored in the same model file.
  bool domain_features = false;
  int domain_bits = 16;        // 2^domain_bits buckets for the domain classifier
  double domain_feature_scale = 1.0;  // value of a conjoined feature relative to its plain one
  // Emotion only: tune per-class bias offsets for macro-F1 on the out-of-fold scores of the
  // rows of these domains (round(1 / bias_tuning_fraction) folds; repeated rows stay in one
  // fold), then retrain on all rows and apply them.
  std::vector<int> bias_tuning_domains;
  double bias_tuning_fraction = 0.2;
};

// Trains a model and writes it to `out_path`. InvalidArgument on unknown labels or no data.
absl::Status TrainSentimentModel(const std::vector<LabeledText>& data, const TrainOptions& options,
                                 const std::string& out_path);

// Maps a dataset emotion label onto voc's emotion set ("" when unknown).
std::string MapEmotionLabel(std::string_view label);

}  // namespace voc

#endif  // VOC_SENTIMENT_H_
