// Internal: aggregate figures over analysed feedback, the readable summary `voc analyze --db`
// prints, and the self-contained HTML report (inline SVG charts, no scripts, no network).
#ifndef VOC_ANALYSIS_SUMMARY_H_
#define VOC_ANALYSIS_SUMMARY_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "voc/analysis.h"

namespace voc {

struct ThemeFigure {
  std::string theme;
  size_t mentions = 0;
  size_t negative = 0;
  size_t positive = 0;
  double mean_score = 0;
  std::vector<std::string> examples;  // feedback ids of negative mentions first
};

struct WeekFigure {
  int64_t week_start = 0;  // Monday 00:00 UTC
  size_t volume = 0;
  size_t negative = 0;
};

struct Summary {
  size_t total = 0;
  size_t negative = 0, neutral = 0, positive = 0;
  double mean_score = 0;
  int64_t first = 0, last = 0;
  std::map<std::string, size_t> intents, emotions, stages, channels;
  std::vector<ThemeFigure> themes;  // most negative mentions first
  std::vector<WeekFigure> weeks;    // in time order
};

Summary Summarize(const std::vector<AnalyzedFeedback>& rows);

// A plain-text summary for terminals (aligned columns, top `top_n` themes).
std::string FormatSummary(const Summary& s, size_t top_n = 10);

// One extra section of the report: a title and already-rendered HTML (e.g. the journey SVG).
struct ReportSection {
  std::string title;
  std::string html;
};

// The full HTML report: overview, weekly volume and share-negative chart, themes, intents,
// emotions, plus `sections` in order.
std::string RenderHtmlReport(const std::string& title, int64_t generated_at, const Summary& s,
                             const std::vector<ReportSection>& sections);

// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace voc

#endif  // VOC_ANALYSIS_SUMMARY_H_
