#include "workflow/json_output.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/strings.h"
#include "core/timeutil.h"

namespace voc::workflow {
namespace {

void Strings(json::Writer* w, const std::vector<std::string>& v) {
  w->BeginArray();
  for (const auto& s : v) w->String(s);
  w->EndArray();
}

void Time(json::Writer* w, int64_t t) {
  if (t > 0) {
    w->String(FormatTimestamp(t));
  } else {
    w->Null();
  }
}

std::string T(int64_t t) { return t > 0 ? FormatTimestamp(t) : "-"; }

}  // namespace

void WriteTask(json::Writer* w, const Task& t) {
  w->BeginObject();
  w->Key("id").String(t.id);
  w->Key("title").String(t.title);
  w->Key("description").String(t.description);
  w->Key("state").String(TaskStateName(t.state));
  w->Key("version").Int(t.version);
  w->Key("owner").String(t.owner);
  w->Key("department").String(t.department);
  w->Key("deadline");
  Time(w, t.deadline);
  w->Key("target");
  if (t.target) {
    w->BeginObject();
    w->Key("metric").String(MetricName(t.target->metric));
    w->Key("direction").String(t.target->direction < 0 ? "down" : "up");
    w->Key("change").Number(t.target->relative_change);
    w->Key("window_seconds").Int(t.target->window_seconds);
    w->Key("text").String(FormatTarget(*t.target));
    w->EndObject();
  } else {
    w->Null();
  }
  w->Key("insight_key").String(t.insight_key);
  w->Key("themes");
  Strings(w, t.themes);
  w->Key("key_phrases");
  Strings(w, t.key_phrases);
  w->Key("evidence_ids");
  Strings(w, t.evidence_ids);
  w->Key("shipped_at");
  Time(w, t.shipped_at);
  w->Key("change").String(t.change);
  w->Key("verdict").String(t.verdict);
  w->Key("root_cause").String(t.root_cause);
  w->Key("cancel_reason").String(t.cancel_reason);
  w->Key("created_at");
  Time(w, t.created_at);
  w->Key("updated_at");
  Time(w, t.updated_at);
  w->Key("created_by").String(t.created_by);
  w->EndObject();
}

void WriteCase(json::Writer* w, const Case& c) {
  w->BeginObject();
  w->Key("id").String(c.id);
  w->Key("title").String(c.title);
  w->Key("state").String(CaseStateName(c.state));
  w->Key("version").Int(c.version);
  w->Key("customer_id").String(c.customer_id);
  w->Key("feedback_id").String(c.feedback_id);
  w->Key("task_id").String(c.task_id);
  w->Key("assignee").String(c.assignee);
  w->Key("escalated").Bool(c.escalated);
  w->Key("first_response_breached").Bool(c.first_response_breached);
  w->Key("resolution_breached").Bool(c.resolution_breached);
  w->Key("reopen_count").Int(c.reopen_count);
  w->Key("paused_seconds").Int(c.paused_seconds);
  w->Key("sla").BeginObject();
  w->Key("first_response_seconds").Int(c.sla.first_response_seconds);
  w->Key("resolution_seconds").Int(c.sla.resolution_seconds);
  w->Key("auto_close_seconds").Int(c.sla.auto_close_seconds);
  w->EndObject();
  w->Key("created_at");
  Time(w, c.created_at);
  w->Key("first_response_at");
  Time(w, c.first_response_at);
  w->Key("resolved_at");
  Time(w, c.resolved_at);
  w->Key("closed_at");
  Time(w, c.closed_at);
  w->Key("updated_at");
  Time(w, c.updated_at);
  w->EndObject();
}

void WriteEvent(json::Writer* w, const Event& e) {
  w->BeginObject();
  w->Key("id").Int(e.id);
  w->Key("entity").String(e.entity);
  w->Key("entity_id").String(e.entity_id);
  w->Key("actor").String(e.actor);
  w->Key("role").String(RoleName(e.role));
  w->Key("at");
  Time(w, e.at);
  w->Key("action").String(e.action);
  w->Key("from").String(e.from_state);
  w->Key("to").String(e.to_state);
  w->Key("changed");
  Strings(w, e.changed_fields);
  w->Key("note").String(e.note);
  w->EndObject();
}

void WriteOutbox(json::Writer* w, const OutboxMessage& m) {
  w->BeginObject();
  w->Key("id").String(m.id);
  w->Key("task_id").String(m.task_id);
  w->Key("customer_id").String(m.customer_id);
  w->Key("feedback_ids");
  Strings(w, m.feedback_ids);
  w->Key("message").String(m.message);
  w->Key("state").String(m.state);
  w->Key("created_at");
  Time(w, m.created_at);
  w->Key("acked_at");
  Time(w, m.acked_at);
  w->Key("ack_note").String(m.ack_note);
  w->EndObject();
}

void WriteInsight(json::Writer* w, const Insight& in) {
  w->BeginObject();
  w->Key("key").String(in.key);
  w->Key("theme").String(in.theme);
  w->Key("touchpoint").String(in.touchpoint);
  if (!in.key_phrase.empty()) w->Key("key_phrase").String(in.key_phrase);
  w->Key("volume").Int(in.volume);
  w->Key("negative").Int(in.negative);
  w->Key("positive").Int(in.positive);
  w->Key("share_negative").Number(in.share_negative);
  w->Key("previous_volume").Int(in.previous_volume);
  w->Key("growth").Number(in.growth);
  w->Key("unique_customers").Int(in.unique_customers);
  w->Key("value_at_risk").Number(in.value_at_risk);
  w->Key("recurrence").Int(in.recurrence);
  w->Key("importance").Number(in.importance);
  w->Key("urgency").Number(in.urgency);
  w->Key("priority").Number(in.priority);
  w->Key("spike").Bool(in.spike);
  w->Key("recurring").Bool(in.recurring);
  w->Key("emerging").Bool(in.emerging);
  w->Key("key_phrases").BeginArray();
  for (const auto& [p, n] : in.key_phrases) {
    w->BeginObject().Key("phrase").String(p).Key("count").Int(n).EndObject();
  }
  w->EndArray();
  w->Key("evidence_ids");
  Strings(w, in.evidence_ids);
  w->EndObject();
}

void WriteReport(json::Writer* w, const VerificationReport& r) {
  w->BeginObject();
  w->Key("verdict").String(VerdictName(r.verdict));
  w->Key("reason").String(r.reason);
  w->Key("target_met").Bool(r.target_met);
  w->Key("significant").Bool(r.significant);
  w->Key("before").BeginArray();
  Time(w, r.before_start);
  Time(w, r.before_end);
  w->EndArray();
  w->Key("after").BeginArray();
  Time(w, r.after_start);
  Time(w, r.after_end);
  w->EndArray();
  w->Key("metrics").BeginArray();
  for (const auto& m : r.metrics) {
    w->BeginObject();
    w->Key("metric").String(MetricName(m.metric));
    w->Key("before").Number(m.before.value);
    w->Key("after").Number(m.after.value);
    w->Key("before_rows").Int(m.before.rows);
    w->Key("after_rows").Int(m.after.rows);
    w->Key("before_events").Int(m.before.events);
    w->Key("after_events").Int(m.after.events);
    w->Key("relative_change").Number(m.relative_change);
    w->Key("test").String(m.test);
    w->Key("statistic").Number(std::isfinite(m.statistic) ? m.statistic : 0);
    w->Key("p_value").Number(m.p_value);
    w->Key("enough_data").Bool(m.enough_data);
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

void WriteFollowUp(json::Writer* w, const FollowUpReport& r) {
  w->BeginObject();
  w->Key("added").Int(r.added);
  w->Key("already_queued").Int(r.already_queued);
  w->Key("skipped_no_consent").Int(r.skipped_no_consent);
  w->Key("skipped_no_customer").Int(r.skipped_no_customer);
  w->Key("message_ids");
  Strings(w, r.message_ids);
  w->EndObject();
}

void WriteTick(json::Writer* w, const TickReport& r) {
  w->BeginObject();
  w->Key("escalated").Int(r.escalated);
  w->Key("auto_closed").Int(r.auto_closed);
  w->Key("case_ids");
  Strings(w, r.case_ids);
  w->EndObject();
}

std::string TaskLine(const Task& t) {
  return absl::StrCat(t.id, " [", AV(TaskStateName(t.state)), "] v", t.version,
                      " owner=", t.owner.empty() ? "-" : t.owner,
                      " dept=", t.department.empty() ? "-" : t.department,
                      " due=", T(t.deadline),
                      " target=", t.target ? FormatTarget(*t.target) : "-",
                      t.verdict.empty() ? "" : " verdict=" + t.verdict, "  ", t.title);
}

std::string CaseLine(const Case& c) {
  return absl::StrCat(c.id, " [", AV(CaseStateName(c.state)), "] v", c.version,
                      c.escalated ? " ESCALATED" : "", " customer=",
                      c.customer_id.empty() ? "-" : c.customer_id,
                      " assignee=", c.assignee.empty() ? "-" : c.assignee,
                      " task=", c.task_id.empty() ? "-" : c.task_id, "  ", c.title);
}

std::string EventLine(const Event& e) {
  return absl::StrCat(T(e.at), "  ", e.actor, " (", AV(RoleName(e.role)), ")  ", e.action,
                      e.from_state.empty() && e.to_state.empty()
                          ? ""
                          : absl::StrCat("  ", e.from_state.empty() ? "-" : e.from_state, " -> ",
                                         e.to_state),
                      e.changed_fields.empty()
                          ? ""
                          : absl::StrCat("  [", absl::StrJoin(e.changed_fields, ","), "]"),
                      e.note.empty() ? "" : "  " + e.note);
}

std::string OutboxLine(const OutboxMessage& m) {
  return absl::StrCat(m.id, " [", m.state, "] ", m.task_id, " -> ", m.customer_id, "  ",
                      m.message);
}

std::string InsightLine(const Insight& in) {
  std::vector<std::string> phrases;
  for (size_t i = 0; i < in.key_phrases.size() && i < 5; ++i) {
    phrases.push_back(in.key_phrases[i].first);
  }
  return absl::StrFormat(
      "%-40s priority=%.2f volume=%d neg=%.0f%% growth=%+.0f%% customers=%d value_at_risk=%.0f "
      "recurrence=%d%s%s%s  %s",
      in.key, in.priority, in.volume, in.share_negative * 100, in.growth * 100,
      in.unique_customers, in.value_at_risk, in.recurrence, in.spike ? " SPIKE" : "",
      in.recurring ? " RECURRING" : "", in.emerging ? " EMERGING" : "",
      absl::StrJoin(phrases, "/"));
}

}  // namespace voc::workflow
