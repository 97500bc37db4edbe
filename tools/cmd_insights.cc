// voc insights: rank issues (theme x touchpoint [x key phrase]) over a time window.
#include <cstdio>
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
    "usage: voc insights --db F [--window 30d] [--periods 6] [--limit 20] [--split-phrases]\n"
    "                    [--min-volume 1] [--evidence 20] [--now T] [--json]\n"
    "\n"
    "Groups analysed feedback in the window ending at --now into issues (theme x touchpoint,\n"
    "and x key phrase with --split-phrases) and ranks them by priority = importance x urgency:\n"
    "  importance = ln(1+volume) x (0.25 + 0.75 x share_negative) x (1 + ln(1 + value_at_risk/1000))\n"
    "  urgency    = 1 + clamp(growth, 0, 3) + 0.25 x (recurrence - 1)\n"
    "growth is against the previous window; recurrence counts consecutive windows (of\n"
    "--periods) in which the issue appeared; value at risk sums the lifetime value of the\n"
    "customers with a negative mention. --evidence caps the evidence ids printed per insight\n"
    "(0 = all).";

int RunInsights(const std::vector<std::string>& args) {
  Flags f;
  if (!f.Parse(args, {"db", "window", "periods", "limit", "min-volume", "evidence"},
               {"json", "split-phrases"})) {
    return kExitUsage;
  }
  if (f.help()) {
    std::puts(kUsage);
    return kExitOk;
  }
  if (!f.Has("db")) return UsageError("insights", "--db FILE is required");
  InsightOptions o;
  auto w = ParseDuration(f.Get("window", "30d"));
  if (!w.ok()) return UsageError("insights", std::string(w.status().message()));
  o.window_seconds = *w;
  int periods = 6, limit = 20, min_volume = 1, evidence = 20;
  if (!absl::SimpleAtoi(f.Get("periods", "6"), &periods) || periods < 2 || periods > 64) {
    return UsageError("insights", "--periods must be an integer in 2..64");
  }
  if (!absl::SimpleAtoi(f.Get("limit", "20"), &limit) || limit < 0) {
    return UsageError("insights", "--limit must be a non-negative integer");
  }
  if (!absl::SimpleAtoi(f.Get("min-volume", "1"), &min_volume) || min_volume < 1) {
    return UsageError("insights", "--min-volume must be a positive integer");
  }
  if (!absl::SimpleAtoi(f.Get("evidence", "20"), &evidence) || evidence < 0) {
    return UsageError("insights", "--evidence must be a non-negative integer");
  }
  o.periods = periods;
  o.max_insights = static_cast<size_t>(limit);
  o.min_volume = static_cast<size_t>(min_volume);
  o.max_evidence = static_cast<size_t>(evidence);
  o.split_by_key_phrase = f.Has("split-phrases");
  o.now = Now();
  auto session = workflow::OpenSession(f.Get("db"), [] { return Now(); });
  if (!session.ok()) return Fail("insights", session.status());
  auto ins = session->workflow->Insights(o);
  if (!ins.ok()) return Fail("insights", ins.status());
  if (f.Has("json")) {
    std::string out;
    json::Writer jw(&out);
    jw.BeginObject();
    jw.Key("window_start").String(FormatTimestamp(o.now - o.window_seconds));
    jw.Key("window_end").String(FormatTimestamp(o.now));
    jw.Key("insights").BeginArray();
    for (const auto& i : *ins) workflow::WriteInsight(&jw, i);
    jw.EndArray().EndObject();
    std::printf("%s\n", out.c_str());
  } else {
    std::printf("insights %s .. %s\n", FormatTimestamp(o.now - o.window_seconds).c_str(),
                FormatTimestamp(o.now).c_str());
    for (const auto& i : *ins) std::printf("%s\n", workflow::InsightLine(i).c_str());
  }
  return kExitOk;
}

VOC_REGISTER_COMMAND("insights", "rank issues by importance x urgency over a window", kUsage,
                     RunInsights);

}  // namespace
}  // namespace voc::cli
