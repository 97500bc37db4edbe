// Internal: effect verification — did the shipped change move the target metric?
//
// Windows: before = [shipped_at - before_seconds, shipped_at), after = [shipped_at,
// shipped_at + after_seconds). A row "mentions the issue" when one of its theme mentions is a
// linked theme (or a sub-theme: "service" covers "service.returns_refunds"), or one of its key
// phrases / theme aspect+opinion contains a linked key phrase. With no themes and no phrases
// every row mentions it. A mention is negative (positive) when a matching theme mention is, or,
// for phrase-only matches, when the whole row is.
//
// Tests: negative_rate and positive_rate use the pooled two-proportion z-test when every
// expected cell of the 2x2 table is >= 5 and Fisher's exact test otherwise; mean_rating uses
// Welch's t-test.
//
// Minimum samples (below them the verdict is insufficient_data):
//   every metric      >= min_rows (30) feedback rows in each window
//   rate metrics      >= min_events (10) negative/positive mentions over both windows together
//   mean_rating       >= min_ratings (10) rated mentions in each window
// Verdict on the target metric: effective when the change meets the target (e.g. down 50%:
// after <= before * 0.5) AND it is significant (p < alpha, in the target direction);
// not_effective otherwise.
#ifndef VOC_WORKFLOW_VERIFICATION_H_
#define VOC_WORKFLOW_VERIFICATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "voc/analysis.h"
#include "voc/workflow.h"

namespace voc::workflow {

struct VerificationOptions {
  std::vector<std::string> themes;
  std::vector<std::string> key_phrases;
  int64_t shipped_at = 0;
  int64_t before_seconds = 30 * 86400;
  int64_t after_seconds = 30 * 86400;
  TaskTarget target;
  int64_t min_rows = 30;
  int64_t min_events = 10;
  int64_t min_ratings = 10;
  double alpha = 0.05;
};

// Whether `row` mentions the issue, and with which polarity.
struct IssueMatch {
  bool mentioned = false;
  bool negative = false;
  bool positive = false;
};
IssueMatch MatchIssue(const AnalyzedFeedback& row, const std::vector<std::string>& themes,
                      const std::vector<std::string>& key_phrases);

VerificationReport VerifyEffect(const std::vector<AnalyzedFeedback>& rows,
                                const VerificationOptions& options);

}  // namespace voc::workflow

#endif  // VOC_WORKFLOW_VERIFICATION_H_
