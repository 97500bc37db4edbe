// voc/types.h — the feedback model: records, channels, ratings and customers.
//
// Plain value types, copyable and thread-compatible. Timestamps are seconds since the Unix
// epoch, UTC. Text is UTF-8; offsets anywhere in voc are byte offsets into the original text.
#ifndef VOC_TYPES_H_
#define VOC_TYPES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace voc {

// Where a piece of feedback came from. The names (ChannelName) are the wire format in JSONL,
// CSV, the store and the C ABI, and never change.
enum class Channel : int {
  kSurvey = 0,
  kAppReview = 1,
  kCallCenter = 2,
  kChat = 3,
  kEmail = 4,
  kSocial = 5,
  kForum = 6,
  kStore = 7,
  kOther = 8,
};
inline constexpr int kChannelCount = 9;

// "survey", "app_review", "call_center", "chat", "email", "social", "forum", "store", "other".
std::string_view ChannelName(Channel channel);
std::optional<Channel> ParseChannel(std::string_view name);

// The scale a rating was given on; the value must lie inside it.
enum class RatingScale : int {
  kNps = 1,    // 0..10, likelihood to recommend
  kCsat = 2,   // 1..5, satisfaction
  kStars = 3,  // 1..5, app-store style stars
};
std::string_view RatingScaleName(RatingScale scale);  // "nps", "csat", "stars"
std::optional<RatingScale> ParseRatingScale(std::string_view name);
void RatingScaleRange(RatingScale scale, double* min, double* max);

struct Rating {
  RatingScale scale = RatingScale::kCsat;
  double value = 0;
};

// Maps any rating onto [-1, 1] so ratings on different scales can be averaged
// (NPS 0 -> -1, 10 -> 1; CSAT/stars 1 -> -1, 5 -> 1).
double NormalizedRating(const Rating& rating);

// One piece of customer feedback, as a caller hands it to voc.
struct Feedback {
  std::string id;                    // caller's id, unique within a store; required
  Channel channel = Channel::kOther;
  std::string touchpoint;            // optional hint, "stage" or "stage.touchpoint"
  int64_t created_at = 0;            // seconds since epoch, UTC; required (> 0)
  std::string customer_id;           // optional
  std::optional<Rating> rating;      // optional
  std::string text;                  // UTF-8; required (may be empty only if rating is set)
  std::string product;               // optional
  std::string region;                // optional
  std::map<std::string, std::string> attributes;  // free string -> string
  bool contact_ok = false;           // the customer agreed to be contacted back
};

// A customer with the attributes a CRM holds about them.
struct Customer {
  std::string id;                    // required
  std::string name;
  std::string tier;                  // e.g. "vip", "gold", "standard"
  std::optional<int> tenure_months;
  std::optional<double> lifetime_value;
  std::string region;
  bool contact_ok = true;            // global opt-out when false
  std::map<std::string, std::string> attributes;
};

// Limits applied by validation; huge fields are rejected rather than truncated silently.
struct ValidationLimits {
  size_t max_id_bytes = 256;
  size_t max_text_bytes = 1 << 20;   // 1 MiB
  size_t max_field_bytes = 4096;     // product, region, touchpoint, attribute values
  size_t max_attributes = 256;
};

// Checks one record. `index` is the record's position (1-based line number for files) and is
// used, with the id, to name the record: "record 17 (id=a-9): rating 11 outside nps 0..10".
// Returns InvalidArgument naming the field on the first problem found.
absl::Status ValidateFeedback(const Feedback& feedback, size_t index,
                              const ValidationLimits& limits = ValidationLimits());
absl::Status ValidateCustomer(const Customer& customer, size_t index,
                              const ValidationLimits& limits = ValidationLimits());

// Formats "record N (id=X): " as used by every per-record error; X is the first 64 bytes of
// the id with control characters written as \u00XX (a NUL would end the message in C).
std::string RecordPrefix(size_t index, std::string_view id);

}  // namespace voc

#endif  // VOC_TYPES_H_
