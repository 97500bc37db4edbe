// voc/analysis.h — the result of analysing one piece of feedback.
//
// This is the contract between the text components (sentiment, journey, themes), the store
// (which persists it per feedback id) and the closed loop (insights, verification), which
// read it back. Plain value types; thread-compatible.
#ifndef VOC_ANALYSIS_H_
#define VOC_ANALYSIS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "voc/types.h"

namespace voc {

enum class Polarity : int { kNegative = -1, kNeutral = 0, kPositive = 1 };
std::string_view PolarityName(Polarity p);  // "negative", "neutral", "positive"
std::optional<Polarity> ParsePolarity(std::string_view name);

// A span of the original text, in UTF-8 bytes: [start, end).
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

// A clause (split at ，。！？;, contrast words ...) with its own sentiment.
struct ClauseResult {
  Span span;
  Polarity polarity = Polarity::kNeutral;
  double score = 0;                 // [-1, 1]
  std::vector<Span> evidence;       // the words that drove the score
};

// One journey stage (and touchpoint inside it) the text speaks about.
struct StageMention {
  std::string stage;                // "delivery"
  std::string touchpoint;           // "delivery.logistics" ("" when only the stage is known)
  double confidence = 0;            // [0, 1]
  Span span;                        // the cue in the text (0,0 when from metadata)
};

// One theme (aspect) with its own sentiment.
struct ThemeMention {
  std::string theme;                // "logistics.speed"
  Polarity polarity = Polarity::kNeutral;
  double score = 0;                 // [-1, 1]
  std::string aspect;               // aspect term as written ("物流"), may be empty
  std::string opinion;              // opinion term as written ("很快"), may be empty
  Span span;                        // covers aspect and opinion terms
};

// Everything voc derives from one text.
struct Analysis {
  Polarity polarity = Polarity::kNeutral;
  double score = 0;                           // [-1, 1]; > 0 counts as positive
  double intensity = 0;                       // [0, 1]
  std::string emotion = "neutral";            // top label of `emotions`
  std::map<std::string, double> emotions;     // anger, disgust, sadness, fear, surprise, joy, like, neutral
  std::string intent = "other";               // complaint | suggestion | inquiry | praise | other
  double effort = 0;                          // [0, 1] customer-effort signal
  std::vector<Span> effort_evidence;
  std::vector<ClauseResult> clauses;
  std::vector<StageMention> stages;
  std::vector<ThemeMention> themes;
  std::vector<std::string> key_phrases;       // top key phrases, best first
};

// An analysed feedback row as the store keeps it and the closed loop reads it.
struct AnalyzedFeedback {
  std::string feedback_id;
  std::string customer_id;
  int64_t created_at = 0;
  Channel channel = Channel::kOther;
  std::optional<Rating> rating;
  bool contact_ok = false;
  Analysis analysis;
};

}  // namespace voc

#endif  // VOC_ANALYSIS_H_
