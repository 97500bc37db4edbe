// Internal: JSON form of theme mentions (shared by `voc analyze` and `voc themes`) and of
// theme discovery (shared by `voc discover-themes` and the C ABI).
#ifndef VOC_THEMES_JSON_OUTPUT_H_
#define VOC_THEMES_JSON_OUTPUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "core/json.h"
#include "voc/analysis.h"
#include "voc/themes.h"

namespace voc {

// Writes `"themes": [{"theme","polarity","score","aspect","opinion","start","end"}, ...]`
// (key included) into the currently open object.
void WriteThemes(const std::vector<ThemeMention>& themes, json::Writer* w);

// One {"id","text"} JSONL line (1-based `lineno`) as a discovery document; an id missing is
// the line number, a non-string id its JSON.
absl::Status ParseDiscoveryLine(std::string_view line, size_t lineno, DiscoveryDocument* out);

// {"documents","unmatched","candidates":[{"top_terms","size","share_negative","example_ids"}]}
std::string RenderDiscoveryJson(const DiscoveryResult& result);

}  // namespace voc

#endif  // VOC_THEMES_JSON_OUTPUT_H_
