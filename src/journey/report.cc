// Journey analytics: per-stage/touchpoint health, key moments, breakpoints and root causes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/timeutil.h"
#include "voc/journey.h"
#include "voc/store.h"

namespace voc {
namespace {

bool IsNegativeEmotion(const std::string& e) {
  return e == "anger" || e == "disgust" || e == "sadness" || e == "fear";
}

struct NodeAcc {
  size_t volume = 0, negative = 0, positive = 0;
  double sum_score = 0, sum_int = 0, sum_int2 = 0;
  std::map<std::string, std::pair<size_t, size_t>> trend;  // period -> (volume, negative)
  std::map<std::string, size_t> neg_themes, pos_themes;
  std::vector<std::pair<double, size_t>> neg_rows, pos_rows;  // (intensity, row index)
  std::set<std::string> customers;
};

std::string Period(int64_t t, int64_t bucket) {
  if (bucket <= 0) return FormatTimestamp(t).substr(0, 7);
  int64_t start = (t >= 0 ? t / bucket : (t - bucket + 1) / bucket) * bucket;
  return FormatTimestamp(start);
}

// Wilson score interval for k successes out of n.
void Wilson(size_t k, size_t n, double z, double* lo, double* hi) {
  if (n == 0) {
    *lo = 0;
    *hi = 1;
    return;
  }
  double p = static_cast<double>(k) / n, nn = static_cast<double>(n);
  double denom = 1 + z * z / nn;
  double centre = (p + z * z / (2 * nn)) / denom;
  double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  *lo = std::max(0.0, centre - half);
  *hi = std::min(1.0, centre + half);
}

std::string TopKey(const std::map<std::string, size_t>& m) {
  std::string best;
  size_t n = 0;
  for (const auto& [k, v] : m) {
    if (v > n) {
      n = v;
      best = k;
    }
  }
  return best;
}

std::vector<std::string> Examples(std::vector<std::pair<double, size_t>> v, size_t max,
                                  const std::vector<AnalyzedFeedback>& rows) {
  size_t k = std::min(max, v.size());
  std::partial_sort(v.begin(), v.begin() + k, v.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return rows[a.second].feedback_id < rows[b.second].feedback_id;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < k; ++i) out.push_back(rows[v[i].second].feedback_id);
  return out;
}

JourneyNodeStats Finish(const NodeAcc& a, std::string stage, std::string tp, std::string name,
                        std::string dept) {
  JourneyNodeStats s;
  s.stage = std::move(stage);
  s.touchpoint = std::move(tp);
  s.name = std::move(name);
  s.department = std::move(dept);
  s.volume = a.volume;
  s.customers = a.customers.size();
  s.negative = a.negative;
  s.positive = a.positive;
  if (a.volume > 0) {
    double n = static_cast<double>(a.volume);
    s.share_negative = a.negative / n;
    s.share_positive = a.positive / n;
    s.mean_score = a.sum_score / n;
    s.mean_intensity = a.sum_int / n;
    s.intensity_stddev = std::sqrt(std::max(0.0, a.sum_int2 / n - s.mean_intensity * s.mean_intensity));
  }
  for (const auto& [p, vn] : a.trend) {
    s.trend.push_back({p, vn.first, vn.first ? static_cast<double>(vn.second) / vn.first : 0});
  }
  return s;
}

}  // namespace

JourneyReport BuildJourneyReport(const std::vector<AnalyzedFeedback>& rows,
                                 const std::map<std::string, Customer>& customers,
                                 const JourneyMap& map, const JourneyReportOptions& options) {
  JourneyReport r;
  r.map_name = map.name();
  r.feedback = rows.size();
  const auto& stages = map.stages();
  const size_t ns = stages.size();
  // Node layout: one per stage, then one per touchpoint.
  std::vector<size_t> tp_base(ns);
  size_t nodes = ns;
  for (size_t i = 0; i < ns; ++i) {
    tp_base[i] = nodes;
    nodes += stages[i].touchpoints.size();
  }
  std::unordered_map<std::string, size_t> tp_node;
  for (size_t i = 0; i < ns; ++i) {
    for (size_t k = 0; k < stages[i].touchpoints.size(); ++k) {
      tp_node[stages[i].touchpoints[k].id] = tp_base[i] + k;
    }
  }
  std::vector<NodeAcc> acc(nodes);
  // Root causes per stage: theme -> rows.
  std::vector<std::map<std::string, std::vector<std::pair<double, size_t>>>> causes(ns);
  std::vector<size_t> stage_neg(ns, 0), stage_neg_untheme(ns, 0);

  // Per row: stage indices.
  std::vector<std::vector<int>> row_stages(rows.size());
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const AnalyzedFeedback& row = rows[ri];
    const Analysis& a = row.analysis;
    std::vector<int>& st = row_stages[ri];
    std::vector<size_t> touched;
    for (const auto& m : a.stages) {
      int si = map.StageIndex(m.stage);
      if (si < 0) continue;
      if (std::find(st.begin(), st.end(), si) == st.end()) {
        st.push_back(si);
        touched.push_back(static_cast<size_t>(si));
      }
      auto it = tp_node.find(m.touchpoint);
      if (it != tp_node.end() && std::find(touched.begin(), touched.end(), it->second) == touched.end()) {
        touched.push_back(it->second);
      }
    }
    if (st.empty()) continue;
    ++r.attributed;
    std::sort(st.begin(), st.end());
    bool neg = a.polarity == Polarity::kNegative, pos = a.polarity == Polarity::kPositive;
    std::string period = Period(row.created_at, options.trend_bucket_seconds);
    for (size_t n : touched) {
      NodeAcc& x = acc[n];
      ++x.volume;
      if (!row.customer_id.empty()) x.customers.insert(row.customer_id);
      x.negative += neg;
      x.positive += pos;
      x.sum_score += a.score;
      x.sum_int += a.intensity;
      x.sum_int2 += a.intensity * a.intensity;
      auto& t = x.trend[period];
      ++t.first;
      t.second += neg;
      for (const auto& th : a.themes) {
        if (neg && th.polarity != Polarity::kPositive) ++x.neg_themes[th.theme];
        if (pos && th.polarity != Polarity::kNegative) ++x.pos_themes[th.theme];
      }
      if (neg) x.neg_rows.push_back({a.intensity, ri});
      if (pos) x.pos_rows.push_back({a.intensity, ri});
    }
    if (neg) {
      // Each theme goes to the stage whose cue is nearest to it in the text, so "物流慢，客服不
      // 理人" blames logistics on delivery and attitude on service.
      std::vector<std::set<std::string>> stage_themes(ns);
      for (const auto& th : a.themes) {
        if (th.polarity == Polarity::kPositive) continue;
        int best = -1;
        int64_t best_d = 0;
        for (const auto& m : a.stages) {
          int si = map.StageIndex(m.stage);
          if (si < 0) continue;
          int64_t d;
          if (m.span.end == 0) {
            d = 1 << 30;  // metadata: only when nothing in the text is closer
          } else if (th.span.end <= m.span.start) {
            d = static_cast<int64_t>(m.span.start) - th.span.end;
          } else if (m.span.end <= th.span.start) {
            d = static_cast<int64_t>(th.span.start) - m.span.end;
          } else {
            d = 0;
          }
          if (best < 0 || d < best_d) {
            best = si;
            best_d = d;
          }
        }
        if (best >= 0) stage_themes[best].insert(th.theme);
      }
      for (int si : st) {
        ++stage_neg[si];
        if (stage_themes[si].empty()) ++stage_neg_untheme[si];
        for (const auto& th : stage_themes[si]) causes[si][th].push_back({a.intensity, ri});
      }
    }
  }

  for (size_t i = 0; i < ns; ++i) {
    r.stages.push_back(Finish(acc[i], stages[i].id, "", stages[i].name, stages[i].department));
    for (size_t k = 0; k < stages[i].touchpoints.size(); ++k) {
      const NodeAcc& a = acc[tp_base[i] + k];
      if (a.volume == 0) continue;
      const auto& tp = stages[i].touchpoints[k];
      r.touchpoints.push_back(Finish(a, stages[i].id, tp.id, tp.name, tp.department));
    }
  }

  // Key moments over touchpoints (stages without touchpoints stand for themselves).
  auto moments = [&](bool pain) {
    std::vector<KeyMoment> out;
    for (size_t i = 0; i < ns; ++i) {
      std::vector<size_t> ids;
      if (stages[i].touchpoints.empty()) ids.push_back(i);
      for (size_t k = 0; k < stages[i].touchpoints.size(); ++k) ids.push_back(tp_base[i] + k);
      for (size_t n : ids) {
        const NodeAcc& a = acc[n];
        if (a.volume < options.min_moment_volume) continue;
        size_t hits = pain ? a.negative : a.positive;
        if (hits == 0) continue;
        KeyMoment m;
        m.kind = pain ? "pain" : "highlight";
        m.stage = stages[i].id;
        bool is_tp = n >= ns;
        const JourneyTouchpoint* tp = is_tp ? &stages[i].touchpoints[n - tp_base[i]] : nullptr;
        m.touchpoint = tp ? tp->id : "";
        m.name = tp ? absl::StrCat(stages[i].name, "·", tp->name) : stages[i].name;
        m.volume = a.volume;
        m.share = static_cast<double>(hits) / a.volume;
        m.mean_intensity = a.sum_int / a.volume;
        m.score = m.volume * m.mean_intensity * m.share;
        m.top_theme = TopKey(pain ? a.neg_themes : a.pos_themes);
        m.reason = absl::StrFormat("%s：%d 条反馈中 %.0f%% %s，平均情绪强度 %.2f", m.name,
                                   m.volume, m.share * 100, pain ? "负面" : "正面",
                                   m.mean_intensity);
        if (!m.top_theme.empty()) {
          absl::StrAppend(&m.reason, "，主要主题 ", m.top_theme);
          std::string dept = map.DepartmentForTheme(m.top_theme);
          if (!dept.empty()) absl::StrAppend(&m.reason, "（", dept, "）");
        }
        std::set<std::string> who;
        for (const auto& [intensity, ri] : pain ? a.neg_rows : a.pos_rows) {
          if (!rows[ri].customer_id.empty()) who.insert(rows[ri].customer_id);
        }
        m.customers = who.size();
        for (const auto& id : who) {
          auto it = customers.find(id);
          if (it == customers.end()) continue;
          std::string tier = it->second.tier;
          for (auto& ch : tier) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          if (std::find(options.key_tiers.begin(), options.key_tiers.end(), tier) !=
              options.key_tiers.end()) {
            ++m.key_customers;
          }
        }
        if (m.customers > 0) {
          absl::StrAppend(&m.reason, "，涉及 ", m.customers, " 位客户");
          if (m.key_customers > 0) absl::StrAppend(&m.reason, "（其中重点客户 ", m.key_customers, " 位）");
        }
        m.example_ids = Examples(pain ? a.neg_rows : a.pos_rows, options.max_examples, rows);
        out.push_back(std::move(m));
      }
    }
    std::sort(out.begin(), out.end(), [](const KeyMoment& a, const KeyMoment& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.touchpoint < b.touchpoint;
    });
    if (out.size() > options.max_moments) out.resize(options.max_moments);
    return out;
  };
  r.pain_moments = moments(true);
  r.highlight_moments = moments(false);

  // Breakpoints: per customer, signals at earlier stages vs complaints at a later stage.
  std::map<std::string, std::vector<size_t>> by_customer;
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    if (!rows[ri].customer_id.empty() && !row_stages[ri].empty()) {
      by_customer[rows[ri].customer_id].push_back(ri);
    }
  }
  std::vector<size_t> population(ns, 0), complaints(ns, 0);
  struct Cell {
    size_t with = 0, support = 0;
    std::vector<std::string> examples;
  };
  std::map<std::tuple<size_t, std::string, std::string>, Cell> cells;  // (stage, kind, signal)
  for (const auto& [cid, ris] : by_customer) {
    std::vector<bool> has(ns, false), neg(ns, false);
    for (size_t ri : ris) {
      for (int si : row_stages[ri]) {
        has[si] = true;
        if (rows[ri].analysis.polarity == Polarity::kNegative) neg[si] = true;
      }
    }
    size_t distinct = std::count(has.begin(), has.end(), true);
    if (distinct < 2) continue;
    ++r.customers_multi_stage;
    for (size_t j = 1; j < ns; ++j) {
      if (!has[j]) continue;
      bool earlier = false;
      for (size_t i = 0; i < j; ++i) earlier = earlier || has[i];
      if (!earlier) continue;
      ++population[j];
      complaints[j] += neg[j];
      std::set<std::pair<std::string, std::string>> signals;
      for (size_t ri : ris) {
        const Analysis& a = rows[ri].analysis;
        // Signals come from other feedback than the complaint: a row that itself speaks about
        // stage j would only restate the complaint ("物流慢，客服也不理" is one text).
        const auto& rs = row_stages[ri];
        if (rs.front() >= static_cast<int>(j)) continue;  // no earlier stage here
        if (std::find(rs.begin(), rs.end(), static_cast<int>(j)) != rs.end()) continue;
        bool row_neg = a.polarity == Polarity::kNegative;
        for (const auto& m : a.stages) {
          int si = map.StageIndex(m.stage);
          if (si >= 0 && si < static_cast<int>(j) && row_neg) {
            signals.insert({"touchpoint", m.touchpoint.empty() ? m.stage : m.touchpoint});
          }
        }
        for (const auto& th : a.themes) {
          if (th.polarity == Polarity::kNegative) signals.insert({"theme", th.theme});
        }
        if (IsNegativeEmotion(a.emotion)) signals.insert({"emotion", a.emotion});
      }
      for (const auto& [kind, sig] : signals) {
        Cell& c = cells[{j, kind, sig}];
        ++c.with;
        if (neg[j]) {
          ++c.support;
          if (c.examples.size() < options.max_examples) c.examples.push_back(cid);
        }
      }
    }
  }
  for (auto& [key, c] : cells) {
    const auto& [j, kind, sig] = key;
    if (c.support < options.min_breakpoint_support || complaints[j] == 0) continue;
    Breakpoint b;
    b.signal_kind = kind;
    b.signal = sig;
    b.consequent_stage = stages[j].id;
    b.population = population[j];
    b.with_signal = c.with;
    b.support = c.support;
    b.confidence = static_cast<double>(c.support) / c.with;
    b.base_rate = static_cast<double>(complaints[j]) / population[j];
    b.lift = b.confidence / b.base_rate;
    if (b.lift <= 1) continue;
    double lo, hi;
    Wilson(c.support, c.with, options.z, &lo, &hi);
    b.lift_low = lo / b.base_rate;
    b.lift_high = hi / b.base_rate;
    b.example_customers = std::move(c.examples);
    r.breakpoints.push_back(std::move(b));
  }
  std::sort(r.breakpoints.begin(), r.breakpoints.end(), [](const Breakpoint& a, const Breakpoint& b) {
    if (a.lift_low != b.lift_low) return a.lift_low > b.lift_low;
    if (a.support != b.support) return a.support > b.support;
    return std::tie(a.consequent_stage, a.signal_kind, a.signal) <
           std::tie(b.consequent_stage, b.signal_kind, b.signal);
  });
  if (r.breakpoints.size() > options.max_breakpoints) r.breakpoints.resize(options.max_breakpoints);

  for (size_t i = 0; i < ns; ++i) {
    if (stage_neg[i] == 0) continue;
    StageRootCauses sc;
    sc.stage = stages[i].id;
    sc.negative = stage_neg[i];
    sc.without_theme = stage_neg_untheme[i];
    for (auto& [theme, v] : causes[i]) {
      RootCause c;
      c.theme = theme;
      c.department = map.DepartmentForTheme(theme);
      c.count = v.size();
      c.share = static_cast<double>(v.size()) / stage_neg[i];
      c.example_ids = Examples(v, options.max_examples, rows);
      sc.causes.push_back(std::move(c));
    }
    std::sort(sc.causes.begin(), sc.causes.end(), [](const RootCause& a, const RootCause& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.theme < b.theme;
    });
    if (sc.causes.size() > options.max_causes_per_stage) sc.causes.resize(options.max_causes_per_stage);
    r.root_causes.push_back(std::move(sc));
  }
  return r;
}

absl::StatusOr<JourneyReport> BuildJourneyReport(Store& store, const FeedbackQuery& query,
                                                 const JourneyMap& map, bool attribute_missing,
                                                 const JourneyReportOptions& options) {
  auto rows = store.LoadAnalyzed(query);
  if (!rows.ok()) return rows.status();
  auto customers = store.GetCustomers();
  if (!customers.ok()) return customers.status();
  bool missing = false;
  for (const auto& r : *rows) missing = missing || r.analysis.stages.empty();
  if (attribute_missing && missing) {
    JourneyAttributorOptions o;
    o.map = &map;
    auto attributor = JourneyAttributor::Create(o);
    if (!attributor.ok()) return attributor.status();
    auto records = store.Query(query);
    if (!records.ok()) return records.status();
    std::map<std::string, const Feedback*> by_id;
    for (const auto& fb : *records) by_id[fb.id] = &fb;
    for (auto& r : *rows) {
      if (!r.analysis.stages.empty()) continue;
      auto it = by_id.find(r.feedback_id);
      if (it != by_id.end()) r.analysis.stages = (*attributor)->Attribute(it->second->text, it->second);
    }
  }
  return BuildJourneyReport(*rows, *customers, map, options);
}

}  // namespace voc
