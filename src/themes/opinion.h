// Internal: clause splitting and a small opinion lexicon with negation and degree handling.
// Kept behind this narrow interface so the sentiment component's scorer can replace it.
#ifndef VOC_THEMES_OPINION_H_
#define VOC_THEMES_OPINION_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/code_point_matcher.h"

namespace voc::themes {

struct ClauseSpan {
  uint32_t start;
  uint32_t end;
};

// Splits at sentence/clause punctuation, whitespace runs and contrast words (但是, 不过 ...);
// the contrast word starts the next clause. Empty clauses are dropped.
std::vector<ClauseSpan> SplitClauses(std::string_view text);
// The same into *out (cleared first), reusing its storage.
void SplitClauses(std::string_view text, std::vector<ClauseSpan>* out);

// The weight of an adjective whose polarity comes from its target (高 in 价格高 / 评分高): too
// small to count as an opinion until the rule engine reads it against the aspect. Hits of
// weight 0 are no opinion at all (多少).
inline constexpr double kTargetDependentWeight = 0.01;

struct OpinionHit {
  uint32_t start;       // includes the negators/degree words in front
  uint32_t end;
  uint32_t word_start;  // the sentiment word itself
  uint32_t word_end;
  double score;         // signed, negation and degree applied
  double base = 0;      // the word's own weight, before negation and degree
  bool thanks = false;  // 谢谢, 感谢: praise of whom they are said to, never borrowed by an
                        // aspect in another clause
};

// Whether the hit has a polarity of its own, without knowing its target.
inline bool HasOwnPolarity(const OpinionHit& h) {
  return h.base != 0 && h.base != kTargetDependentWeight;
}

// Thread-safe once constructed.
class OpinionScorer {
 public:
  virtual ~OpinionScorer() = default;
  // Opinion terms in text order, non-overlapping.
  virtual void Find(std::string_view text, std::vector<OpinionHit>* out) const = 0;
};

// The built-in lexicon scorer.
const OpinionScorer& DefaultOpinionScorer();

}  // namespace voc::themes

#endif  // VOC_THEMES_OPINION_H_
