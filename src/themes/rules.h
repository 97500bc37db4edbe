// Internal: rule-based theme detection from a taxonomy (cue words on word boundaries, RE2
// patterns, exclusions) with per-clause opinion attachment.
#ifndef VOC_THEMES_RULES_H_
#define VOC_THEMES_RULES_H_

#include <memory>
#include <string_view>
#include <vector>

#include "re2/re2.h"
#include "re2/set.h"
#include "core/code_point_matcher.h"
#include "themes/opinion.h"
#include "themes/taxonomy.h"
#include "voc/analysis.h"
#include "voc/text.h"

namespace voc::themes {

// Thread-safe after construction.
class RuleEngine {
 public:
  RuleEngine(const Taxonomy& taxonomy, const OpinionScorer* scorer);
  RuleEngine(const RuleEngine&) = delete;
  RuleEngine& operator=(const RuleEngine&) = delete;

  // `tokens` (optional): the segmenter's tokens of `text`; cues straddling a token boundary
  // are dropped.
  void Analyze(std::string_view text, const std::vector<Token>* tokens,
               std::vector<ThemeMention>* out) const;
  const std::vector<ThemeInfo>& themes() const { return infos_; }

 private:
  struct Cue {
    uint32_t start;
    uint32_t end;
    int32_t theme;
  };
  void FindCues(std::string_view text, const std::vector<Token>* tokens,
                std::vector<Cue>* cues) const;

  std::vector<ThemeInfo> infos_;
  std::vector<int> depth_;
  // Per theme: cues that name it inside another aspect's opinion (TaxonomyTheme::evaluative),
  // and whether it is a parent, whose words (东西, 宝贝) stand for everything under it and so
  // leave the theme cues inside their opinion to those themes (宝贝很划算 is about the price).
  std::vector<bool> evaluative_, has_children_;
  // value >= 0: cue of theme value/2 (odd: theme exclusion); value == -1: global exclusion
  CodePointMatcher matcher_;
  std::vector<std::pair<int32_t, std::unique_ptr<RE2>>> patterns_;
  // The same patterns in one set: a single pass says which of them can match the text at
  // all (null when the set could not be built: then every pattern runs).
  std::unique_ptr<RE2::Set> pattern_set_;
  const OpinionScorer* scorer_;
};

}  // namespace voc::themes

#endif  // VOC_THEMES_RULES_H_
