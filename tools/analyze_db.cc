#include "analyze_db.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "analysis/summary.h"
#include "command.h"
#include "core/json.h"
#include "voc/store.h"

namespace voc::cli {

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
  auto rows = (*store)->LoadAnalyzed(FeedbackQuery());
  if (!rows.ok()) return Fail("analyze", rows.status());
  Summary summary = Summarize(*rows);
  if (json) {
    std::string out;
    json::Writer w(&out);
    w.BeginObject().Key("analyzed_now").Int(static_cast<int64_t>(*n));
    w.Key("total").Int(static_cast<int64_t>(summary.total));
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
    std::printf("analysed %zu new records in %s\n\n%s", *n, db_path.c_str(),
                FormatSummary(summary).c_str());
  }
  if (!report_path.empty()) {
    std::string html = RenderHtmlReport("客户之声报告 · voc", Now(), summary, {});
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
