#include "core/timeutil.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/strings.h"

namespace voc {

absl::StatusOr<int64_t> ParseTimestamp(std::string_view text) {
  std::string t(absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
  if (t.empty()) return absl::InvalidArgumentError("empty timestamp");
  bool all_digits = true;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i])) && !(i == 0 && t[i] == '-')) {
      all_digits = false;
    }
  }
  if (all_digits) {
    int64_t v;
    if (absl::SimpleAtoi(t, &v)) return v;
  }
  absl::Time parsed;
  std::string err;
  static const char* const kFormats[] = {
      "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ", "%Y-%m-%d %H:%M:%E*S%Ez",
      "%Y-%m-%d %H:%M:%E*SZ",   "%Y-%m-%dT%H:%M:%E*S",  "%Y-%m-%d %H:%M:%E*S",
      "%Y-%m-%dT%H:%M%Ez",      "%Y-%m-%dT%H:%MZ",      "%Y-%m-%d %H:%M",
      "%Y-%m-%d",               "%Y/%m/%d %H:%M:%S",    "%Y/%m/%d"};
  for (const char* f : kFormats) {
    if (absl::ParseTime(f, t, absl::UTCTimeZone(), &parsed, &err)) {
      return absl::ToUnixSeconds(parsed);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("timestamp '", t.substr(0, 64), "' is not RFC 3339 (2026-03-01T08:30:00Z), ",
                   "YYYY-MM-DD[ HH:MM:SS] or epoch seconds"));
}

std::string FormatTimestamp(int64_t unix_seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(unix_seconds),
                          absl::UTCTimeZone());
}

absl::StatusOr<int64_t> ParseDuration(std::string_view text) {
  if (text.size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("duration '", AV(text), "' must be a number and a unit: s, m, h, d or w"));
  }
  char unit = text.back();
  int64_t n;
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size() - 1), &n) || n < 0) {
    return absl::InvalidArgumentError(absl::StrCat("duration '", AV(text), "' has no valid count"));
  }
  int64_t scale;
  switch (unit) {
    case 's': scale = 1; break;
    case 'm': scale = 60; break;
    case 'h': scale = 3600; break;
    case 'd': scale = 86400; break;
    case 'w': scale = 7 * 86400; break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("duration '", AV(text), "' has unknown unit '", std::string(1, unit),
                       "' (use s, m, h, d or w)"));
  }
  int64_t seconds;
  if (__builtin_mul_overflow(n, scale, &seconds) || seconds > kMaxDurationSeconds) {
    return absl::InvalidArgumentError(absl::StrCat("duration '", AV(text),
                                                   "' is out of range (at most ",
                                                   kMaxDurationSeconds / 86400, "d)"));
  }
  return seconds;
}

absl::Status CheckTimestamp(std::string_view field, int64_t t) {
  if (t < 1 || t > kMaxTimestamp) {
    return absl::InvalidArgumentError(
        absl::StrCat(AV(field), " ", t, " is out of range (", kTimestampRange, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> TimestampFromJson(const json::Value& v, std::string_view field) {
  if (v.is_number()) return json::ToInt(v, field, 1, kMaxTimestamp, kTimestampRange);
  auto t = ParseTimestamp(v.str());
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat(AV(field), ": ", t.status().message()));
  if (absl::Status s = CheckTimestamp(field, *t); !s.ok()) return s;
  return t;
}

absl::Status CheckDuration(std::string_view field, int64_t seconds) {
  if (seconds <= 0 || seconds > kMaxDurationSeconds) {
    return absl::InvalidArgumentError(absl::StrCat(AV(field), " ", seconds,
                                                   "s is out of range (1s to ",
                                                   kMaxDurationSeconds / 86400, "d)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> AddSeconds(int64_t t, int64_t d, std::string_view what) {
  int64_t sum;
  if (__builtin_add_overflow(t, d, &sum)) {
    return absl::InvalidArgumentError(
        absl::StrCat(AV(what), ": ", t, " + ", d, " seconds is out of range"));
  }
  return sum;
}

}  // namespace voc
