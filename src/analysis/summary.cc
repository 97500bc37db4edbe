#include "analysis/summary.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/strings.h"
#include "core/timeutil.h"
#include "core/utf8.h"

namespace voc {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kWeek = 7 * kDay;

// 1970-01-01 was a Thursday; weeks start on Monday.
int64_t WeekStart(int64_t t) {
  int64_t monday_offset = 3 * kDay;
  int64_t w = (t + monday_offset) / kWeek;
  if ((t + monday_offset) % kWeek < 0) --w;
  return w * kWeek - monday_offset;
}

std::string Pct(size_t part, size_t whole) {
  if (whole == 0) return "-";
  return absl::StrFormat("%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// Pads `s` with spaces to `width` display columns (CJK characters take two).
std::string Pad(std::string_view s, size_t width) {
  size_t cols = 0, i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t n = utf8::Decode(s, i, &cp);
    if (n == 0) n = 1, cp = '?';
    cols += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                              (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                              (cp >= 0x1F300 && cp <= 0x1FAFF)))
                ? 2
                : 1;
    i += n;
  }
  std::string out(s);
  if (cols < width) out.append(width - cols, ' ');
  return out;
}

std::string Date(int64_t t) { return FormatTimestamp(t).substr(0, 10); }

}  // namespace

Summary Summarize(const std::vector<AnalyzedFeedback>& rows) {
  Summary s;
  s.total = rows.size();
  absl::flat_hash_map<std::string, ThemeFigure> themes;
  std::map<int64_t, WeekFigure> weeks;
  double score_sum = 0;
  for (const AnalyzedFeedback& r : rows) {
    const Analysis& a = r.analysis;
    switch (a.polarity) {
      case Polarity::kNegative: ++s.negative; break;
      case Polarity::kNeutral: ++s.neutral; break;
      case Polarity::kPositive: ++s.positive; break;
    }
    score_sum += a.score;
    if (r.created_at > 0) {
      if (s.first == 0 || r.created_at < s.first) s.first = r.created_at;
      if (r.created_at > s.last) s.last = r.created_at;
      WeekFigure& w = weeks[WeekStart(r.created_at)];
      w.week_start = WeekStart(r.created_at);
      ++w.volume;
      if (a.polarity == Polarity::kNegative) ++w.negative;
    }
    ++s.intents[a.intent];
    ++s.emotions[a.emotion];
    ++s.channels[std::string(ChannelName(r.channel))];
    std::vector<std::string_view> seen_stages;
    for (const StageMention& m : a.stages) {
      if (std::find(seen_stages.begin(), seen_stages.end(), m.stage) != seen_stages.end()) continue;
      seen_stages.push_back(m.stage);
      ++s.stages[m.stage];
    }
    for (const ThemeMention& m : a.themes) {
      ThemeFigure& f = themes[m.theme];
      f.theme = m.theme;
      ++f.mentions;
      f.mean_score += m.score;
      if (m.polarity == Polarity::kNegative) {
        ++f.negative;
        if (f.examples.size() < 5) f.examples.push_back(r.feedback_id);
      } else if (m.polarity == Polarity::kPositive) {
        ++f.positive;
      }
    }
  }
  if (s.total > 0) s.mean_score = score_sum / static_cast<double>(s.total);
  for (auto& [id, f] : themes) {
    f.mean_score /= static_cast<double>(std::max<size_t>(f.mentions, 1));
    s.themes.push_back(std::move(f));
  }
  std::sort(s.themes.begin(), s.themes.end(), [](const ThemeFigure& a, const ThemeFigure& b) {
    if (a.negative != b.negative) return a.negative > b.negative;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    return a.theme < b.theme;
  });
  for (auto& [start, w] : weeks) s.weeks.push_back(w);
  return s;
}

std::string FormatSummary(const Summary& s, size_t top_n) {
  std::string out;
  absl::StrAppend(&out, "feedback analysed: ", s.total);
  if (s.first > 0) absl::StrAppend(&out, " (", Date(s.first), " to ", Date(s.last), ")");
  absl::StrAppend(&out, "\n  negative ", s.negative, " (", Pct(s.negative, s.total), "), neutral ",
                  s.neutral, " (", Pct(s.neutral, s.total), "), positive ", s.positive, " (",
                  Pct(s.positive, s.total), "); mean score ",
                  absl::StrFormat("%+.2f", s.mean_score), "\n");
  auto line = [&](const char* title, const std::map<std::string, size_t>& m) {
    std::vector<std::pair<std::string, size_t>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    absl::StrAppend(&out, "  ", title, ":");
    for (const auto& [k, n] : v) absl::StrAppend(&out, " ", k, " ", n);
    out.push_back('\n');
  };
  line("intents", s.intents);
  line("emotions", s.emotions);
  line("journey stages", s.stages);
  line("channels", s.channels);
  absl::StrAppend(&out, "\ntop themes by negative mentions:\n  ", Pad("theme", 28),
                  Pad("mentions", 10), Pad("negative", 10), Pad("share neg", 11), "mean score\n");
  for (size_t i = 0; i < s.themes.size() && i < top_n; ++i) {
    const ThemeFigure& f = s.themes[i];
    absl::StrAppend(&out, "  ", Pad(f.theme, 28), Pad(absl::StrCat(f.mentions), 10),
                    Pad(absl::StrCat(f.negative), 10), Pad(Pct(f.negative, f.mentions), 11),
                    absl::StrFormat("%+.2f", f.mean_score), "\n");
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : utf8::Sanitize(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

// Weekly volume (bars) and share negative (line) as one inline SVG.
std::string WeeklyChart(const std::vector<WeekFigure>& weeks) {
  if (weeks.empty()) return "<p>No dated feedback.</p>";
  const double width = 760, height = 240, left = 48, right = 48, top = 16, bottom = 40;
  size_t max_volume = 1;
  for (const auto& w : weeks) max_volume = std::max(max_volume, w.volume);
  double plot_w = width - left - right, plot_h = height - top - bottom;
  double bar = plot_w / static_cast<double>(weeks.size());
  std::string svg = absl::StrFormat(
      "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %.0f %.0f' width='%.0f' "
      "height='%.0f' font-family='sans-serif' font-size='11'>",
      width, height, width, height);
  absl::StrAppend(&svg, absl::StrFormat("<line x1='%.0f' y1='%.0f' x2='%.0f' y2='%.0f' stroke='#888'/>",
                                        left, top + plot_h, left + plot_w, top + plot_h));
  std::string path;
  for (size_t i = 0; i < weeks.size(); ++i) {
    const WeekFigure& w = weeks[i];
    double h = plot_h * static_cast<double>(w.volume) / static_cast<double>(max_volume);
    double x = left + bar * static_cast<double>(i);
    absl::StrAppend(&svg, absl::StrFormat(
                              "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#9ecae1'>"
                              "<title>week of %s: %d feedback, %d negative</title></rect>",
                              x + 1, top + plot_h - h, std::max(1.0, bar - 2), h,
                              Date(w.week_start), w.volume, w.negative));
    double share = w.volume ? static_cast<double>(w.negative) / static_cast<double>(w.volume) : 0;
    absl::StrAppend(&path, i == 0 ? "M" : "L",
                    absl::StrFormat("%.1f,%.1f", x + bar / 2, top + plot_h * (1 - share)));
    if (i % std::max<size_t>(1, weeks.size() / 8) == 0) {
      absl::StrAppend(&svg, absl::StrFormat("<text x='%.1f' y='%.0f' text-anchor='middle'>%s</text>",
                                            x + bar / 2, height - 22, Date(w.week_start).substr(5)));
    }
  }
  absl::StrAppend(&svg, "<path d='", path, "' fill='none' stroke='#d62728' stroke-width='2'/>");
  absl::StrAppend(&svg, absl::StrFormat("<text x='4' y='%.0f'>%d</text>", top + 10, max_volume));
  absl::StrAppend(&svg, absl::StrFormat("<text x='%.0f' y='%.0f' fill='#d62728'>100%%</text>",
                                        width - right + 4, top + 10));
  absl::StrAppend(&svg, absl::StrFormat("<text x='%.0f' y='%.0f' fill='#d62728'>0%%</text>",
                                        width - right + 4, top + plot_h));
  absl::StrAppend(&svg, absl::StrFormat(
                            "<text x='%.0f' y='%.0f'>bars: weekly volume · red line: share negative</text>",
                            left, height - 6));
  svg += "</svg>";
  return svg;
}

std::string CountTable(const std::map<std::string, size_t>& m, size_t total) {
  std::vector<std::pair<std::string, size_t>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::string out = "<table><tr><th></th><th>count</th><th>share</th></tr>";
  for (const auto& [k, n] : v) {
    absl::StrAppend(&out, "<tr><td>", HtmlEscape(k), "</td><td>", n, "</td><td>", Pct(n, total),
                    "</td></tr>");
  }
  return out + "</table>";
}

}  // namespace

std::string RenderHtmlReport(const std::string& title, int64_t generated_at, const Summary& s,
                             const std::vector<ReportSection>& sections) {
  std::string h;
  absl::StrAppend(
      &h, "<!DOCTYPE html>\n<html lang='zh'><head><meta charset='utf-8'><title>",
      HtmlEscape(title),
      "</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
      "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:4px 8px;"
      "text-align:left}th{background:#f4f4f4}.neg{color:#b00}.pos{color:#070}"
      ".kpi{display:inline-block;margin-right:2em}.kpi b{font-size:1.6em;display:block}"
      "</style></head><body>\n<h1>",
      HtmlEscape(title), "</h1>\n<p>Generated ", FormatTimestamp(generated_at), " by voc.");
  if (s.first > 0) absl::StrAppend(&h, " Feedback from ", Date(s.first), " to ", Date(s.last), ".");
  absl::StrAppend(&h, "</p>\n<h2>Overview</h2><div>");
  absl::StrAppend(&h, "<span class='kpi'><b>", s.total, "</b>feedback</span>");
  absl::StrAppend(&h, "<span class='kpi neg'><b>", Pct(s.negative, s.total), "</b>negative</span>");
  absl::StrAppend(&h, "<span class='kpi pos'><b>", Pct(s.positive, s.total), "</b>positive</span>");
  absl::StrAppend(&h, "<span class='kpi'><b>", absl::StrFormat("%+.2f", s.mean_score),
                  "</b>mean score</span></div>\n");
  absl::StrAppend(&h, "<h2>Volume and share negative per week</h2>\n", WeeklyChart(s.weeks), "\n");
  absl::StrAppend(&h, "<h2>Themes</h2><table><tr><th>theme</th><th>mentions</th><th>negative</th>"
                      "<th>share negative</th><th>mean score</th><th>examples</th></tr>");
  for (size_t i = 0; i < s.themes.size() && i < 25; ++i) {
    const ThemeFigure& f = s.themes[i];
    std::string examples;
    for (const auto& e : f.examples) absl::StrAppend(&examples, examples.empty() ? "" : ", ", e);
    absl::StrAppend(&h, "<tr><td>", HtmlEscape(f.theme), "</td><td>", f.mentions, "</td><td>",
                    f.negative, "</td><td>", Pct(f.negative, f.mentions), "</td><td>",
                    absl::StrFormat("%+.2f", f.mean_score), "</td><td>", HtmlEscape(examples),
                    "</td></tr>");
  }
  absl::StrAppend(&h, "</table>\n<h2>Intents</h2>", CountTable(s.intents, s.total),
                  "\n<h2>Emotions</h2>", CountTable(s.emotions, s.total), "\n<h2>Channels</h2>",
                  CountTable(s.channels, s.total), "\n");
  for (const ReportSection& sec : sections) {
    absl::StrAppend(&h, "<h2>", HtmlEscape(sec.title), "</h2>\n", sec.html, "\n");
  }
  absl::StrAppend(&h, "</body></html>\n");
  return h;
}

}  // namespace voc
