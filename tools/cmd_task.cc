// voc task: improvement tasks (the outer loop) — create, assign, move, show, list.
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "workflow/cli_support.h"
#include "workflow/json_output.h"

namespace voc::cli {
namespace {

constexpr char kUsage[] =
    "usage: voc task create --db F --title T [--description D] [--department D] [--owner O]\n"
    "                       [--deadline TIME] [--metric M --direction down|up --change 50%\n"
    "                        --window 90d] [--themes a,b] [--phrases x,y] [--evidence id,id]\n"
    "                       [--from-insight KEY [--insight-window 30d]]\n"
    "       voc task assign TASK --db F --owner O --deadline TIME --metric M --direction D\n"
    "                       --change C --window W [--department D]\n"
    "       voc task move TASK MOVE --db F [--shipped-at TIME] [--change-note TEXT]\n"
    "                       [--root-cause TEXT] [--reason TEXT]\n"
    "       voc task show TASK --db F\n"
    "       voc task list --db F [--state S] [--owner O] [--department D]\n"
    "\n"
    "Common options: --actor NAME (default $USER), --role ROLE (default manager; viewer,\n"
    "analyst, agent, owner, manager, admin, system), --expect-version N (refuse with a\n"
    "conflict when the task changed meanwhile), --note TEXT, --now TIME, --json.\n"
    "\n"
    "Moves: assign start hold resume implement verify pass fail rework notify close cancel.\n"
    "States: draft assigned in_progress on_hold implemented verifying verified not_effective\n"
    "customers_notified closed cancelled. Guards: assign needs owner, deadline and target;\n"
    "implement needs --shipped-at; close needs a verdict and --root-cause; cancel needs\n"
    "--reason. An illegal move exits 3 naming the current state and the allowed moves.\n"
    "Metrics: negative_rate, positive_rate, mean_rating.";

const std::vector<std::string> kValueFlags = {
    "db", "title", "description", "department", "owner", "deadline", "metric", "direction",
    "change", "window", "themes", "phrases", "evidence", "from-insight", "insight-window",
    "shipped-at", "change-note", "root-cause", "reason", "actor", "role", "expect-version",
    "note", "state"};

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

absl::StatusOr<int64_t> Time(const Flags& f, const std::string& name) {
  return ParseTimestamp(f.Get(name));
}

int PrintTask(const Flags& f, const Task& t, const std::vector<Event>* history) {
  if (f.Has("json")) {
    std::string out;
    json::Writer w(&out);
    if (history) {
      w.BeginObject().Key("task");
      workflow::WriteTask(&w, t);
      w.Key("history").BeginArray();
      for (const auto& e : *history) workflow::WriteEvent(&w, e);
      w.EndArray().EndObject();
    } else {
      workflow::WriteTask(&w, t);
    }
    std::printf("%s\n", out.c_str());
    return kExitOk;
  }
  std::printf("%s\n", workflow::TaskLine(t).c_str());
  if (history) {
    if (!t.themes.empty() || !t.key_phrases.empty()) {
      std::string linked;
      for (const auto& s : t.themes) absl::StrAppend(&linked, linked.empty() ? "" : ", ", s);
      for (const auto& s : t.key_phrases) absl::StrAppend(&linked, linked.empty() ? "" : ", ", s);
      std::printf("  linked: %s\n", linked.c_str());
    }
    std::printf("  evidence: %zu feedback\n", t.evidence_ids.size());
    if (!t.change.empty()) std::printf("  change: %s\n", t.change.c_str());
    if (!t.root_cause.empty()) std::printf("  root cause: %s\n", t.root_cause.c_str());
    std::printf("history:\n");
    for (const auto& e : *history) std::printf("  %s\n", workflow::EventLine(e).c_str());
  }
  return kExitOk;
}

int RunTask(const std::vector<std::string>& args) {
  Flags f;
  if (!f.Parse(args, kValueFlags, {"json"})) return kExitUsage;
  if (f.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  const auto& pos = f.positional();
  if (pos.empty()) return UsageError("task", "a subcommand is required: create, assign, move, show or list");
  const std::string sub = pos[0];
  auto actor = workflow::MakeActor(f.Get("actor", DefaultActor()), f.Get("role", "manager"));
  if (!actor.ok()) return UsageError("task", std::string(actor.status().message()));
  auto session = workflow::OpenSession(f.Get("db"), [] { return Now(); });
  if (!session.ok()) {
    if (!f.Has("db")) return UsageError("task", "--db FILE is required");
    return Fail("task", session.status());
  }
  Workflow& wf = *session->workflow;

  auto target = [&]() -> absl::StatusOr<std::optional<TaskTarget>> {
    if (!f.Has("metric") && !f.Has("change") && !f.Has("window")) return std::optional<TaskTarget>();
    auto t = workflow::MakeTarget(f.Get("metric", "negative_rate"), f.Get("direction", "down"),
                                  f.Get("change"), f.Get("window", "90d"));
    if (!t.ok()) return t.status();
    return std::optional<TaskTarget>(*t);
  };
  std::optional<int64_t> expect;
  if (f.Has("expect-version")) {
    int64_t v = 0;
    if (!absl::SimpleAtoi(f.Get("expect-version"), &v)) {
      return UsageError("task", "--expect-version must be an integer");
    }
    expect = v;
  }

  if (sub == "create") {
    TaskDraft d;
    d.title = f.Get("title");
    d.description = f.Get("description");
    d.department = f.Get("department");
    d.owner = f.Get("owner");
    if (f.Has("deadline")) {
      auto t = Time(f, "deadline");
      if (!t.ok()) return UsageError("task", std::string(t.status().message()));
      d.deadline = *t;
    }
    auto tg = target();
    if (!tg.ok()) return UsageError("task", std::string(tg.status().message()));
    d.target = *tg;
    d.themes = workflow::SplitList(f.Get("themes"));
    d.key_phrases = workflow::SplitList(f.Get("phrases"));
    d.evidence_ids = workflow::SplitList(f.Get("evidence"));
    d.note = f.Get("note");
    absl::StatusOr<Task> t;
    if (f.Has("from-insight")) {
      InsightOptions io;
      auto w = ParseDuration(f.Get("insight-window", "30d"));
      if (!w.ok()) return UsageError("task", std::string(w.status().message()));
      io.window_seconds = *w;
      io.max_insights = 0;
      const std::string key = f.Get("from-insight");
      io.split_by_key_phrase = std::count(key.begin(), key.end(), '|') >= 2;
      auto ins = wf.Insights(io);
      if (!ins.ok()) return Fail("task", ins.status());
      const Insight* found = nullptr;
      for (const auto& i : *ins) {
        if (i.key == f.Get("from-insight")) found = &i;
      }
      if (!found) {
        return Fail("task", absl::NotFoundError(absl::StrCat(
                                "no insight '", f.Get("from-insight"),
                                "' in the current window (see voc insights)")));
      }
      t = wf.CreateTaskFromInsight(*found, d, *actor);
    } else {
      if (d.title.empty()) return UsageError("task", "--title is required (or --from-insight)");
      t = wf.CreateTask(d, *actor);
    }
    if (!t.ok()) return Fail("task", t.status());
    return PrintTask(f, *t, nullptr);
  }
  if (sub == "show") {
    if (pos.size() != 2) return UsageError("task", "usage: voc task show TASK --db F");
    auto t = wf.GetTask(pos[1]);
    if (!t.ok()) return Fail("task", t.status());
    auto h = wf.History(t->id);
    if (!h.ok()) return Fail("task", h.status());
    return PrintTask(f, *t, &*h);
  }
  if (sub == "list") {
    TaskFilter filter;
    if (f.Has("state")) {
      filter.state = ParseTaskState(f.Get("state"));
      if (!filter.state) return UsageError("task", "unknown --state " + f.Get("state"));
    }
    filter.owner = f.Get("owner");
    filter.department = f.Get("department");
    auto ts = wf.ListTasks(filter);
    if (!ts.ok()) return Fail("task", ts.status());
    if (f.Has("json")) {
      std::string out;
      json::Writer w(&out);
      w.BeginArray();
      for (const auto& t : *ts) workflow::WriteTask(&w, t);
      w.EndArray();
      std::printf("%s\n", out.c_str());
    } else {
      for (const auto& t : *ts) std::printf("%s\n", workflow::TaskLine(t).c_str());
    }
    return kExitOk;
  }
  if (sub == "assign" || sub == "move") {
    const size_t need = sub == "assign" ? 2 : 3;
    if (pos.size() != need) {
      return UsageError("task", sub == "assign" ? "usage: voc task assign TASK --db F ..."
                                                : "usage: voc task move TASK MOVE --db F ...");
    }
    TaskMove move = TaskMove::kAssign;
    if (sub == "move") {
      auto m = ParseTaskMove(pos[2]);
      if (!m) return UsageError("task", "unknown move '" + pos[2] + "'");
      move = *m;
    }
    TaskMoveOptions o;
    o.expected_version = expect;
    o.note = f.Get("note");
    if (move == TaskMove::kAssign) {
      if (f.Has("owner")) o.owner = f.Get("owner");
      if (f.Has("department")) o.department = f.Get("department");
      if (f.Has("deadline")) {
        auto t = Time(f, "deadline");
        if (!t.ok()) return UsageError("task", std::string(t.status().message()));
        o.deadline = *t;
      }
      auto tg = target();
      if (!tg.ok()) return UsageError("task", std::string(tg.status().message()));
      o.target = *tg;
    }
    if (f.Has("shipped-at")) {
      auto t = Time(f, "shipped-at");
      if (!t.ok()) return UsageError("task", std::string(t.status().message()));
      o.shipped_at = *t;
    }
    if (f.Has("change-note")) o.change = f.Get("change-note");
    if (f.Has("root-cause")) o.root_cause = f.Get("root-cause");
    if (f.Has("reason")) o.reason = f.Get("reason");
    auto t = wf.MoveTask(pos[1], move, *actor, o);
    if (!t.ok()) return Fail("task", t.status());
    return PrintTask(f, *t, nullptr);
  }
  return UsageError("task", "unknown subcommand '" + sub + "' (create, assign, move, show, list)");
}

VOC_REGISTER_COMMAND("task", "improvement tasks: create, assign, move, show, list", kUsage,
                     RunTask);

}  // namespace
}  // namespace voc::cli
