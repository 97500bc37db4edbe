#include "voc/themes.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/strings.h"
#include "themes/model.h"
#include "themes/opinion.h"
#include "themes/rules.h"
#include "themes/taxonomy.h"

namespace voc {

struct ThemeAnalyzer::Impl {
  std::unique_ptr<themes::RuleEngine> rules;
  std::optional<themes::AspectModel> model;
  std::vector<ThemeInfo> infos;
  std::string kind;
};

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("error reading ", path));
  return ss.str();
}

absl::StatusOr<std::unique_ptr<themes::RuleEngine>> LoadRules(const std::string& path,
                                                              const std::string& bytes) {
  absl::StatusOr<themes::Taxonomy> tax = themes::ParseTaxonomy(bytes);
  if (!tax.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", tax.status().message()));
  }
  return std::make_unique<themes::RuleEngine>(*tax, &themes::DefaultOpinionScorer());
}

}  // namespace

absl::Status ValidateTaxonomy(std::string_view json_text) {
  return themes::ParseTaxonomy(json_text).status();
}

ThemeAnalyzer::ThemeAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ThemeAnalyzer::~ThemeAnalyzer() = default;

absl::StatusOr<std::unique_ptr<ThemeAnalyzer>> ThemeAnalyzer::Create(const ThemeOptions& options) {
  std::string path = options.path.empty() ? DefaultDataPath("taxonomy/default.json") : options.path;
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  auto impl = std::make_unique<Impl>();
  if (themes::LooksLikeModel(*bytes)) {
    absl::StatusOr<themes::AspectModel> model = themes::AspectModel::Parse(*bytes);
    if (!model.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", model.status().message()));
    }
    impl->model = std::move(*model);
    impl->kind = "model";
    for (const std::string& a : impl->model->aspects) {
      ThemeInfo info;
      info.id = a;
      info.name = a;
      impl->infos.push_back(info);
    }
    if (!options.combine_taxonomy.empty()) {
      absl::StatusOr<std::string> tb = ReadFile(options.combine_taxonomy);
      if (!tb.ok()) return tb.status();
      absl::StatusOr<std::unique_ptr<themes::RuleEngine>> rules =
          LoadRules(options.combine_taxonomy, *tb);
      if (!rules.ok()) return rules.status();
      impl->rules = std::move(*rules);
      impl->kind = "model+taxonomy";
      for (const ThemeInfo& i : impl->rules->themes()) impl->infos.push_back(i);
    }
  } else {
    absl::StatusOr<std::unique_ptr<themes::RuleEngine>> rules = LoadRules(path, *bytes);
    if (!rules.ok()) return rules.status();
    impl->rules = std::move(*rules);
    impl->kind = "taxonomy";
    impl->infos = impl->rules->themes();
  }
  return std::unique_ptr<ThemeAnalyzer>(new ThemeAnalyzer(std::move(impl)));
}

std::vector<ThemeMention> ThemeAnalyzer::Analyze(std::string_view text) const {
  return Analyze(text, nullptr);
}

std::vector<ThemeMention> ThemeAnalyzer::Analyze(std::string_view text,
                                                 const std::vector<Token>* tokens) const {
  return Analyze(text, tokens, nullptr);
}

namespace {

// Polarity from the text's sentiment for rule mentions without an opinion term (see
// ThemeSentimentContext). Thresholds chosen on the ecommerce_zhijiang2019 train split.
constexpr double kStrongClause = 0.5;     // a clause this sure speaks for its mentions
constexpr double kContextNeutral = 0.1;   // SentimentAnalyzer's own neutral band
constexpr double kContextWeight = 0.5;    // an inherited score counts half an opinion's

// Whether the clauses are in text order and disjoint, as SentimentAnalyzer makes them: then
// a mention's clause is found by binary search (a scan per mention is quadratic in long texts).
bool SortedDisjoint(const std::vector<ClauseResult>& clauses) {
  for (size_t i = 1; i < clauses.size(); ++i) {
    if (clauses[i - 1].span.start > clauses[i - 1].span.end ||
        clauses[i - 1].span.end > clauses[i].span.start)
      return false;
  }
  return true;
}

// The sentiment clause holding byte `pos`, or null.
const ClauseResult* ClauseAt(const ThemeSentimentContext& context, bool sorted, uint32_t pos) {
  if (context.clauses == nullptr) return nullptr;
  const std::vector<ClauseResult>& clauses = *context.clauses;
  if (sorted) {
    auto it = std::upper_bound(clauses.begin(), clauses.end(), pos,
                               [](uint32_t p, const ClauseResult& c) { return p < c.span.start; });
    return it != clauses.begin() && pos < (it - 1)->span.end ? &*(it - 1) : nullptr;
  }
  for (const ClauseResult& c : clauses) {
    if (c.span.start <= pos && pos < c.span.end) return &c;
  }
  return nullptr;
}

// Praise after 真是 that the sentiment rules read as sarcasm (呵呵，真是好服务; 真是好物流，包装全
// 破了): its clause came out negative, so the mention's opinion is turned as the clause was.
bool SarcasticPraise(std::string_view text, const ThemeSentimentContext& context, bool sorted,
                     const ThemeMention& m) {
  if (m.opinion.empty() || m.polarity != Polarity::kPositive) return false;
  if (!TrulyIsBefore(text, m.span.start, m.span.end)) return false;
  const ClauseResult* in = ClauseAt(context, sorted, m.span.end > 0 ? m.span.end - 1 : 0);
  return in != nullptr && in->score < -kContextNeutral;
}

void ApplyContext(std::string_view text, const ThemeSentimentContext& context, bool sorted,
                  ThemeMention* m) {
  if (SarcasticPraise(text, context, sorted, *m)) {
    m->polarity = Polarity::kNegative;
    m->score = -m->score;
    return;
  }
  if (!m->opinion.empty() || m->polarity != Polarity::kNeutral) return;
  double s = context.score;
  const ClauseResult* in = ClauseAt(context, sorted, m->span.start);
  if (in != nullptr && std::abs(in->score) > kStrongClause) s = in->score;
  if (!(std::abs(s) > kContextNeutral)) return;  // also refuses NaN
  m->polarity = s > 0 ? Polarity::kPositive : Polarity::kNegative;
  m->score = std::clamp(kContextWeight * s, -1.0, 1.0);
}

}  // namespace

std::vector<ThemeMention> ThemeAnalyzer::Analyze(std::string_view text, const std::vector<Token>* tokens,
                                                 const ThemeSentimentContext* context) const {
  std::vector<ThemeMention> out;
  if (impl_->model) {
    for (const themes::AspectPrediction& p : impl_->model->Predict(text)) {
      ThemeMention m;
      m.theme = impl_->model->aspects[p.aspect];
      m.polarity = p.polarity;
      m.score = p.score;
      // The span is the clause the aspect's detector scores highest; the opinion is the
      // strongest lexicon opinion there that agrees with the predicted polarity.
      m.span = {p.start, p.end};
      std::vector<themes::OpinionHit> hits;
      themes::DefaultOpinionScorer().Find(text.substr(p.start, p.end - p.start), &hits);
      const themes::OpinionHit* best = nullptr;
      for (const themes::OpinionHit& h : hits) {
        bool agrees = p.polarity == Polarity::kPositive   ? h.score > 0.1
                      : p.polarity == Polarity::kNegative ? h.score < -0.1
                                                          : false;
        if (agrees && (best == nullptr || std::abs(h.score) > std::abs(best->score))) best = &h;
      }
      if (best != nullptr) {
        m.opinion = std::string(text.substr(p.start + best->start, best->end - best->start));
      }
      out.push_back(std::move(m));
    }
  }
  if (impl_->rules) {
    const size_t from_model = out.size();
    impl_->rules->Analyze(text, tokens, &out);
    if (context != nullptr) {
      const bool sorted = context->clauses == nullptr || SortedDisjoint(*context->clauses);
      for (size_t i = from_model; i < out.size(); ++i) ApplyContext(text, *context, sorted, &out[i]);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ThemeMention& a, const ThemeMention& b) {
    return a.span.start < b.span.start;
  });
  return out;
}

const std::vector<ThemeInfo>& ThemeAnalyzer::themes() const { return impl_->infos; }
std::string_view ThemeAnalyzer::kind() const { return impl_->kind; }

}  // namespace voc
