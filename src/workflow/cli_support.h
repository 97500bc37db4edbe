// Internal: helpers shared by the closed-loop CLI commands (tools/cmd_task.cc etc.).
#ifndef VOC_WORKFLOW_CLI_SUPPORT_H_
#define VOC_WORKFLOW_CLI_SUPPORT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/numbers.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "voc/store.h"
#include "voc/workflow.h"

namespace voc::workflow {

struct Session {
  std::unique_ptr<Store> store;
  std::unique_ptr<Workflow> workflow;
};

inline absl::StatusOr<Session> OpenSession(const std::string& path,
                                           std::function<int64_t()> clock) {
  if (path.empty()) return absl::InvalidArgumentError("--db FILE is required");
  Session s;
  StoreOptions so;
  so.path = path;
  auto store = Store::Open(so);
  if (!store.ok()) return store.status();
  s.store = std::move(*store);
  WorkflowOptions wo;
  wo.clock = std::move(clock);
  auto wf = Workflow::Create(s.store.get(), wo);
  if (!wf.ok()) return wf.status();
  s.workflow = std::move(*wf);
  return s;
}

inline absl::StatusOr<Actor> MakeActor(const std::string& name, const std::string& role) {
  auto r = ParseRole(role);
  if (!r) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--role '", role, "' must be viewer, analyst, agent, owner, manager, admin or system"));
  }
  return Actor{name, *r};
}

// "a,b,c" -> {"a","b","c"} (empty parts dropped).
inline std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(AV(s), ',', absl::SkipWhitespace())) {
    out.emplace_back(part);
  }
  return out;
}

// --metric negative_rate --direction down --change 50% --window 90d
inline absl::StatusOr<TaskTarget> MakeTarget(const std::string& metric,
                                             const std::string& direction,
                                             const std::string& change,
                                             const std::string& window) {
  TaskTarget t;
  auto m = ParseMetric(metric);
  if (!m) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--metric '", metric, "' must be negative_rate, positive_rate or mean_rating"));
  }
  t.metric = *m;
  if (direction == "down") {
    t.direction = -1;
  } else if (direction == "up") {
    t.direction = 1;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("--direction '", direction,
                                                   "' must be down or up"));
  }
  std::string c = change;
  bool percent = !c.empty() && c.back() == '%';
  if (percent) c.pop_back();
  double v = 0;
  if (!absl::SimpleAtod(c, &v)) {
    return absl::InvalidArgumentError(absl::StrCat("--change '", change,
                                                   "' must be a number like 0.5 or 50%"));
  }
  t.relative_change = percent || v > 1 ? v / 100 : v;
  auto w = ParseDuration(window);
  if (!w.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("target window: ", w.status().message()));
  }
  t.window_seconds = *w;
  return t;
}

}  // namespace voc::workflow

#endif  // VOC_WORKFLOW_CLI_SUPPORT_H_
