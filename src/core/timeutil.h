// Internal: timestamps on the wire.
#ifndef VOC_CORE_TIMEUTIL_H_
#define VOC_CORE_TIMEUTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace voc {

// Accepts RFC 3339 ("2026-03-01T08:30:00Z", "+08:00" offsets, fractional seconds dropped),
// "2026-03-01 08:30:00" (taken as UTC), "2026-03-01" (midnight UTC), or an integer count of
// seconds since the epoch. Returns seconds since the epoch.
absl::StatusOr<int64_t> ParseTimestamp(std::string_view text);

// "2026-03-01T08:30:00Z".
std::string FormatTimestamp(int64_t unix_seconds);

// Durations like "30d", "12h", "90m", "45s", "2w"; returns seconds.
absl::StatusOr<int64_t> ParseDuration(std::string_view text);

}  // namespace voc

#endif  // VOC_CORE_TIMEUTIL_H_
