// Names of the public workflow enums (the wire format in the store, JSON, the CLI and C ABI).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "voc/workflow.h"

namespace voc {
namespace {

constexpr std::string_view kRoleNames[] = {"viewer",  "analyst", "agent", "owner",
                                           "manager", "admin",   "system"};
constexpr std::string_view kTaskStateNames[] = {
    "draft",    "assigned", "in_progress",        "on_hold", "implemented", "verifying",
    "verified", "not_effective", "customers_notified", "closed", "cancelled"};
constexpr std::string_view kTaskMoveNames[] = {"assign", "start", "hold",   "resume",
                                               "implement", "verify", "pass", "fail",
                                               "rework", "notify", "close", "cancel"};
constexpr std::string_view kCaseStateNames[] = {"new",      "assigned", "in_progress",
                                                "pending_customer", "resolved", "closed"};
constexpr std::string_view kCaseMoveNames[] = {"assign",  "start", "wait",  "reply",
                                               "resolve", "close", "reopen"};
constexpr std::string_view kMetricNames[] = {"negative_rate", "positive_rate", "mean_rating"};
constexpr std::string_view kVerdictNames[] = {"effective", "not_effective", "insufficient_data"};

template <typename E, size_t N>
std::string_view NameOf(const std::string_view (&names)[N], E value) {
  const int i = static_cast<int>(value);
  return i >= 0 && static_cast<size_t>(i) < N ? names[i] : std::string_view("unknown");
}

template <typename E, size_t N>
std::optional<E> Parse(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view RoleName(Role role) { return NameOf(kRoleNames, role); }
std::optional<Role> ParseRole(std::string_view name) { return Parse<Role>(kRoleNames, name); }
std::string_view TaskStateName(TaskState s) { return NameOf(kTaskStateNames, s); }
std::optional<TaskState> ParseTaskState(std::string_view name) {
  return Parse<TaskState>(kTaskStateNames, name);
}
bool TaskStateIsOpen(TaskState s) { return s != TaskState::kClosed && s != TaskState::kCancelled; }
std::string_view TaskMoveName(TaskMove m) { return NameOf(kTaskMoveNames, m); }
std::optional<TaskMove> ParseTaskMove(std::string_view name) {
  return Parse<TaskMove>(kTaskMoveNames, name);
}
std::string_view CaseStateName(CaseState s) { return NameOf(kCaseStateNames, s); }
std::optional<CaseState> ParseCaseState(std::string_view name) {
  return Parse<CaseState>(kCaseStateNames, name);
}
std::string_view CaseMoveName(CaseMove m) { return NameOf(kCaseMoveNames, m); }
std::optional<CaseMove> ParseCaseMove(std::string_view name) {
  return Parse<CaseMove>(kCaseMoveNames, name);
}
std::string_view MetricName(Metric m) { return NameOf(kMetricNames, m); }
std::optional<Metric> ParseMetric(std::string_view name) {
  return Parse<Metric>(kMetricNames, name);
}
std::string_view VerdictName(Verdict v) { return NameOf(kVerdictNames, v); }

std::string FormatTarget(const TaskTarget& t) {
  std::string window;
  if (t.window_seconds > 0 && t.window_seconds % 86400 == 0) {
    window = absl::StrCat(t.window_seconds / 86400, "d");
  } else {
    window = absl::StrCat(t.window_seconds, "s");
  }
  return absl::StrFormat("%s %s %g%% within %s", std::string(MetricName(t.metric)),
                         t.direction < 0 ? "down" : "up", t.relative_change * 100, window);
}

int64_t CaseSlaElapsed(const Case& c, int64_t now) {
  // Saturating: a clock or a stored row far off must not overflow (UB).
  int64_t paused = c.paused_seconds, elapsed;
  if (c.paused_since > 0 && now > c.paused_since &&
      __builtin_add_overflow(paused, now - c.paused_since, &paused)) {
    paused = std::numeric_limits<int64_t>::max();
  }
  if (__builtin_sub_overflow(now, c.created_at, &elapsed)) {
    return now > c.created_at ? std::numeric_limits<int64_t>::max() : 0;
  }
  if (__builtin_sub_overflow(elapsed, paused, &elapsed)) {
    return elapsed < 0 ? std::numeric_limits<int64_t>::max() : 0;
  }
  return std::max<int64_t>(0, elapsed);
}

}  // namespace voc
