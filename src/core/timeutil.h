// Internal: timestamps on the wire.
#ifndef VOC_CORE_TIMEUTIL_H_
#define VOC_CORE_TIMEUTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/json.h"

namespace voc {

// Accepts RFC 3339 ("2026-03-01T08:30:00Z", "+08:00" offsets, fractional seconds dropped),
// "2026-03-01 08:30:00" (taken as UTC), "2026-03-01" (midnight UTC), or an integer count of
// seconds since the epoch. Returns seconds since the epoch.
absl::StatusOr<int64_t> ParseTimestamp(std::string_view text);

// "2026-03-01T08:30:00Z".
std::string FormatTimestamp(int64_t unix_seconds);

// Bounds of the times the closed loop accepts. They keep every sum such as now + SLA or
// ship date ± window far inside int64, and nothing sensible lies beyond them.
inline constexpr int64_t kMaxTimestamp = 253402300799;            // 9999-12-31T23:59:59Z
inline constexpr int64_t kMaxDurationSeconds = int64_t{3660} * 86400;  // 3660d, ~10 years

// Timestamps the store and the closed loop accept are 1..kMaxTimestamp: 0 means "unset", and
// a time before 1970 is almost certainly a unit or parsing mistake. kTimestampRange is how
// errors describe the range.
inline constexpr char kTimestampRange[] = "1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z";
// InvalidArgument "<field> <t> is out of range (…)" unless 1 <= t <= kMaxTimestamp.
absl::Status CheckTimestamp(std::string_view field, int64_t t);

// A timestamp given in JSON as whole epoch seconds or as a string ParseTimestamp reads, in
// 1..kMaxTimestamp; InvalidArgument naming `field` otherwise. `v` must be a number or a
// string (callers name the other types in their own words).
absl::StatusOr<int64_t> TimestampFromJson(const json::Value& v, std::string_view field);

// Durations like "30d", "12h", "90m", "45s", "2w"; returns seconds, at most
// kMaxDurationSeconds (InvalidArgument "duration '…' is out of range" beyond).
absl::StatusOr<int64_t> ParseDuration(std::string_view text);

// InvalidArgument naming `field` and the value unless 0 < seconds <= kMaxDurationSeconds.
absl::Status CheckDuration(std::string_view field, int64_t seconds);

// t + d, or InvalidArgument naming `what` when the sum does not fit in int64.
absl::StatusOr<int64_t> AddSeconds(int64_t t, int64_t d, std::string_view what);

}  // namespace voc

#endif  // VOC_CORE_TIMEUTIL_H_
