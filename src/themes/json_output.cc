#include "themes/json_output.h"

#include <cmath>

namespace voc {

void WriteThemes(const std::vector<ThemeMention>& themes, json::Writer* w) {
  w->Key("themes").BeginArray();
  for (const ThemeMention& m : themes) {
    w->BeginObject();
    w->Key("theme").String(m.theme);
    w->Key("polarity").String(PolarityName(m.polarity));
    // Three decimals: stable, diff-friendly output.
    w->Key("score").Number(std::round(m.score * 1000) / 1000);
    w->Key("aspect").String(m.aspect);
    w->Key("opinion").String(m.opinion);
    w->Key("start").Int(m.span.start);
    w->Key("end").Int(m.span.end);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace voc
