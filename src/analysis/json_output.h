// Internal: the JSON fields of one analysis, shared by `voc analyze`, the store and the C ABI.
#ifndef VOC_ANALYSIS_JSON_OUTPUT_H_
#define VOC_ANALYSIS_JSON_OUTPUT_H_

#include <string_view>

#include "core/json.h"
#include "voc/analysis.h"

namespace voc {

// Writes the analysis keys (everything but "id") into the object open in `w`.
void WriteAnalysisFields(const Analysis& a, std::string_view text, json::Writer* w);

}  // namespace voc

#endif  // VOC_ANALYSIS_JSON_OUTPUT_H_
