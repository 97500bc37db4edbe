// voc case: customer cases (the inner loop) — create, move, link, show, list.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "command.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "workflow/cli_support.h"
#include "workflow/json_output.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc case create --db F --title T [--customer ID] [--feedback ID] [--task T-n]\n"
    "                       [--assignee A] [--first-response 4h] [--resolution 72h]\n"
    "                       [--auto-close 7d]\n"
    "       voc case move CASE MOVE --db F [--assignee A]\n"
    "       voc case link CASE TASK --db F\n"
    "       voc case show CASE --db F\n"
    "       voc case list --db F [--state S] [--task T-n] [--customer ID] [--escalated]\n"
    "\n"
    "Common options: --actor NAME (default $USER), --role ROLE (default agent),\n"
    "--expect-version N, --note TEXT, --now TIME, --json.\n"
    "\n"
    "Moves: assign start wait reply resolve close reopen. States: new assigned in_progress\n"
    "pending_customer resolved closed. SLA clocks (first response, resolution) pause while\n"
    "pending_customer; `voc tick` escalates breached cases and closes cases resolved for\n"
    "--auto-close.";

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

int PrintCase(const Flags& f, const Case& c, const std::vector<Event>* history) {
  if (f.Has("json")) {
    std::string out;
    json::Writer w(&out);
    if (history) {
      w.BeginObject().Key("case");
      workflow::WriteCase(&w, c);
      w.Key("history").BeginArray();
      for (const auto& e : *history) workflow::WriteEvent(&w, e);
      w.EndArray().EndObject();
    } else {
      workflow::WriteCase(&w, c);
    }
    std::printf("%s\n", out.c_str());
    return kExitOk;
  }
  std::printf("%s\n", workflow::CaseLine(c).c_str());
  if (history) {
    std::printf("  sla: first response %llds, resolution %llds, auto-close %llds; paused %llds\n",
                static_cast<long long>(c.sla.first_response_seconds),
                static_cast<long long>(c.sla.resolution_seconds),
                static_cast<long long>(c.sla.auto_close_seconds),
                static_cast<long long>(c.paused_seconds));
    std::printf("history:\n");
    for (const auto& e : *history) std::printf("  %s\n", workflow::EventLine(e).c_str());
  }
  return kExitOk;
}

int RunCase(const std::vector<std::string>& args) {
  Flags f;
  if (!f.Parse(args, {"db", "title", "customer", "feedback", "task", "assignee", "first-response",
                      "resolution", "auto-close", "actor", "role", "expect-version", "note",
                      "state"},
               {"json", "escalated"})) {
    return kExitUsage;
  }
  if (f.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  const auto& pos = f.positional();
  if (pos.empty()) return UsageError("case", "a subcommand is required: create, move, link, show or list");
  const std::string sub = pos[0];
  auto actor = workflow::MakeActor(f.Get("actor", DefaultActor()), f.Get("role", "agent"));
  if (!actor.ok()) return UsageError("case", std::string(actor.status().message()));
  if (!f.Has("db")) return UsageError("case", "--db FILE is required");
  auto session = workflow::OpenSession(f.Get("db"), [] { return Now(); });
  if (!session.ok()) return Fail("case", session.status());
  Workflow& wf = *session->workflow;
  std::optional<int64_t> expect;
  if (f.Has("expect-version")) {
    int64_t v = 0;
    if (!absl::SimpleAtoi(f.Get("expect-version"), &v)) {
      return UsageError("case", "--expect-version must be an integer");
    }
    expect = v;
  }
  if (sub == "create") {
    CaseDraft d;
    d.title = f.Get("title");
    if (d.title.empty()) return UsageError("case", "--title is required");
    d.customer_id = f.Get("customer");
    d.feedback_id = f.Get("feedback");
    d.task_id = f.Get("task");
    d.assignee = f.Get("assignee");
    for (auto [flag, field] : {std::pair<const char*, int64_t*>{"first-response", &d.sla.first_response_seconds},
                               {"resolution", &d.sla.resolution_seconds},
                               {"auto-close", &d.sla.auto_close_seconds}}) {
      if (!f.Has(flag)) continue;
      auto v = ParseDuration(f.Get(flag));
      if (!v.ok()) return UsageError("case", std::string(v.status().message()));
      *field = *v;
    }
    auto c = wf.CreateCase(d, *actor);
    if (!c.ok()) return Fail("case", c.status());
    return PrintCase(f, *c, nullptr);
  }
  if (sub == "move") {
    if (pos.size() != 3) return UsageError("case", "usage: voc case move CASE MOVE --db F");
    auto m = ParseCaseMove(pos[2]);
    if (!m) return UsageError("case", "unknown move '" + pos[2] + "'");
    CaseMoveOptions o;
    o.expected_version = expect;
    o.note = f.Get("note");
    if (f.Has("assignee")) o.assignee = f.Get("assignee");
    auto c = wf.MoveCase(pos[1], *m, *actor, o);
    if (!c.ok()) return Fail("case", c.status());
    return PrintCase(f, *c, nullptr);
  }
  if (sub == "link") {
    if (pos.size() != 3) return UsageError("case", "usage: voc case link CASE TASK --db F");
    auto c = wf.LinkCase(pos[1], pos[2], *actor, expect);
    if (!c.ok()) return Fail("case", c.status());
    return PrintCase(f, *c, nullptr);
  }
  if (sub == "show") {
    if (pos.size() != 2) return UsageError("case", "usage: voc case show CASE --db F");
    auto c = wf.GetCase(pos[1]);
    if (!c.ok()) return Fail("case", c.status());
    auto h = wf.History(c->id);
    if (!h.ok()) return Fail("case", h.status());
    return PrintCase(f, *c, &*h);
  }
  if (sub == "list") {
    CaseFilter filter;
    if (f.Has("state")) {
      filter.state = ParseCaseState(f.Get("state"));
      if (!filter.state) return UsageError("case", "unknown --state " + f.Get("state"));
    }
    filter.task_id = f.Get("task");
    filter.customer_id = f.Get("customer");
    filter.only_escalated = f.Has("escalated");
    auto cs = wf.ListCases(filter);
    if (!cs.ok()) return Fail("case", cs.status());
    if (f.Has("json")) {
      std::string out;
      json::Writer w(&out);
      w.BeginArray();
      for (const auto& c : *cs) workflow::WriteCase(&w, c);
      w.EndArray();
      std::printf("%s\n", out.c_str());
    } else {
      for (const auto& c : *cs) std::printf("%s\n", workflow::CaseLine(c).c_str());
    }
    return kExitOk;
  }
  return UsageError("case", "unknown subcommand '" + sub + "' (create, move, link, show, list)");
}

VOC_REGISTER_COMMAND("case", "customer cases: create, move, link, show, list", kUsage, RunCase);

}  // namespace
}  // namespace voc::cli
