#include "sentiment/json_output.h"

#include <cmath>

namespace voc {
namespace {

double Round(double x) { return std::round(x * 10000) / 10000; }

void WriteSpans(const std::vector<Span>& spans, std::string_view text, json::Writer* w) {
  w->BeginArray();
  for (const Span& s : spans) {
    uint32_t end = std::min<uint32_t>(s.end, static_cast<uint32_t>(text.size()));
    uint32_t start = std::min(s.start, end);
    w->BeginObject();
    w->Key("start").Int(start).Key("end").Int(end).Key("text").String(text.substr(start, end - start));
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

void WriteSentimentFields(const Analysis& a, std::string_view text, json::Writer* w) {
  w->Key("polarity").String(PolarityName(a.polarity));
  w->Key("score").Number(Round(a.score));
  w->Key("intensity").Number(Round(a.intensity));
  w->Key("emotion").String(a.emotion);
  w->Key("emotions").BeginObject();
  for (const auto& [k, v] : a.emotions) w->Key(k).Number(Round(v));
  w->EndObject();
  w->Key("intent").String(a.intent);
  w->Key("effort").BeginObject().Key("score").Number(Round(a.effort)).Key("evidence");
  WriteSpans(a.effort_evidence, text, w);
  w->EndObject();
  w->Key("clauses").BeginArray();
  for (const ClauseResult& c : a.clauses) {
    w->BeginObject();
    w->Key("start").Int(c.span.start).Key("end").Int(c.span.end);
    w->Key("polarity").String(PolarityName(c.polarity)).Key("score").Number(Round(c.score));
    w->Key("evidence");
    WriteSpans(c.evidence, text, w);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace voc
