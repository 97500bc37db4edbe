// voc/themes.h — themes (aspects) with their own sentiment, from a taxonomy or a trained model.
//
// A taxonomy is data (JSON, see data/taxonomy/default.json): hierarchical themes with dotted ids
// ("logistics.speed"), a Chinese name, an owning department and cues (words matched on word
// boundaries, RE2 patterns, exclusions). A theme marked "evaluative": true has cues that judge
// it by themselves (price.level: 便宜, 划算, 性价比), so they name it even inside the opinion of
// another aspect (实体店性价比高); other cues there belong to that aspect (包装没有破损). A trained model (`voc train-themes`) detects the
// aspects of its own training data instead; both can be combined.
#ifndef VOC_THEMES_H_
#define VOC_THEMES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "voc/analysis.h"
#include "voc/text.h"

namespace voc {

struct ThemeOptions {
  // A taxonomy JSON file or a trained theme model (told apart by the model's magic bytes).
  // Empty: the default taxonomy, DefaultDataPath("taxonomy/default.json").
  std::string path;
  // Optional rule taxonomy applied in addition to a trained model given in `path` ("" = none).
  // Ignored when `path` is itself a taxonomy.
  std::string combine_taxonomy;
};

// One theme of the loaded taxonomy or model.
struct ThemeInfo {
  std::string id;           // "logistics.speed", or the training data's aspect name
  std::string parent;       // "logistics" ("" for top level)
  std::string name;         // "物流速度"
  std::string description;
  std::string department;   // owning department ("物流部")
};

// The text's own sentiment, as SentimentAnalyzer gives it. A taxonomy mention with no opinion
// term of its own (赠品 in 送了好多赠品，很喜欢; 快递 in 申通快递走了一周多) takes its polarity
// from here instead of staying neutral: its clause's when that is strong (|score| > 0.5), else
// the text's, at half the score of an opinion term. Praise right after 真是 whose clause the
// sentiment found negative (呵呵，真是好服务) was sarcasm, and its mention turns negative too.
// Mentions of a trained model keep theirs.
struct ThemeSentimentContext {
  double score = 0;                                    // the text's score in [-1, 1]
  const std::vector<ClauseResult>* clauses = nullptr;  // its clauses (byte spans, scores)
};

// Finds themes per clause with their polarity, aspect and opinion terms.
// Thread-safe: immutable after Create.
class ThemeAnalyzer {
 public:
  static absl::StatusOr<std::unique_ptr<ThemeAnalyzer>> Create(const ThemeOptions& options = {});
  ~ThemeAnalyzer();
  ThemeAnalyzer(const ThemeAnalyzer&) = delete;
  ThemeAnalyzer& operator=(const ThemeAnalyzer&) = delete;

  // Mentions in text order; spans are byte offsets into `text`. Never fails: invalid UTF-8 and
  // NUL bytes are tolerated (they simply match nothing).
  std::vector<ThemeMention> Analyze(std::string_view text) const;
  // The same with the segmenter's tokens of `text` (voc/text.h): a taxonomy cue that straddles
  // a token boundary (价格 in 评价|格式) is not a mention. Analyzer passes its tokens here.
  std::vector<ThemeMention> Analyze(std::string_view text, const std::vector<Token>* tokens) const;
  // The same, with the text's sentiment for the mentions that have no opinion term (null: they
  // stay neutral). Analyzer and `voc themes` pass it.
  std::vector<ThemeMention> Analyze(std::string_view text, const std::vector<Token>* tokens,
                                    const ThemeSentimentContext* context) const;

  // Every theme this analyzer can report.
  const std::vector<ThemeInfo>& themes() const;
  // "taxonomy", "model" or "model+taxonomy".
  std::string_view kind() const;

  struct Impl;

 private:
  explicit ThemeAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Checks a taxonomy JSON document; errors are InvalidArgument naming the theme and the problem
// (duplicate id, unknown parent, bad RE2 pattern, missing field ...).
absl::Status ValidateTaxonomy(std::string_view json_text);

// ---- Training ------------------------------------------------------------------------------

struct ThemeExample {
  std::string text;
  std::vector<std::pair<std::string, Polarity>> aspects;  // only the mentioned aspects
};

// Reads aspect-labelled JSONL: {"text": ..., "aspects": {name: positive|neutral|negative}}.
absl::StatusOr<std::vector<ThemeExample>> ReadThemeExamples(const std::string& path);

struct ThemeTrainOptions {
  int epochs = 12;
  double holdout = 0.15;     // thresholds are tuned out of fold: round(1/holdout) folds, 2..5
  uint64_t seed = 20240601;
  int hash_bits = 20;        // feature space 2^hash_bits
  bool at_least_one = true;  // every text gets its most likely aspect when none passes
};

struct ThemeTrainReport {
  size_t examples = 0;
  std::vector<std::string> aspects;
  std::vector<double> thresholds;  // per aspect, tuned on out-of-fold predictions
  double holdout_f1 = 0;           // (aspect, polarity) micro-F1 out of fold
};

// Trains a model and writes it to `out_path` (magic "VOCTHM", format version 3; older versions are refused with a clear error).
absl::StatusOr<ThemeTrainReport> TrainThemeModel(const std::vector<ThemeExample>& examples,
                                                 const ThemeTrainOptions& options,
                                                 const std::string& out_path);

// ---- Discovery -----------------------------------------------------------------------------

struct DiscoveryDocument {
  std::string id;
  std::string text;
};

class SentimentAnalyzer;

struct DiscoveryOptions {
  int clusters = 8;         // k (fewer when there are fewer documents)
  uint64_t seed = 1;
  int iterations = 25;
  int top_terms = 8;
  int examples = 5;
  size_t min_size = 2;      // smaller clusters are dropped
  // Decides which members are negative (share_negative); null: the theme opinion rules.
  const SentimentAnalyzer* sentiment = nullptr;
};

struct CandidateTheme {
  std::vector<std::string> top_terms;   // best first: the cluster's most particular words
  size_t size = 0;
  double share_negative = 0;            // share of members whose sentiment is negative
  std::vector<std::string> example_ids; // closest to the centroid first
};

struct DiscoveryResult {
  size_t documents = 0;
  size_t unmatched = 0;                  // documents no theme matched (the ones clustered)
  std::vector<CandidateTheme> candidates;  // largest first
};

// Clusters the documents that `analyzer` finds no theme in (all of them when it is null) with
// spherical k-means over char-bigram TF-IDF, and names each cluster by its most particular
// words. Deterministic for a fixed seed.
DiscoveryResult DiscoverThemes(const std::vector<DiscoveryDocument>& documents,
                               const ThemeAnalyzer* analyzer, const DiscoveryOptions& options);

}  // namespace voc

#endif  // VOC_THEMES_H_
