// voc/workflow.h — the closed loop: improvement tasks (outer loop), cases (inner loop), roles,
// effect verification and customer follow-up.
//
// Value types here are plain and thread-compatible. The state machines themselves live in
// src/workflow/state_machine.h; `voc::Workflow` (persistence over a voc::Store) is declared
// at the end of this header once the store is available.
//
// Roles and what they may do (kept deliberately small; see docs in state_machine.h):
//   viewer   read only
//   analyst  create tasks (in draft) and cases
//   agent    work cases (assign, start, wait, reply, resolve, close, reopen)
//   owner    work the tasks they own (start, hold, resume, implement, verify, rework, notify,
//            close) and cases
//   manager  everything on tasks and cases (assign, cancel, verdicts ...)
//   admin    everything
//   system   automatic moves: verdicts from Verify(), rework after not_effective, follow-up
//            notification, case escalation and auto-close, customer replies
#ifndef VOC_WORKFLOW_H_
#define VOC_WORKFLOW_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "voc/insights.h"

namespace voc {

enum class Role : int {
  kViewer = 0,
  kAnalyst = 1,
  kAgent = 2,
  kOwner = 3,
  kManager = 4,
  kAdmin = 5,
  kSystem = 6,
};
std::string_view RoleName(Role role);  // "viewer", "analyst", ...
std::optional<Role> ParseRole(std::string_view name);

// ---------------------------------------------------------------- improvement tasks

enum class TaskState : int {
  kDraft = 0,
  kAssigned = 1,
  kInProgress = 2,
  kOnHold = 3,
  kImplemented = 4,
  kVerifying = 5,
  kVerified = 6,
  kNotEffective = 7,
  kCustomersNotified = 8,
  kClosed = 9,
  kCancelled = 10,
};
inline constexpr int kTaskStateCount = 11;
std::string_view TaskStateName(TaskState state);  // "draft", "in_progress", ...
std::optional<TaskState> ParseTaskState(std::string_view name);
bool TaskStateIsOpen(TaskState state);  // everything except closed and cancelled

// The moves (verbs) of the task state machine:
//   assign   draft -> assigned (also re-assigns in assigned, in_progress, on_hold)
//   start    assigned -> in_progress
//   hold     in_progress -> on_hold
//   resume   on_hold -> in_progress
//   implement in_progress -> implemented        (needs shipped_at)
//   verify   implemented -> verifying
//   pass     verifying -> verified               (verdict "effective")
//   fail     verifying -> not_effective          (verdict "not_effective")
//   rework   not_effective -> in_progress
//   notify   verified -> customers_notified
//   close    customers_notified -> closed        (needs verdict and root cause)
//   cancel   any open state -> cancelled         (needs a reason)
enum class TaskMove : int {
  kAssign = 0,
  kStart = 1,
  kHold = 2,
  kResume = 3,
  kImplement = 4,
  kVerify = 5,
  kPass = 6,
  kFail = 7,
  kRework = 8,
  kNotify = 9,
  kClose = 10,
  kCancel = 11,
};
inline constexpr int kTaskMoveCount = 12;
std::string_view TaskMoveName(TaskMove move);
std::optional<TaskMove> ParseTaskMove(std::string_view name);

// Metrics a task target and effect verification speak about.
//   negative_rate  share of all feedback in a window that mentions the issue negatively
//   positive_rate  share of all feedback in a window that mentions the issue positively
//   mean_rating    mean rating of the feedback mentioning the issue, on a 0..1 scale
//                  (NormalizedRating mapped from [-1, 1])
enum class Metric : int { kNegativeRate = 0, kPositiveRate = 1, kMeanRating = 2 };
std::string_view MetricName(Metric metric);
std::optional<Metric> ParseMetric(std::string_view name);

// A measurable target: "negative_rate down 50% within 90 days".
struct TaskTarget {
  Metric metric = Metric::kNegativeRate;
  int direction = -1;              // -1 down, +1 up
  double relative_change = 0.5;    // 0.5 = 50%; must be in (0, 10]
  int64_t window_seconds = 0;      // the after window used by verification; > 0
};
// "negative_rate down 50% within 90d".
std::string FormatTarget(const TaskTarget& target);

struct Task {
  std::string id;                  // "T-1"
  std::string title;
  std::string description;
  std::string insight_key;         // the insight it was created from ("" when by hand)
  std::string department;
  std::string owner;
  int64_t deadline = 0;            // 0 = none
  std::optional<TaskTarget> target;
  std::vector<std::string> themes;        // linked themes (prefix match: "service" covers "service.x")
  std::vector<std::string> key_phrases;   // linked key phrases
  std::vector<std::string> evidence_ids;  // linked feedback ids
  TaskState state = TaskState::kDraft;
  int64_t shipped_at = 0;          // when the change shipped; required by implement
  std::string change;              // what was changed (used by the follow-up template)
  std::string verdict;             // "" | "effective" | "not_effective" | "insufficient_data"
  std::string root_cause;
  std::string cancel_reason;
  int64_t version = 1;             // +1 per accepted change
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::string created_by;
};

// ---------------------------------------------------------------- cases

enum class CaseState : int {
  kNew = 0,
  kAssigned = 1,
  kInProgress = 2,
  kPendingCustomer = 3,
  kResolved = 4,
  kClosed = 5,
};
inline constexpr int kCaseStateCount = 6;
std::string_view CaseStateName(CaseState state);
std::optional<CaseState> ParseCaseState(std::string_view name);

//   assign   new -> assigned (re-assigns elsewhere while open)
//   start    assigned -> in_progress
//   wait     in_progress -> pending_customer      (SLA clocks pause)
//   reply    pending_customer -> in_progress      (customer answered; clocks resume)
//   resolve  in_progress | pending_customer -> resolved
//   close    resolved -> closed
//   reopen   resolved | closed -> in_progress     (customer unhappy)
// Escalation and auto-close are applied by TickCase (role system), not by a move.
enum class CaseMove : int {
  kAssign = 0,
  kStart = 1,
  kWait = 2,
  kReply = 3,
  kResolve = 4,
  kClose = 5,
  kReopen = 6,
};
inline constexpr int kCaseMoveCount = 7;
std::string_view CaseMoveName(CaseMove move);
std::optional<CaseMove> ParseCaseMove(std::string_view name);

struct SlaPolicy {
  int64_t first_response_seconds = 4 * 3600;     // from creation to the first response
  int64_t resolution_seconds = 72 * 3600;        // from creation to resolved
  int64_t auto_close_seconds = 7 * 86400;        // resolved -> closed automatically
};

struct Case {
  std::string id;                  // "C-1"
  std::string customer_id;
  std::string feedback_id;
  std::string task_id;             // linked improvement task, "" when none
  std::string title;
  std::string assignee;
  CaseState state = CaseState::kNew;
  SlaPolicy sla;
  int64_t created_at = 0;
  int64_t first_response_at = 0;   // first entry into in_progress/pending_customer/resolved
  int64_t resolved_at = 0;         // last resolution (cleared on reopen)
  int64_t closed_at = 0;
  int64_t paused_seconds = 0;      // accumulated time spent in pending_customer
  int64_t paused_since = 0;        // > 0 while pending_customer
  bool escalated = false;
  bool first_response_breached = false;
  bool resolution_breached = false;
  int reopen_count = 0;
  int64_t version = 1;
  int64_t updated_at = 0;
};

// Seconds the SLA clocks have run at `now`: wall time since creation minus paused time
// (including the current pause).
int64_t CaseSlaElapsed(const Case& c, int64_t now);

// ---------------------------------------------------------------- effect verification

enum class Verdict : int { kEffective = 0, kNotEffective = 1, kInsufficientData = 2 };
std::string_view VerdictName(Verdict verdict);  // "effective", "not_effective", "insufficient_data"

// One metric measured in one window.
struct MetricWindow {
  int64_t rows = 0;          // feedback rows in the window (denominator of the rates)
  int64_t mentions = 0;      // rows mentioning the issue
  int64_t events = 0;        // negative / positive mentions, or ratings counted
  double value = 0;          // rate or mean rating (0..1)
  double variance = 0;       // sample variance (mean_rating only)
};

struct MetricComparison {
  Metric metric = Metric::kNegativeRate;
  MetricWindow before;
  MetricWindow after;
  double relative_change = 0;   // (after - before) / before; 0 when before is 0
  double statistic = 0;         // z or t
  double p_value = 1;
  std::string test;             // "z", "fisher", "welch", "none"
  bool enough_data = false;
};

struct VerificationReport {
  Verdict verdict = Verdict::kInsufficientData;
  int64_t before_start = 0, before_end = 0, after_start = 0, after_end = 0;
  std::vector<MetricComparison> metrics;  // negative_rate, positive_rate, mean_rating
  bool target_met = false;
  bool significant = false;
  std::string reason;           // one sentence explaining the verdict
};

// ---------------------------------------------------------------- persistence

class Store;

struct Actor {
  std::string name;
  Role role = Role::kViewer;
};

// Everything a new task may carry. The task starts in draft; assign it to make it owned.
struct TaskDraft {
  std::string title;                // required
  std::string description;
  std::string department;
  std::string owner;
  int64_t deadline = 0;
  std::optional<TaskTarget> target;
  std::vector<std::string> themes;
  std::vector<std::string> key_phrases;
  std::vector<std::string> evidence_ids;
  std::string insight_key;
  std::string note;                 // kept with the "create" event in the history
};

// Options of one task move; fields apply only to the move that owns them (see
// src/workflow/state_machine.h): owner/department/deadline/target with assign, shipped_at
// with implement, reason with cancel; change and root_cause with any move.
struct TaskMoveOptions {
  std::optional<int64_t> expected_version;  // stale -> Aborted, nothing changed
  std::string note;
  std::optional<std::string> owner;
  std::optional<std::string> department;
  std::optional<int64_t> deadline;
  std::optional<TaskTarget> target;
  std::optional<int64_t> shipped_at;
  std::optional<std::string> change;
  std::optional<std::string> root_cause;
  std::optional<std::string> reason;
};

struct TaskFilter {
  std::optional<TaskState> state;
  std::string owner;        // "" = any
  std::string department;   // "" = any
};

struct CaseDraft {
  std::string title;        // required
  std::string customer_id;
  std::string feedback_id;
  std::string task_id;      // "" = none
  std::string assignee;
  SlaPolicy sla;
};

struct CaseMoveOptions {
  std::optional<int64_t> expected_version;
  std::string note;
  std::optional<std::string> assignee;
};

struct CaseFilter {
  std::optional<CaseState> state;
  std::string task_id;
  std::string customer_id;
  bool only_escalated = false;
};

// One audit row: every accepted change writes exactly one.
struct Event {
  int64_t id = 0;
  std::string entity;       // "task" | "case" | "outbox"
  std::string entity_id;    // "T-3", "C-7", "O-2"
  std::string actor;
  Role role = Role::kViewer;
  int64_t at = 0;
  std::string action;       // "create", a move name, "escalate", "auto_close", "verify", ...
  std::string from_state;
  std::string to_state;
  std::vector<std::string> changed_fields;
  std::string note;
};

struct OutboxMessage {
  std::string id;           // "O-5"
  std::string task_id;
  std::string customer_id;
  std::vector<std::string> feedback_ids;
  std::string message;
  std::string state;        // pending | delivered | failed
  int64_t created_at = 0;
  int64_t acked_at = 0;
  std::string ack_note;
};

struct FollowUpReport {
  int64_t added = 0;                // new outbox messages
  int64_t already_queued = 0;       // customers with a message from an earlier run
  int64_t skipped_no_consent = 0;   // feedback or customer without contact_ok
  int64_t skipped_no_customer = 0;  // evidence without a customer id
  std::vector<std::string> message_ids;  // added this run
};

struct TickReport {
  int64_t escalated = 0;
  int64_t auto_closed = 0;
  std::vector<std::string> case_ids;  // every case changed
};

struct WorkflowOptions {
  // Seconds since the epoch; defaults to the system clock.
  std::function<int64_t()> clock;
  // Follow-up template; {customer} (name, else id), {issue} (task title), {change}.
  std::string followup_template =
      "{customer}您好：您之前反馈的“{issue}”问题，我们已完成改进：{change}。感谢您的宝贵意见！";
  // Verification windows default to the target window on both sides of the ship date.
  int64_t min_rows = 30;
  int64_t min_events = 10;
  int64_t min_ratings = 10;
  double alpha = 0.05;
};

// The closed loop persisted in a voc::Store. Every change runs in one transaction that also
// writes its audit event, so a crash leaves either the whole change or nothing.
// Thread-compatible (like Store): one Workflow per thread/Store.
class Workflow {
 public:
  // `store` must outlive the Workflow. Creates the workflow's extra tables when missing.
  static absl::StatusOr<std::unique_ptr<Workflow>> Create(Store* store,
                                                          const WorkflowOptions& options = {});
  ~Workflow();
  Workflow(const Workflow&) = delete;
  Workflow& operator=(const Workflow&) = delete;

  int64_t Now() const;

  // ---- insights: over analysed feedback in the store (customer lifetime values from the
  // customers table). options.now defaults to Now() when 0.
  absl::StatusOr<std::vector<Insight>> Insights(InsightOptions options);

  // ---- improvement tasks
  absl::StatusOr<Task> CreateTask(const TaskDraft& draft, const Actor& actor);
  // Title "<theme> @ <touchpoint>: <top phrases>" unless draft.title is set; themes, key
  // phrases and evidence come from the insight (added to whatever the draft has). The
  // evidence is the insight's negative mentions: the customers who complained.
  absl::StatusOr<Task> CreateTaskFromInsight(const Insight& insight, TaskDraft draft,
                                             const Actor& actor);
  absl::StatusOr<Task> MoveTask(std::string_view task_id, TaskMove move, const Actor& actor,
                                const TaskMoveOptions& options = {});
  absl::StatusOr<Task> GetTask(std::string_view task_id);
  absl::StatusOr<std::vector<Task>> ListTasks(const TaskFilter& filter = {});
  // The audit trail of one task ("T-3"), case ("C-2") or outbox message ("O-1"), oldest first.
  absl::StatusOr<std::vector<Event>> History(std::string_view entity_id);

  // ---- cases
  absl::StatusOr<Case> CreateCase(const CaseDraft& draft, const Actor& actor);
  absl::StatusOr<Case> MoveCase(std::string_view case_id, CaseMove move, const Actor& actor,
                                const CaseMoveOptions& options = {});
  absl::StatusOr<Case> LinkCase(std::string_view case_id, std::string_view task_id,
                                const Actor& actor,
                                std::optional<int64_t> expected_version = std::nullopt);
  absl::StatusOr<Case> GetCase(std::string_view case_id);
  absl::StatusOr<std::vector<Case>> ListCases(const CaseFilter& filter = {});

  // Applies due escalations and auto-closes at `now` (default Now()); idempotent.
  absl::StatusOr<TickReport> Tick(std::optional<int64_t> now = std::nullopt);

  // ---- effect verification: the task must be implemented (it is moved to verifying) or
  // verifying. effective -> verified; not_effective -> not_effective -> in_progress;
  // insufficient_data leaves it in verifying. The report is saved with the task.
  absl::StatusOr<VerificationReport> Verify(std::string_view task_id, const Actor& actor);

  // ---- customer follow-up (回访): the task must be verified (moved to customers_notified)
  // or already customers_notified (re-running adds nothing new).
  absl::StatusOr<FollowUpReport> FollowUp(std::string_view task_id, const Actor& actor);
  absl::StatusOr<std::vector<OutboxMessage>> OutboxList(const std::string& state = "",
                                                        const std::string& task_id = "");
  // state: "delivered" or "failed".
  absl::StatusOr<OutboxMessage> OutboxAck(std::string_view message_id, const std::string& state,
                                          const std::string& note, const Actor& actor);
  // A customer answered a follow-up. When `unhappy`, their resolved/closed cases linked to the
  // message's task are reopened. Returns the ids of the cases reopened.
  absl::StatusOr<std::vector<std::string>> OutboxReply(std::string_view message_id,
                                                       const std::string& reply, bool unhappy,
                                                       const Actor& actor);

 private:
  class Impl;
  explicit Workflow(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace voc

#endif  // VOC_WORKFLOW_H_
