// Internal: the sentiment part of the JSONL output (voc analyze / voc classify).
#ifndef VOC_SENTIMENT_JSON_OUTPUT_H_
#define VOC_SENTIMENT_JSON_OUTPUT_H_

#include <string_view>

#include "core/json.h"
#include "voc/analysis.h"

namespace voc {

// Writes the keys polarity, score, intensity, emotion, emotions, intent, effort
// ({"score","evidence":[{"start","end","text"}]}) and clauses
// ([{"start","end","polarity","score","evidence":[...]}]) into the open object of `w`.
void WriteSentimentFields(const Analysis& a, std::string_view text, json::Writer* w);

}  // namespace voc

#endif  // VOC_SENTIMENT_JSON_OUTPUT_H_
