// Internal: the taxonomy data model and its JSON loader/validator.
#ifndef VOC_THEMES_TAXONOMY_H_
#define VOC_THEMES_TAXONOMY_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "voc/themes.h"

namespace voc::themes {

struct TaxonomyTheme {
  ThemeInfo info;
  std::vector<std::string> words;
  std::vector<std::string> patterns;  // RE2
  std::vector<std::string> exclude;
  // Its cues judge the theme themselves (便宜, 划算, 性价比): they name it even inside the
  // opinion of another aspect (宝贝很划算, 实体店性价比高), which other cues do not
  // (包装没有破损 is about the packaging, not product quality). JSON "evaluative": true.
  bool evaluative = false;
};

struct Taxonomy {
  std::string name;
  std::vector<TaxonomyTheme> themes;   // parents before children is NOT required
  std::vector<std::string> exclude;    // global: longer words that contain cues
};

// Parses and validates; errors are InvalidArgument and name the theme and the field.
absl::StatusOr<Taxonomy> ParseTaxonomy(std::string_view json_text);

}  // namespace voc::themes

#endif  // VOC_THEMES_TAXONOMY_H_
