#include "voc/analyzer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "analysis/json_output.h"
#include "core/data_path.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "sentiment/json_output.h"
#include "themes/json_output.h"
#include "voc/journey.h"
#include "voc/keywords.h"
#include "voc/sentiment.h"
#include "voc/text.h"
#include "voc/themes.h"
#include "voc_version.h"

namespace voc {

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::unique_ptr<SentimentAnalyzer> sentiment;
  std::unique_ptr<ThemeAnalyzer> themes;
  std::unique_ptr<JourneyAttributor> journey;
  std::shared_ptr<const Segmenter> segmenter;
  std::unique_ptr<KeywordExtractor> keywords;
  // The segmenter is the default one (no trained model, no user dictionary), so its tokens
  // are the ones the emotion model's word features expect.
  bool default_tokens = false;
  std::string model_version;
};

namespace {

// "voc-<library version>+<16 hex digits>": the fingerprint of every data file the analysis
// depends on (models, lexicons, taxonomy, journey map, IDF table), so each stored analysis
// says which library and models made it, and two stores can be compared.
std::string ModelVersion(const AnalyzerOptions& o) {
  auto or_default = [](const std::string& path, std::string_view fallback) {
    return path.empty() ? DefaultDataPath(fallback) : path;
  };
  const std::string files[] = {
      or_default(o.sentiment_model, "models/sentiment.model"),
      or_default(o.emotion_model, "models/emotion.model"),
      DefaultDataPath("lexicon/sentiment.tsv"),
      or_default(o.themes, "taxonomy/default.json"),
      or_default(o.journey_map, "journey/default_map.json"),
      or_default(o.keyword_idf, "lexicon/idf.bin"),
      DefaultDataPath("lexicon/base.voclex"),
      o.segmenter_model,
      o.user_dict,
  };
  uint64_t h = 0;
  for (const std::string& f : files) {
    h = (h ^ (f.empty() ? 0 : FileFingerprint(f))) * 0x100000001B3ULL + 0x9E3779B97F4A7C15ULL;
  }
  return absl::StrCat("voc-", VOC_VERSION_STRING, "+", absl::Hex(h, absl::kZeroPad16));
}

}  // namespace

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
  JourneyAttributorOptions journey_options;
  std::optional<JourneyMap> map;
  if (!options.journey_map.empty()) {
    auto loaded = JourneyMap::Load(options.journey_map);
    if (!loaded.ok()) return loaded.status();
    map = std::move(*loaded);
    journey_options.map = &*map;
  }
  auto journey = JourneyAttributor::Create(journey_options);
  if (!journey.ok()) return journey.status();
  impl->journey = std::move(*journey);
  // One segmentation per text serves the themes (cues on word boundaries) and key phrases.
  SegmenterOptions segmenter_options;
  segmenter_options.model = options.segmenter_model;
  segmenter_options.user_dict = options.user_dict;
  auto segmenter = Segmenter::Create(segmenter_options);
  if (!segmenter.ok()) return segmenter.status();
  impl->segmenter = std::move(*segmenter);
  impl->default_tokens = options.segmenter_model.empty() && options.user_dict.empty();
  if (options.key_phrases > 0) {
    KeywordOptions keyword_options;
    keyword_options.top_k = static_cast<size_t>(options.key_phrases);
    keyword_options.idf_path = options.keyword_idf;
    auto keywords = KeywordExtractor::Create(keyword_options, impl->segmenter);
    if (!keywords.ok()) return keywords.status();
    impl->keywords = std::move(*keywords);
  }
  impl->model_version = ModelVersion(options);
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

const std::string& Analyzer::model_version() const { return impl_->model_version; }

namespace {

// The analysis of `text` into *a, reusing the storage *a already has.
absl::Status AnalyzeInto(const SentimentAnalyzer& sentiment, const Segmenter& segmenter,
                         const ThemeAnalyzer& themes, const JourneyAttributor& journey,
                         const KeywordExtractor* keywords, bool default_tokens,
                         size_t max_text_bytes, std::string_view text,
                         const AnalysisContext& context, Analysis* a) {
  if (max_text_bytes != 0 && text.size() > max_text_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", text.size(),
                                                   " bytes, over the analyzer's limit of ",
                                                   max_text_bytes, " (max_text_bytes)"));
  }
  thread_local std::vector<Token> tokens;
  segmenter.Segment(text, &tokens);
  // SentimentAnalyzer::Analyze validates the UTF-8 (the same InvalidArgument message the
  // analyzer gave). The emotion model reads default-segmenter tokens: ours when they are.
  if (absl::Status s = sentiment.Analyze(text, default_tokens ? &tokens : nullptr, a); !s.ok()) {
    return s;
  }
  const ThemeSentimentContext theme_context{a->score, &a->clauses};
  a->themes = themes.Analyze(text, &tokens, &theme_context);
  if (context.channel.has_value() || !context.touchpoint.empty()) {
    Feedback meta;
    meta.channel = context.channel.value_or(Channel::kOther);
    meta.touchpoint = context.touchpoint;
    a->stages = journey.Attribute(text, &meta);
  } else {
    a->stages = journey.Attribute(text);
  }
  a->key_phrases.clear();
  if (keywords != nullptr) {
    std::vector<Keyword> found = keywords->Extract(text, tokens);
    a->key_phrases.reserve(found.size());
    for (Keyword& k : found) a->key_phrases.push_back(std::move(k.text));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Analysis> Analyzer::Analyze(std::string_view text,
                                           const AnalysisContext& context) const {
  Analysis a;
  if (absl::Status s = AnalyzeInto(*impl_->sentiment, *impl_->segmenter, *impl_->themes,
                                   *impl_->journey, impl_->keywords.get(), impl_->default_tokens,
                                   impl_->options.max_text_bytes, text, context, &a);
      !s.ok()) {
    return s;
  }
  return a;
}

void Analyzer::AnalyzeBatch(absl::Span<const std::string_view> texts, std::vector<Analysis>* results,
                            std::vector<absl::Status>* statuses) const {
  // The results already in *results are analysed into (their vectors, strings and map nodes
  // are reused): a caller that passes the same vector batch after batch allocates little.
  results->resize(texts.size());
  if (statuses != nullptr) statuses->assign(texts.size(), absl::OkStatus());
  const AnalysisContext context;
  for (size_t i = 0; i < texts.size(); ++i) {
    Analysis& a = (*results)[i];
    absl::Status s = AnalyzeInto(*impl_->sentiment, *impl_->segmenter, *impl_->themes,
                                 *impl_->journey, impl_->keywords.get(), impl_->default_tokens,
                                 impl_->options.max_text_bytes, texts[i], context, &a);
    if (!s.ok()) {
      a = Analysis();
      if (statuses != nullptr) (*statuses)[i] = std::move(s);
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
