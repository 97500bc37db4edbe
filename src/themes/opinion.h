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

struct OpinionHit {
  uint32_t start;       // includes the negators/degree words in front
  uint32_t end;
  uint32_t word_start;  // the sentiment word itself
  uint32_t word_end;
  double score;         // signed, negation and degree applied
};

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
