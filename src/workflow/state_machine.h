// Internal: the pure state machines of the closed loop (no storage). Workflow persists what
// these functions decide.
//
// Checks run in this order, and a refused move leaves the record untouched:
//   1. expected version (stale -> Aborted)
//   2. role permission (-> PermissionDenied)
//   3. the move is legal from the current state (-> FailedPrecondition naming state and move)
//   4. guards on the resulting record (-> FailedPrecondition naming the missing field)
// An accepted move bumps `version` by exactly one and sets `updated_at`.
//
// Task permissions by move (manager and admin may do everything):
//   assign, cancel        manager, admin
//   start, hold, resume, implement, verify, notify, close
//                         owner (only on tasks they own), manager, admin; notify also system
//   pass, fail            system (Verify), manager, admin
//   rework                owner (own tasks), manager, admin, system
// Creating a task: analyst, owner, manager, admin, system. Viewer and agent: no task moves.
// Case moves: agent, owner, manager, admin; system may reply/reopen (customer replies).
#ifndef VOC_WORKFLOW_STATE_MACHINE_H_
#define VOC_WORKFLOW_STATE_MACHINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "voc/workflow.h"

namespace voc::workflow {

struct TaskMoveRequest {
  TaskMove move = TaskMove::kAssign;
  std::string actor;
  Role role = Role::kViewer;
  int64_t now = 0;
  std::string note;
  std::optional<int64_t> expected_version;
  // Fields a move may set (applied before the guards run).
  std::optional<std::string> owner;
  std::optional<std::string> department;
  std::optional<int64_t> deadline;
  std::optional<TaskTarget> target;
  std::optional<int64_t> shipped_at;
  std::optional<std::string> change;
  std::optional<std::string> root_cause;
  std::optional<std::string> reason;      // cancel reason
};

struct Transition {
  std::string from;                       // state names
  std::string to;
  std::vector<std::string> changed_fields;  // "state", "owner", "version", ...
};

// The moves legal from `state` (ignoring roles and guards), in enum order.
std::vector<TaskMove> AllowedTaskMoves(TaskState state);
std::vector<CaseMove> AllowedCaseMoves(CaseState state);

absl::Status CheckCanCreateTask(Role role);
absl::Status CheckCanCreateCase(Role role);
absl::Status CheckTaskPermission(const Task& task, TaskMove move, const std::string& actor,
                                 Role role);

// Validates a target (direction +-1, change in (0, 10], window > 0).
absl::Status ValidateTarget(const TaskTarget& target);

absl::StatusOr<Transition> ApplyTaskMove(Task* task, const TaskMoveRequest& request);

struct CaseMoveRequest {
  CaseMove move = CaseMove::kStart;
  std::string actor;
  Role role = Role::kViewer;
  int64_t now = 0;
  std::string note;
  std::optional<int64_t> expected_version;
  std::optional<std::string> assignee;
};

absl::StatusOr<Transition> ApplyCaseMove(Case* c, const CaseMoveRequest& request);

// Applies what is due at `now`: escalation when an SLA clock (first response, resolution) has
// run past its limit, and auto-close of cases resolved for sla.auto_close_seconds. Returns the
// transitions applied (empty when nothing was due); applying it again at the same `now`
// changes nothing. Each returned transition bumped the version once.
std::vector<Transition> TickCase(Case* c, int64_t now);

}  // namespace voc::workflow

#endif  // VOC_WORKFLOW_STATE_MACHINE_H_
