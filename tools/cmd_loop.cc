// voc verify / followup / outbox / tick: the end of the closed loop.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "command.h"
#include "core/json.h"
#include "workflow/cli_support.h"
#include "workflow/json_output.h"

namespace voc::cli {
namespace {

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

// Parses the common flags and opens the workflow; returns an exit code on failure.
int Open(const char* name, const std::vector<std::string>& args,
         const std::vector<std::string>& extra_values, const std::vector<std::string>& extra_bools,
         const char* usage, const char* default_role, Flags* f, workflow::Session* s,
         Actor* actor) {
  std::vector<std::string> values = {"db", "actor", "role"};
  values.insert(values.end(), extra_values.begin(), extra_values.end());
  std::vector<std::string> bools = {"json"};
  bools.insert(bools.end(), extra_bools.begin(), extra_bools.end());
  if (!f->Parse(args, values, bools)) return kExitUsage;
  if (f->help()) {
    std::puts(usage);
    return kExitOk;
  }
  auto a = workflow::MakeActor(f->Get("actor", DefaultActor()), f->Get("role", default_role));
  if (!a.ok()) return UsageError(name, std::string(a.status().message()));
  *actor = *a;
  if (!f->Has("db")) return UsageError(name, "--db FILE is required");
  auto session = workflow::OpenSession(f->Get("db"), [] { return Now(); });
  if (!session.ok()) return Fail(name, session.status());
  *s = std::move(*session);
  return -1;
}

template <typename T, typename W>
void PrintJson(const T& v, W write) {
  std::string out;
  json::Writer w(&out);
  write(&w, v);
  std::printf("%s\n", out.c_str());
}

constexpr char kVerifyUsage[] =
    "usage: voc verify TASK --db F [--actor A] [--role R] [--now T] [--json]\n"
    "\n"
    "Compares the target window before the task's ship date with the window after it (up to\n"
    "now) on the task's linked themes and key phrases: negative-mention rate, positive-mention\n"
    "rate (z-test, or Fisher's exact test for small counts) and mean rating (Welch's t-test).\n"
    "Verdict effective (target met and p < 0.05) moves the task to verified; not_effective\n"
    "moves it back to in_progress; insufficient_data (< 30 feedback per window, fewer than 10\n"
    "negative (positive) mentions in both windows together, < 10 ratings per window) leaves it in\n"
    "verifying. The task must be implemented or verifying.";

int RunVerify(const std::vector<std::string>& args) {
  Flags f;
  workflow::Session s;
  Actor actor;
  if (int rc = Open("verify", args, {}, {}, kVerifyUsage, "manager", &f, &s, &actor); rc >= 0) {
    return rc;
  }
  if (f.positional().size() != 1) return UsageError("verify", "usage: voc verify TASK --db F");
  auto rep = s.workflow->Verify(f.positional()[0], actor);
  if (!rep.ok()) return Fail("verify", rep.status());
  if (f.Has("json")) {
    PrintJson(*rep, workflow::WriteReport);
  } else {
    std::printf("%s: %s\n", std::string(VerdictName(rep->verdict)).c_str(), rep->reason.c_str());
    for (const auto& m : rep->metrics) {
      std::printf("  %-14s before %.4f (%lld/%lld)  after %.4f (%lld/%lld)  %s p=%.3g%s\n",
                  std::string(MetricName(m.metric)).c_str(), m.before.value,
                  static_cast<long long>(m.before.events), static_cast<long long>(m.before.rows),
                  m.after.value, static_cast<long long>(m.after.events),
                  static_cast<long long>(m.after.rows), m.test.c_str(), m.p_value,
                  m.enough_data ? "" : " (not enough data)");
    }
  }
  return kExitOk;
}

constexpr char kFollowUpUsage[] =
    "usage: voc followup TASK --db F [--actor A] [--role R] [--now T] [--json]\n"
    "\n"
    "For a verified task, queues one outbox message per customer whose feedback is evidence,\n"
    "skipping feedback without contact_ok and customers who opted out, and moves the task to\n"
    "customers_notified. Running it again adds nothing.";

int RunFollowUp(const std::vector<std::string>& args) {
  Flags f;
  workflow::Session s;
  Actor actor;
  if (int rc = Open("followup", args, {}, {}, kFollowUpUsage, "manager", &f, &s, &actor);
      rc >= 0) {
    return rc;
  }
  if (f.positional().size() != 1) return UsageError("followup", "usage: voc followup TASK --db F");
  auto rep = s.workflow->FollowUp(f.positional()[0], actor);
  if (!rep.ok()) return Fail("followup", rep.status());
  if (f.Has("json")) {
    PrintJson(*rep, workflow::WriteFollowUp);
  } else {
    std::printf("queued %lld messages (%lld already queued, %lld without consent, %lld without "
                "customer id)\n",
                static_cast<long long>(rep->added), static_cast<long long>(rep->already_queued),
                static_cast<long long>(rep->skipped_no_consent),
                static_cast<long long>(rep->skipped_no_customer));
  }
  return kExitOk;
}

constexpr char kOutboxUsage[] =
    "usage: voc outbox list --db F [--state pending|delivered|failed] [--task T-n] [--json]\n"
    "       voc outbox ack MESSAGE --db F [--state delivered|failed] [--note TEXT]\n"
    "       voc outbox reply MESSAGE --db F --text TEXT [--unhappy]\n"
    "\n"
    "voc never sends messages: the host product reads the outbox, delivers, and acknowledges.\n"
    "A reply marked --unhappy reopens the customer's resolved or closed cases linked to the\n"
    "message's task. Options: --actor, --role (default system), --now, --json (any subcommand).";

int RunOutbox(const std::vector<std::string>& args) {
  Flags f;
  workflow::Session s;
  Actor actor;
  if (int rc = Open("outbox", args, {"state", "task", "note", "text"}, {"unhappy"}, kOutboxUsage,
                    "system", &f, &s, &actor);
      rc >= 0) {
    return rc;
  }
  const auto& pos = f.positional();
  if (pos.empty()) return UsageError("outbox", "a subcommand is required: list, ack or reply");
  if (pos[0] == "list") {
    auto list = s.workflow->OutboxList(f.Get("state"), f.Get("task"));
    if (!list.ok()) return Fail("outbox", list.status());
    if (f.Has("json")) {
      std::string out;
      json::Writer w(&out);
      w.BeginArray();
      for (const auto& m : *list) workflow::WriteOutbox(&w, m);
      w.EndArray();
      std::printf("%s\n", out.c_str());
    } else {
      for (const auto& m : *list) std::printf("%s\n", workflow::OutboxLine(m).c_str());
    }
    return kExitOk;
  }
  if (pos[0] == "ack" && pos.size() == 2) {
    auto m = s.workflow->OutboxAck(pos[1], f.Get("state", "delivered"), f.Get("note"), actor);
    if (!m.ok()) return Fail("outbox", m.status());
    if (f.Has("json")) {
      PrintJson(*m, workflow::WriteOutbox);
    } else {
      std::printf("%s\n", workflow::OutboxLine(*m).c_str());
    }
    return kExitOk;
  }
  if (pos[0] == "reply" && pos.size() == 2) {
    if (!f.Has("text")) return UsageError("outbox", "--text is required");
    auto r = s.workflow->OutboxReply(pos[1], f.Get("text"), f.Has("unhappy"), actor);
    if (!r.ok()) return Fail("outbox", r.status());
    if (f.Has("json")) {
      std::string out;
      json::Writer w(&out);
      w.BeginObject().Key("reopened").BeginArray();
      for (const auto& id : *r) w.String(id);
      w.EndArray().EndObject();
      std::printf("%s\n", out.c_str());
    } else {
      std::printf("reply recorded; %zu case(s) reopened\n", r->size());
    }
    return kExitOk;
  }
  return UsageError("outbox", "usage: voc outbox list|ack MESSAGE|reply MESSAGE --db F");
}

constexpr char kTickUsage[] =
    "usage: voc tick --db F [--now T] [--json] [--actor A] [--role R (default system)]\n"
    "\n"
    "Applies what is due at --now (default: the system clock): escalates cases whose first-\n"
    "response or resolution SLA ran out (paused time in pending_customer does not count) and\n"
    "closes cases resolved longer than their auto-close delay. Idempotent.";

int RunTick(const std::vector<std::string>& args) {
  Flags f;
  workflow::Session s;
  Actor actor;
  if (int rc = Open("tick", args, {}, {}, kTickUsage, "system", &f, &s, &actor); rc >= 0) {
    return rc;
  }
  auto r = s.workflow->Tick();
  if (!r.ok()) return Fail("tick", r.status());
  if (f.Has("json")) {
    PrintJson(*r, workflow::WriteTick);
  } else {
    std::printf("escalated %lld, auto-closed %lld\n", static_cast<long long>(r->escalated),
                static_cast<long long>(r->auto_closed));
  }
  return kExitOk;
}

VOC_REGISTER_COMMAND("verify", "verify a task's effect (before/after windows, significance)",
                     kVerifyUsage, RunVerify);
VOC_REGISTER_COMMAND("followup", "queue follow-up messages for a verified task", kFollowUpUsage,
                     RunFollowUp);
VOC_REGISTER_COMMAND("outbox", "list, acknowledge or answer follow-up messages", kOutboxUsage,
                     RunOutbox);
VOC_REGISTER_COMMAND("tick", "apply due case escalations and auto-closes", kTickUsage, RunTick);

}  // namespace
}  // namespace voc::cli
