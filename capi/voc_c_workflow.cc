// C ABI: the closed loop (insights, tasks, cases, verification, follow-up, outbox).
#include <cmath>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi/handles.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "internal.h"
#include "voc.h"
#include "voc/store.h"
#include "voc/workflow.h"
#include "workflow/cli_support.h"
#include "workflow/json_output.h"

using voc::capi::FromStatus;
using voc::capi::Guard;
using voc::capi::SetError;

struct voc_actor {
  voc::Actor actor;
};

struct voc_workflow {
  std::unique_ptr<voc::Workflow> workflow;
  int64_t fixed_now = 0;  // 0: system clock
};

namespace {

using voc::json::Value;

std::string_view View(const char* p, size_t n) { return std::string_view(p == nullptr ? "" : p, n); }

// Parses an optional JSON object argument; NULL/0 means {}.
absl::StatusOr<Value> ObjectArg(const char* p, size_t n, const char* what) {
  if (p == nullptr || n == 0) return Value::Object();
  auto v = voc::json::Parse(std::string_view(p, n));
  if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat(what, ": ", v.status().message()));
  if (!v->is_object()) return absl::InvalidArgumentError(absl::StrCat(what, " must be a JSON object"));
  return v;
}

absl::Status TypeError(std::string_view key, const char* expected, const Value& v) {
  return absl::InvalidArgumentError(absl::StrCat(voc::AV(key), " must be ", expected, ", got ",
                                                 Value::TypeName(v.type())));
}

absl::Status GetString(const Value& obj, std::string_view key, std::optional<std::string>* out) {
  const Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  if (!v->is_string()) return TypeError(key, "a string", *v);
  *out = v->str();
  return absl::OkStatus();
}

absl::Status GetString(const Value& obj, std::string_view key, std::string* out) {
  std::optional<std::string> s;
  if (auto st = GetString(obj, key, &s); !st.ok()) return st;
  if (s) *out = *s;
  return absl::OkStatus();
}

absl::Status GetTime(const Value& obj, std::string_view key, std::optional<int64_t>* out) {
  const Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  if (!v->is_number() && !v->is_string()) return TypeError(key, "a timestamp", *v);
  auto t = voc::TimestampFromJson(*v, key);
  if (!t.ok()) return t.status();
  *out = *t;
  return absl::OkStatus();
}

absl::Status GetDuration(const Value& obj, std::string_view key, std::optional<int64_t>* out) {
  const Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  if (v->is_number()) {  // seconds
    auto d = voc::json::ToInt(*v, key, 0, voc::kMaxDurationSeconds);
    if (!d.ok()) return d.status();
    *out = *d;
    return absl::OkStatus();
  }
  if (!v->is_string()) return TypeError(key, "a duration like \"90d\"", *v);
  auto d = voc::ParseDuration(v->str());
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat(voc::AV(key), ": ", d.status().message()));
  *out = *d;
  return absl::OkStatus();
}

absl::Status GetList(const Value& obj, std::string_view key, std::vector<std::string>* out) {
  const Value* v = obj.Find(key);
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  if (!v->is_array()) return TypeError(key, "an array of strings", *v);
  for (const Value& item : v->items()) {
    if (!item.is_string()) return TypeError(key, "an array of strings", item);
    out->push_back(item.str());
  }
  return absl::OkStatus();
}

absl::Status GetTarget(const Value& obj, std::optional<voc::TaskTarget>* out) {
  const Value* t = obj.Find("target");
  if (t == nullptr || t->is_null()) return absl::OkStatus();
  if (!t->is_object()) return TypeError("target", "an object", *t);
  std::string metric = "negative_rate", direction = "down", change, window;
  if (auto s = GetString(*t, "metric", &metric); !s.ok()) return s;
  if (auto s = GetString(*t, "direction", &direction); !s.ok()) return s;
  if (const Value* c = t->Find("change"); c != nullptr && c->is_number()) {
    voc::json::AppendNumber(&change, c->number());
  } else if (auto s = GetString(*t, "change", &change); !s.ok()) {
    return s;
  }
  if (const Value* w = t->Find("window"); w != nullptr && w->is_number()) {
    auto seconds = voc::json::ToInt(*w, "target window", 1, voc::kMaxDurationSeconds);
    if (!seconds.ok()) return seconds.status();
    window = absl::StrCat(*seconds, "s");
  } else if (auto s = GetString(*t, "window", &window); !s.ok()) {
    return s;
  }
  if (change.empty() || window.empty()) {
    return absl::InvalidArgumentError("target needs \"change\" (e.g. \"50%\") and \"window\" (e.g. \"90d\")");
  }
  auto target = voc::workflow::MakeTarget(metric, direction, change, window);
  if (!target.ok()) return target.status();
  *out = *target;
  return absl::OkStatus();
}

template <typename T, typename WriteFn>
int WriteJson(voc_buf* out, const T& value, WriteFn write) {
  std::string text;
  voc::json::Writer w(&text);
  write(&w, value);
  return voc::capi::FillBuf(out, text);
}

template <typename T, typename WriteFn>
int WriteJsonArray(voc_buf* out, const std::vector<T>& values, WriteFn write) {
  std::string text;
  voc::json::Writer w(&text);
  w.BeginArray();
  for (const T& v : values) write(&w, v);
  w.EndArray();
  return voc::capi::FillBuf(out, text);
}

// "unknown task state 'x' (allowed: draft, assigned, ...)": filters name what they accept.
template <typename Name>
absl::Status UnknownState(const char* what, const std::string& value, int count, Name name) {
  std::string allowed;
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&allowed, i ? ", " : "", voc::AV(name(i)));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("state: unknown ", what, " state '", value, "' (allowed: ", allowed, ")"));
}

#define VOC_RETURN_IF_ERROR(expr)                          \
  do {                                                     \
    absl::Status _s = (expr);                              \
    if (!_s.ok()) return FromStatus(_s);                   \
  } while (0)

}  // namespace

extern "C" {

int voc_actor_create(voc_actor** out, const char* name, size_t name_len, int role) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    VOC_CHECK_ARG(name != nullptr && name_len > 0, "actor name is empty");
    if (role < VOC_ROLE_VIEWER || role > VOC_ROLE_SYSTEM) {
      return SetError(VOC_EINVAL, "invalid argument: unknown role " + std::to_string(role));
    }
    *out = new voc_actor{voc::Actor{std::string(name, name_len), static_cast<voc::Role>(role)}};
    return VOC_OK;
  });
}

void voc_actor_destroy(voc_actor* actor) { delete actor; }

int voc_workflow_open(voc_workflow** out, voc_store* store) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(out != nullptr, "out is NULL");
    *out = nullptr;
    VOC_CHECK_ARG(store != nullptr, "store is NULL");
    auto handle = std::make_unique<voc_workflow>();
    voc_workflow* raw = handle.get();
    voc::WorkflowOptions o;
    o.clock = [raw]() -> int64_t {
      return raw->fixed_now != 0 ? raw->fixed_now : static_cast<int64_t>(std::time(nullptr));
    };
    auto wf = voc::Workflow::Create(store->store.get(), o);
    if (!wf.ok()) return FromStatus(wf.status());
    handle->workflow = std::move(*wf);
    *out = handle.release();
    return VOC_OK;
  });
}

void voc_workflow_close(voc_workflow* workflow) { delete workflow; }

int voc_workflow_set_now(voc_workflow* workflow, int64_t unix_seconds) {
  VOC_CHECK_ARG(workflow != nullptr, "workflow is NULL");
  VOC_CHECK_ARG(unix_seconds >= 0, "time is negative");
  // Later times would overflow now + SLA and similar sums.
  if (unix_seconds > voc::kMaxTimestamp) {
    return SetError(VOC_EINVAL, "invalid argument: time " + std::to_string(unix_seconds) +
                                    " is after 9999-12-31T23:59:59Z");
  }
  workflow->fixed_now = unix_seconds;
  return VOC_OK;
}

int voc_workflow_insights(voc_workflow* workflow, int64_t window_seconds, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    VOC_CHECK_ARG(window_seconds >= 0, "window is negative");
    voc::InsightOptions o;
    if (window_seconds > 0) o.window_seconds = window_seconds;
    auto insights = workflow->workflow->Insights(o);
    if (!insights.ok()) return FromStatus(insights.status());
    return WriteJsonArray(out, *insights, voc::workflow::WriteInsight);
  });
}

int voc_workflow_task_create(voc_workflow* workflow, const char* draft_json, size_t len,
                             const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto v = ObjectArg(draft_json, len, "task draft");
    if (!v.ok()) return FromStatus(v.status());
    voc::TaskDraft d;
    std::optional<int64_t> deadline;
    VOC_RETURN_IF_ERROR(GetString(*v, "title", &d.title));
    VOC_RETURN_IF_ERROR(GetString(*v, "description", &d.description));
    VOC_RETURN_IF_ERROR(GetString(*v, "department", &d.department));
    VOC_RETURN_IF_ERROR(GetString(*v, "owner", &d.owner));
    VOC_RETURN_IF_ERROR(GetTime(*v, "deadline", &deadline));
    VOC_RETURN_IF_ERROR(GetTarget(*v, &d.target));
    VOC_RETURN_IF_ERROR(GetList(*v, "themes", &d.themes));
    VOC_RETURN_IF_ERROR(GetList(*v, "key_phrases", &d.key_phrases));
    VOC_RETURN_IF_ERROR(GetList(*v, "evidence_ids", &d.evidence_ids));
    if (deadline) d.deadline = *deadline;
    std::string from_insight;
    std::optional<int64_t> insight_window;
    VOC_RETURN_IF_ERROR(GetString(*v, "from_insight", &from_insight));
    VOC_RETURN_IF_ERROR(GetDuration(*v, "insight_window", &insight_window));
    absl::StatusOr<voc::Task> task;
    if (!from_insight.empty()) {
      voc::InsightOptions o;
      o.max_insights = 0;
      if (insight_window) o.window_seconds = *insight_window;
      auto insights = workflow->workflow->Insights(o);
      if (!insights.ok()) return FromStatus(insights.status());
      const voc::Insight* found = nullptr;
      for (const voc::Insight& in : *insights) {
        if (in.key == from_insight) found = &in;
      }
      if (found == nullptr) {
        return SetError(VOC_ENOTFOUND, "no insight with key '" + from_insight + "' in the window");
      }
      task = workflow->workflow->CreateTaskFromInsight(*found, d, actor->actor);
    } else {
      task = workflow->workflow->CreateTask(d, actor->actor);
    }
    if (!task.ok()) return FromStatus(task.status());
    return WriteJson(out, *task, voc::workflow::WriteTask);
  });
}

int voc_workflow_task_move(voc_workflow* workflow, const char* task_id, size_t id_len,
                           const char* move, size_t move_len, const char* options_json,
                           size_t options_len, const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto m = voc::ParseTaskMove(View(move, move_len));
    if (!m) {
      return SetError(VOC_EINVAL, "invalid argument: unknown task move '" +
                                      std::string(View(move, move_len)) + "'");
    }
    auto v = ObjectArg(options_json, options_len, "move options");
    if (!v.ok()) return FromStatus(v.status());
    voc::TaskMoveOptions o;
    std::optional<int64_t> expected;
    if (const Value* e = v->Find("expected_version"); e != nullptr && !e->is_null()) {
      if (!e->is_number()) return FromStatus(TypeError("expected_version", "a number", *e));
      auto ev = voc::json::ToInt(*e, "expected_version", 1, INT64_MAX);
      if (!ev.ok()) return FromStatus(ev.status());
      o.expected_version = *ev;
    }
    VOC_RETURN_IF_ERROR(GetString(*v, "note", &o.note));
    VOC_RETURN_IF_ERROR(GetString(*v, "owner", &o.owner));
    VOC_RETURN_IF_ERROR(GetString(*v, "department", &o.department));
    VOC_RETURN_IF_ERROR(GetTime(*v, "deadline", &o.deadline));
    VOC_RETURN_IF_ERROR(GetTarget(*v, &o.target));
    VOC_RETURN_IF_ERROR(GetTime(*v, "shipped_at", &o.shipped_at));
    VOC_RETURN_IF_ERROR(GetString(*v, "change", &o.change));
    VOC_RETURN_IF_ERROR(GetString(*v, "root_cause", &o.root_cause));
    VOC_RETURN_IF_ERROR(GetString(*v, "reason", &o.reason));
    auto task = workflow->workflow->MoveTask(View(task_id, id_len), *m, actor->actor, o);
    if (!task.ok()) return FromStatus(task.status());
    return WriteJson(out, *task, voc::workflow::WriteTask);
  });
}

int voc_workflow_task_get(voc_workflow* workflow, const char* task_id, size_t id_len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto task = workflow->workflow->GetTask(View(task_id, id_len));
    if (!task.ok()) return FromStatus(task.status());
    return WriteJson(out, *task, voc::workflow::WriteTask);
  });
}

int voc_workflow_task_list(voc_workflow* workflow, const char* filter_json, size_t len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto v = ObjectArg(filter_json, len, "task filter");
    if (!v.ok()) return FromStatus(v.status());
    voc::TaskFilter f;
    std::string state;
    VOC_RETURN_IF_ERROR(GetString(*v, "state", &state));
    VOC_RETURN_IF_ERROR(GetString(*v, "owner", &f.owner));
    VOC_RETURN_IF_ERROR(GetString(*v, "department", &f.department));
    if (!state.empty()) {
      f.state = voc::ParseTaskState(state);
      if (!f.state) {
        return FromStatus(UnknownState("task", state, voc::kTaskStateCount, [](int i) {
          return voc::TaskStateName(static_cast<voc::TaskState>(i));
        }));
      }
    }
    auto tasks = workflow->workflow->ListTasks(f);
    if (!tasks.ok()) return FromStatus(tasks.status());
    return WriteJsonArray(out, *tasks, voc::workflow::WriteTask);
  });
}

int voc_workflow_history(voc_workflow* workflow, const char* entity_id, size_t id_len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto events = workflow->workflow->History(View(entity_id, id_len));
    if (!events.ok()) return FromStatus(events.status());
    return WriteJsonArray(out, *events, voc::workflow::WriteEvent);
  });
}

int voc_workflow_case_create(voc_workflow* workflow, const char* draft_json, size_t len,
                             const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto v = ObjectArg(draft_json, len, "case draft");
    if (!v.ok()) return FromStatus(v.status());
    voc::CaseDraft d;
    VOC_RETURN_IF_ERROR(GetString(*v, "title", &d.title));
    VOC_RETURN_IF_ERROR(GetString(*v, "customer_id", &d.customer_id));
    VOC_RETURN_IF_ERROR(GetString(*v, "feedback_id", &d.feedback_id));
    VOC_RETURN_IF_ERROR(GetString(*v, "task_id", &d.task_id));
    VOC_RETURN_IF_ERROR(GetString(*v, "assignee", &d.assignee));
    if (const Value* sla = v->Find("sla"); sla != nullptr && !sla->is_null()) {
      if (!sla->is_object()) return FromStatus(TypeError("sla", "an object", *sla));
      std::optional<int64_t> first, resolution, auto_close;
      VOC_RETURN_IF_ERROR(GetDuration(*sla, "first_response", &first));
      VOC_RETURN_IF_ERROR(GetDuration(*sla, "resolution", &resolution));
      VOC_RETURN_IF_ERROR(GetDuration(*sla, "auto_close", &auto_close));
      if (first) d.sla.first_response_seconds = *first;
      if (resolution) d.sla.resolution_seconds = *resolution;
      if (auto_close) d.sla.auto_close_seconds = *auto_close;
    }
    auto c = workflow->workflow->CreateCase(d, actor->actor);
    if (!c.ok()) return FromStatus(c.status());
    return WriteJson(out, *c, voc::workflow::WriteCase);
  });
}

int voc_workflow_case_move(voc_workflow* workflow, const char* case_id, size_t id_len,
                           const char* move, size_t move_len, const char* options_json,
                           size_t options_len, const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto m = voc::ParseCaseMove(View(move, move_len));
    if (!m) {
      return SetError(VOC_EINVAL, "invalid argument: unknown case move '" +
                                      std::string(View(move, move_len)) + "'");
    }
    auto v = ObjectArg(options_json, options_len, "move options");
    if (!v.ok()) return FromStatus(v.status());
    voc::CaseMoveOptions o;
    if (const Value* e = v->Find("expected_version"); e != nullptr && !e->is_null()) {
      if (!e->is_number()) return FromStatus(TypeError("expected_version", "a number", *e));
      auto ev = voc::json::ToInt(*e, "expected_version", 1, INT64_MAX);
      if (!ev.ok()) return FromStatus(ev.status());
      o.expected_version = *ev;
    }
    VOC_RETURN_IF_ERROR(GetString(*v, "note", &o.note));
    VOC_RETURN_IF_ERROR(GetString(*v, "assignee", &o.assignee));
    auto c = workflow->workflow->MoveCase(View(case_id, id_len), *m, actor->actor, o);
    if (!c.ok()) return FromStatus(c.status());
    return WriteJson(out, *c, voc::workflow::WriteCase);
  });
}

int voc_workflow_case_get(voc_workflow* workflow, const char* case_id, size_t id_len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto c = workflow->workflow->GetCase(View(case_id, id_len));
    if (!c.ok()) return FromStatus(c.status());
    return WriteJson(out, *c, voc::workflow::WriteCase);
  });
}

int voc_workflow_case_list(voc_workflow* workflow, const char* filter_json, size_t len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto v = ObjectArg(filter_json, len, "case filter");
    if (!v.ok()) return FromStatus(v.status());
    voc::CaseFilter f;
    std::string state;
    VOC_RETURN_IF_ERROR(GetString(*v, "state", &state));
    VOC_RETURN_IF_ERROR(GetString(*v, "task_id", &f.task_id));
    VOC_RETURN_IF_ERROR(GetString(*v, "customer_id", &f.customer_id));
    if (const Value* e = v->Find("only_escalated"); e != nullptr && !e->is_null()) {
      if (!e->is_bool()) return FromStatus(TypeError("only_escalated", "a boolean", *e));
      f.only_escalated = e->bool_value();
    }
    if (!state.empty()) {
      f.state = voc::ParseCaseState(state);
      if (!f.state) {
        return FromStatus(UnknownState("case", state, voc::kCaseStateCount, [](int i) {
          return voc::CaseStateName(static_cast<voc::CaseState>(i));
        }));
      }
    }
    auto cases = workflow->workflow->ListCases(f);
    if (!cases.ok()) return FromStatus(cases.status());
    return WriteJsonArray(out, *cases, voc::workflow::WriteCase);
  });
}

int voc_workflow_tick(voc_workflow* workflow, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto r = workflow->workflow->Tick();
    if (!r.ok()) return FromStatus(r.status());
    return WriteJson(out, *r, voc::workflow::WriteTick);
  });
}

int voc_workflow_verify(voc_workflow* workflow, const char* task_id, size_t id_len,
                        const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto r = workflow->workflow->Verify(View(task_id, id_len), actor->actor);
    if (!r.ok()) return FromStatus(r.status());
    return WriteJson(out, *r, voc::workflow::WriteReport);
  });
}

int voc_workflow_followup(voc_workflow* workflow, const char* task_id, size_t id_len,
                          const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto r = workflow->workflow->FollowUp(View(task_id, id_len), actor->actor);
    if (!r.ok()) return FromStatus(r.status());
    return WriteJson(out, *r, voc::workflow::WriteFollowUp);
  });
}

int voc_workflow_outbox_list(voc_workflow* workflow, const char* state, size_t state_len,
                             const char* task_id, size_t task_id_len, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && out != nullptr, "workflow or out is NULL");
    auto list = workflow->workflow->OutboxList(std::string(View(state, state_len)),
                                               std::string(View(task_id, task_id_len)));
    if (!list.ok()) return FromStatus(list.status());
    return WriteJsonArray(out, *list, voc::workflow::WriteOutbox);
  });
}

int voc_workflow_outbox_ack(voc_workflow* workflow, const char* message_id, size_t id_len,
                            const char* state, size_t state_len, const char* note,
                            size_t note_len, const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto m = workflow->workflow->OutboxAck(View(message_id, id_len),
                                           std::string(View(state, state_len)),
                                           std::string(View(note, note_len)), actor->actor);
    if (!m.ok()) return FromStatus(m.status());
    return WriteJson(out, *m, voc::workflow::WriteOutbox);
  });
}

int voc_workflow_outbox_reply(voc_workflow* workflow, const char* message_id, size_t id_len,
                              const char* reply, size_t reply_len, int unhappy,
                              const voc_actor* actor, voc_buf* out) {
  return Guard([&]() -> int {
    VOC_CHECK_ARG(workflow != nullptr && actor != nullptr && out != nullptr,
                  "workflow, actor or out is NULL");
    auto reopened = workflow->workflow->OutboxReply(View(message_id, id_len),
                                                    std::string(View(reply, reply_len)),
                                                    unhappy != 0, actor->actor);
    if (!reopened.ok()) return FromStatus(reopened.status());
    std::string text;
    voc::json::Writer w(&text);
    w.BeginArray();
    for (const std::string& id : *reopened) w.String(id);
    w.EndArray();
    return voc::capi::FillBuf(out, text);
  });
}

}  // extern "C"
