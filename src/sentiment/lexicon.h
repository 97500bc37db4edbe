// Internal: the sentiment lexicon (word, polarity, intensity, emotion) with longest-match lookup
// on characters, and the rule analysis built on it (negation, degree, contrast, rhetorical
// questions, target-dependent polarity).
//
// Matching works on characters without the segmenter on purpose (it is optional at this layer).
// Seam for word-level features: RuleAnalysis is what the model sees from the lexicon; a
// segmenter-based pass can add word hits to the same structure later.
#ifndef VOC_SENTIMENT_LEXICON_H_
#define VOC_SENTIMENT_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/code_point_matcher.h"

namespace voc::sentiment {

// voc's emotion set, in model class order.
inline constexpr int kNumEmotions = 8;
extern const char* const kEmotionNames[kNumEmotions];  // anger disgust sadness fear surprise joy like neutral
int EmotionIndex(std::string_view name);                 // -1 when unknown

struct LexEntry {
  float polarity = 0;   // signed strength in [-1, 1] (polarity * intensity)
  int8_t emotion = -1;  // index into kEmotionNames, -1 for none
  uint8_t kind = 0;     // LexKind
};

enum LexKind : uint8_t {
  kOpinion = 0,    // ordinary sentiment word
  kNegator = 1,    // 不 没 别 并不 ...
  kDegree = 2,     // 很 非常 太 有点 ... (polarity field holds the multiplier)
  kContrast = 3,   // 但是 不过 ...
  kAmbiguous = 4,  // 快 慢 高 低 ...: polarity depends on the target (see TargetPolarity)
  kTarget = 5,     // aspect words for target-dependent polarity; emotion holds the target class
  kRhetoric = 6,   // 难道
  kDoubleNeg = 7,  // 不是不 / 不能不 / 没有不: cancels the following negator
};

// Thread-safe after construction.
class Lexicon {
 public:
  // Loads the TSV (word<TAB>polarity<TAB>intensity<TAB>emotion; '#' comments) and adds the
  // built-in function words (negators, degree, contrast, targets).
  static absl::StatusOr<Lexicon> Load(const std::string& path);
  // Only the built-in function words (for tests and as a fallback).
  static Lexicon BuiltinOnly();

  // Longest entry starting at byte `pos` of `text` (ASCII letters matched case-insensitively;
  // an entry beginning with one only at the start of a Latin word); returns its length in bytes
  // (0 when none) and sets *entry.
  size_t Match(std::string_view text, size_t pos, const LexEntry** entry) const;

  // Polarity of an ambiguous adjective ("快") said about target class `target_class`
  // (0 when unknown).
  static float TargetPolarity(std::string_view adjective, int target_class);
  // Whether `adjective` is one of those (快 慢 高 低 大 小 多 少 足 长 短 严重).
  static bool IsAmbiguous(std::string_view adjective);
  // The target class of the built-in target word in `text` that ends last (the one nearest
  // an adjective that follows), 0 when there is none: 耗电 → 2, 价格 → 3, 评分 → 4.
  static int TargetClassIn(std::string_view text);

  size_t size() const { return keys_.size(); }

 private:
  void Add(std::string_view word, const LexEntry& e);
  // The hash table over keys_ (enough for Find), then also the matcher (for Match).
  void BuildTable();
  void Build();
  const LexEntry* Find(std::string_view key) const;

  std::vector<std::string> keys_;
  std::vector<LexEntry> entries_;
  std::vector<int32_t> table_;    // open addressing over keys_, -1 empty
  uint64_t mask_ = 0;
  // Each distinct key once, with the index of the entry that won in table_ (for Match).
  CodePointMatcher matcher_{CodePointMatcher::Case::kFoldAscii};
};

// One lexicon hit after the rules.
struct Hit {
  uint32_t start, end;   // the word itself
  uint32_t scope_start;  // includes negators / degree words in front
  float base;            // lexicon polarity
  float score;           // after negation, degree, target
  int8_t emotion;
  bool negated;
  bool double_negated;   // 不是不好: two negators cancel
  bool after_contrast;
  int clause;
};

struct Clause {
  uint32_t start, end;
  bool after_contrast = false;  // begins with 但是/不过/... (weighs more)
  bool rhetorical = false;      // 难道 ... 吗 / 难道 ... ?
  float rule_score = 0;         // sum of hit scores (rhetorical flips)
};

struct RuleAnalysis {
  std::vector<Hit> hits;
  std::vector<Clause> clauses;
  float rule_score = 0;  // contrast-weighted, squashed to [-1, 1]
  void clear() {
    hits.clear();
    clauses.clear();
    rule_score = 0;
  }
};

// Runs the lexicon and rules over (valid UTF-8) `text`.
void AnalyzeRules(const Lexicon& lex, std::string_view text, RuleAnalysis* out);

}  // namespace voc::sentiment

#endif  // VOC_SENTIMENT_LEXICON_H_
