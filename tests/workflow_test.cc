// Tests of the closed loop: state machines, statistics, verification, insights.
#include <cmath>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "voc/insights.h"
#include "voc/store.h"
#include "voc/workflow.h"
#include "workflow/state_machine.h"
#include "workflow/stats.h"
#include "workflow/verification.h"

namespace voc::workflow {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kDay = 86400;
constexpr int64_t kT0 = 1767225600;  // 2026-01-01T00:00:00Z

TaskTarget Target() {
  TaskTarget t;
  t.metric = Metric::kNegativeRate;
  t.direction = -1;
  t.relative_change = 0.5;
  t.window_seconds = 30 * kDay;
  return t;
}

Task NewTask(const std::string& id = "T-12") {
  Task t;
  t.id = id;
  t.title = "优化线上退货审批流程";
  t.created_at = kT0;
  return t;
}

TaskMoveRequest Req(TaskMove move, Role role = Role::kManager, const std::string& actor = "li") {
  TaskMoveRequest r;
  r.move = move;
  r.role = role;
  r.actor = actor;
  r.now = kT0 + kDay;
  return r;
}

// Moves a task from draft to `state` along the main path.
void Drive(Task* t, TaskState state) {
  auto step = [&](TaskMoveRequest r) { ASSERT_TRUE(ApplyTaskMove(t, r).ok()) << TaskMoveName(r.move); };
  if (state == TaskState::kDraft) return;
  auto assign = Req(TaskMove::kAssign);
  assign.owner = "wang";
  assign.department = "电商技术部";
  assign.deadline = kT0 + 30 * kDay;
  assign.target = Target();
  step(assign);
  if (state == TaskState::kAssigned) return;
  if (state == TaskState::kCancelled) {
    auto c = Req(TaskMove::kCancel);
    c.reason = "duplicate";
    step(c);
    return;
  }
  step(Req(TaskMove::kStart));
  if (state == TaskState::kInProgress) return;
  if (state == TaskState::kOnHold) { step(Req(TaskMove::kHold)); return; }
  auto impl = Req(TaskMove::kImplement);
  impl.shipped_at = kT0 + kDay / 2;
  step(impl);
  if (state == TaskState::kImplemented) return;
  step(Req(TaskMove::kVerify));
  if (state == TaskState::kVerifying) return;
  if (state == TaskState::kNotEffective) { step(Req(TaskMove::kFail)); return; }
  step(Req(TaskMove::kPass));
  if (state == TaskState::kVerified) return;
  step(Req(TaskMove::kNotify));
  if (state == TaskState::kCustomersNotified) return;
  auto close = Req(TaskMove::kClose);
  close.root_cause = "人工审核环节排队";
  step(close);
}

// ------------------------------------------------------------------ task state machine

TEST(TaskStateMachine, MainPathToClosed) {
  Task t = NewTask();
  Drive(&t, TaskState::kClosed);
  EXPECT_EQ(t.state, TaskState::kClosed);
  EXPECT_EQ(t.verdict, "effective");
  EXPECT_EQ(t.root_cause, "人工审核环节排队");
  EXPECT_EQ(t.owner, "wang");
  EXPECT_EQ(t.department, "电商技术部");
  EXPECT_EQ(t.version, 8);  // 7 accepted moves
}

TEST(TaskStateMachine, EveryStateReachable) {
  for (int s = 0; s < kTaskStateCount; ++s) {
    Task t = NewTask();
    Drive(&t, static_cast<TaskState>(s));
    EXPECT_EQ(t.state, static_cast<TaskState>(s)) << TaskStateName(static_cast<TaskState>(s));
  }
}

TEST(TaskStateMachine, IllegalMoveMessageNamesStateAndMove) {
  Task t = NewTask();
  auto r = Req(TaskMove::kImplement);
  r.shipped_at = kT0;
  auto s = ApplyTaskMove(&t, r);
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(),
            "task T-12 is in 'draft'; move 'implement' is not allowed (allowed: assign, cancel)");
}

TEST(TaskStateMachine, EveryIllegalMoveIsRefusedAndChangesNothing) {
  const std::set<std::pair<int, int>> legal = {
      {0, 0},  {0, 11},                                  // draft: assign, cancel
      {1, 0},  {1, 1},  {1, 11},                         // assigned
      {2, 0},  {2, 2},  {2, 4}, {2, 11},                 // in_progress
      {3, 0},  {3, 3},  {3, 11},                         // on_hold
      {4, 5},  {4, 11},                                  // implemented
      {5, 6},  {5, 7},  {5, 11},                         // verifying
      {6, 9},  {6, 11},                                  // verified
      {7, 8},  {7, 11},                                  // not_effective
      {8, 10}, {8, 11},                                  // customers_notified
  };
  for (int s = 0; s < kTaskStateCount; ++s) {
    const auto state = static_cast<TaskState>(s);
    std::vector<TaskMove> allowed = AllowedTaskMoves(state);
    for (int m = 0; m < kTaskMoveCount; ++m) {
      const auto move = static_cast<TaskMove>(m);
      const bool is_legal = legal.count({s, m}) > 0;
      EXPECT_EQ(std::count(allowed.begin(), allowed.end(), move) > 0, is_legal)
          << TaskStateName(state) << " " << TaskMoveName(move);
      if (is_legal) continue;
      Task t = NewTask();
      Drive(&t, state);
      const Task before = t;
      auto r = Req(move);
      if (move == TaskMove::kImplement) r.shipped_at = kT0;
      r.reason = "x";
      r.root_cause = "x";
      auto res = ApplyTaskMove(&t, r);
      ASSERT_EQ(res.status().code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_THAT(std::string(res.status().message()),
                  HasSubstr("is in '" + std::string(TaskStateName(state)) + "'; move '" +
                            std::string(TaskMoveName(move)) + "' is not allowed"));
      EXPECT_EQ(t.version, before.version);
      EXPECT_EQ(t.state, before.state);
      EXPECT_EQ(t.root_cause, before.root_cause);
    }
  }
}

TEST(TaskStateMachine, AssignGuards) {
  Task t = NewTask();
  auto r = Req(TaskMove::kAssign);
  auto s = ApplyTaskMove(&t, r);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("owner is required"));
  r.owner = "wang";
  s = ApplyTaskMove(&t, r);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("deadline is required"));
  r.deadline = kT0 + 30 * kDay;
  s = ApplyTaskMove(&t, r);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("target"));
  EXPECT_TRUE(t.owner.empty()) << "a refused move must not keep the fields it carried";
  TaskTarget bad = Target();
  bad.relative_change = 0;
  r.target = bad;
  EXPECT_FALSE(ApplyTaskMove(&t, r).ok());
  r.target = Target();
  ASSERT_TRUE(ApplyTaskMove(&t, r).ok());
  EXPECT_EQ(t.state, TaskState::kAssigned);
  EXPECT_EQ(t.version, 2);
  // Fields belong to their move.
  auto start = Req(TaskMove::kStart);
  start.owner = "";
  EXPECT_EQ(ApplyTaskMove(&t, start).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(t.owner, "wang");
}

TEST(TaskStateMachine, ImplementNeedsShipDate) {
  Task t = NewTask();
  Drive(&t, TaskState::kInProgress);
  auto r = Req(TaskMove::kImplement);
  auto s = ApplyTaskMove(&t, r);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("date the change shipped"));
  r.shipped_at = r.now + kDay;
  EXPECT_THAT(std::string(ApplyTaskMove(&t, r).status().message()), HasSubstr("future"));
  r.shipped_at = r.now;
  EXPECT_TRUE(ApplyTaskMove(&t, r).ok());
  EXPECT_EQ(t.shipped_at, r.now);
}

TEST(TaskStateMachine, CloseNeedsVerdictAndRootCause) {
  Task t = NewTask();
  Drive(&t, TaskState::kCustomersNotified);
  auto r = Req(TaskMove::kClose);
  EXPECT_THAT(std::string(ApplyTaskMove(&t, r).status().message()),
              HasSubstr("root-cause note is required"));
  t.verdict.clear();  // simulate a record without verdict
  r.root_cause = "排队";
  EXPECT_THAT(std::string(ApplyTaskMove(&t, r).status().message()), HasSubstr("verdict"));
  t.verdict = "effective";
  EXPECT_TRUE(ApplyTaskMove(&t, r).ok());
}

TEST(TaskStateMachine, CancelNeedsReasonFromAnyOpenState) {
  for (int s = 0; s < kTaskStateCount; ++s) {
    const auto state = static_cast<TaskState>(s);
    if (!TaskStateIsOpen(state)) continue;
    Task t = NewTask();
    Drive(&t, state);
    auto r = Req(TaskMove::kCancel);
    EXPECT_THAT(std::string(ApplyTaskMove(&t, r).status().message()), HasSubstr("reason"));
    r.reason = "合并到 T-3";
    ASSERT_TRUE(ApplyTaskMove(&t, r).ok()) << TaskStateName(state);
    EXPECT_EQ(t.state, TaskState::kCancelled);
    EXPECT_EQ(t.cancel_reason, "合并到 T-3");
  }
}

TEST(TaskStateMachine, NotEffectiveGoesBackToWork) {
  Task t = NewTask();
  Drive(&t, TaskState::kNotEffective);
  EXPECT_EQ(t.verdict, "not_effective");
  ASSERT_TRUE(ApplyTaskMove(&t, Req(TaskMove::kRework, Role::kSystem, "voc")).ok());
  EXPECT_EQ(t.state, TaskState::kInProgress);
  EXPECT_TRUE(t.verdict.empty());
}

TEST(TaskStateMachine, Roles) {
  Task t = NewTask();
  EXPECT_EQ(CheckCanCreateTask(Role::kViewer).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckCanCreateTask(Role::kAgent).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckCanCreateTask(Role::kAnalyst).ok());
  auto r = Req(TaskMove::kAssign, Role::kAnalyst);
  r.owner = "wang";
  r.deadline = kT0 + kDay;
  r.target = Target();
  EXPECT_EQ(ApplyTaskMove(&t, r).status().code(), absl::StatusCode::kPermissionDenied);
  r.role = Role::kViewer;
  EXPECT_EQ(ApplyTaskMove(&t, r).status().code(), absl::StatusCode::kPermissionDenied);
  r.role = Role::kAdmin;
  ASSERT_TRUE(ApplyTaskMove(&t, r).ok());
  // The owner role works only on its own tasks.
  EXPECT_EQ(ApplyTaskMove(&t, Req(TaskMove::kStart, Role::kOwner, "zhao")).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(ApplyTaskMove(&t, Req(TaskMove::kStart, Role::kOwner, "wang")).ok());
  // Owners cannot cancel; managers can.
  auto c = Req(TaskMove::kCancel, Role::kOwner, "wang");
  c.reason = "x";
  EXPECT_EQ(ApplyTaskMove(&t, c).status().code(), absl::StatusCode::kPermissionDenied);
  // Verdicts come from the system (Verify) or a manager, not from the owner.
  auto impl = Req(TaskMove::kImplement, Role::kOwner, "wang");
  impl.shipped_at = kT0;
  ASSERT_TRUE(ApplyTaskMove(&t, impl).ok());
  ASSERT_TRUE(ApplyTaskMove(&t, Req(TaskMove::kVerify, Role::kOwner, "wang")).ok());
  EXPECT_EQ(ApplyTaskMove(&t, Req(TaskMove::kPass, Role::kOwner, "wang")).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(ApplyTaskMove(&t, Req(TaskMove::kPass, Role::kSystem, "voc")).ok());
}

TEST(TaskStateMachine, StaleVersionIsAborted) {
  Task t = NewTask();
  auto r = Req(TaskMove::kCancel);
  r.reason = "x";
  r.expected_version = 7;
  auto s = ApplyTaskMove(&t, r);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(t.state, TaskState::kDraft);
  r.expected_version = 1;
  EXPECT_TRUE(ApplyTaskMove(&t, r).ok());
  EXPECT_EQ(t.version, 2);
}

TEST(TaskStateMachine, TransitionRecordsFields) {
  Task t = NewTask();
  auto r = Req(TaskMove::kAssign);
  r.owner = "wang";
  r.deadline = kT0 + kDay;
  r.target = Target();
  auto tr = ApplyTaskMove(&t, r);
  ASSERT_TRUE(tr.ok());
  EXPECT_EQ(tr->from, "draft");
  EXPECT_EQ(tr->to, "assigned");
  EXPECT_THAT(tr->changed_fields,
              ::testing::IsSupersetOf({"owner", "deadline", "target", "state", "version"}));
  EXPECT_EQ(FormatTarget(Target()), "negative_rate down 50% within 30d");
}

TEST(Names, RoundTrip) {
  for (int i = 0; i < kTaskStateCount; ++i) {
    EXPECT_EQ(ParseTaskState(TaskStateName(static_cast<TaskState>(i))), static_cast<TaskState>(i));
  }
  for (int i = 0; i < kTaskMoveCount; ++i) {
    EXPECT_EQ(ParseTaskMove(TaskMoveName(static_cast<TaskMove>(i))), static_cast<TaskMove>(i));
  }
  for (int i = 0; i < kCaseStateCount; ++i) {
    EXPECT_EQ(ParseCaseState(CaseStateName(static_cast<CaseState>(i))), static_cast<CaseState>(i));
  }
  for (int i = 0; i < kCaseMoveCount; ++i) {
    EXPECT_EQ(ParseCaseMove(CaseMoveName(static_cast<CaseMove>(i))), static_cast<CaseMove>(i));
  }
  EXPECT_EQ(ParseRole("manager"), Role::kManager);
  EXPECT_FALSE(ParseRole("boss").has_value());
  EXPECT_EQ(ParseMetric("mean_rating"), Metric::kMeanRating);
}

// ------------------------------------------------------------------ cases

Case NewCase() {
  Case c;
  c.id = "C-1";
  c.customer_id = "u1";
  c.created_at = kT0;
  c.sla.first_response_seconds = 4 * 3600;
  c.sla.resolution_seconds = 48 * 3600;
  c.sla.auto_close_seconds = 7 * kDay;
  return c;
}

CaseMoveRequest CReq(CaseMove m, int64_t now, Role role = Role::kAgent) {
  CaseMoveRequest r;
  r.move = m;
  r.now = now;
  r.role = role;
  r.actor = "agent1";
  return r;
}

TEST(CaseStateMachine, PathPausesAndAutoClose) {
  Case c = NewCase();
  auto a = CReq(CaseMove::kAssign, kT0 + 600);
  EXPECT_FALSE(ApplyCaseMove(&c, a).ok()) << "assign needs an assignee";
  a.assignee = "agent1";
  ASSERT_TRUE(ApplyCaseMove(&c, a).ok());
  ASSERT_TRUE(ApplyCaseMove(&c, CReq(CaseMove::kStart, kT0 + 3600)).ok());
  EXPECT_EQ(c.first_response_at, kT0 + 3600);
  ASSERT_TRUE(ApplyCaseMove(&c, CReq(CaseMove::kWait, kT0 + 2 * 3600)).ok());
  EXPECT_EQ(c.state, CaseState::kPendingCustomer);
  // While pending, the clock is frozen at 2h.
  EXPECT_EQ(CaseSlaElapsed(c, kT0 + 30 * 3600), 2 * 3600);
  EXPECT_TRUE(TickCase(&c, kT0 + 60 * 3600).empty()) << "no breach while paused";
  ASSERT_TRUE(ApplyCaseMove(&c, CReq(CaseMove::kReply, kT0 + 62 * 3600, Role::kSystem)).ok());
  EXPECT_EQ(c.paused_seconds, 60 * 3600);
  EXPECT_EQ(CaseSlaElapsed(c, kT0 + 63 * 3600), 3 * 3600);
  ASSERT_TRUE(ApplyCaseMove(&c, CReq(CaseMove::kResolve, kT0 + 64 * 3600)).ok());
  EXPECT_FALSE(c.escalated);
  EXPECT_TRUE(TickCase(&c, kT0 + 64 * 3600 + 6 * kDay).empty());
  auto ticks = TickCase(&c, kT0 + 64 * 3600 + 7 * kDay);
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_EQ(ticks[0].to, "closed");
  EXPECT_EQ(c.state, CaseState::kClosed);
  EXPECT_TRUE(TickCase(&c, kT0 + 100 * kDay).empty()) << "tick is idempotent";
  // The customer is unhappy: reopen.
  ASSERT_TRUE(ApplyCaseMove(&c, CReq(CaseMove::kReopen, kT0 + 101 * kDay, Role::kSystem)).ok());
  EXPECT_EQ(c.state, CaseState::kInProgress);
  EXPECT_EQ(c.reopen_count, 1);
  EXPECT_EQ(c.resolved_at, 0);
}

TEST(CaseStateMachine, EscalationOnBreachIsIdempotent) {
  Case c = NewCase();
  EXPECT_TRUE(TickCase(&c, kT0 + 4 * 3600).empty()) << "exactly at the limit is not a breach";
  auto t1 = TickCase(&c, kT0 + 5 * 3600);
  ASSERT_EQ(t1.size(), 1u);
  EXPECT_TRUE(c.escalated);
  EXPECT_TRUE(c.first_response_breached);
  EXPECT_FALSE(c.resolution_breached);
  EXPECT_EQ(c.version, 2);
  EXPECT_TRUE(TickCase(&c, kT0 + 5 * 3600).empty());
  EXPECT_TRUE(TickCase(&c, kT0 + 6 * 3600).empty());
  auto t2 = TickCase(&c, kT0 + 49 * 3600);
  ASSERT_EQ(t2.size(), 1u);
  EXPECT_TRUE(c.resolution_breached);
  EXPECT_EQ(c.version, 3);
  EXPECT_TRUE(TickCase(&c, kT0 + 100 * 3600).empty());
}

TEST(CaseStateMachine, IllegalMovesAndRoles) {
  Case c = NewCase();
  auto s = ApplyCaseMove(&c, CReq(CaseMove::kResolve, kT0));
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(),
            "case C-1 is in 'new'; move 'resolve' is not allowed (allowed: assign)");
  EXPECT_EQ(ApplyCaseMove(&c, CReq(CaseMove::kAssign, kT0, Role::kViewer)).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ApplyCaseMove(&c, CReq(CaseMove::kAssign, kT0, Role::kSystem)).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(c.version, 1);
  for (int s2 = 0; s2 < kCaseStateCount; ++s2) {
    EXPECT_FALSE(AllowedCaseMoves(static_cast<CaseState>(s2)).empty());
  }
}

// ------------------------------------------------------------------ property test

TEST(Property, RandomTransitionsKeepInvariants) {
  std::mt19937_64 rng(20260101);
  const Role roles[] = {Role::kViewer, Role::kAnalyst, Role::kAgent, Role::kOwner,
                        Role::kManager, Role::kAdmin, Role::kSystem};
  int accepted = 0, refused = 0, closed = 0;
  for (int task_i = 0; task_i < 200; ++task_i) {
    Task t = NewTask("T-" + std::to_string(task_i));
    int64_t now = kT0;
    for (int step = 0; step < 300; ++step) {
      now += rng() % 3600;
      TaskMoveRequest r;
      // Mostly legal moves with plausible fields, sometimes anything at all.
      const auto legal_moves = AllowedTaskMoves(t.state);
      const bool wild = rng() % 4 == 0 || legal_moves.empty();
      r.move = wild ? static_cast<TaskMove>(rng() % kTaskMoveCount)
                    : legal_moves[rng() % legal_moves.size()];
      if (!wild && r.move == TaskMove::kCancel && rng() % 8) r.move = legal_moves[0];
      r.role = rng() % 3 ? (rng() % 2 ? Role::kManager : Role::kOwner) : roles[rng() % 7];
      if (r.move == TaskMove::kPass || r.move == TaskMove::kFail) {
        if (rng() % 2) r.role = Role::kSystem;
      }
      r.actor = rng() % 4 ? "wang" : "zhao";
      r.now = now;
      const bool fields = wild || r.move == TaskMove::kAssign;
      if (fields && rng() % 4) r.owner = rng() % 5 ? "wang" : "";
      if (fields && rng() % 4) r.deadline = rng() % 5 ? now + kDay : 0;
      if (fields && rng() % 4) r.target = Target();
      if ((wild || r.move == TaskMove::kImplement) && rng() % 4) {
        r.shipped_at = now - static_cast<int64_t>(rng() % 100);
      }
      if (rng() % 3 == 0) r.root_cause = rng() % 3 ? "排队" : "";
      if (rng() % 2 == 0) r.reason = rng() % 3 ? "dup" : "";
      if (rng() % 5 == 0) r.expected_version = t.version + (rng() % 2 ? 0 : 1);
      const Task before = t;
      auto res = ApplyTaskMove(&t, r);
      ASSERT_TRUE(static_cast<int>(t.state) >= 0 && static_cast<int>(t.state) < kTaskStateCount);
      if (res.ok()) {
        ++accepted;
        ASSERT_EQ(t.version, before.version + 1);
        ASSERT_EQ(res->from, TaskStateName(before.state));
        ASSERT_EQ(res->to, TaskStateName(t.state));
      } else {
        ++refused;
        ASSERT_EQ(t.version, before.version);
        ASSERT_EQ(t.state, before.state);
        ASSERT_EQ(t.owner, before.owner);
        ASSERT_EQ(t.deadline, before.deadline);
        ASSERT_EQ(t.root_cause, before.root_cause);
        ASSERT_EQ(t.verdict, before.verdict);
      }
      if (t.state == TaskState::kClosed) {
        if (before.state != TaskState::kClosed) ++closed;
        ASSERT_FALSE(t.verdict.empty());
        ASSERT_FALSE(t.root_cause.empty());
      }
      if (t.state != TaskState::kDraft && t.state != TaskState::kCancelled) {
        ASSERT_FALSE(t.owner.empty());
        ASSERT_GT(t.deadline, 0);
        ASSERT_TRUE(t.target.has_value());
      }
      if (t.state >= TaskState::kImplemented && t.state <= TaskState::kClosed) {
        ASSERT_GT(t.shipped_at, 0);
      }
      if (t.state == TaskState::kCancelled) {
        ASSERT_FALSE(t.cancel_reason.empty());
      }
      if (!TaskStateIsOpen(t.state) && rng() % 10 == 0) break;
    }
  }
  EXPECT_GT(accepted, 2000);
  EXPECT_GT(refused, 2000);
  EXPECT_GT(closed, 10) << "the walk must reach the end of the loop";

  // Cases: random moves and ticks.
  for (int ci = 0; ci < 50; ++ci) {
    Case c = NewCase();
    int64_t now = kT0;
    for (int step = 0; step < 200; ++step) {
      now += rng() % 7200;
      const Case before = c;
      if (rng() % 5 == 0) {
        auto ticks = TickCase(&c, now);
        ASSERT_EQ(c.version, before.version + static_cast<int64_t>(ticks.size()));
        ASSERT_TRUE(TickCase(&c, now).empty());
      } else {
        CaseMoveRequest r = CReq(static_cast<CaseMove>(rng() % kCaseMoveCount), now,
                                 roles[rng() % 7]);
        if (rng() % 2) r.assignee = "agent1";
        auto res = ApplyCaseMove(&c, r);
        if (res.ok()) {
          ASSERT_EQ(c.version, before.version + 1);
        } else {
          ASSERT_EQ(c.version, before.version);
          ASSERT_EQ(c.state, before.state);
          ASSERT_EQ(c.paused_seconds, before.paused_seconds);
        }
      }
      ASSERT_EQ(c.paused_since > 0, c.state == CaseState::kPendingCustomer);
      ASSERT_GE(c.paused_seconds, 0);
      ASSERT_LE(CaseSlaElapsed(c, now), now - c.created_at);
      if (c.state == CaseState::kResolved) {
        ASSERT_GT(c.resolved_at, 0);
      }
      if (c.escalated) {
        ASSERT_TRUE(c.first_response_breached || c.resolution_breached);
      }
    }
  }
}

// ------------------------------------------------------------------ statistics

TEST(Stats, NormalAndStudentT) {
  EXPECT_NEAR(NormalCdf(1.959964), 0.975, 1e-6);
  EXPECT_NEAR(NormalCdf(0), 0.5, 1e-12);
  // Table values of Student's t.
  EXPECT_NEAR(StudentTCdf(1.812461, 10), 0.95, 1e-6);
  EXPECT_NEAR(StudentTCdf(2.228139, 10), 0.975, 1e-6);
  EXPECT_NEAR(StudentTCdf(12.7062, 1), 0.975, 1e-5);
  EXPECT_NEAR(2 * StudentTCdf(-2.0, 10), 0.0733880, 1e-6);
  EXPECT_NEAR(StudentTCdf(-1.3, 2.5), 0.1502434, 1e-6);  // fractional df
  EXPECT_NEAR(StudentTCdf(0, 7), 0.5, 1e-12);
  EXPECT_NEAR(RegularizedIncompleteBeta(2, 3, 0.4), 0.5248, 1e-10);
}

TEST(Stats, TwoProportionZ) {
  auto r = TwoProportionZTest(45, 100, 30, 100);
  EXPECT_NEAR(r.statistic, -2.1908902, 1e-6);
  EXPECT_NEAR(r.p_value, 0.0284597, 1e-6);
  EXPECT_TRUE(ZTestApplicable(45, 100, 30, 100));
  EXPECT_FALSE(ZTestApplicable(1, 10, 3, 12));
  EXPECT_EQ(TwoProportionZTest(0, 10, 0, 10).p_value, 1);
  EXPECT_EQ(TwoProportionZTest(0, 0, 1, 10).p_value, 1);
}

TEST(Stats, FisherExact) {
  EXPECT_NEAR(FisherExactTwoSided(3, 1, 1, 3), 0.4857142857, 1e-9);   // lady tasting tea
  EXPECT_NEAR(FisherExactTwoSided(1, 9, 11, 3), 0.0027594562, 1e-9);  // Wikipedia example
  EXPECT_NEAR(FisherExactTwoSided(0, 10, 10, 0), 1.0825088e-05, 1e-11);
  EXPECT_NEAR(FisherExactTwoSided(8, 2, 1, 5), 0.034965035, 1e-9);
  EXPECT_NEAR(FisherExactTwoSided(20, 80, 5, 95), 0.0021972326, 1e-9);
  EXPECT_NEAR(FisherExactTwoSided(0, 0, 0, 0), 1, 1e-12);
  EXPECT_NEAR(FisherExactTwoSided(5, 5, 5, 5), 1, 1e-9);
  // Large counts stay finite.
  const double p = FisherExactTwoSided(2000000, 8000000, 1000000, 9000000);
  EXPECT_GE(p, 0);
  EXPECT_LT(p, 1e-10);
}

TEST(Stats, WelchWorkedExample) {
  // Welch's t-test example data (unequal variances); values cross-checked by integrating the
  // t density numerically.
  const std::vector<double> a = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                                 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
  const std::vector<double> b = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                                 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
  auto r = WelchTTest(a, b);
  EXPECT_NEAR(r.statistic, 2.4553564, 1e-6);
  EXPECT_NEAR(r.df, 24.9885293, 1e-6);
  EXPECT_NEAR(r.p_value, 0.0213780, 1e-6);
  EXPECT_EQ(WelchTTest({1.0}, {2.0, 3.0}).p_value, 1);
  EXPECT_EQ(WelchTTest({1.0, 1.0}, {2.0, 2.0}).p_value, 0);
}

// ------------------------------------------------------------------ verification

AnalyzedFeedback Row(const std::string& id, int64_t at, const std::string& theme, Polarity pol,
                     std::vector<std::string> phrases = {}, std::optional<double> csat = {},
                     const std::string& customer = "") {
  AnalyzedFeedback f;
  f.feedback_id = id;
  f.customer_id = customer.empty() ? "c-" + id : customer;
  f.created_at = at;
  f.analysis.polarity = pol;
  if (!theme.empty()) {
    ThemeMention tm;
    tm.theme = theme;
    tm.polarity = pol;
    f.analysis.themes.push_back(tm);
  }
  f.analysis.key_phrases = std::move(phrases);
  if (csat) f.rating = Rating{RatingScale::kCsat, *csat};
  return f;
}

// `n` rows per window; `neg_before`/`neg_after` of them are negative returns complaints.
std::vector<AnalyzedFeedback> Windows(int64_t ship, int n, int neg_before, int neg_after) {
  std::vector<AnalyzedFeedback> rows;
  for (int i = 0; i < n; ++i) {
    const int64_t tb = ship - 30 * kDay + i * (30 * kDay / n);
    const int64_t ta = ship + i * (30 * kDay / n);
    if (i < neg_before) {
      rows.push_back(Row("b" + std::to_string(i), tb, "service.returns_refunds",
                         Polarity::kNegative, {"审批慢"}, 1.0));
    } else {
      rows.push_back(Row("b" + std::to_string(i), tb, "product.quality", Polarity::kPositive));
    }
    if (i < neg_after) {
      rows.push_back(Row("a" + std::to_string(i), ta, "service.returns_refunds",
                         Polarity::kNegative, {"流程繁琐"}, 2.0));
    } else if (i < neg_before) {
      rows.push_back(Row("a" + std::to_string(i), ta, "service.returns_refunds",
                         Polarity::kPositive, {"退货快"}, 5.0));
    } else {
      rows.push_back(Row("a" + std::to_string(i), ta, "product.quality", Polarity::kPositive));
    }
  }
  return rows;
}

VerificationOptions VOpts(int64_t ship) {
  VerificationOptions o;
  o.themes = {"service.returns_refunds"};
  o.key_phrases = {"审批慢", "流程繁琐"};
  o.shipped_at = ship;
  o.target = Target();
  return o;
}

TEST(Verification, EffectiveWhenDropMeetsTargetAndIsSignificant) {
  const int64_t ship = kT0 + 60 * kDay;
  auto rep = VerifyEffect(Windows(ship, 400, 120, 30), VOpts(ship));
  EXPECT_EQ(rep.verdict, Verdict::kEffective) << rep.reason;
  const auto& m = rep.metrics[0];
  EXPECT_EQ(m.before.rows, 400);
  EXPECT_EQ(m.before.events, 120);
  EXPECT_EQ(m.after.events, 30);
  EXPECT_NEAR(m.relative_change, -0.75, 1e-9);
  EXPECT_EQ(m.test, "z");
  EXPECT_LT(m.p_value, 1e-6);
  // Positive mentions went up and the mean rating too.
  EXPECT_GT(rep.metrics[1].after.value, rep.metrics[1].before.value);
  EXPECT_EQ(rep.metrics[2].test, "welch");
  EXPECT_GT(rep.metrics[2].after.value, rep.metrics[2].before.value);
}

TEST(Verification, NotEffectiveWhenDropTooSmall) {
  const int64_t ship = kT0 + 60 * kDay;
  auto rep = VerifyEffect(Windows(ship, 400, 120, 100), VOpts(ship));
  EXPECT_EQ(rep.verdict, Verdict::kNotEffective) << rep.reason;
  EXPECT_FALSE(rep.target_met);
  EXPECT_THAT(rep.reason, HasSubstr("target not met"));
}

TEST(Verification, TargetMetButNotSignificant) {
  const int64_t ship = kT0 + 60 * kDay;
  // 5 of 30 before, 8 of 100 after: -52%, but too few events to be sure (Fisher p = 0.176).
  std::vector<AnalyzedFeedback> rows;
  for (int i = 0; i < 30; ++i) {
    rows.push_back(Row("b" + std::to_string(i), ship - kDay, i < 5 ? "service.returns_refunds" : "x",
                       i < 5 ? Polarity::kNegative : Polarity::kNeutral));
  }
  for (int i = 0; i < 100; ++i) {
    rows.push_back(Row("a" + std::to_string(i), ship + kDay, i < 8 ? "service.returns_refunds" : "x",
                       i < 8 ? Polarity::kNegative : Polarity::kNeutral));
  }
  auto rep = VerifyEffect(rows, VOpts(ship));
  EXPECT_NEAR(rep.metrics[0].p_value, 0.17608428842, 1e-9);
  EXPECT_EQ(rep.metrics[0].test, "fisher");
  EXPECT_TRUE(rep.target_met);
  EXPECT_FALSE(rep.significant);
  EXPECT_EQ(rep.verdict, Verdict::kNotEffective);
}

TEST(Verification, InsufficientData) {
  const int64_t ship = kT0 + 60 * kDay;
  auto rep = VerifyEffect(Windows(ship, 20, 10, 0), VOpts(ship));  // < 30 rows per window
  EXPECT_EQ(rep.verdict, Verdict::kInsufficientData);
  EXPECT_THAT(rep.reason, HasSubstr("not enough data"));
  rep = VerifyEffect(Windows(ship, 100, 4, 1), VOpts(ship));  // < 10 events
  EXPECT_EQ(rep.verdict, Verdict::kInsufficientData);
  auto o = VOpts(ship);
  o.target.metric = Metric::kMeanRating;
  o.target.direction = 1;
  o.target.relative_change = 0.2;
  rep = VerifyEffect(Windows(ship, 400, 120, 30), o);
  EXPECT_EQ(rep.verdict, Verdict::kEffective) << rep.reason;
}

TEST(Verification, MatchIssueByThemePrefixAndPhrase) {
  auto r = Row("x", kT0, "service.returns_refunds", Polarity::kNegative);
  EXPECT_TRUE(MatchIssue(r, {"service"}, {}).mentioned);
  EXPECT_FALSE(MatchIssue(r, {"serv"}, {}).mentioned);
  auto p = Row("y", kT0, "", Polarity::kNegative, {"退货审批慢"});
  auto m = MatchIssue(p, {"logistics"}, {"审批慢"});
  EXPECT_TRUE(m.mentioned);
  EXPECT_TRUE(m.negative);
  EXPECT_FALSE(MatchIssue(p, {"logistics"}, {}).mentioned);
}

// ------------------------------------------------------------------ insights

TEST(Insights, RankingGrowthRecurrenceAndValue) {
  const int64_t now = kT0 + 90 * kDay;
  std::vector<AnalyzedFeedback> rows;
  auto add = [&](const std::string& id, int64_t at, const std::string& theme, Polarity pol,
                 const std::string& cust, std::vector<std::string> kp) {
    auto r = Row(id, at, theme, pol, std::move(kp), {}, cust);
    StageMention sm;
    sm.stage = "after_sales";
    sm.touchpoint = "after_sales.returns";
    sm.confidence = 0.9;
    r.analysis.stages.push_back(sm);
    rows.push_back(std::move(r));
  };
  // Returns: 3 periods in a row, growing, negative, valuable customers.
  for (int i = 0; i < 5; ++i) add("p2-" + std::to_string(i), now - 75 * kDay, "service.returns_refunds", Polarity::kNegative, "v" + std::to_string(i), {"审批慢"});
  for (int i = 0; i < 10; ++i) add("p1-" + std::to_string(i), now - 45 * kDay, "service.returns_refunds", Polarity::kNegative, "v" + std::to_string(i), {"审批慢"});
  for (int i = 0; i < 30; ++i) add("r-" + std::to_string(i), now - 1 - i * kDay / 2, "service.returns_refunds", i % 3 ? Polarity::kNegative : Polarity::kNeutral, "v" + std::to_string(i % 20), {i % 2 ? "审批慢" : "流程繁琐"});
  // Packaging: praised, same volume.
  for (int i = 0; i < 30; ++i) add("g-" + std::to_string(i), now - 10 * kDay, "product.packaging", Polarity::kPositive, "w" + std::to_string(i), {"包装好"});
  // Rows outside all periods and in the future are ignored.
  add("old", now - 400 * kDay, "service.returns_refunds", Polarity::kNegative, "v1", {});
  add("future", now + 5, "service.returns_refunds", Polarity::kNegative, "v1", {});

  std::map<std::string, double, std::less<>> ltv;
  for (int i = 0; i < 20; ++i) ltv["v" + std::to_string(i)] = 5000;
  InsightOptions o;
  o.now = now;
  o.window_seconds = 30 * kDay;
  o.customer_value = &ltv;
  auto ins = ComputeInsights(rows, o);
  ASSERT_EQ(ins.size(), 2u);
  const Insight& top = ins[0];
  EXPECT_EQ(top.key, "service.returns_refunds|after_sales.returns");
  EXPECT_EQ(top.touchpoint, "after_sales.returns");
  EXPECT_EQ(top.volume, 30);
  EXPECT_EQ(top.negative, 20);
  EXPECT_NEAR(top.share_negative, 20.0 / 30, 1e-12);
  EXPECT_EQ(top.previous_volume, 10);
  EXPECT_NEAR(top.growth, 31.0 / 11 - 1, 1e-12);
  EXPECT_EQ(top.unique_customers, 20);
  EXPECT_EQ(top.recurrence, 3);
  EXPECT_TRUE(top.recurring);
  EXPECT_TRUE(top.spike);
  EXPECT_FALSE(top.emerging);
  // Negative customers among v0..v19 (the neutral rows are i % 3 == 0).
  std::set<int> neg_customers;
  for (int i = 0; i < 30; ++i) if (i % 3) neg_customers.insert(i % 20);
  EXPECT_NEAR(top.value_at_risk, 5000.0 * neg_customers.size(), 1e-6);
  ASSERT_EQ(top.key_phrases.size(), 2u);
  EXPECT_EQ(top.key_phrases[0].first, "审批慢");
  EXPECT_EQ(top.key_phrases[0].second, 15);
  ASSERT_EQ(top.evidence_ids.size(), 30u);
  EXPECT_EQ(top.evidence_ids[0], "r-1") << "negative mentions first, most recent first";
  const double imp = std::log1p(30.0) * (0.25 + 0.75 * 20 / 30) *
                     (1 + std::log1p(top.value_at_risk / 1000));
  EXPECT_NEAR(top.importance, imp, 1e-9);
  EXPECT_NEAR(top.priority, imp * (1 + std::min(top.growth, 3.0) + 0.5), 1e-9);
  EXPECT_EQ(ins[1].theme, "product.packaging");
  EXPECT_TRUE(ins[1].emerging);
  EXPECT_EQ(ins[1].recurrence, 1);

  o.split_by_key_phrase = true;
  o.max_evidence = 3;
  auto split = ComputeInsights(rows, o);
  ASSERT_EQ(split.size(), 3u);
  for (const auto& i : split) {
    EXPECT_FALSE(i.key_phrase.empty());
    EXPECT_LE(i.evidence_ids.size(), 3u);
  }
  o.max_insights = 1;
  EXPECT_EQ(ComputeInsights(rows, o).size(), 1u);
  EXPECT_TRUE(ComputeInsights({}, o).empty());
}

// ------------------------------------------------------------------ persistence

class WorkflowStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("voc_workflow_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    StoreOptions so;
    so.path = (dir_ / "voc.db").string();
    auto st = Store::Open(so);
    ASSERT_TRUE(st.ok()) << st.status();
    store_ = std::move(*st);
    WorkflowOptions wo;
    wo.clock = [this] { return now_; };
    auto wf = Workflow::Create(store_.get(), wo);
    ASSERT_TRUE(wf.ok()) << wf.status();
    wf_ = std::move(*wf);
  }
  void TearDown() override {
    wf_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The seed story: before the fix 60 of 200 items complain that 退货审批 is slow; after it,
  // 10 of 200. 50 customers (some complained twice); consent varies.
  void SeedReturns(int64_t ship, int after_negative = 10) {
    std::vector<Feedback> fb;
    std::vector<std::pair<std::string, Analysis>> an;
    auto add = [&](const std::string& id, int64_t at, const std::string& cust, bool contact,
                   const std::string& theme, Polarity pol, std::vector<std::string> kp,
                   double csat) {
      Feedback f;
      f.id = id;
      f.channel = Channel::kAppReview;
      f.created_at = at;
      f.customer_id = cust;
      f.text = "退货审批太慢了，流程繁琐";
      f.contact_ok = contact;
      f.rating = Rating{RatingScale::kCsat, csat};
      fb.push_back(f);
      Analysis a;
      a.polarity = pol;
      ThemeMention tm;
      tm.theme = theme;
      tm.polarity = pol;
      a.themes.push_back(tm);
      a.key_phrases = std::move(kp);
      an.emplace_back(id, a);
    };
    for (int i = 0; i < 200; ++i) {
      const int64_t tb = ship - 30 * kDay + i * (30 * kDay / 200);
      const int64_t ta = ship + i * (30 * kDay / 200);
      if (i < 60) {
        add("b" + std::to_string(i), tb, "c" + std::to_string(i % 50), i % 3 != 0,
            "service.returns_refunds", Polarity::kNegative,
            {i % 2 ? "审批慢" : "流程繁琐"}, 1);
      } else {
        add("b" + std::to_string(i), tb, "o" + std::to_string(i), true, "product.quality",
            Polarity::kPositive, {"质量好"}, 5);
      }
      if (i < after_negative) {
        add("a" + std::to_string(i), ta, "d" + std::to_string(i), true,
            "service.returns_refunds", Polarity::kNegative, {"审批慢"}, 2);
      } else if (i < 60) {
        add("a" + std::to_string(i), ta, "d" + std::to_string(i), true,
            "service.returns_refunds", Polarity::kPositive, {"退货快"}, 5);
      } else {
        add("a" + std::to_string(i), ta, "p" + std::to_string(i), true, "product.quality",
            Polarity::kPositive, {"质量好"}, 5);
      }
    }
    auto rep = store_->Ingest(fb);
    ASSERT_TRUE(rep.ok()) << rep.status();
    std::vector<Customer> customers;
    for (int k = 0; k < 50; ++k) {
      Customer c;
      c.id = "c" + std::to_string(k);
      c.name = "客户" + std::to_string(k);
      c.lifetime_value = 1000 + k;
      c.contact_ok = k % 5 != 1;
      customers.push_back(c);
    }
    ASSERT_TRUE(store_->UpsertCustomers(customers).ok());
    ASSERT_TRUE(store_->SaveAnalysis(an, "test").ok());
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Workflow> wf_;
  int64_t now_ = kT0;
};

const Actor kAnalyst{"zhang", Role::kAnalyst};
const Actor kManager{"li", Role::kManager};
const Actor kOwner{"wang", Role::kOwner};

TEST_F(WorkflowStoreTest, SeedScenarioEndToEnd) {
  const int64_t ship = kT0 + 60 * kDay;
  SeedReturns(ship);
  now_ = ship;
  InsightOptions io;
  io.window_seconds = 30 * kDay;
  auto insights = wf_->Insights(io);
  ASSERT_TRUE(insights.ok()) << insights.status();
  ASSERT_FALSE(insights->empty());
  const Insight& top = (*insights)[0];
  EXPECT_EQ(top.theme, "service.returns_refunds");
  EXPECT_EQ(top.volume, 60);
  EXPECT_EQ(top.unique_customers, 50);
  EXPECT_GT(top.value_at_risk, 0);

  TaskDraft d;
  d.key_phrases = {"审批慢", "流程繁琐"};
  auto task = wf_->CreateTaskFromInsight(top, d, kAnalyst);
  ASSERT_TRUE(task.ok()) << task.status();
  EXPECT_EQ(task->id, "T-1");
  EXPECT_EQ(task->state, TaskState::kDraft);
  EXPECT_EQ(task->evidence_ids.size(), 60u);
  EXPECT_EQ(task->insight_key, top.key);

  // Illegal move: the message names the state and the move.
  auto bad = wf_->MoveTask("T-1", TaskMove::kImplement, kManager);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("task T-1 is in 'draft'; move 'implement' is not allowed"));

  TaskMoveOptions assign;
  assign.owner = "wang";
  assign.department = "电商技术部";
  assign.deadline = now_ + 30 * kDay;
  assign.target = Target();
  assign.expected_version = 1;
  auto t = wf_->MoveTask("T-1", TaskMove::kAssign, kManager, assign);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->version, 2);
  // A stale writer loses and changes nothing.
  auto stale = wf_->MoveTask("T-1", TaskMove::kAssign, kManager, assign);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(wf_->GetTask("T-1")->version, 2);

  now_ = ship - 20 * kDay;
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kStart, kOwner).ok());
  now_ = ship;
  TaskMoveOptions impl;
  impl.shipped_at = ship;
  impl.change = "上线自动化退货审核规则，审批时长从2天缩短到2小时";
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kImplement, kOwner, impl).ok());

  now_ = ship + 30 * kDay;
  auto rep = wf_->Verify("T-1", kOwner);
  ASSERT_TRUE(rep.ok()) << rep.status();
  EXPECT_EQ(rep->verdict, Verdict::kEffective) << rep->reason;
  EXPECT_EQ(wf_->GetTask("T-1")->state, TaskState::kVerified);

  auto fu = wf_->FollowUp("T-1", kOwner);
  ASSERT_TRUE(fu.ok()) << fu.status();
  std::set<std::string> expected;
  for (int i = 0; i < 60; ++i) {
    const int k = i % 50;
    if (k % 5 != 1 && i % 3 != 0) expected.insert("c" + std::to_string(k));
  }
  EXPECT_EQ(fu->added, static_cast<int64_t>(expected.size()));
  auto outbox = wf_->OutboxList();
  ASSERT_TRUE(outbox.ok());
  std::set<std::string> got;
  for (const auto& m : *outbox) {
    got.insert(m.customer_id);
    EXPECT_EQ(m.state, "pending");
    EXPECT_THAT(m.message, HasSubstr("自动化退货审核"));
    EXPECT_THAT(m.message, HasSubstr("客户"));
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(outbox->size(), expected.size()) << "one message per customer";
  EXPECT_EQ(wf_->GetTask("T-1")->state, TaskState::kCustomersNotified);
  auto again = wf_->FollowUp("T-1", kOwner);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(wf_->OutboxList()->size(), expected.size());

  auto ack = wf_->OutboxAck((*outbox)[0].id, "delivered", "sms ok", kManager);
  ASSERT_TRUE(ack.ok()) << ack.status();
  EXPECT_EQ(ack->state, "delivered");
  EXPECT_EQ(wf_->OutboxAck((*outbox)[0].id, "delivered", "", kManager).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(wf_->OutboxList("pending")->size(), expected.size() - 1);

  TaskMoveOptions close;
  EXPECT_EQ(wf_->MoveTask("T-1", TaskMove::kClose, kOwner, close).status().code(),
            absl::StatusCode::kFailedPrecondition);
  close.root_cause = "退货需人工逐单审核，高峰期排队";
  auto closed = wf_->MoveTask("T-1", TaskMove::kClose, kOwner, close);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->state, TaskState::kClosed);
  EXPECT_EQ(closed->verdict, "effective");

  auto hist = wf_->History("T-1");
  ASSERT_TRUE(hist.ok());
  std::vector<std::string> actions;
  for (const auto& e : *hist) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "assign", "start", "implement", "verify",
                                               "pass", "notify", "close"}));
  EXPECT_EQ((*hist)[1].actor, "li");
  EXPECT_EQ((*hist)[1].role, Role::kManager);
  EXPECT_EQ((*hist)[1].from_state, "draft");
  EXPECT_EQ((*hist)[1].to_state, "assigned");
  EXPECT_THAT((*hist)[1].changed_fields, ::testing::Contains("owner"));
  EXPECT_EQ(wf_->GetTask("T-1")->version, 8);
  auto listed = wf_->ListTasks({TaskState::kClosed, "", ""});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
}

TEST_F(WorkflowStoreTest, NotEffectiveGoesBackToInProgress) {
  const int64_t ship = kT0 + 60 * kDay;
  SeedReturns(ship, /*after_negative=*/55);
  now_ = ship - kDay;
  TaskDraft d;
  d.title = "优化退货审批";
  d.themes = {"service.returns_refunds"};
  ASSERT_TRUE(wf_->CreateTask(d, kAnalyst).ok());
  TaskMoveOptions a;
  a.owner = "wang";
  a.deadline = ship + kDay;
  a.target = Target();
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kAssign, kManager, a).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kStart, kOwner).ok());
  TaskMoveOptions impl;
  impl.shipped_at = ship - kDay;
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kImplement, kOwner, impl).ok());
  // Verifying at once: no after window yet -> insufficient data, stays in verifying.
  auto early = wf_->Verify("T-1", kOwner);
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(early->verdict, Verdict::kInsufficientData);
  EXPECT_EQ(wf_->GetTask("T-1")->state, TaskState::kVerifying);
  now_ = ship + 30 * kDay;
  // Ship date one day earlier: windows shift but the rates barely move.
  auto rep = wf_->Verify("T-1", kOwner);
  ASSERT_TRUE(rep.ok()) << rep.status();
  EXPECT_EQ(rep->verdict, Verdict::kNotEffective) << rep->reason;
  auto t = wf_->GetTask("T-1");
  EXPECT_EQ(t->state, TaskState::kInProgress);
  auto hist = wf_->History("T-1");
  ASSERT_GE(hist->size(), 3u);
  EXPECT_EQ((*hist)[hist->size() - 2].action, "fail");
  EXPECT_EQ((*hist)[hist->size() - 1].action, "rework");
  EXPECT_EQ((*hist)[hist->size() - 1].role, Role::kSystem);
  EXPECT_EQ(wf_->FollowUp("T-1", kOwner).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(WorkflowStoreTest, CasesTickAndReplies) {
  now_ = kT0;
  CaseDraft d;
  d.title = "退货审批一周没动静";
  d.customer_id = "c7";
  d.sla.first_response_seconds = 4 * 3600;
  d.sla.resolution_seconds = 48 * 3600;
  d.sla.auto_close_seconds = 7 * kDay;
  auto c = wf_->CreateCase(d, Actor{"agent1", Role::kAgent});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->id, "C-1");
  EXPECT_EQ(c->sla.first_response_seconds, 4 * 3600);
  auto tick = wf_->Tick(kT0 + 5 * 3600);
  ASSERT_TRUE(tick.ok()) << tick.status();
  EXPECT_EQ(tick->escalated, 1);
  EXPECT_EQ(wf_->Tick(kT0 + 5 * 3600)->escalated, 0) << "idempotent";
  auto esc = wf_->GetCase("C-1");
  EXPECT_TRUE(esc->escalated);
  EXPECT_TRUE(esc->first_response_breached);
  EXPECT_EQ(wf_->ListCases({std::nullopt, "", "", true})->size(), 1u);

  const Actor agent{"agent1", Role::kAgent};
  now_ = kT0 + 6 * 3600;
  CaseMoveOptions o;
  o.assignee = "agent1";
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kAssign, agent, o).ok());
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kStart, agent).ok());
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kWait, agent).ok());
  now_ = kT0 + 106 * 3600;
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kReply, Actor{"voc", Role::kSystem}).ok());
  auto back = wf_->GetCase("C-1");
  EXPECT_EQ(back->paused_seconds, 100 * 3600);
  EXPECT_FALSE(back->resolution_breached) << "paused time does not count";
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kResolve, agent).ok());

  // Link to a verified task, follow up, and the unhappy reply reopens the case.
  TaskDraft td;
  td.title = "优化退货审批";
  ASSERT_TRUE(wf_->CreateTask(td, kAnalyst).ok());
  auto linked = wf_->LinkCase("C-1", "T-1", agent);
  ASSERT_TRUE(linked.ok()) << linked.status();
  EXPECT_EQ(linked->task_id, "T-1");
  auto stale = wf_->LinkCase("C-1", "T-1", agent, 1);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);

  now_ = kT0 + 106 * 3600 + 7 * kDay;
  auto closing = wf_->Tick();
  ASSERT_TRUE(closing.ok());
  EXPECT_EQ(closing->auto_closed, 1);
  EXPECT_EQ(wf_->GetCase("C-1")->state, CaseState::kClosed);
  EXPECT_EQ(wf_->Tick()->auto_closed, 0);

  // An outbox message for c7 on T-1 (inserted through the follow-up path needs a verified
  // task; drive one quickly with the manager role).
  Task t = *wf_->GetTask("T-1");
  TaskMoveOptions a;
  a.owner = "wang";
  a.deadline = now_ + kDay;
  a.target = Target();
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kAssign, kManager, a).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kStart, kManager).ok());
  TaskMoveOptions im;
  im.shipped_at = now_;
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kImplement, kManager, im).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kVerify, kManager).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kPass, kManager).ok());
  // No evidence: follow-up queues nothing but still moves the task on.
  auto fu = wf_->FollowUp("T-1", kManager);
  ASSERT_TRUE(fu.ok()) << fu.status();
  EXPECT_EQ(fu->added, 0);
  EXPECT_EQ(wf_->GetTask("T-1")->state, TaskState::kCustomersNotified);

  auto hist = wf_->History("C-1");
  ASSERT_TRUE(hist.ok());
  std::vector<std::string> actions;
  for (const auto& e : *hist) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "escalate", "assign", "start", "wait",
                                               "reply", "resolve", "link", "auto_close"}));
  EXPECT_EQ(wf_->History("X-1").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(wf_->GetCase("C-99").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(wf_->GetTask("nonsense").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(WorkflowStoreTest, ReplyReopensLinkedCase) {
  const int64_t ship = kT0 + 60 * kDay;
  SeedReturns(ship);
  now_ = ship;
  TaskDraft d;
  d.title = "优化退货审批";
  d.themes = {"service.returns_refunds"};
  d.evidence_ids = {"b1", "b2"};  // customers c1 (opted out globally) and c2
  ASSERT_TRUE(wf_->CreateTask(d, kAnalyst).ok());
  CaseDraft cd;
  cd.title = "退货慢";
  cd.customer_id = "c2";
  cd.task_id = "T-1";
  ASSERT_TRUE(wf_->CreateCase(cd, kManager).ok());
  const Actor agent{"a", Role::kAgent};
  CaseMoveOptions o;
  o.assignee = "a";
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kAssign, agent, o).ok());
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kStart, agent).ok());
  ASSERT_TRUE(wf_->MoveCase("C-1", CaseMove::kResolve, agent).ok());
  TaskMoveOptions a;
  a.owner = "wang";
  a.deadline = now_ + kDay;
  a.target = Target();
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kAssign, kManager, a).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kStart, kManager).ok());
  TaskMoveOptions im;
  im.shipped_at = ship;
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kImplement, kManager, im).ok());
  now_ = ship + 30 * kDay;
  ASSERT_EQ(wf_->Verify("T-1", kManager)->verdict, Verdict::kEffective);
  auto fu = wf_->FollowUp("T-1", kManager);
  ASSERT_TRUE(fu.ok());
  EXPECT_EQ(fu->added, 1);
  EXPECT_EQ(fu->skipped_no_consent, 1);
  auto box = wf_->OutboxList("", "T-1");
  ASSERT_EQ(box->size(), 1u);
  EXPECT_EQ((*box)[0].customer_id, "c2");
  auto reopened = wf_->OutboxReply((*box)[0].id, "还是很慢", true, Actor{"voc", Role::kSystem});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(*reopened, std::vector<std::string>{"C-1"});
  auto c = wf_->GetCase("C-1");
  EXPECT_EQ(c->state, CaseState::kInProgress);
  EXPECT_EQ(c->reopen_count, 1);
}

TEST_F(WorkflowStoreTest, RandomTransitionsPersistAndAudit) {
  // Every accepted persisted move writes one event and bumps the stored version by one.
  std::mt19937_64 rng(7);
  TaskDraft d;
  d.title = "t";
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(wf_->CreateTask(d, kAnalyst).ok());
  const Actor actors[] = {kManager, kOwner, Actor{"zhao", Role::kOwner}, Actor{"v", Role::kViewer},
                          Actor{"voc", Role::kSystem}};
  int accepted = 0;
  for (int step = 0; step < 600; ++step) {
    now_ += 60;
    const std::string id = "T-" + std::to_string(1 + rng() % 5);
    const Task before = *wf_->GetTask(id);
    const auto events_before = wf_->History(id)->size();
    TaskMoveOptions o;
    const auto legal = AllowedTaskMoves(before.state);
    auto move = static_cast<TaskMove>(rng() % kTaskMoveCount);
    if (!legal.empty() && rng() % 4) move = legal[rng() % legal.size()];
    if (move == TaskMove::kCancel && rng() % 4) move = legal.empty() ? move : legal[0];
    if (move == TaskMove::kAssign) {
      o.owner = "wang";
      o.deadline = now_ + kDay;
      o.target = Target();
    }
    if (move == TaskMove::kImplement) o.shipped_at = now_;
    if (move == TaskMove::kCancel && rng() % 4 == 0) o.reason = "dup";
    o.root_cause = "rc";
    if (rng() % 6 == 0) o.expected_version = before.version - 1;
    auto r = wf_->MoveTask(id, move, actors[rng() % 3 ? 0 : rng() % 5], o);
    const Task after = *wf_->GetTask(id);
    const auto events_after = wf_->History(id)->size();
    if (r.ok()) {
      ++accepted;
      ASSERT_EQ(after.version, before.version + 1);
      ASSERT_EQ(events_after, events_before + 1);
    } else {
      ASSERT_EQ(after.version, before.version);
      ASSERT_EQ(after.state, before.state);
      ASSERT_EQ(events_after, events_before);
    }
    if (after.state == TaskState::kClosed) {
      ASSERT_FALSE(after.verdict.empty());
      ASSERT_FALSE(after.root_cause.empty());
    }
  }
  EXPECT_GT(accepted, 40);
}

// Every accepted change writes exactly one event, so a task's or case's version equals the
// number of its events — after any crash too.
void ExpectVersionsMatchEvents(Workflow* wf) {
  auto tasks = wf->ListTasks();
  ASSERT_TRUE(tasks.ok()) << tasks.status();
  for (const auto& t : *tasks) {
    auto h = wf->History(t.id);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(static_cast<int64_t>(h->size()), t.version) << t.id;
    if (t.state == TaskState::kClosed) {
      EXPECT_FALSE(t.verdict.empty());
      EXPECT_FALSE(t.root_cause.empty());
    }
  }
  auto cases = wf->ListCases();
  ASSERT_TRUE(cases.ok());
  for (const auto& c : *cases) {
    auto h = wf->History(c.id);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(static_cast<int64_t>(h->size()), c.version) << c.id;
  }
}

TEST_F(WorkflowStoreTest, VersionsMatchEventsAfterScenario) {
  const int64_t ship = kT0 + 60 * kDay;
  SeedReturns(ship);
  now_ = ship;
  TaskDraft d;
  d.title = "x";
  d.themes = {"service.returns_refunds"};
  ASSERT_TRUE(wf_->CreateTask(d, kAnalyst).ok());
  TaskMoveOptions a;
  a.owner = "wang";
  a.deadline = ship + kDay;
  a.target = Target();
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kAssign, kManager, a).ok());
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kStart, kManager).ok());
  TaskMoveOptions im;
  im.shipped_at = ship;
  ASSERT_TRUE(wf_->MoveTask("T-1", TaskMove::kImplement, kManager, im).ok());
  ASSERT_TRUE(wf_->Verify("T-1", kManager).ok());  // insufficient data (no after window)
  now_ = ship + 30 * kDay;
  ASSERT_TRUE(wf_->Verify("T-1", kManager).ok());
  CaseDraft cd;
  cd.title = "c";
  ASSERT_TRUE(wf_->CreateCase(cd, kManager).ok());
  ASSERT_TRUE(wf_->Tick(now_ + 100 * kDay).ok());
  ASSERT_TRUE(wf_->LinkCase("C-1", "T-1", kManager).ok());
  ExpectVersionsMatchEvents(wf_.get());
}

// A writer killed with SIGKILL in the middle of transitions leaves every committed change
// and nothing half-written.
TEST_F(WorkflowStoreTest, CrashDuringTransitionsLosesNothingCommitted) {
  const std::string path = (dir_ / "voc.db").string();
  wf_.reset();
  store_.reset();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    StoreOptions so;
    so.path = path;
    auto st = Store::Open(so);
    if (!st.ok()) ::_exit(3);
    int64_t now = kT0;
    WorkflowOptions wo;
    wo.clock = [&now] { return now += 60; };
    auto wf = Workflow::Create(st->get(), wo);
    if (!wf.ok()) ::_exit(4);
    std::mt19937_64 rng(1);
    TaskDraft d;
    d.title = "crash";
    CaseDraft cd;
    cd.title = "crash";
    for (int i = 0;; ++i) {
      if (i % 20 == 0) {
        (*wf)->CreateTask(d, kManager).IgnoreError();
        (*wf)->CreateCase(cd, kManager).IgnoreError();
      }
      const std::string id = "T-" + std::to_string(1 + rng() % (1 + i / 20));
      TaskMoveOptions o;
      const auto move = static_cast<TaskMove>(rng() % kTaskMoveCount);
      if (move == TaskMove::kAssign) {
        o.owner = "wang";
        o.deadline = now + kDay;
        o.target = Target();
      }
      if (move == TaskMove::kImplement) o.shipped_at = now;
      o.reason = "r";
      o.root_cause = "rc";
      (*wf)->MoveTask(id, move, kManager, o).IgnoreError();
      if (i % 7 == 0) (*wf)->Tick(now + static_cast<int64_t>(rng() % (10 * kDay))).IgnoreError();
    }
  }
  ::usleep(700 * 1000);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer must have been killed, not exited";
  StoreOptions so;
  so.path = path;
  auto st = Store::Open(so);
  ASSERT_TRUE(st.ok()) << st.status();
  auto wf = Workflow::Create(st->get());
  ASSERT_TRUE(wf.ok()) << wf.status();
  auto tasks = (*wf)->ListTasks();
  ASSERT_TRUE(tasks.ok());
  EXPECT_GT(tasks->size(), 1u) << "the writer should have committed work before the kill";
  ExpectVersionsMatchEvents(wf->get());
}

// Regression: window * periods and now + SLA overflowed int64 (UB under UBSan, garbage in a
// release build). They are refused with the field and the value instead.
TEST_F(WorkflowStoreTest, HugeDurationsAndTimesAreRefusedNotOverflowed) {
  InsightOptions io;
  io.window_seconds = int64_t{1} << 62;
  auto ins = wf_->Insights(io);
  ASSERT_FALSE(ins.ok());
  EXPECT_EQ(ins.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ins.status().message()), HasSubstr("4611686018427387904"));

  CaseDraft d;
  d.title = "x";
  d.sla.resolution_seconds = std::numeric_limits<int64_t>::max();
  auto c = wf_->CreateCase(d, kManager);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("resolution"));

  d.sla = SlaPolicy();
  now_ = std::numeric_limits<int64_t>::max();  // a broken clock must not overflow either
  c = wf_->CreateCase(d, kManager);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  now_ = kT0;

  TaskDraft t;
  t.title = "x";
  t.target = Target();
  t.target->window_seconds = std::numeric_limits<int64_t>::max();
  auto task = wf_->CreateTask(t, kManager);
  ASSERT_FALSE(task.ok());
  EXPECT_EQ(task.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(task.status().message()), HasSubstr("window"));
}

}  // namespace
}  // namespace voc::workflow
