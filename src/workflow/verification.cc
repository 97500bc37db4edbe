#include "workflow/verification.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "workflow/stats.h"

namespace voc::workflow {
namespace {

bool ThemeMatches(const std::string& theme, const std::vector<std::string>& linked) {
  for (const auto& t : linked) {
    if (theme.size() >= t.size() && theme.compare(0, t.size(), t) == 0 &&
        (theme.size() == t.size() || theme[t.size()] == '.')) {
      return true;
    }
  }
  return false;
}

bool PhraseMatches(std::string_view text, const std::vector<std::string>& phrases) {
  for (const auto& p : phrases) {
    if (!p.empty() && text.find(p) != std::string_view::npos) return true;
  }
  return false;
}

double Rating01(const Rating& r) { return (NormalizedRating(r) + 1) / 2; }

struct WindowCounts {
  int64_t rows = 0, mentions = 0, negative = 0, positive = 0;
  std::vector<double> ratings;
};

MetricComparison CompareRates(Metric metric, const WindowCounts& b, const WindowCounts& a,
                              const VerificationOptions& o) {
  MetricComparison m;
  m.metric = metric;
  const int64_t xb = metric == Metric::kNegativeRate ? b.negative : b.positive;
  const int64_t xa = metric == Metric::kNegativeRate ? a.negative : a.positive;
  m.before = {b.rows, b.mentions, xb, b.rows ? static_cast<double>(xb) / b.rows : 0, 0};
  m.after = {a.rows, a.mentions, xa, a.rows ? static_cast<double>(xa) / a.rows : 0, 0};
  m.enough_data = b.rows >= o.min_rows && a.rows >= o.min_rows && xb + xa >= o.min_events;
  if (b.rows == 0 || a.rows == 0) {
    m.test = "none";
    return m;
  }
  if (ZTestApplicable(xb, b.rows, xa, a.rows)) {
    const TestResult t = TwoProportionZTest(xb, b.rows, xa, a.rows);
    m.statistic = t.statistic;
    m.p_value = t.p_value;
    m.test = "z";
  } else {
    m.p_value = FisherExactTwoSided(xb, b.rows - xb, xa, a.rows - xa);
    m.statistic = m.after.value - m.before.value;
    m.test = "fisher";
  }
  return m;
}

MetricComparison CompareRatings(const WindowCounts& b, const WindowCounts& a,
                                const VerificationOptions& o) {
  MetricComparison m;
  m.metric = Metric::kMeanRating;
  MeanVariance(b.ratings, &m.before.value, &m.before.variance);
  MeanVariance(a.ratings, &m.after.value, &m.after.variance);
  m.before.rows = b.rows;
  m.after.rows = a.rows;
  m.before.mentions = b.mentions;
  m.after.mentions = a.mentions;
  m.before.events = static_cast<int64_t>(b.ratings.size());
  m.after.events = static_cast<int64_t>(a.ratings.size());
  m.enough_data = b.rows >= o.min_rows && a.rows >= o.min_rows &&
                  m.before.events >= o.min_ratings && m.after.events >= o.min_ratings;
  if (m.before.events < 2 || m.after.events < 2) {
    m.test = "none";
    return m;
  }
  const TestResult t = WelchTTest(b.ratings, a.ratings);
  m.statistic = t.statistic;
  m.p_value = t.p_value;
  m.test = "welch";
  return m;
}

}  // namespace

IssueMatch MatchIssue(const AnalyzedFeedback& row, const std::vector<std::string>& themes,
                      const std::vector<std::string>& key_phrases) {
  IssueMatch m;
  const Analysis& an = row.analysis;
  if (themes.empty() && key_phrases.empty()) {
    m.mentioned = true;
    m.negative = an.polarity == Polarity::kNegative;
    m.positive = an.polarity == Polarity::kPositive;
    return m;
  }
  for (const auto& tm : an.themes) {
    bool hit = !themes.empty() && ThemeMatches(tm.theme, themes);
    if (!hit && !key_phrases.empty()) {
      hit = PhraseMatches(tm.aspect, key_phrases) || PhraseMatches(tm.opinion, key_phrases) ||
            PhraseMatches(tm.aspect + tm.opinion, key_phrases);
    }
    if (!hit) continue;
    m.mentioned = true;
    if (tm.polarity == Polarity::kNegative) m.negative = true;
    if (tm.polarity == Polarity::kPositive) m.positive = true;
  }
  if (!m.mentioned && !key_phrases.empty()) {
    for (const auto& kp : an.key_phrases) {
      if (PhraseMatches(kp, key_phrases)) {
        m.mentioned = true;
        m.negative = an.polarity == Polarity::kNegative;
        m.positive = an.polarity == Polarity::kPositive;
        break;
      }
    }
  }
  return m;
}

VerificationReport VerifyEffect(const std::vector<AnalyzedFeedback>& rows,
                                const VerificationOptions& o) {
  VerificationReport rep;
  rep.before_start = o.shipped_at - o.before_seconds;
  rep.before_end = o.shipped_at;
  rep.after_start = o.shipped_at;
  rep.after_end = o.shipped_at + o.after_seconds;
  WindowCounts before, after;
  for (const auto& row : rows) {
    WindowCounts* w = nullptr;
    if (row.created_at >= rep.before_start && row.created_at < rep.before_end) {
      w = &before;
    } else if (row.created_at >= rep.after_start && row.created_at < rep.after_end) {
      w = &after;
    } else {
      continue;
    }
    ++w->rows;
    const IssueMatch m = MatchIssue(row, o.themes, o.key_phrases);
    if (!m.mentioned) continue;
    ++w->mentions;
    if (m.negative) ++w->negative;
    if (m.positive) ++w->positive;
    if (row.rating) w->ratings.push_back(Rating01(*row.rating));
  }
  rep.metrics.push_back(CompareRates(Metric::kNegativeRate, before, after, o));
  rep.metrics.push_back(CompareRates(Metric::kPositiveRate, before, after, o));
  rep.metrics.push_back(CompareRatings(before, after, o));
  MetricComparison& m = rep.metrics[static_cast<int>(o.target.metric)];
  if (m.before.value > 0) {
    m.relative_change = (m.after.value - m.before.value) / m.before.value;
  }
  const std::string metric(MetricName(o.target.metric));
  if (!m.enough_data) {
    rep.verdict = Verdict::kInsufficientData;
    rep.reason = absl::StrFormat(
        "%s: not enough data (before %d rows/%d events, after %d rows/%d events; need >= %d "
        "rows per window and >= %d %s)",
        metric, m.before.rows, m.before.events, m.after.rows, m.after.events, o.min_rows,
        o.target.metric == Metric::kMeanRating ? o.min_ratings : o.min_events,
        o.target.metric == Metric::kMeanRating ? "ratings per window"
                                               : "events over both windows");
    return rep;
  }
  const double want = o.target.relative_change;
  if (o.target.direction < 0) {
    rep.target_met = m.before.value > 0 && m.after.value <= m.before.value * (1 - want) + 1e-12;
  } else {
    rep.target_met = m.before.value > 0 ? m.after.value >= m.before.value * (1 + want) - 1e-12
                                        : m.after.value > 0;
  }
  const bool right_direction =
      o.target.direction < 0 ? m.after.value < m.before.value : m.after.value > m.before.value;
  rep.significant = right_direction && m.p_value < o.alpha;
  rep.verdict =
      rep.target_met && rep.significant ? Verdict::kEffective : Verdict::kNotEffective;
  rep.reason = absl::StrFormat(
      "%s %.4g -> %.4g (%+.1f%%, target %s%.0f%%), %s test p=%.3g: %s", metric, m.before.value,
      m.after.value, m.relative_change * 100, o.target.direction < 0 ? "-" : "+", want * 100,
      m.test, m.p_value,
      rep.verdict == Verdict::kEffective
          ? "target met and significant"
          : (rep.target_met ? "target met but not significant" : "target not met"));
  return rep;
}

}  // namespace voc::workflow
