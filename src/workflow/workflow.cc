// voc::Workflow: the closed loop persisted in the store's SQLite file.
//
// The store's schema (src/store/schema.cc) has the tables tasks, task_evidence, cases, events
// and outbox, and (migration 2) the workflow's own columns in two side tables:
//   workflow_tasks(task_id, insight_key, themes, key_phrases, created_by)
//   workflow_cases(case_id, auto_close_seconds, first_response_breached, resolution_breached,
//                  reopen_count, closed_at)
// Every change is one BEGIN IMMEDIATE transaction: read, decide (state_machine.h), write the
// row with `WHERE version = old`, write the audit event, commit.
#include "voc/workflow.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "store/sqlite.h"
#include "voc/store.h"
#include "workflow/state_machine.h"
#include "workflow/verification.h"

namespace voc {

#define VOC_WF_RETURN_IF_ERROR(expr)         \
  do {                                       \
    absl::Status _st = (expr);               \
    if (!_st.ok()) return _st;               \
  } while (0)

#define VOC_WF_CONCAT2(a, b) a##b
#define VOC_WF_CONCAT(a, b) VOC_WF_CONCAT2(a, b)
#define VOC_WF_ASSIGN_OR_RETURN(lhs, expr) \
  VOC_WF_ASSIGN_OR_RETURN_IMPL(VOC_WF_CONCAT(_so_, __LINE__), lhs, expr)
#define VOC_WF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(*tmp)

namespace {

using sqlite::Db;
using sqlite::Statement;
using sqlite::Transaction;


std::string FormatId(char prefix, int64_t id) { return absl::StrCat(std::string(1, prefix), "-", id); }

absl::StatusOr<int64_t> ParseId(char prefix, std::string_view text, std::string_view what) {
  std::string_view digits = text;
  if (digits.size() > 2 && (digits[0] == prefix || digits[0] == prefix + ('a' - 'A')) &&
      digits[1] == '-') {
    digits.remove_prefix(2);
  }
  int64_t id = 0;
  if (!absl::SimpleAtoi(AV(digits), &id) || id <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("'", AV(text), "' is not a ", AV(what),
                                                   " id (expected ", std::string(1, prefix),
                                                   "-<number>)"));
  }
  return id;
}

std::string JsonStrings(const std::vector<std::string>& v) {
  std::string out;
  json::Writer w(&out);
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
  return out;
}

std::vector<std::string> ParseStrings(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  auto v = json::Parse(text);
  if (!v.ok() || !v->is_array()) return out;
  for (const auto& item : v->items()) {
    if (item.is_string()) out.push_back(item.str());
  }
  return out;
}

std::string TargetJson(const TaskTarget& t) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  w.Key("metric").String(MetricName(t.metric));
  w.Key("direction").String(t.direction < 0 ? "down" : "up");
  w.Key("change").Number(t.relative_change);
  w.Key("window_seconds").Int(t.window_seconds);
  w.EndObject();
  return out;
}

std::optional<TaskTarget> ParseTargetJson(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto v = json::Parse(text);
  if (!v.ok() || !v->is_object()) return std::nullopt;
  TaskTarget t;
  if (const auto* m = v->Find("metric"); m && m->is_string()) {
    if (auto p = ParseMetric(m->str())) t.metric = *p;
  }
  if (const auto* d = v->Find("direction"); d && d->is_string()) {
    t.direction = d->str() == "up" ? 1 : -1;
  }
  if (const auto* c = v->Find("change"); c && c->is_number()) t.relative_change = c->number();
  if (const auto* w = v->Find("window_seconds"); w && w->is_number()) {
    // A row edited outside voc must not make the cast UB; 0 reads as "no window".
    t.window_seconds = json::ToInt(*w, "window_seconds", 1, kMaxDurationSeconds).value_or(0);
  }
  return t;
}

std::string ReportJson(const VerificationReport& r) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  w.Key("verdict").String(VerdictName(r.verdict));
  w.Key("reason").String(r.reason);
  w.Key("before").BeginArray().Int(r.before_start).Int(r.before_end).EndArray();
  w.Key("after").BeginArray().Int(r.after_start).Int(r.after_end).EndArray();
  w.Key("target_met").Bool(r.target_met);
  w.Key("significant").Bool(r.significant);
  w.Key("metrics").BeginArray();
  for (const auto& m : r.metrics) {
    w.BeginObject();
    w.Key("metric").String(MetricName(m.metric));
    w.Key("before").Number(m.before.value);
    w.Key("after").Number(m.after.value);
    w.Key("before_rows").Int(m.before.rows);
    w.Key("after_rows").Int(m.after.rows);
    w.Key("before_events").Int(m.before.events);
    w.Key("after_events").Int(m.after.events);
    w.Key("relative_change").Number(m.relative_change);
    w.Key("test").String(m.test);
    w.Key("p_value").Number(m.p_value);
    w.Key("enough_data").Bool(m.enough_data);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

std::string Opt(std::string_view s) { return std::string(s); }

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const Actor kSystemActor{"voc", Role::kSystem};

}  // namespace

class Workflow::Impl {
 public:
  Impl(Store* store, WorkflowOptions options)
      : store_(store), db_(&store->db()), options_(std::move(options)) {
    if (!options_.clock) options_.clock = SystemNow;
  }

  Store* store_;
  Db* db_;
  WorkflowOptions options_;

  int64_t Now() const { return options_.clock(); }

  // ---------------------------------------------------------------- rows

  absl::StatusOr<Task> LoadTask(int64_t id) {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "SELECT t.id, t.title, t.description, t.state, t.owner, t.department, t.deadline, "
        "t.target, t.shipped_at, t.verdict, t.root_cause, t.change_note, t.cancel_reason, "
        "t.version, t.created_at, t.updated_at, x.insight_key, x.themes, x.key_phrases, "
        "x.created_by FROM tasks t LEFT JOIN workflow_tasks x ON x.task_id = t.id "
        "WHERE t.id = ?"));
    st->BindInt(1, id);
    VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      st->Reset();
      return absl::NotFoundError(absl::StrCat("task ", FormatId('T', id), " not found"));
    }
    Task t;
    t.id = FormatId('T', st->Int(0));
    t.title = Opt(st->Text(1));
    t.description = Opt(st->Text(2));
    t.state = ParseTaskState(st->Text(3)).value_or(TaskState::kDraft);
    t.owner = Opt(st->Text(4));
    t.department = Opt(st->Text(5));
    t.deadline = st->Int(6);
    t.target = ParseTargetJson(st->Text(7));
    t.shipped_at = st->Int(8);
    t.verdict = Opt(st->Text(9));
    t.root_cause = Opt(st->Text(10));
    t.change = Opt(st->Text(11));
    t.cancel_reason = Opt(st->Text(12));
    t.version = st->Int(13);
    t.created_at = st->Int(14);
    t.updated_at = st->Int(15);
    t.insight_key = Opt(st->Text(16));
    t.themes = ParseStrings(st->Text(17));
    t.key_phrases = ParseStrings(st->Text(18));
    t.created_by = Opt(st->Text(19));
    st->Reset();
    VOC_WF_ASSIGN_OR_RETURN(Statement * ev, db_->Prepare(
        "SELECT feedback_id FROM task_evidence WHERE task_id = ? ORDER BY rowid"));
    ev->BindInt(1, id);
    while (true) {
      VOC_WF_ASSIGN_OR_RETURN(bool more, ev->Step());
      if (!more) break;
      t.evidence_ids.push_back(Opt(ev->Text(0)));
    }
    ev->Reset();
    return t;
  }

  // Writes the mutable columns; the WHERE on the old version makes a lost update impossible
  // even if a caller forgot the transaction.
  absl::Status SaveTask(const Task& t, int64_t old_version, const std::string* verification) {
    VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('T', t.id, "task"));
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "UPDATE tasks SET title = ?, description = ?, state = ?, owner = ?, department = ?, "
        "deadline = ?, target = ?, shipped_at = ?, verdict = ?, root_cause = ?, change_note = ?, "
        "cancel_reason = ?, version = ?, updated_at = ?, "
        "verification = COALESCE(?, verification) WHERE id = ? AND version = ?"));
    st->BindText(1, t.title);
    st->BindOptionalText(2, t.description);
    st->BindText(3, TaskStateName(t.state));
    st->BindOptionalText(4, t.owner);
    st->BindOptionalText(5, t.department);
    if (t.deadline) st->BindInt(6, t.deadline); else st->BindNull(6);
    // SQLite binds text without copying: every bound string must outlive the step.
    const std::string target = t.target ? TargetJson(*t.target) : std::string();
    st->BindOptionalText(7, target);
    if (t.shipped_at) st->BindInt(8, t.shipped_at); else st->BindNull(8);
    st->BindOptionalText(9, t.verdict);
    st->BindOptionalText(10, t.root_cause);
    st->BindOptionalText(11, t.change);
    st->BindOptionalText(12, t.cancel_reason);
    st->BindInt(13, t.version);
    st->BindInt(14, t.updated_at);
    if (verification) st->BindText(15, *verification); else st->BindNull(15);
    st->BindInt(16, id);
    st->BindInt(17, old_version);
    VOC_WF_RETURN_IF_ERROR(st->Run());
    if (db_->Changes() != 1) {
      return absl::AbortedError(absl::StrCat("task ", t.id, " changed concurrently (version ",
                                             old_version, " is stale)"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Case> LoadCase(int64_t id) {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "SELECT c.id, c.feedback_id, c.customer_id, c.title, c.state, c.owner, c.task_id, "
        "c.escalated, c.first_response_due, c.resolution_due, c.first_response_at, "
        "c.resolved_at, c.paused_since, c.paused_seconds, c.version, c.created_at, "
        "c.updated_at, x.auto_close_seconds, x.first_response_breached, "
        "x.resolution_breached, x.reopen_count, x.closed_at "
        "FROM cases c LEFT JOIN workflow_cases x ON x.case_id = c.id WHERE c.id = ?"));
    st->BindInt(1, id);
    VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      st->Reset();
      return absl::NotFoundError(absl::StrCat("case ", FormatId('C', id), " not found"));
    }
    Case c;
    c.id = FormatId('C', st->Int(0));
    c.feedback_id = Opt(st->Text(1));
    c.customer_id = Opt(st->Text(2));
    c.title = Opt(st->Text(3));
    c.state = ParseCaseState(st->Text(4)).value_or(CaseState::kNew);
    c.assignee = Opt(st->Text(5));
    c.task_id = st->IsNull(6) ? "" : FormatId('T', st->Int(6));
    c.escalated = st->Int(7) != 0;
    c.created_at = st->Int(15);
    c.sla.first_response_seconds = st->Int(8) - c.created_at;
    c.sla.resolution_seconds = st->Int(9) - c.created_at;
    c.first_response_at = st->Int(10);
    c.resolved_at = st->Int(11);
    c.paused_since = st->Int(12);
    c.paused_seconds = st->Int(13);
    c.version = st->Int(14);
    c.updated_at = st->Int(16);
    if (!st->IsNull(17)) c.sla.auto_close_seconds = st->Int(17);
    c.first_response_breached = st->Int(18) != 0;
    c.resolution_breached = st->Int(19) != 0;
    c.reopen_count = static_cast<int>(st->Int(20));
    c.closed_at = st->Int(21);
    st->Reset();
    return c;
  }

  absl::Status SaveCase(const Case& c, int64_t old_version) {
    VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('C', c.id, "case"));
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "UPDATE cases SET state = ?, owner = ?, task_id = ?, escalated = ?, "
        "first_response_at = ?, resolved_at = ?, paused_since = ?, paused_seconds = ?, "
        "version = ?, updated_at = ? WHERE id = ? AND version = ?"));
    st->BindText(1, CaseStateName(c.state));
    st->BindOptionalText(2, c.assignee);
    if (c.task_id.empty()) {
      st->BindNull(3);
    } else {
      VOC_WF_ASSIGN_OR_RETURN(int64_t tid, ParseId('T', c.task_id, "task"));
      st->BindInt(3, tid);
    }
    st->BindInt(4, c.escalated ? 1 : 0);
    if (c.first_response_at) st->BindInt(5, c.first_response_at); else st->BindNull(5);
    if (c.resolved_at) st->BindInt(6, c.resolved_at); else st->BindNull(6);
    if (c.paused_since) st->BindInt(7, c.paused_since); else st->BindNull(7);
    st->BindInt(8, c.paused_seconds);
    st->BindInt(9, c.version);
    st->BindInt(10, c.updated_at);
    st->BindInt(11, id);
    st->BindInt(12, old_version);
    VOC_WF_RETURN_IF_ERROR(st->Run());
    if (db_->Changes() != 1) {
      return absl::AbortedError(absl::StrCat("case ", c.id, " changed concurrently (version ",
                                             old_version, " is stale)"));
    }
    VOC_WF_ASSIGN_OR_RETURN(Statement * x, db_->Prepare(
        "INSERT INTO workflow_cases(case_id, auto_close_seconds, first_response_breached, "
        "resolution_breached, reopen_count, closed_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(case_id) DO UPDATE SET auto_close_seconds = excluded.auto_close_seconds, "
        "first_response_breached = excluded.first_response_breached, "
        "resolution_breached = excluded.resolution_breached, "
        "reopen_count = excluded.reopen_count, closed_at = excluded.closed_at"));
    x->BindInt(1, id);
    x->BindInt(2, c.sla.auto_close_seconds);
    x->BindInt(3, c.first_response_breached ? 1 : 0);
    x->BindInt(4, c.resolution_breached ? 1 : 0);
    x->BindInt(5, c.reopen_count);
    x->BindInt(6, c.closed_at);
    return x->Run();
  }

  absl::Status AddEvent(std::string_view entity, int64_t entity_id, const Actor& actor,
                        int64_t at, std::string_view action, std::string_view from,
                        std::string_view to, const std::vector<std::string>& fields,
                        std::string_view note) {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "INSERT INTO events(entity, entity_id, actor, role, at, action, from_state, to_state, "
        "changes, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    st->BindText(1, entity);
    st->BindInt(2, entity_id);
    st->BindText(3, actor.name);
    st->BindText(4, RoleName(actor.role));
    st->BindInt(5, at);
    st->BindText(6, action);
    st->BindOptionalText(7, from);
    st->BindOptionalText(8, to);
    const std::string changes = JsonStrings(fields);
    st->BindText(9, changes);
    st->BindOptionalText(10, note);
    return st->Run();
  }

  // One task move inside an open transaction.
  absl::StatusOr<Task> MoveTaskLocked(int64_t id, TaskMove move, const Actor& actor,
                                      const TaskMoveOptions& o, int64_t now,
                                      const std::string* verification) {
    VOC_WF_ASSIGN_OR_RETURN(Task t, LoadTask(id));
    workflow::TaskMoveRequest r;
    r.move = move;
    r.actor = actor.name;
    r.role = actor.role;
    r.now = now;
    r.note = o.note;
    r.expected_version = o.expected_version;
    r.owner = o.owner;
    r.department = o.department;
    r.deadline = o.deadline;
    r.target = o.target;
    r.shipped_at = o.shipped_at;
    r.change = o.change;
    r.root_cause = o.root_cause;
    r.reason = o.reason;
    const int64_t old_version = t.version;
    VOC_WF_ASSIGN_OR_RETURN(workflow::Transition tr, workflow::ApplyTaskMove(&t, r));
    if (verification) tr.changed_fields.push_back("verification");
    VOC_WF_RETURN_IF_ERROR(SaveTask(t, old_version, verification));
    std::string note = o.note;
    if (move == TaskMove::kCancel && o.reason) note = note.empty() ? *o.reason : note;
    VOC_WF_RETURN_IF_ERROR(AddEvent("task", id, actor, now, TaskMoveName(move), tr.from, tr.to,
                                    tr.changed_fields, note));
    return t;
  }

  absl::StatusOr<Case> MoveCaseLocked(int64_t id, CaseMove move, const Actor& actor,
                                      const CaseMoveOptions& o, int64_t now) {
    VOC_WF_ASSIGN_OR_RETURN(Case c, LoadCase(id));
    workflow::CaseMoveRequest r;
    r.move = move;
    r.actor = actor.name;
    r.role = actor.role;
    r.now = now;
    r.note = o.note;
    r.expected_version = o.expected_version;
    r.assignee = o.assignee;
    const int64_t old_version = c.version;
    VOC_WF_ASSIGN_OR_RETURN(workflow::Transition tr, workflow::ApplyCaseMove(&c, r));
    VOC_WF_RETURN_IF_ERROR(SaveCase(c, old_version));
    VOC_WF_RETURN_IF_ERROR(AddEvent("case", id, actor, now, CaseMoveName(move), tr.from, tr.to,
                                    tr.changed_fields, o.note));
    return c;
  }

  absl::StatusOr<OutboxMessage> LoadOutbox(int64_t id) {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db_->Prepare(
        "SELECT id, task_id, customer_id, feedback_ids, message, state, created_at, "
        "acked_at, ack_note FROM outbox WHERE id = ?"));
    st->BindInt(1, id);
    VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      st->Reset();
      return absl::NotFoundError(absl::StrCat("outbox message ", FormatId('O', id),
                                              " not found"));
    }
    OutboxMessage m = ReadOutbox(st);
    st->Reset();
    return m;
  }

  static OutboxMessage ReadOutbox(Statement* st) {
    OutboxMessage m;
    m.id = FormatId('O', st->Int(0));
    m.task_id = FormatId('T', st->Int(1));
    m.customer_id = Opt(st->Text(2));
    m.feedback_ids = ParseStrings(st->Text(3));
    m.message = Opt(st->Text(4));
    m.state = Opt(st->Text(5));
    m.created_at = st->Int(6);
    m.acked_at = st->Int(7);
    m.ack_note = Opt(st->Text(8));
    return m;
  }
};

Workflow::Workflow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workflow::~Workflow() = default;

absl::StatusOr<std::unique_ptr<Workflow>> Workflow::Create(Store* store,
                                                           const WorkflowOptions& options) {
  if (store == nullptr) return absl::InvalidArgumentError("workflow needs a store");
  auto impl = std::make_unique<Impl>(store, options);
  return std::unique_ptr<Workflow>(new Workflow(std::move(impl)));
}

int64_t Workflow::Now() const { return impl_->Now(); }

absl::StatusOr<std::vector<Insight>> Workflow::Insights(InsightOptions options) {
  if (options.now == 0) options.now = Now();
  VOC_WF_RETURN_IF_ERROR(CheckDuration("insight window", options.window_seconds));
  // The periods ComputeInsights reads, no more: a bounded window times at most 64 periods
  // cannot overflow.
  const int64_t span = options.window_seconds * std::clamp(options.periods, 2, kMaxInsightPeriods);
  FeedbackQuery q;
  VOC_WF_ASSIGN_OR_RETURN(q.from, AddSeconds(options.now, -span, "insight periods"));
  q.to = options.now;
  q.skip_duplicates = true;  // copy-pasted reviews must not inflate an issue
  VOC_WF_ASSIGN_OR_RETURN(std::vector<AnalyzedFeedback> rows, impl_->store_->LoadAnalyzed(q));
  VOC_WF_ASSIGN_OR_RETURN(auto customers, impl_->store_->GetCustomers());
  std::map<std::string, double, std::less<>> value;
  for (const auto& [id, c] : customers) {
    if (c.lifetime_value) value[id] = *c.lifetime_value;
  }
  if (!value.empty() && options.customer_value == nullptr) options.customer_value = &value;
  return ComputeInsights(rows, options);
}

absl::StatusOr<Task> Workflow::CreateTask(const TaskDraft& d, const Actor& actor) {
  VOC_WF_RETURN_IF_ERROR(workflow::CheckCanCreateTask(actor.role));
  if (d.title.empty()) return absl::InvalidArgumentError("a task needs a title");
  if (d.target) {
    VOC_WF_RETURN_IF_ERROR(workflow::ValidateTarget(*d.target));
  }
  const int64_t now = Now();
  Db* db = impl_->db_;
  Transaction tx(db);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(Statement * st, db->Prepare(
      "INSERT INTO tasks(title, description, state, owner, department, deadline, target, "
      "version, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, 1, ?, ?)"));
  st->BindText(1, d.title);
  st->BindOptionalText(2, d.description);
  st->BindOptionalText(3, d.owner);
  st->BindOptionalText(4, d.department);
  if (d.deadline) st->BindInt(5, d.deadline); else st->BindNull(5);
  const std::string target = d.target ? TargetJson(*d.target) : std::string();
  st->BindOptionalText(6, target);
  st->BindInt(7, now);
  st->BindInt(8, now);
  VOC_WF_RETURN_IF_ERROR(st->Run());
  const int64_t id = db->LastInsertRowId();
  VOC_WF_ASSIGN_OR_RETURN(Statement * x, db->Prepare(
      "INSERT INTO workflow_tasks(task_id, insight_key, themes, key_phrases, created_by) "
      "VALUES (?, ?, ?, ?, ?)"));
  x->BindInt(1, id);
  x->BindOptionalText(2, d.insight_key);
  const std::string themes = JsonStrings(d.themes), phrases = JsonStrings(d.key_phrases);
  x->BindText(3, themes);
  x->BindText(4, phrases);
  x->BindText(5, actor.name);
  VOC_WF_RETURN_IF_ERROR(x->Run());
  VOC_WF_ASSIGN_OR_RETURN(Statement * ev, db->Prepare(
      "INSERT OR IGNORE INTO task_evidence(task_id, feedback_id) VALUES (?, ?)"));
  for (const auto& f : d.evidence_ids) {
    ev->Reset();
    ev->BindInt(1, id);
    ev->BindText(2, f);
    VOC_WF_RETURN_IF_ERROR(ev->Run());
  }
  std::string note = d.insight_key.empty() ? std::string() : "from insight " + d.insight_key;
  if (!d.note.empty()) note = note.empty() ? d.note : absl::StrCat(note, "; ", d.note);
  VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("task", id, actor, now, "create", "", "draft", {"title"}, note));
  VOC_WF_ASSIGN_OR_RETURN(Task t, impl_->LoadTask(id));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return t;
}

absl::StatusOr<Task> Workflow::CreateTaskFromInsight(const Insight& in, TaskDraft d,
                                                     const Actor& actor) {
  if (d.title.empty()) {
    d.title = in.theme;
    if (!in.touchpoint.empty()) absl::StrAppend(&d.title, " @ ", in.touchpoint);
    for (size_t i = 0; i < in.key_phrases.size() && i < 3; ++i) {
      absl::StrAppend(&d.title, i == 0 ? ": " : ", ", in.key_phrases[i].first);
    }
  }
  if (std::find(d.themes.begin(), d.themes.end(), in.theme) == d.themes.end()) {
    d.themes.push_back(in.theme);
  }
  if (!in.key_phrase.empty() &&
      std::find(d.key_phrases.begin(), d.key_phrases.end(), in.key_phrase) == d.key_phrases.end()) {
    d.key_phrases.push_back(in.key_phrase);
  }
  // The evidence is who complained: the insight lists its negative mentions first.
  size_t complaints = std::min(in.evidence_ids.size(), static_cast<size_t>(std::max<int64_t>(in.negative, 0)));
  d.evidence_ids.insert(d.evidence_ids.end(), in.evidence_ids.begin(),
                        in.evidence_ids.begin() + static_cast<std::ptrdiff_t>(complaints));
  d.insight_key = in.key;
  return CreateTask(d, actor);
}

absl::StatusOr<Task> Workflow::MoveTask(std::string_view task_id, TaskMove move,
                                        const Actor& actor, const TaskMoveOptions& options) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('T', task_id, "task"));
  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(Task t, impl_->MoveTaskLocked(id, move, actor, options, Now(), nullptr));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return t;
}

absl::StatusOr<Task> Workflow::GetTask(std::string_view task_id) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('T', task_id, "task"));
  return impl_->LoadTask(id);
}

absl::StatusOr<std::vector<Task>> Workflow::ListTasks(const TaskFilter& f) {
  std::vector<int64_t> ids;
  {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
        "SELECT id FROM tasks WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR owner = ?2) "
        "AND (?3 = '' OR department = ?3) ORDER BY id"));
    st->BindText(1, f.state ? TaskStateName(*f.state) : std::string_view(""));
    st->BindText(2, f.owner);
    st->BindText(3, f.department);
    while (true) {
      VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ids.push_back(st->Int(0));
    }
    st->Reset();
  }
  std::vector<Task> out;
  for (int64_t id : ids) {
    VOC_WF_ASSIGN_OR_RETURN(Task t, impl_->LoadTask(id));
    out.push_back(std::move(t));
  }
  return out;
}

absl::StatusOr<std::vector<Event>> Workflow::History(std::string_view entity_id) {
  if (entity_id.empty()) return absl::InvalidArgumentError("empty id");
  std::string entity;
  char prefix = static_cast<char>(entity_id[0] & ~0x20);
  if (prefix == 'T') entity = "task";
  else if (prefix == 'C') entity = "case";
  else if (prefix == 'O') entity = "outbox";
  else return absl::InvalidArgumentError(absl::StrCat("'", AV(entity_id),
                                                      "' is not a task (T-n), case (C-n) or "
                                                      "outbox (O-n) id"));
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId(prefix, entity_id, entity));
  VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
      "SELECT id, actor, role, at, action, from_state, to_state, changes, note FROM events "
      "WHERE entity = ? AND entity_id = ? ORDER BY id"));
  st->BindText(1, entity);
  st->BindInt(2, id);
  std::vector<Event> out;
  while (true) {
    VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    Event e;
    e.id = st->Int(0);
    e.entity = entity;
    e.entity_id = FormatId(prefix, id);
    e.actor = Opt(st->Text(1));
    e.role = ParseRole(st->Text(2)).value_or(Role::kViewer);
    e.at = st->Int(3);
    e.action = Opt(st->Text(4));
    e.from_state = Opt(st->Text(5));
    e.to_state = Opt(st->Text(6));
    e.changed_fields = ParseStrings(st->Text(7));
    e.note = Opt(st->Text(8));
    out.push_back(std::move(e));
  }
  st->Reset();
  return out;
}

absl::StatusOr<Case> Workflow::CreateCase(const CaseDraft& d, const Actor& actor) {
  VOC_WF_RETURN_IF_ERROR(workflow::CheckCanCreateCase(actor.role));
  if (d.title.empty()) return absl::InvalidArgumentError("a case needs a title");
  VOC_WF_RETURN_IF_ERROR(CheckDuration("SLA first_response", d.sla.first_response_seconds));
  VOC_WF_RETURN_IF_ERROR(CheckDuration("SLA resolution", d.sla.resolution_seconds));
  // 0 closes a resolved case at the next tick.
  if (d.sla.auto_close_seconds != 0) {
    VOC_WF_RETURN_IF_ERROR(CheckDuration("SLA auto_close", d.sla.auto_close_seconds));
  }
  const int64_t now = Now();
  VOC_WF_ASSIGN_OR_RETURN(const int64_t first_due,
                          AddSeconds(now, d.sla.first_response_seconds, "first response due"));
  VOC_WF_ASSIGN_OR_RETURN(const int64_t resolution_due,
                          AddSeconds(now, d.sla.resolution_seconds, "resolution due"));
  Db* db = impl_->db_;
  Transaction tx(db);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  int64_t task = 0;
  if (!d.task_id.empty()) {
    VOC_WF_ASSIGN_OR_RETURN(task, ParseId('T', d.task_id, "task"));
    VOC_WF_RETURN_IF_ERROR(impl_->LoadTask(task).status());
  }
  VOC_WF_ASSIGN_OR_RETURN(Statement * st, db->Prepare(
      "INSERT INTO cases(feedback_id, customer_id, title, state, owner, task_id, escalated, "
      "first_response_due, resolution_due, paused_seconds, version, created_at, updated_at) "
      "VALUES (?, ?, ?, 'new', ?, ?, 0, ?, ?, 0, 1, ?, ?)"));
  st->BindOptionalText(1, d.feedback_id);
  st->BindOptionalText(2, d.customer_id);
  st->BindText(3, d.title);
  st->BindOptionalText(4, d.assignee);
  if (task) st->BindInt(5, task); else st->BindNull(5);
  st->BindInt(6, first_due);
  st->BindInt(7, resolution_due);
  st->BindInt(8, now);
  st->BindInt(9, now);
  VOC_WF_RETURN_IF_ERROR(st->Run());
  const int64_t id = db->LastInsertRowId();
  VOC_WF_ASSIGN_OR_RETURN(Statement * x, db->Prepare(
      "INSERT INTO workflow_cases(case_id, auto_close_seconds) VALUES (?, ?)"));
  x->BindInt(1, id);
  x->BindInt(2, d.sla.auto_close_seconds);
  VOC_WF_RETURN_IF_ERROR(x->Run());
  VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("case", id, actor, now, "create", "", "new", {"title"},
                                         ""));
  VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->LoadCase(id));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return c;
}

absl::StatusOr<Case> Workflow::MoveCase(std::string_view case_id, CaseMove move,
                                        const Actor& actor, const CaseMoveOptions& options) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('C', case_id, "case"));
  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->MoveCaseLocked(id, move, actor, options, Now()));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return c;
}

absl::StatusOr<Case> Workflow::LinkCase(std::string_view case_id, std::string_view task_id,
                                        const Actor& actor,
                                        std::optional<int64_t> expected_version) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('C', case_id, "case"));
  VOC_WF_ASSIGN_OR_RETURN(int64_t tid, ParseId('T', task_id, "task"));
  if (actor.role == Role::kViewer) {
    return absl::PermissionDeniedError("role 'viewer' may not link cases");
  }
  const int64_t now = Now();
  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_RETURN_IF_ERROR(impl_->LoadTask(tid).status());
  VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->LoadCase(id));
  if (expected_version && *expected_version != c.version) {
    return absl::AbortedError(absl::StrCat("case ", c.id, " is at version ", c.version, ", not ",
                                           *expected_version));
  }
  const int64_t old = c.version;
  c.task_id = FormatId('T', tid);
  c.version += 1;
  c.updated_at = now;
  VOC_WF_RETURN_IF_ERROR(impl_->SaveCase(c, old));
  const std::string st(CaseStateName(c.state));
  VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("case", id, actor, now, "link", st, st,
                                         {"task_id", "version"}, c.task_id));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return c;
}

absl::StatusOr<Case> Workflow::GetCase(std::string_view case_id) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('C', case_id, "case"));
  return impl_->LoadCase(id);
}

absl::StatusOr<std::vector<Case>> Workflow::ListCases(const CaseFilter& f) {
  int64_t task = 0;
  if (!f.task_id.empty()) {
    VOC_WF_ASSIGN_OR_RETURN(task, ParseId('T', f.task_id, "task"));
  }
  std::vector<int64_t> ids;
  {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
        "SELECT id FROM cases WHERE (?1 = '' OR state = ?1) AND (?2 = 0 OR task_id = ?2) "
        "AND (?3 = '' OR customer_id = ?3) AND (?4 = 0 OR escalated = 1) ORDER BY id"));
    st->BindText(1, f.state ? CaseStateName(*f.state) : std::string_view(""));
    st->BindInt(2, task);
    st->BindText(3, f.customer_id);
    st->BindInt(4, f.only_escalated ? 1 : 0);
    while (true) {
      VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ids.push_back(st->Int(0));
    }
    st->Reset();
  }
  std::vector<Case> out;
  for (int64_t id : ids) {
    VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->LoadCase(id));
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<TickReport> Workflow::Tick(std::optional<int64_t> now_opt) {
  const int64_t now = now_opt ? *now_opt : Now();
  Db* db = impl_->db_;
  Transaction tx(db);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  std::vector<int64_t> ids;
  {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st,
                            db->Prepare("SELECT id FROM cases WHERE state != 'closed' ORDER BY id"));
    while (true) {
      VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ids.push_back(st->Int(0));
    }
    st->Reset();
  }
  TickReport report;
  for (int64_t id : ids) {
    VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->LoadCase(id));
    const int64_t old = c.version;
    const auto transitions = workflow::TickCase(&c, now);
    if (transitions.empty()) continue;
    VOC_WF_RETURN_IF_ERROR(impl_->SaveCase(c, old));
    for (const auto& tr : transitions) {
      const bool close = tr.to == "closed" && tr.from != "closed";
      if (close) ++report.auto_closed; else ++report.escalated;
      std::string note;
      if (!close) {
        note = c.resolution_breached ? "resolution SLA breached" : "first-response SLA breached";
      }
      VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("case", id, kSystemActor, now,
                                             close ? "auto_close" : "escalate", tr.from, tr.to,
                                             tr.changed_fields, note));
    }
    report.case_ids.push_back(c.id);
  }
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return report;
}

absl::StatusOr<VerificationReport> Workflow::Verify(std::string_view task_id,
                                                    const Actor& actor) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('T', task_id, "task"));
  const int64_t now = Now();
  VOC_WF_ASSIGN_OR_RETURN(Task task, impl_->LoadTask(id));
  if (task.state != TaskState::kImplemented && task.state != TaskState::kVerifying) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task ", task.id, " is in '", AV(TaskStateName(task.state)),
        "'; verification needs 'implemented' or 'verifying'"));
  }
  VOC_WF_RETURN_IF_ERROR(workflow::CheckTaskPermission(task, TaskMove::kVerify, actor.name,
                                                       actor.role));
  if (!task.target) {
    return absl::FailedPreconditionError(absl::StrCat("task ", task.id, " has no target"));
  }
  workflow::VerificationOptions vo;
  vo.themes = task.themes;
  vo.key_phrases = task.key_phrases;
  vo.shipped_at = task.shipped_at;
  vo.before_seconds = task.target->window_seconds;
  // The after window ends at the target window or now, whichever comes first.
  vo.after_seconds = std::min(task.target->window_seconds, std::max<int64_t>(0, now - task.shipped_at));
  vo.target = *task.target;
  vo.min_rows = impl_->options_.min_rows;
  vo.min_events = impl_->options_.min_events;
  vo.min_ratings = impl_->options_.min_ratings;
  vo.alpha = impl_->options_.alpha;
  FeedbackQuery q;
  q.from = vo.shipped_at - vo.before_seconds;
  q.to = vo.shipped_at + vo.after_seconds;
  q.skip_duplicates = true;
  VOC_WF_ASSIGN_OR_RETURN(std::vector<AnalyzedFeedback> rows, impl_->store_->LoadAnalyzed(q));
  if (vo.after_seconds <= 0) rows.clear();
  VerificationReport rep = workflow::VerifyEffect(rows, vo);
  const std::string json = ReportJson(rep);

  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  TaskMoveOptions o;
  o.expected_version = task.version;  // nobody may have moved it while we computed
  if (task.state == TaskState::kImplemented) {
    VOC_WF_ASSIGN_OR_RETURN(task, impl_->MoveTaskLocked(id, TaskMove::kVerify, actor, o, now,
                                                        nullptr));
    o.expected_version = task.version;
  }
  o.note = rep.reason;
  switch (rep.verdict) {
    case Verdict::kEffective:
      VOC_WF_RETURN_IF_ERROR(
          impl_->MoveTaskLocked(id, TaskMove::kPass, kSystemActor, o, now, &json).status());
      break;
    case Verdict::kNotEffective: {
      VOC_WF_ASSIGN_OR_RETURN(
          task, impl_->MoveTaskLocked(id, TaskMove::kFail, kSystemActor, o, now, &json));
      TaskMoveOptions back;
      back.expected_version = task.version;
      back.note = "not effective: back to work";
      VOC_WF_RETURN_IF_ERROR(
          impl_->MoveTaskLocked(id, TaskMove::kRework, kSystemActor, back, now, nullptr).status());
      break;
    }
    case Verdict::kInsufficientData: {
      // Stays in verifying; the attempt is still recorded (and versioned).
      VOC_WF_ASSIGN_OR_RETURN(Task t, impl_->LoadTask(id));
      const int64_t old = t.version;
      t.verdict = std::string(VerdictName(Verdict::kInsufficientData));
      t.version += 1;
      t.updated_at = now;
      VOC_WF_RETURN_IF_ERROR(impl_->SaveTask(t, old, &json));
      VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("task", id, kSystemActor, now, "verification",
                                             "verifying", "verifying",
                                             {"verdict", "verification", "version"}, rep.reason));
      break;
    }
  }
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return rep;
}

absl::StatusOr<FollowUpReport> Workflow::FollowUp(std::string_view task_id, const Actor& actor) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('T', task_id, "task"));
  const int64_t now = Now();
  Db* db = impl_->db_;
  Transaction tx(db);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(Task task, impl_->LoadTask(id));
  if (task.state != TaskState::kVerified && task.state != TaskState::kCustomersNotified) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task ", task.id, " is in '", AV(TaskStateName(task.state)),
        "'; follow-up needs 'verified' (or 'customers_notified' to re-run)"));
  }
  VOC_WF_RETURN_IF_ERROR(workflow::CheckTaskPermission(task, TaskMove::kNotify, actor.name,
                                                       actor.role));
  struct Recipient {
    std::string name;
    std::vector<std::string> feedback_ids;
  };
  std::map<std::string, Recipient> recipients;
  std::set<std::string> refused;
  FollowUpReport report;
  {
    VOC_WF_ASSIGN_OR_RETURN(Statement * st, db->Prepare(
        "SELECT f.id, f.customer_id, f.contact_ok, COALESCE(c.contact_ok, 1), c.name "
        "FROM task_evidence e JOIN feedback f ON f.id = e.feedback_id "
        "LEFT JOIN customers c ON c.id = f.customer_id WHERE e.task_id = ? "
        "ORDER BY f.customer_id, f.created_at, f.id"));
    st->BindInt(1, id);
    while (true) {
      VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      const std::string customer = Opt(st->Text(1));
      if (customer.empty()) {
        ++report.skipped_no_customer;
        continue;
      }
      // Feedback-level consent covers that item; the customer-level flag is a global opt-out.
      if (st->Int(2) == 0 || st->Int(3) == 0) {
        refused.insert(customer);
        continue;
      }
      auto& r = recipients[customer];
      r.name = Opt(st->Text(4));
      r.feedback_ids.push_back(Opt(st->Text(0)));
    }
    st->Reset();
  }
  // A customer who consented on some feedback is contacted about that feedback only.
  for (const auto& [customer, r] : recipients) refused.erase(customer);
  report.skipped_no_consent = static_cast<int64_t>(refused.size());
  const std::string change = task.change.empty() ? task.title : task.change;
  for (const auto& [customer, r] : recipients) {
    std::string message = absl::StrReplaceAll(
        impl_->options_.followup_template,
        {{"{customer}", r.name.empty() ? customer : r.name}, {"{issue}", task.title},
         {"{change}", change}});
    VOC_WF_ASSIGN_OR_RETURN(Statement * ins, db->Prepare(
        "INSERT OR IGNORE INTO outbox(task_id, customer_id, feedback_ids, message, state, "
        "created_at) VALUES (?, ?, ?, ?, 'pending', ?)"));
    ins->BindInt(1, id);
    ins->BindText(2, customer);
    const std::string ids = JsonStrings(r.feedback_ids);
    ins->BindText(3, ids);
    ins->BindText(4, message);
    ins->BindInt(5, now);
    VOC_WF_RETURN_IF_ERROR(ins->Run());
    if (db->Changes() == 0) {
      ++report.already_queued;
      continue;
    }
    const int64_t mid = db->LastInsertRowId();
    ++report.added;
    report.message_ids.push_back(FormatId('O', mid));
    VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("outbox", mid, actor, now, "create", "", "pending",
                                           {"message"}, task.id));
  }
  if (task.state == TaskState::kVerified) {
    TaskMoveOptions o;
    o.expected_version = task.version;
    o.note = absl::StrCat(report.added, " customers queued for follow-up");
    VOC_WF_RETURN_IF_ERROR(
        impl_->MoveTaskLocked(id, TaskMove::kNotify, actor, o, now, nullptr).status());
  }
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return report;
}

absl::StatusOr<std::vector<OutboxMessage>> Workflow::OutboxList(const std::string& state,
                                                                const std::string& task_id) {
  if (!state.empty() && state != "pending" && state != "delivered" && state != "failed") {
    return absl::InvalidArgumentError(absl::StrCat(
        "outbox state '", state, "' must be pending, delivered or failed (or empty for any)"));
  }
  int64_t task = 0;
  if (!task_id.empty()) {
    VOC_WF_ASSIGN_OR_RETURN(task, ParseId('T', task_id, "task"));
  }
  VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
      "SELECT id, task_id, customer_id, feedback_ids, message, state, created_at, acked_at, "
      "ack_note FROM outbox WHERE (?1 = '' OR state = ?1) AND (?2 = 0 OR task_id = ?2) "
      "ORDER BY id"));
  st->BindText(1, state);
  st->BindInt(2, task);
  std::vector<OutboxMessage> out;
  while (true) {
    VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(Impl::ReadOutbox(st));
  }
  st->Reset();
  return out;
}

absl::StatusOr<OutboxMessage> Workflow::OutboxAck(std::string_view message_id,
                                                  const std::string& state,
                                                  const std::string& note, const Actor& actor) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('O', message_id, "outbox message"));
  if (state != "delivered" && state != "failed") {
    return absl::InvalidArgumentError(
        absl::StrCat("ack state '", state, "' must be delivered or failed"));
  }
  if (actor.role == Role::kViewer || actor.role == Role::kAnalyst) {
    return absl::PermissionDeniedError(absl::StrCat("role '", AV(RoleName(actor.role)),
                                                    "' may not acknowledge outbox messages"));
  }
  const int64_t now = Now();
  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(OutboxMessage m, impl_->LoadOutbox(id));
  if (m.state != "pending") {
    return absl::FailedPreconditionError(
        absl::StrCat("outbox message ", m.id, " is already '", m.state, "'"));
  }
  VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
      "UPDATE outbox SET state = ?, acked_at = ?, ack_note = ? WHERE id = ? AND state = 'pending'"));
  st->BindText(1, state);
  st->BindInt(2, now);
  st->BindOptionalText(3, note);
  st->BindInt(4, id);
  VOC_WF_RETURN_IF_ERROR(st->Run());
  VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("outbox", id, actor, now, "ack", "pending", state,
                                         {"state", "acked_at"}, note));
  VOC_WF_ASSIGN_OR_RETURN(m, impl_->LoadOutbox(id));
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return m;
}

absl::StatusOr<std::vector<std::string>> Workflow::OutboxReply(std::string_view message_id,
                                                               const std::string& reply,
                                                               bool unhappy,
                                                               const Actor& actor) {
  VOC_WF_ASSIGN_OR_RETURN(int64_t id, ParseId('O', message_id, "outbox message"));
  const int64_t now = Now();
  Transaction tx(impl_->db_);
  VOC_WF_RETURN_IF_ERROR(tx.Begin());
  VOC_WF_ASSIGN_OR_RETURN(OutboxMessage m, impl_->LoadOutbox(id));
  VOC_WF_RETURN_IF_ERROR(impl_->AddEvent("outbox", id, actor, now, "reply", m.state, m.state,
                                         {}, reply));
  std::vector<std::string> reopened;
  if (unhappy) {
    std::vector<int64_t> ids;
    {
      VOC_WF_ASSIGN_OR_RETURN(int64_t tid, ParseId('T', m.task_id, "task"));
      VOC_WF_ASSIGN_OR_RETURN(Statement * st, impl_->db_->Prepare(
          "SELECT id FROM cases WHERE task_id = ? AND customer_id = ? "
          "AND state IN ('resolved', 'closed') ORDER BY id"));
      st->BindInt(1, tid);
      st->BindText(2, m.customer_id);
      while (true) {
        VOC_WF_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        ids.push_back(st->Int(0));
      }
      st->Reset();
    }
    CaseMoveOptions o;
    o.note = absl::StrCat("customer replied to ", m.id, ": ", reply);
    for (int64_t cid : ids) {
      VOC_WF_ASSIGN_OR_RETURN(Case c, impl_->MoveCaseLocked(cid, CaseMove::kReopen,
                                                            kSystemActor, o, now));
      reopened.push_back(c.id);
    }
  }
  VOC_WF_RETURN_IF_ERROR(tx.Commit());
  return reopened;
}

}  // namespace voc
