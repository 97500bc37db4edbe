// Closed-loop throughput. Targets (issue 6): >= 5,000 persisted task transitions/s and
// insights over 1,000,000 analysed feedback rows in <= 5 s.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "voc/insights.h"
#include "voc/store.h"
#include "voc/workflow.h"
#include "workflow/state_machine.h"

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 1767225600 + 365 * kDay;

// 1,000,000 rows over 180 days: 60 themes, 12 touchpoints, 2,000 key phrases, 200,000 customers.
const std::vector<voc::AnalyzedFeedback>& Rows() {
  static const std::vector<voc::AnalyzedFeedback> rows = [] {
    std::vector<std::string> themes, touchpoints, phrases;
    for (int i = 0; i < 60; ++i) themes.push_back("theme_group_" + std::to_string(i / 6) + ".sub_" + std::to_string(i));
    for (int i = 0; i < 12; ++i) touchpoints.push_back("stage_" + std::to_string(i / 3) + ".touch_" + std::to_string(i));
    for (int i = 0; i < 2000; ++i) phrases.push_back("关键短语" + std::to_string(i));
    std::mt19937_64 rng(42);
    std::vector<voc::AnalyzedFeedback> out(1000000);
    for (size_t i = 0; i < out.size(); ++i) {
      auto& r = out[i];
      r.feedback_id = "fb-" + std::to_string(i);
      r.customer_id = "cust-" + std::to_string(rng() % 200000);
      r.created_at = kNow - static_cast<int64_t>(rng() % (180 * kDay));
      const int n_themes = 1 + static_cast<int>(rng() % 2);
      for (int t = 0; t < n_themes; ++t) {
        voc::ThemeMention tm;
        tm.theme = themes[rng() % 2 ? rng() % 60 : rng() % 10];  // skewed to the first ten
        tm.polarity = static_cast<voc::Polarity>(static_cast<int>(rng() % 3) - 1);
        r.analysis.themes.push_back(std::move(tm));
      }
      voc::StageMention sm;
      sm.touchpoint = touchpoints[rng() % 12];
      sm.stage = sm.touchpoint.substr(0, 7);
      sm.confidence = 0.8;
      r.analysis.stages.push_back(std::move(sm));
      for (int k = 0; k < 3; ++k) r.analysis.key_phrases.push_back(phrases[rng() % 2000]);
    }
    return out;
  }();
  return rows;
}

void BM_Insights1M(benchmark::State& state) {
  const auto& rows = Rows();
  voc::InsightOptions o;
  o.now = kNow;
  o.window_seconds = 30 * kDay;
  o.split_by_key_phrase = state.range(0) != 0;
  size_t n = 0;
  for (auto _ : state) {
    auto ins = voc::ComputeInsights(rows, o);
    n = ins.size();
    benchmark::DoNotOptimize(ins);
  }
  state.counters["insights"] = static_cast<double>(n);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.size()));
}
BENCHMARK(BM_Insights1M)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

// Pure state-machine transitions (no storage).
void BM_TaskStateMachine(benchmark::State& state) {
  voc::Task t;
  t.id = "T-1";
  t.owner = "wang";
  t.deadline = kNow;
  t.target = voc::TaskTarget{voc::Metric::kNegativeRate, -1, 0.5, 30 * kDay};
  t.state = voc::TaskState::kInProgress;
  voc::workflow::TaskMoveRequest hold, resume;
  hold.move = voc::TaskMove::kHold;
  hold.role = voc::Role::kManager;
  resume = hold;
  resume.move = voc::TaskMove::kResume;
  for (auto _ : state) {
    auto a = voc::workflow::ApplyTaskMove(&t, hold);
    auto b = voc::workflow::ApplyTaskMove(&t, resume);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_TaskStateMachine);

// Persisted transitions: each one is a transaction (read, guard, versioned update, audit
// event, commit) in a file-backed store.
void BM_PersistedTransitions(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("voc_workflow_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    voc::StoreOptions so;
    so.path = (dir / "voc.db").string();
    auto store = voc::Store::Open(so);
    if (!store.ok()) {
      state.SkipWithError("cannot open store");
      return;
    }
    int64_t now = kNow;
    voc::WorkflowOptions wo;
    wo.clock = [&now] { return ++now; };
    auto wf = voc::Workflow::Create(store->get(), wo);
    if (!wf.ok()) {
      state.SkipWithError("cannot create workflow");
      return;
    }
    const voc::Actor manager{"li", voc::Role::kManager};
    voc::TaskDraft d;
    d.title = "bench";
    auto t = (*wf)->CreateTask(d, manager);
    voc::TaskMoveOptions a;
    a.owner = "wang";
    a.deadline = kNow + 30 * kDay;
    a.target = voc::TaskTarget{voc::Metric::kNegativeRate, -1, 0.5, 30 * kDay};
    (*wf)->MoveTask(t->id, voc::TaskMove::kAssign, manager, a).IgnoreError();
    (*wf)->MoveTask(t->id, voc::TaskMove::kStart, manager).IgnoreError();
    bool hold = true;
    for (auto _ : state) {
      auto r = (*wf)->MoveTask(t->id, hold ? voc::TaskMove::kHold : voc::TaskMove::kResume,
                               manager);
      if (!r.ok()) {
        state.SkipWithError("transition failed");
        break;
      }
      hold = !hold;
    }
    state.SetItemsProcessed(state.iterations());
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_PersistedTransitions)->Unit(benchmark::kMicrosecond);

}  // namespace
