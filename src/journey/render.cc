// Rendering a JourneyReport as JSON, a text table, and an SVG journey curve.
#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/json.h"
#include "core/utf8.h"
#include "voc/journey.h"

namespace voc {
namespace {

double R3(double x) { return std::round(x * 1000) / 1000; }

void WriteNode(json::Writer* w, const JourneyNodeStats& s) {
  w->BeginObject();
  w->Key("stage").String(s.stage);
  if (!s.touchpoint.empty()) w->Key("touchpoint").String(s.touchpoint);
  w->Key("name").String(s.name);
  w->Key("department").String(s.department);
  w->Key("volume").Int(static_cast<int64_t>(s.volume));
  w->Key("customers").Int(static_cast<int64_t>(s.customers));
  w->Key("negative").Int(static_cast<int64_t>(s.negative));
  w->Key("positive").Int(static_cast<int64_t>(s.positive));
  w->Key("share_negative").Number(R3(s.share_negative));
  w->Key("share_positive").Number(R3(s.share_positive));
  w->Key("mean_score").Number(R3(s.mean_score));
  w->Key("mean_intensity").Number(R3(s.mean_intensity));
  w->Key("intensity_stddev").Number(R3(s.intensity_stddev));
  w->Key("trend").BeginArray();
  for (const auto& t : s.trend) {
    w->BeginObject();
    w->Key("period").String(t.period);
    w->Key("volume").Int(static_cast<int64_t>(t.volume));
    w->Key("share_negative").Number(R3(t.share_negative));
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

void WriteStrings(json::Writer* w, const std::vector<std::string>& v) {
  w->BeginArray();
  for (const auto& s : v) w->String(s);
  w->EndArray();
}

void WriteMoment(json::Writer* w, const KeyMoment& m) {
  w->BeginObject();
  w->Key("kind").String(m.kind);
  w->Key("stage").String(m.stage);
  w->Key("touchpoint").String(m.touchpoint);
  w->Key("name").String(m.name);
  w->Key("score").Number(R3(m.score));
  w->Key("volume").Int(static_cast<int64_t>(m.volume));
  w->Key("customers").Int(static_cast<int64_t>(m.customers));
  w->Key("key_customers").Int(static_cast<int64_t>(m.key_customers));
  w->Key("share").Number(R3(m.share));
  w->Key("mean_intensity").Number(R3(m.mean_intensity));
  w->Key("top_theme").String(m.top_theme);
  w->Key("reason").String(m.reason);
  w->Key("example_ids");
  WriteStrings(w, m.example_ids);
  w->EndObject();
}

std::string Escape(std::string_view s) {
  std::string clean = utf8::Sanitize(s);
  std::string out;
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string RenderJourneyJson(const JourneyReport& r) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  w.Key("map").String(r.map_name);
  w.Key("feedback").Int(static_cast<int64_t>(r.feedback));
  w.Key("attributed").Int(static_cast<int64_t>(r.attributed));
  w.Key("customers_multi_stage").Int(static_cast<int64_t>(r.customers_multi_stage));
  w.Key("stages").BeginArray();
  for (const auto& s : r.stages) WriteNode(&w, s);
  w.EndArray();
  w.Key("touchpoints").BeginArray();
  for (const auto& s : r.touchpoints) WriteNode(&w, s);
  w.EndArray();
  w.Key("pain_moments").BeginArray();
  for (const auto& m : r.pain_moments) WriteMoment(&w, m);
  w.EndArray();
  w.Key("highlight_moments").BeginArray();
  for (const auto& m : r.highlight_moments) WriteMoment(&w, m);
  w.EndArray();
  w.Key("breakpoints").BeginArray();
  for (const auto& b : r.breakpoints) {
    w.BeginObject();
    w.Key("signal_kind").String(b.signal_kind);
    w.Key("signal").String(b.signal);
    w.Key("consequent_stage").String(b.consequent_stage);
    w.Key("population").Int(static_cast<int64_t>(b.population));
    w.Key("with_signal").Int(static_cast<int64_t>(b.with_signal));
    w.Key("support").Int(static_cast<int64_t>(b.support));
    w.Key("confidence").Number(R3(b.confidence));
    w.Key("base_rate").Number(R3(b.base_rate));
    w.Key("lift").Number(R3(b.lift));
    w.Key("lift_ci").BeginArray().Number(R3(b.lift_low)).Number(R3(b.lift_high)).EndArray();
    w.Key("example_customers");
    WriteStrings(&w, b.example_customers);
    w.EndObject();
  }
  w.EndArray();
  w.Key("root_causes").BeginArray();
  for (const auto& sc : r.root_causes) {
    w.BeginObject();
    w.Key("stage").String(sc.stage);
    w.Key("negative").Int(static_cast<int64_t>(sc.negative));
    w.Key("without_theme").Int(static_cast<int64_t>(sc.without_theme));
    w.Key("causes").BeginArray();
    for (const auto& c : sc.causes) {
      w.BeginObject();
      w.Key("theme").String(c.theme);
      w.Key("department").String(c.department);
      w.Key("count").Int(static_cast<int64_t>(c.count));
      w.Key("share").Number(R3(c.share));
      w.Key("example_ids");
      WriteStrings(&w, c.example_ids);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

std::string RenderJourneyTable(const JourneyReport& r) {
  std::string out = absl::StrFormat("journey map %s: %d feedback, %d attributed, %d customers at 2+ stages\n\n",
                                    r.map_name, r.feedback, r.attributed, r.customers_multi_stage);
  absl::StrAppend(&out, "stage / touchpoint                  volume  neg%   score  intensity (sd)\n");
  for (const auto& s : r.stages) {
    absl::StrAppendFormat(&out, "%-34s %7d %5.1f %7.3f  %.3f (%.3f)\n", s.stage, s.volume,
                          s.share_negative * 100, s.mean_score, s.mean_intensity, s.intensity_stddev);
    for (const auto& t : r.touchpoints) {
      if (t.stage != s.stage) continue;
      absl::StrAppendFormat(&out, "  %-32s %7d %5.1f %7.3f  %.3f (%.3f)\n", t.touchpoint, t.volume,
                            t.share_negative * 100, t.mean_score, t.mean_intensity,
                            t.intensity_stddev);
    }
  }
  auto moments = [&](const char* title, const std::vector<KeyMoment>& v) {
    absl::StrAppend(&out, "\n", title, "\n");
    for (size_t i = 0; i < v.size(); ++i) {
      absl::StrAppendFormat(&out, "%2d. %-28s score %.2f  %s  e.g. %s\n", i + 1, v[i].touchpoint.empty() ? v[i].stage : v[i].touchpoint,
                            v[i].score, v[i].reason, absl::StrJoin(v[i].example_ids, ","));
    }
  };
  moments("pain moments", r.pain_moments);
  moments("highlight moments", r.highlight_moments);
  absl::StrAppend(&out, "\nbreakpoints (earlier signal -> later complaint)\n");
  for (const auto& b : r.breakpoints) {
    absl::StrAppendFormat(&out, "  %s:%s -> %s  lift %.2f [%.2f, %.2f]  support %d/%d  P=%.2f vs %.2f\n",
                          b.signal_kind, b.signal, b.consequent_stage, b.lift, b.lift_low,
                          b.lift_high, b.support, b.with_signal, b.confidence, b.base_rate);
  }
  absl::StrAppend(&out, "\nroot causes of negative feedback per stage\n");
  for (const auto& sc : r.root_causes) {
    absl::StrAppendFormat(&out, "  %s (%d negative, %d without theme)\n", sc.stage, sc.negative,
                          sc.without_theme);
    for (const auto& c : sc.causes) {
      absl::StrAppendFormat(&out, "    %-28s %5d %5.1f%%  %s\n", c.theme, c.count, c.share * 100,
                            c.department.empty() ? "-" : c.department);
    }
  }
  return out;
}

std::string RenderJourneySvg(const JourneyReport& r) {
  const int n = static_cast<int>(r.stages.size());
  const int left = 60, right = 40, top = 50, plot_h = 240, step = 130;
  const int width = left + right + std::max(1, n) * step;
  const int height = top + plot_h + 70;
  size_t max_vol = 1;
  for (const auto& s : r.stages) max_vol = std::max(max_vol, s.volume);
  auto x_of = [&](int i) { return left + step / 2 + i * step; };
  auto y_score = [&](double s) { return top + (1 - (std::clamp(s, -1.0, 1.0) + 1) / 2) * plot_h; };
  auto y_share = [&](double s) { return top + (1 - std::clamp(s, 0.0, 1.0)) * plot_h; };
  std::string o = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
      "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n",
      width, height, width, height);
  absl::StrAppend(&o, "<title>", Escape(absl::StrCat("客户旅程曲线 — ", r.map_name)), "</title>\n");
  absl::StrAppend(&o, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
  absl::StrAppendFormat(&o,
                        "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
                        left, Escape(absl::StrCat("客户旅程 ", r.map_name)));
  absl::StrAppendFormat(&o,
                        "<text x=\"%d\" y=\"38\" fill=\"#1f77b4\">● 平均得分 (-1..1)</text>"
                        "<text x=\"%d\" y=\"38\" fill=\"#d62728\">■ 负面占比 (0..100%%)</text>"
                        "<text x=\"%d\" y=\"38\" fill=\"#555\">圆点大小 = 反馈量</text>\n",
                        left, left + 140, left + 300);
  // Axes and the zero line of the score.
  absl::StrAppendFormat(&o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n", left,
                        top, left, top + plot_h);
  absl::StrAppendFormat(&o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n", left,
                        top + plot_h, width - right, top + plot_h);
  absl::StrAppendFormat(&o,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" "
                        "stroke-dasharray=\"4 3\"/>\n",
                        left, y_score(0), width - right, y_score(0));
  absl::StrAppendFormat(&o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">1</text>", left - 6, top + 4);
  absl::StrAppendFormat(&o, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", left - 6,
                        y_score(0) + 4);
  absl::StrAppendFormat(&o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">-1</text>\n", left - 6,
                        top + plot_h + 4);
  std::string score_pts, share_pts;
  for (int i = 0; i < n; ++i) {
    const auto& s = r.stages[i];
    if (s.volume == 0) continue;
    absl::StrAppendFormat(&score_pts, "%d,%.1f ", x_of(i), y_score(s.mean_score));
    absl::StrAppendFormat(&share_pts, "%d,%.1f ", x_of(i), y_share(s.share_negative));
  }
  if (!score_pts.empty()) {
    absl::StrAppend(&o, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"",
                    score_pts, "\"/>\n");
    absl::StrAppend(&o,
                    "<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" "
                    "stroke-dasharray=\"6 3\" points=\"",
                    share_pts, "\"/>\n");
  }
  for (int i = 0; i < n; ++i) {
    const auto& s = r.stages[i];
    double rad = 4 + 16 * std::sqrt(static_cast<double>(s.volume) / max_vol);
    if (s.volume > 0) {
      absl::StrAppendFormat(
          &o,
          "<circle cx=\"%d\" cy=\"%.1f\" r=\"%.1f\" fill=\"#1f77b4\" fill-opacity=\"0.35\" "
          "stroke=\"#1f77b4\"><title>%s</title></circle>\n",
          x_of(i), y_score(s.mean_score), rad,
          Escape(absl::StrFormat("%s %s: %d 条, 平均得分 %.2f, 负面 %.0f%%", s.stage, s.name,
                                 s.volume, s.mean_score, s.share_negative * 100)));
      absl::StrAppendFormat(&o,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#d62728\"/>\n",
                            x_of(i) - 4.0, y_share(s.share_negative) - 4);
    }
    absl::StrAppendFormat(&o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i),
                          top + plot_h + 20, Escape(s.name));
    absl::StrAppendFormat(&o,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s · %d</text>\n",
                          x_of(i), top + plot_h + 38, Escape(s.stage), s.volume);
  }
  absl::StrAppend(&o, "</svg>\n");
  return o;
}

}  // namespace voc
