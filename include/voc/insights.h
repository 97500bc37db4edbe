// voc/insights.h — grouping analysed feedback into ranked issues.
//
// An insight is one issue: a theme at a journey touchpoint (stage when no touchpoint is
// known, "" when none), optionally split further by key phrase. Rows are bucketed into periods
// of `window_seconds` ending at `now` (period 0 is the current window, 1 the previous one ...).
//
// Priority = importance x urgency, where
//   importance = ln(1 + volume) x (0.25 + 0.75 x share_negative)
//                x (1 + ln(1 + value_at_risk / value_unit))
//   urgency    = 1 + clamp(growth, 0, 3) + 0.25 x (recurrence - 1)
//   growth     = (volume + 1) / (previous_volume + 1) - 1   (smoothed so new issues do not
//                                                            explode)
// value_at_risk sums the lifetime value of the distinct customers with a negative mention in
// the current window. Flags: spike (growth >= 1 and volume >= 10), recurring (recurrence >= 3),
// emerging (no mention in the previous window and volume >= 3).
//
// ComputeInsights is a pure function and thread-safe; it handles 1,000,000 rows in well under
// five seconds (strings are interned once; groups are keyed by integers).
#ifndef VOC_INSIGHTS_H_
#define VOC_INSIGHTS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "voc/analysis.h"

namespace voc {

// InsightOptions::periods is clamped to 2..kMaxInsightPeriods.
inline constexpr int kMaxInsightPeriods = 64;

struct InsightOptions {
  int64_t now = 0;                          // end of the current window (exclusive)
  int64_t window_seconds = 30 * 86400;
  int periods = 6;                          // periods looked back for recurrence (2..64)
  bool split_by_key_phrase = false;         // key = theme x touchpoint x key phrase
  size_t max_insights = 50;                 // 0 = all
  size_t min_volume = 1;                    // insights with fewer current mentions are dropped
  size_t max_evidence = 10000;              // per insight (negative mentions first); 0 = all
  size_t max_key_phrases = 10;
  double value_unit = 1000;                 // currency unit for value at risk in importance
  // Customer id -> lifetime value (optional).
  const std::map<std::string, double, std::less<>>* customer_value = nullptr;
};

struct Insight {
  std::string key;                          // "theme|touchpoint" or "theme|touchpoint|phrase"
  std::string theme;
  std::string touchpoint;                   // touchpoint, else stage, else ""
  std::string key_phrase;                   // only when split_by_key_phrase
  int64_t volume = 0;                       // rows mentioning it in the current window
  int64_t negative = 0;
  int64_t positive = 0;
  double share_negative = 0;
  int64_t previous_volume = 0;
  double growth = 0;
  int64_t unique_customers = 0;
  double value_at_risk = 0;
  int recurrence = 0;                       // consecutive periods (from the current one) seen
  double importance = 0;
  double urgency = 0;
  double priority = 0;
  bool spike = false, recurring = false, emerging = false;
  std::vector<std::pair<std::string, int64_t>> key_phrases;  // most frequent first
  std::vector<std::string> evidence_ids;    // negative mentions first, then by recency
};

// Ranked by priority (highest first), ties by key.
std::vector<Insight> ComputeInsights(const std::vector<AnalyzedFeedback>& rows,
                                     const InsightOptions& options);

}  // namespace voc

#endif  // VOC_INSIGHTS_H_
