#include "analyze_db.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "analysis/summary.h"
#include "command.h"
#include "core/json.h"
#include "absl/strings/str_format.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "store/sqlite.h"
#include "voc/journey.h"
#include "voc/store.h"
#include "voc/workflow.h"

namespace voc::cli {
namespace {

// The journey curve, the worst pain moments and the strongest breakpoints (seed 002: where
// emotion peaks, and which earlier signals go with later complaints).
void JourneySection(Store& store, std::vector<ReportSection>* sections) {
  auto map = JourneyMap::Default();
  if (!map.ok()) return;
  FeedbackQuery q;
  q.skip_duplicates = true;
  auto built = BuildJourneyReport(store, q, *map, /*attribute_missing=*/true);
  if (!built.ok()) return;
  const JourneyReport& report = *built;
  if (report.attributed == 0) return;
  std::string html = RenderJourneySvg(report);
  html += "<h3>Pain moments</h3><table><tr><th>touchpoint</th><th>mentions</th>"
          "<th>share negative</th><th>main theme</th><th>why</th></tr>";
  for (size_t i = 0; i < report.pain_moments.size() && i < 5; ++i) {
    const KeyMoment& m = report.pain_moments[i];
    absl::StrAppend(&html, "<tr><td>", HtmlEscape(m.name), "</td><td>", m.volume, "</td><td>",
                    absl::StrFormat("%.0f%%", 100 * m.share), "</td><td>", HtmlEscape(m.top_theme),
                    "</td><td>", HtmlEscape(m.reason), "</td></tr>");
  }
  html += "</table><h3>Breakpoints</h3><table><tr><th>earlier signal</th><th>later complaints at"
          "</th><th>customers</th><th>lift (95% interval)</th></tr>";
  for (size_t i = 0; i < report.breakpoints.size() && i < 5; ++i) {
    const Breakpoint& b = report.breakpoints[i];
    absl::StrAppend(&html, "<tr><td>", HtmlEscape(absl::StrCat(b.signal_kind, " ", b.signal)),
                    "</td><td>", HtmlEscape(b.consequent_stage), "</td><td>", b.support, "/",
                    b.with_signal, "</td><td>",
                    absl::StrFormat("%.2f (%.2f–%.2f)", b.lift, b.lift_low, b.lift_high),
                    "</td></tr>");
  }
  html += "</table>";
  sections->push_back({"Customer journey", html});
}

// Insights of the last 30 days with the task that owns each (the report shows the ones
// nobody owns), and the verified wins.
std::vector<ReportSection> LoopSections(Store& store) {
  std::vector<ReportSection> sections;
  JourneySection(store, &sections);
  WorkflowOptions wo;
  wo.clock = [] { return Now(); };
  auto wf = Workflow::Create(&store, wo);
  if (!wf.ok()) return sections;
  InsightOptions io;
  io.max_insights = 15;
  auto insights = (*wf)->Insights(io);
  auto tasks = (*wf)->ListTasks();
  if (!insights.ok() || !tasks.ok()) return sections;
  std::string html =
      "<table><tr><th>issue (theme | touchpoint)</th><th>priority</th><th>mentions</th>"
      "<th>share negative</th><th>growth</th><th>customers</th><th>value at risk</th>"
      "<th>signals</th><th>owner</th></tr>";
  for (const Insight& in : *insights) {
    const Task* owner = nullptr;
    for (const Task& t : *tasks) {
      if (t.insight_key == in.key && t.state != TaskState::kCancelled) owner = &t;
    }
    std::string signals = absl::StrCat(in.spike ? "spike " : "", in.recurring ? "recurring " : "",
                                       in.emerging ? "emerging" : "");
    std::string who = owner == nullptr
                          ? "<b class='neg'>no owner</b>"
                          : HtmlEscape(absl::StrCat(owner->id, " ", owner->owner, " (",
                                                    AV(TaskStateName(owner->state)), ")"));
    absl::StrAppend(&html, "<tr><td>", HtmlEscape(in.key), "</td><td>",
                    absl::StrFormat("%.1f", in.priority), "</td><td>", in.volume, "</td><td>",
                    absl::StrFormat("%.0f%%", 100 * in.share_negative), "</td><td>",
                    absl::StrFormat("%+.0f%%", 100 * in.growth), "</td><td>", in.unique_customers,
                    "</td><td>", absl::StrFormat("%.0f", in.value_at_risk), "</td><td>", signals,
                    "</td><td>", who, "</td></tr>");
  }
  html += "</table><p>Priority = importance × urgency (see README, \"Insights\").</p>";
  sections.push_back({"Insights of the last 30 days", html});

  std::string wins = "<table><tr><th>task</th><th>department</th><th>target</th><th>shipped</th>"
                     "<th>state</th><th>verdict</th></tr>";
  size_t n = 0;
  for (const Task& t : *tasks) {
    if (t.verdict != "effective") continue;
    ++n;
    absl::StrAppend(&wins, "<tr><td>", HtmlEscape(absl::StrCat(t.id, " ", t.title)), "</td><td>",
                    HtmlEscape(t.department), "</td><td>",
                    HtmlEscape(t.target ? FormatTarget(*t.target) : ""), "</td><td>",
                    t.shipped_at ? FormatTimestamp(t.shipped_at).substr(0, 10) : "", "</td><td>",
                    AV(TaskStateName(t.state)), "</td><td class='pos'>effective</td></tr>");
  }
  wins += "</table>";
  sections.push_back({"Verified wins", n == 0 ? "<p>No verified improvement yet.</p>" : wins});
  return sections;
}

}  // namespace

int AnalyzeStoreCommand(const Analyzer& analyzer, const std::string& db_path, bool reanalyze,
                        const std::string& report_path, bool json) {
  StoreOptions so;
  so.path = db_path;
  so.create_if_missing = false;
  auto store = Store::Open(so);
  if (!store.ok()) return Fail("analyze", store.status());
  bool tty = StderrIsTerminal();
  auto n = AnalyzeStore(**store, analyzer, reanalyze, [&](size_t done) {
    if (tty) std::fprintf(stderr, "\ranalysed %zu records", done);
  });
  if (tty) std::fprintf(stderr, "\n");
  if (!n.ok()) return Fail("analyze", n.status());
  FeedbackQuery all;
  all.skip_duplicates = true;
  auto rows = (*store)->LoadAnalyzed(all);
  int64_t duplicates = 0;
  if (auto st = (*store)->db().Prepare(
          "SELECT count(*) FROM feedback WHERE duplicate_of IS NOT NULL");
      st.ok() && (*st)->Step().value_or(false)) {
    duplicates = (*st)->Int(0);
    (*st)->Reset();
  }
  if (!rows.ok()) return Fail("analyze", rows.status());
  Summary summary = Summarize(*rows);
  if (json) {
    std::string out;
    json::Writer w(&out);
    w.BeginObject().Key("analyzed_now").Int(static_cast<int64_t>(*n));
    w.Key("total").Int(static_cast<int64_t>(summary.total));
    w.Key("near_duplicates").Int(duplicates);
    w.Key("negative").Int(static_cast<int64_t>(summary.negative));
    w.Key("neutral").Int(static_cast<int64_t>(summary.neutral));
    w.Key("positive").Int(static_cast<int64_t>(summary.positive));
    w.Key("mean_score").Number(summary.mean_score);
    w.Key("themes").BeginArray();
    for (const ThemeFigure& f : summary.themes) {
      w.BeginObject().Key("theme").String(f.theme).Key("mentions").Int(static_cast<int64_t>(f.mentions));
      w.Key("negative").Int(static_cast<int64_t>(f.negative)).Key("positive").Int(static_cast<int64_t>(f.positive));
      w.Key("mean_score").Number(f.mean_score).EndObject();
    }
    w.EndArray().EndObject();
    std::printf("%s\n", out.c_str());
  } else {
    std::printf("analysed %zu new records in %s", *n, db_path.c_str());
    if (duplicates > 0) {
      std::printf(" (%lld near-duplicates left out of the figures)", static_cast<long long>(duplicates));
    }
    std::printf("\n\n%s", FormatSummary(summary).c_str());
  }
  if (!report_path.empty()) {
    std::string html = RenderHtmlReport("客户之声报告 · voc", Now(), summary, LoopSections(**store));
    std::ofstream out(report_path, std::ios::binary);
    out << html;
    out.close();
    if (!out) {
      return Fail("analyze", absl::UnavailableError(absl::StrCat("cannot write '", report_path, "'")));
    }
    if (!json) std::printf("\nreport written to %s\n", report_path.c_str());
  }
  return kExitOk;
}

}  // namespace voc::cli
