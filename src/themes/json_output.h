// Internal: JSON form of theme mentions, shared by `voc analyze` and `voc themes`.
#ifndef VOC_THEMES_JSON_OUTPUT_H_
#define VOC_THEMES_JSON_OUTPUT_H_

#include <vector>

#include "core/json.h"
#include "voc/analysis.h"

namespace voc {

// Writes `"themes": [{"theme","polarity","score","aspect","opinion","start","end"}, ...]`
// (key included) into the currently open object.
void WriteThemes(const std::vector<ThemeMention>& themes, json::Writer* w);

}  // namespace voc

#endif  // VOC_THEMES_JSON_OUTPUT_H_
