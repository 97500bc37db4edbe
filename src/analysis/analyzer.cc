#include "voc/analyzer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "analysis/json_output.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "sentiment/json_output.h"
#include "themes/json_output.h"
#include "voc/sentiment.h"
#include "voc/themes.h"

namespace voc {

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::unique_ptr<SentimentAnalyzer> sentiment;
  std::unique_ptr<ThemeAnalyzer> themes;
  std::string model_version;
};

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

absl::StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  SentimentOptions sentiment_options;
  sentiment_options.sentiment_model = options.sentiment_model;
  sentiment_options.emotion_model = options.emotion_model;
  auto sentiment = SentimentAnalyzer::Create(sentiment_options);
  if (!sentiment.ok()) return sentiment.status();
  impl->sentiment = std::move(*sentiment);
  ThemeOptions theme_options;
  theme_options.path = options.themes;
  auto themes = ThemeAnalyzer::Create(theme_options);
  if (!themes.ok()) return themes.status();
  impl->themes = std::move(*themes);
  impl->model_version = "voc-0.1";
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

const std::string& Analyzer::model_version() const { return impl_->model_version; }

absl::StatusOr<Analysis> Analyzer::Analyze(std::string_view text,
                                           const AnalysisContext& context) const {
  (void)context;
  size_t bad = utf8::FindInvalid(text);
  if (bad != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8 (byte ", bad, ")"));
  }
  Analysis a;
  if (absl::Status s = impl_->sentiment->Analyze(text, &a); !s.ok()) return s;
  a.themes = impl_->themes->Analyze(text);
  return a;
}

void Analyzer::AnalyzeBatch(absl::Span<const std::string_view> texts, std::vector<Analysis>* results,
                            std::vector<absl::Status>* statuses) const {
  results->clear();
  results->resize(texts.size());
  if (statuses != nullptr) statuses->assign(texts.size(), absl::OkStatus());
  for (size_t i = 0; i < texts.size(); ++i) {
    auto r = Analyze(texts[i]);
    if (r.ok()) {
      (*results)[i] = std::move(*r);
    } else if (statuses != nullptr) {
      (*statuses)[i] = r.status();
    }
  }
}

void WriteAnalysisFields(const Analysis& a, std::string_view text, json::Writer* w) {
  WriteSentimentFields(a, text, w);
  w->Key("stages").BeginArray();
  for (const StageMention& m : a.stages) {
    w->BeginObject();
    w->Key("stage").String(m.stage);
    w->Key("touchpoint").String(m.touchpoint);
    w->Key("confidence").Number(std::round(m.confidence * 1000) / 1000);
    w->Key("start").Int(m.span.start);
    w->Key("end").Int(m.span.end);
    w->EndObject();
  }
  w->EndArray();
  WriteThemes(a.themes, w);
  w->Key("key_phrases").BeginArray();
  for (const std::string& k : a.key_phrases) w->String(k);
  w->EndArray();
}

std::string Analyzer::ToJson(std::string_view id, std::string_view text, const Analysis& a) {
  std::string out;
  json::Writer w(&out);
  w.BeginObject();
  w.Key("id").String(id);
  WriteAnalysisFields(a, text, &w);
  w.EndObject();
  return out;
}

}  // namespace voc
