#include "workflow/state_machine.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/strings.h"
#include "core/timeutil.h"

namespace voc::workflow {
namespace {

// Task transition table: the state a move leads to from `from`, or nullopt when illegal.
std::optional<TaskState> TaskNext(TaskState from, TaskMove move) {
  using S = TaskState;
  using M = TaskMove;
  if (move == M::kCancel) {
    if (TaskStateIsOpen(from)) return S::kCancelled;
    return std::nullopt;
  }
  switch (move) {
    case M::kAssign:
      if (from == S::kDraft) return S::kAssigned;
      // Re-assignment keeps the state.
      if (from == S::kAssigned || from == S::kInProgress || from == S::kOnHold) return from;
      break;
    case M::kStart: if (from == S::kAssigned) return S::kInProgress; break;
    case M::kHold: if (from == S::kInProgress) return S::kOnHold; break;
    case M::kResume: if (from == S::kOnHold) return S::kInProgress; break;
    case M::kImplement: if (from == S::kInProgress) return S::kImplemented; break;
    case M::kVerify: if (from == S::kImplemented) return S::kVerifying; break;
    case M::kPass: if (from == S::kVerifying) return S::kVerified; break;
    case M::kFail: if (from == S::kVerifying) return S::kNotEffective; break;
    case M::kRework: if (from == S::kNotEffective) return S::kInProgress; break;
    case M::kNotify: if (from == S::kVerified) return S::kCustomersNotified; break;
    case M::kClose: if (from == S::kCustomersNotified) return S::kClosed; break;
    case M::kCancel: break;
  }
  return std::nullopt;
}

std::optional<CaseState> CaseNext(CaseState from, CaseMove move) {
  using S = CaseState;
  using M = CaseMove;
  switch (move) {
    case M::kAssign:
      if (from == S::kNew) return S::kAssigned;
      if (from == S::kAssigned || from == S::kInProgress || from == S::kPendingCustomer) {
        return from;
      }
      break;
    case M::kStart: if (from == S::kAssigned) return S::kInProgress; break;
    case M::kWait: if (from == S::kInProgress) return S::kPendingCustomer; break;
    case M::kReply: if (from == S::kPendingCustomer) return S::kInProgress; break;
    case M::kResolve:
      if (from == S::kInProgress || from == S::kPendingCustomer) return S::kResolved;
      break;
    case M::kClose: if (from == S::kResolved) return S::kClosed; break;
    case M::kReopen:
      if (from == S::kResolved || from == S::kClosed) return S::kInProgress;
      break;
  }
  return std::nullopt;
}

template <typename MoveEnum, typename NameFn>
std::string JoinMoves(const std::vector<MoveEnum>& moves, NameFn name) {
  if (moves.empty()) return "none";
  std::string out;
  for (size_t i = 0; i < moves.size(); ++i) {
    if (i) out += ", ";
    out += std::string(name(moves[i]));
  }
  return out;
}

absl::Status Denied(std::string_view what, const std::string& id, std::string_view move,
                    Role role) {
  return absl::PermissionDeniedError(absl::StrCat("role '", AV(RoleName(role)),
                                                  "' may not ", AV(move), " ", AV(what), " ", id));
}

void Changed(std::vector<std::string>* fields, const char* name) { fields->push_back(name); }

}  // namespace

std::vector<TaskMove> AllowedTaskMoves(TaskState state) {
  std::vector<TaskMove> out;
  for (int m = 0; m < kTaskMoveCount; ++m) {
    if (TaskNext(state, static_cast<TaskMove>(m))) out.push_back(static_cast<TaskMove>(m));
  }
  return out;
}

std::vector<CaseMove> AllowedCaseMoves(CaseState state) {
  std::vector<CaseMove> out;
  for (int m = 0; m < kCaseMoveCount; ++m) {
    if (CaseNext(state, static_cast<CaseMove>(m))) out.push_back(static_cast<CaseMove>(m));
  }
  return out;
}

absl::Status CheckCanCreateTask(Role role) {
  switch (role) {
    case Role::kAnalyst: case Role::kOwner: case Role::kManager: case Role::kAdmin:
    case Role::kSystem:
      return absl::OkStatus();
    default:
      return absl::PermissionDeniedError(
          absl::StrCat("role '", AV(RoleName(role)), "' may not create tasks"));
  }
}

absl::Status CheckCanCreateCase(Role role) {
  if (role == Role::kViewer) {
    return absl::PermissionDeniedError("role 'viewer' may not create cases");
  }
  return absl::OkStatus();
}

absl::Status CheckTaskPermission(const Task& task, TaskMove move, const std::string& actor,
                                 Role role) {
  if (role == Role::kManager || role == Role::kAdmin) return absl::OkStatus();
  bool ok = false;
  switch (move) {
    case TaskMove::kAssign:
    case TaskMove::kCancel:
      break;
    case TaskMove::kPass:
    case TaskMove::kFail:
      ok = role == Role::kSystem;
      break;
    case TaskMove::kRework:
    case TaskMove::kNotify:
      ok = role == Role::kSystem || role == Role::kOwner;
      break;
    default:
      ok = role == Role::kOwner;
      break;
  }
  if (!ok) return Denied("task", task.id, TaskMoveName(move), role);
  if (role == Role::kOwner && actor != task.owner) {
    return absl::PermissionDeniedError(absl::StrCat("'", actor, "' is not the owner of task ",
                                                    task.id, " (owner: '", task.owner, "')"));
  }
  return absl::OkStatus();
}

absl::Status ValidateTarget(const TaskTarget& t) {
  if (t.direction != -1 && t.direction != 1) {
    return absl::InvalidArgumentError("target direction must be down (-1) or up (+1)");
  }
  if (!(t.relative_change > 0 && t.relative_change <= 10)) {
    return absl::InvalidArgumentError(
        absl::StrCat("target relative change ", t.relative_change, " must be in (0, 10]"));
  }
  // Bounded so that ship date ± window cannot overflow during verification.
  if (auto s = CheckDuration("target window", t.window_seconds); !s.ok()) return s;
  return absl::OkStatus();
}

absl::StatusOr<Transition> ApplyTaskMove(Task* task, const TaskMoveRequest& r) {
  if (r.expected_version && *r.expected_version != task->version) {
    return absl::AbortedError(absl::StrCat("task ", task->id, " is at version ", task->version,
                                           ", not ", *r.expected_version,
                                           " (changed by someone else; reload and retry)"));
  }
  if (auto s = CheckTaskPermission(*task, r.move, r.actor, r.role); !s.ok()) return s;
  const auto next = TaskNext(task->state, r.move);
  if (!next) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task ", task->id, " is in '", AV(TaskStateName(task->state)), "'; move '",
        AV(TaskMoveName(r.move)), "' is not allowed (allowed: ",
        JoinMoves(AllowedTaskMoves(task->state), TaskMoveName), ")"));
  }
  // Work on a copy so that a refused guard leaves the task untouched.
  Task t = *task;
  Transition tr;
  tr.from = std::string(TaskStateName(t.state));
  auto& f = tr.changed_fields;
  auto guard = [&](const std::string& what) {
    return absl::FailedPreconditionError(absl::StrCat("task ", t.id, ": cannot ",
                                                      AV(TaskMoveName(r.move)), ": ", what));
  };
  // Fields belong to the move that sets them; anything else is a caller mistake.
  if (r.move != TaskMove::kAssign && (r.owner || r.department || r.deadline || r.target)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "task ", t.id, ": owner, department, deadline and target are set by 'assign', not '",
        AV(TaskMoveName(r.move)), "'"));
  }
  if (r.move != TaskMove::kImplement && r.shipped_at) {
    return absl::InvalidArgumentError(absl::StrCat(
        "task ", t.id, ": the ship date is set by 'implement', not '", AV(TaskMoveName(r.move)),
        "'"));
  }
  if (r.owner && *r.owner != t.owner) { t.owner = *r.owner; Changed(&f, "owner"); }
  if (r.department && *r.department != t.department) {
    t.department = *r.department;
    Changed(&f, "department");
  }
  if (r.deadline && *r.deadline != t.deadline) { t.deadline = *r.deadline; Changed(&f, "deadline"); }
  if (r.target) {
    if (auto s = ValidateTarget(*r.target); !s.ok()) return guard(std::string(s.message()));
    t.target = *r.target;
    Changed(&f, "target");
  }
  // Notes (what changed, root cause) may be added with any move; empty values never clear.
  if (r.change && !r.change->empty() && *r.change != t.change) {
    t.change = *r.change;
    Changed(&f, "change");
  }
  if (r.root_cause && !r.root_cause->empty() && *r.root_cause != t.root_cause) {
    t.root_cause = *r.root_cause;
    Changed(&f, "root_cause");
  }
  switch (r.move) {
    case TaskMove::kAssign:
      if (t.owner.empty()) return guard("an owner is required");
      if (t.deadline <= 0) return guard("a deadline is required");
      if (!t.target) return guard("a target (metric, direction, change, window) is required");
      break;
    case TaskMove::kImplement:
      if (r.shipped_at) { t.shipped_at = *r.shipped_at; Changed(&f, "shipped_at"); }
      if (t.shipped_at <= 0) return guard("the date the change shipped is required");
      if (r.now > 0 && t.shipped_at > r.now) return guard("the ship date lies in the future");
      break;
    case TaskMove::kPass:
      t.verdict = std::string(VerdictName(Verdict::kEffective));
      Changed(&f, "verdict");
      break;
    case TaskMove::kFail:
      t.verdict = std::string(VerdictName(Verdict::kNotEffective));
      Changed(&f, "verdict");
      break;
    case TaskMove::kRework:
      // The old verdict no longer describes the task; the next verification sets a new one.
      t.verdict.clear();
      Changed(&f, "verdict");
      break;
    case TaskMove::kClose:
      if (t.verdict.empty()) return guard("a verification verdict is required");
      if (t.root_cause.empty()) return guard("a root-cause note is required");
      break;
    case TaskMove::kCancel:
      if (!r.reason || r.reason->empty()) return guard("a reason is required");
      t.cancel_reason = *r.reason;
      Changed(&f, "cancel_reason");
      break;
    default:
      break;
  }
  if (*next != t.state) {
    t.state = *next;
    Changed(&f, "state");
  }
  t.version += 1;
  t.updated_at = r.now;
  Changed(&f, "version");
  tr.to = std::string(TaskStateName(t.state));
  *task = std::move(t);
  return tr;
}

absl::StatusOr<Transition> ApplyCaseMove(Case* c, const CaseMoveRequest& r) {
  if (r.expected_version && *r.expected_version != c->version) {
    return absl::AbortedError(absl::StrCat("case ", c->id, " is at version ", c->version,
                                           ", not ", *r.expected_version,
                                           " (changed by someone else; reload and retry)"));
  }
  const bool worker = r.role == Role::kAgent || r.role == Role::kOwner ||
                      r.role == Role::kManager || r.role == Role::kAdmin;
  const bool system_ok =
      r.role == Role::kSystem && (r.move == CaseMove::kReply || r.move == CaseMove::kReopen);
  if (!worker && !system_ok) return Denied("case", c->id, CaseMoveName(r.move), r.role);
  const auto next = CaseNext(c->state, r.move);
  if (!next) {
    return absl::FailedPreconditionError(absl::StrCat(
        "case ", c->id, " is in '", AV(CaseStateName(c->state)), "'; move '",
        AV(CaseMoveName(r.move)), "' is not allowed (allowed: ",
        JoinMoves(AllowedCaseMoves(c->state), CaseMoveName), ")"));
  }
  Case n = *c;
  Transition tr;
  tr.from = std::string(CaseStateName(n.state));
  auto& f = tr.changed_fields;
  if (r.assignee && *r.assignee != n.assignee) { n.assignee = *r.assignee; Changed(&f, "assignee"); }
  if (r.move == CaseMove::kAssign && n.assignee.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("case ", n.id,
                                                      ": cannot assign: an assignee is required"));
  }
  // Leaving pending_customer closes the current pause.
  if (n.state == CaseState::kPendingCustomer && *next != CaseState::kPendingCustomer) {
    if (r.now > n.paused_since) n.paused_seconds += r.now - n.paused_since;
    n.paused_since = 0;
    Changed(&f, "paused_seconds");
  }
  switch (*next) {
    case CaseState::kPendingCustomer:
      if (n.state != CaseState::kPendingCustomer) {
        n.paused_since = r.now;
        Changed(&f, "paused_since");
      }
      break;
    case CaseState::kResolved:
      n.resolved_at = r.now;
      Changed(&f, "resolved_at");
      break;
    case CaseState::kClosed:
      n.closed_at = r.now;
      Changed(&f, "closed_at");
      break;
    default:
      break;
  }
  if (r.move == CaseMove::kReopen) {
    n.resolved_at = 0;
    n.closed_at = 0;
    n.reopen_count += 1;
    Changed(&f, "reopen_count");
  }
  if (n.first_response_at == 0 &&
      (*next == CaseState::kInProgress || *next == CaseState::kPendingCustomer ||
       *next == CaseState::kResolved)) {
    n.first_response_at = r.now;
    Changed(&f, "first_response_at");
  }
  if (*next != n.state) {
    n.state = *next;
    Changed(&f, "state");
  }
  n.version += 1;
  n.updated_at = r.now;
  Changed(&f, "version");
  tr.to = std::string(CaseStateName(n.state));
  *c = std::move(n);
  return tr;
}

std::vector<Transition> TickCase(Case* c, int64_t now) {
  std::vector<Transition> out;
  if (c->state == CaseState::kClosed) return out;
  const int64_t elapsed = CaseSlaElapsed(*c, now);
  Transition esc;
  esc.from = esc.to = std::string(CaseStateName(c->state));
  if (c->first_response_at == 0 && !c->first_response_breached &&
      elapsed > c->sla.first_response_seconds) {
    c->first_response_breached = true;
    esc.changed_fields.push_back("first_response_breached");
  }
  if (c->resolved_at == 0 && c->state != CaseState::kResolved && !c->resolution_breached &&
      elapsed > c->sla.resolution_seconds) {
    c->resolution_breached = true;
    esc.changed_fields.push_back("resolution_breached");
  }
  if (!esc.changed_fields.empty()) {
    if (!c->escalated) {
      c->escalated = true;
      esc.changed_fields.push_back("escalated");
    }
    c->version += 1;
    c->updated_at = now;
    esc.changed_fields.push_back("version");
    out.push_back(std::move(esc));
  }
  // now - resolved_at rather than resolved_at + auto_close: the sum can overflow, the
  // difference of two times after the epoch cannot.
  if (c->state == CaseState::kResolved && c->resolved_at > 0 && now > 0 &&
      now - c->resolved_at >= c->sla.auto_close_seconds) {
    Transition tr;
    tr.from = std::string(CaseStateName(c->state));
    c->state = CaseState::kClosed;
    c->closed_at = now;
    c->version += 1;
    c->updated_at = now;
    tr.to = std::string(CaseStateName(c->state));
    tr.changed_fields = {"state", "closed_at", "version"};
    out.push_back(std::move(tr));
  }
  return out;
}

}  // namespace voc::workflow
