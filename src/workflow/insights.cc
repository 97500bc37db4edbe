#include "voc/insights.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace voc {
namespace {

constexpr int kMaxPeriods = 64;
constexpr uint32_t kNone = 0xffffffffu;

// Interns string_views pointing into the caller's rows (which outlive the computation), so
// the hot loop works on integers and copies no strings.
class Interner {
 public:
  uint32_t Id(std::string_view s) {
    auto [it, inserted] = ids_.try_emplace(AV(s), static_cast<uint32_t>(names_.size()));
    if (inserted) names_.push_back(s);
    return it->second;
  }
  std::string_view Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  absl::flat_hash_map<absl::string_view, uint32_t> ids_;
  std::vector<std::string_view> names_;
};

struct Group {
  uint32_t theme = 0, touchpoint = 0, phrase = kNone;
  std::array<uint32_t, kMaxPeriods> counts{};
  int64_t negative = 0, positive = 0;
  std::vector<uint32_t> negative_rows, other_rows;      // current window, row indexes
  absl::flat_hash_set<uint32_t> customers;             // current window
  absl::flat_hash_set<uint32_t> negative_customers;
  absl::flat_hash_map<uint32_t, uint32_t> phrase_counts;
  double priority = 0;
};

struct GroupKey {
  uint32_t theme, touchpoint, phrase;
  bool operator==(const GroupKey& o) const {
    return theme == o.theme && touchpoint == o.touchpoint && phrase == o.phrase;
  }
  template <typename H>
  friend H AbslHashValue(H h, const GroupKey& k) {
    return H::combine(std::move(h), k.theme, k.touchpoint, k.phrase);
  }
};

std::string_view Touchpoint(const Analysis& a) {
  const StageMention* best = nullptr;
  for (const auto& s : a.stages) {
    if (!best || s.confidence > best->confidence) best = &s;
  }
  if (!best) return {};
  return best->touchpoint.empty() ? std::string_view(best->stage)
                                  : std::string_view(best->touchpoint);
}

}  // namespace

std::vector<Insight> ComputeInsights(const std::vector<AnalyzedFeedback>& rows,
                                     const InsightOptions& o) {
  std::vector<Insight> out;
  if (o.window_seconds <= 0 || rows.empty()) return out;
  const int periods = std::clamp(o.periods, 2, kMaxPeriods);
  const int64_t oldest = o.now - static_cast<int64_t>(periods) * o.window_seconds;

  Interner strings;    // themes, touchpoints, phrases
  Interner customers;
  absl::flat_hash_map<GroupKey, uint32_t> index;
  std::vector<Group> groups;

  // Per-row scratch (reused): distinct themes with their polarity flags; distinct phrases.
  struct RowTheme { uint32_t id; bool neg, pos; };
  std::vector<RowTheme> row_themes;
  std::vector<uint32_t> row_phrases;

  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const AnalyzedFeedback& row = rows[ri];
    if (row.created_at >= o.now || row.created_at < oldest) continue;
    const Analysis& a = row.analysis;
    if (a.themes.empty()) continue;
    const int period = static_cast<int>((o.now - 1 - row.created_at) / o.window_seconds);
    row_themes.clear();
    for (const auto& tm : a.themes) {
      const uint32_t id = strings.Id(tm.theme);
      auto it = std::find_if(row_themes.begin(), row_themes.end(),
                             [id](const RowTheme& t) { return t.id == id; });
      if (it == row_themes.end()) {
        row_themes.push_back({id, false, false});
        it = row_themes.end() - 1;
      }
      it->neg |= tm.polarity == Polarity::kNegative;
      it->pos |= tm.polarity == Polarity::kPositive;
    }
    const bool current = period == 0;
    row_phrases.clear();
    if (current || o.split_by_key_phrase) {
      for (const auto& kp : a.key_phrases) {
        const uint32_t id = strings.Id(kp);
        if (std::find(row_phrases.begin(), row_phrases.end(), id) == row_phrases.end()) {
          row_phrases.push_back(id);
        }
      }
    }
    const uint32_t tp = strings.Id(Touchpoint(a));
    const uint32_t cust = row.customer_id.empty() ? kNone : customers.Id(row.customer_id);
    auto add = [&](const RowTheme& t, uint32_t phrase) {
      auto [it, inserted] =
          index.try_emplace(GroupKey{t.id, tp, phrase}, static_cast<uint32_t>(groups.size()));
      if (inserted) {
        groups.emplace_back();
        groups.back().theme = t.id;
        groups.back().touchpoint = tp;
        groups.back().phrase = phrase;
      }
      Group& g = groups[it->second];
      ++g.counts[period];
      if (!current) return;
      if (t.neg) {
        ++g.negative;
        g.negative_rows.push_back(static_cast<uint32_t>(ri));
        if (cust != kNone) g.negative_customers.insert(cust);
      } else {
        g.other_rows.push_back(static_cast<uint32_t>(ri));
      }
      if (t.pos) ++g.positive;
      if (cust != kNone) g.customers.insert(cust);
      for (uint32_t p : row_phrases) ++g.phrase_counts[p];
    };
    for (const auto& t : row_themes) {
      if (o.split_by_key_phrase) {
        if (row_phrases.empty()) {
          add(t, strings.Id(""));
        } else {
          for (uint32_t p : row_phrases) add(t, p);
        }
      } else {
        add(t, kNone);
      }
    }
  }

  // Lifetime value per interned customer, looked up once.
  std::vector<double> value(customers.size(), 0);
  if (o.customer_value) {
    for (size_t i = 0; i < customers.size(); ++i) {
      auto it = o.customer_value->find(customers.Name(static_cast<uint32_t>(i)));
      if (it != o.customer_value->end()) value[i] = it->second;
    }
  }

  struct Scored {
    uint32_t group;
    Insight insight;  // metrics only; strings filled for the ones returned
  };
  std::vector<Scored> scored;
  for (uint32_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    const int64_t volume = g.counts[0];
    if (volume < static_cast<int64_t>(std::max<size_t>(o.min_volume, 1))) continue;
    Insight in;
    in.volume = volume;
    in.negative = g.negative;
    in.positive = g.positive;
    in.share_negative = static_cast<double>(g.negative) / volume;
    in.previous_volume = g.counts[1];
    in.growth = static_cast<double>(volume + 1) / (in.previous_volume + 1) - 1;
    in.unique_customers = static_cast<int64_t>(g.customers.size());
    for (uint32_t c : g.negative_customers) in.value_at_risk += value[c];
    while (in.recurrence < periods && g.counts[in.recurrence] > 0) ++in.recurrence;
    in.importance = std::log1p(static_cast<double>(volume)) *
                    (0.25 + 0.75 * in.share_negative) *
                    (1 + std::log1p(std::max(0.0, in.value_at_risk) /
                                    (o.value_unit > 0 ? o.value_unit : 1)));
    in.urgency = 1 + std::clamp(in.growth, 0.0, 3.0) + 0.25 * (in.recurrence - 1);
    in.priority = in.importance * in.urgency;
    in.spike = in.growth >= 1 && volume >= 10;
    in.recurring = in.recurrence >= 3;
    in.emerging = in.previous_volume == 0 && volume >= 3;
    scored.push_back({gi, std::move(in)});
  }
  auto key_of = [&](const Group& g) {
    std::string key = absl::StrCat(AV(strings.Name(g.theme)), "|", AV(strings.Name(g.touchpoint)));
    if (g.phrase != kNone) absl::StrAppend(&key, "|", AV(strings.Name(g.phrase)));
    return key;
  };
  std::sort(scored.begin(), scored.end(), [&](const Scored& x, const Scored& y) {
    if (x.insight.priority != y.insight.priority) return x.insight.priority > y.insight.priority;
    return key_of(groups[x.group]) < key_of(groups[y.group]);
  });
  if (o.max_insights > 0 && scored.size() > o.max_insights) scored.resize(o.max_insights);

  out.reserve(scored.size());
  for (auto& s : scored) {
    const Group& g = groups[s.group];
    Insight in = std::move(s.insight);
    in.key = key_of(g);
    in.theme = std::string(strings.Name(g.theme));
    in.touchpoint = std::string(strings.Name(g.touchpoint));
    if (g.phrase != kNone) in.key_phrase = std::string(strings.Name(g.phrase));
    std::vector<std::pair<uint32_t, uint32_t>> phrases(g.phrase_counts.begin(),
                                                       g.phrase_counts.end());
    std::sort(phrases.begin(), phrases.end(), [&](const auto& x, const auto& y) {
      if (x.second != y.second) return x.second > y.second;
      return strings.Name(x.first) < strings.Name(y.first);
    });
    for (size_t i = 0; i < phrases.size() && (o.max_key_phrases == 0 || i < o.max_key_phrases);
         ++i) {
      in.key_phrases.emplace_back(std::string(strings.Name(phrases[i].first)),
                                  phrases[i].second);
    }
    auto by_recency = [&](std::vector<uint32_t> v) {
      std::sort(v.begin(), v.end(), [&](uint32_t x, uint32_t y) {
        if (rows[x].created_at != rows[y].created_at) {
          return rows[x].created_at > rows[y].created_at;
        }
        return rows[x].feedback_id < rows[y].feedback_id;
      });
      return v;
    };
    for (const auto* list : {&g.negative_rows, &g.other_rows}) {
      for (uint32_t r : by_recency(*list)) {
        if (o.max_evidence > 0 && in.evidence_ids.size() >= o.max_evidence) break;
        in.evidence_ids.push_back(rows[r].feedback_id);
      }
    }
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace voc
