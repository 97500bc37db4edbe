#include "voc/insights.h"

#include <algorithm>
#include <limits>
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
  int64_t negative = 0, positive = 0;
};

// One (group, row) pair in the current window. Kept in flat arrays rather than per-group
// containers: with key-phrase splitting there are millions of small groups.
struct Incidence {
  uint32_t group;
  uint32_t row;
  uint32_t customer;  // kNone when the row has no customer id
  bool negative;
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
  const int periods = std::clamp(o.periods, 2, kMaxInsightPeriods);
  // Saturate rather than overflow on absurd windows (Workflow::Insights refuses them first).
  int64_t span, oldest;
  if (__builtin_mul_overflow(int64_t{periods}, o.window_seconds, &span) ||
      __builtin_sub_overflow(o.now, span, &oldest)) {
    oldest = std::numeric_limits<int64_t>::min();
  }

  Interner strings;    // themes, touchpoints, phrases
  Interner customers;
  absl::flat_hash_map<GroupKey, uint32_t> index;
  std::vector<Group> groups;
  std::vector<uint32_t> counts;            // groups x periods
  std::vector<Incidence> incidences;       // current window
  std::vector<uint64_t> group_phrases;     // (group << 32 | phrase), current window

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
        groups.push_back({t.id, tp, phrase, 0, 0});
        counts.resize(counts.size() + periods, 0);
      }
      const uint32_t gi = it->second;
      ++counts[static_cast<size_t>(gi) * periods + period];
      if (!current) return;
      Group& g = groups[gi];
      if (t.neg) ++g.negative;
      if (t.pos) ++g.positive;
      incidences.push_back({gi, static_cast<uint32_t>(ri), cust, t.neg});
      for (uint32_t p : row_phrases) group_phrases.push_back((static_cast<uint64_t>(gi) << 32) | p);
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

  // Bucket the current-window incidences by group (counting sort keeps row order).
  std::vector<uint32_t> start(groups.size() + 1, 0);
  for (const auto& in : incidences) ++start[in.group + 1];
  for (size_t g = 0; g < groups.size(); ++g) start[g + 1] += start[g];
  std::vector<Incidence> by_group(incidences.size());
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (const auto& in : incidences) by_group[fill[in.group]++] = in;
  }
  incidences.clear();
  incidences.shrink_to_fit();

  struct Scored {
    uint32_t group;
    Insight insight;  // metrics only; strings filled for the ones returned
  };
  std::vector<Scored> scored;
  std::vector<uint64_t> custs;  // customer << 1 | negative, per group (scratch)
  for (uint32_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    const uint32_t* c = &counts[static_cast<size_t>(gi) * periods];
    const int64_t volume = c[0];
    if (volume < static_cast<int64_t>(std::max<size_t>(o.min_volume, 1))) continue;
    Insight in;
    in.volume = volume;
    in.negative = g.negative;
    in.positive = g.positive;
    in.share_negative = static_cast<double>(g.negative) / volume;
    in.previous_volume = c[1];
    in.growth = static_cast<double>(volume + 1) / (in.previous_volume + 1) - 1;
    custs.clear();
    for (uint32_t k = start[gi]; k < start[gi + 1]; ++k) {
      const Incidence& x = by_group[k];
      if (x.customer != kNone) custs.push_back((static_cast<uint64_t>(x.customer) << 1) | x.negative);
    }
    std::sort(custs.begin(), custs.end());
    for (size_t k = 0; k < custs.size(); ++k) {
      const uint64_t id = custs[k] >> 1;
      if (k == 0 || (custs[k - 1] >> 1) != id) ++in.unique_customers;
      // Sorted: the negative entry of a customer (bit 1) comes last; count each once.
      if ((custs[k] & 1) && (k + 1 == custs.size() || (custs[k + 1] >> 1) != id)) {
        in.value_at_risk += value[id];
      }
    }
    while (in.recurrence < periods && c[in.recurrence] > 0) ++in.recurrence;
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

  std::sort(group_phrases.begin(), group_phrases.end());
  out.reserve(scored.size());
  for (auto& s : scored) {
    const Group& g = groups[s.group];
    Insight in = std::move(s.insight);
    in.key = key_of(g);
    in.theme = std::string(strings.Name(g.theme));
    in.touchpoint = std::string(strings.Name(g.touchpoint));
    if (g.phrase != kNone) in.key_phrase = std::string(strings.Name(g.phrase));
    absl::flat_hash_map<uint32_t, uint32_t> phrase_counts;
    {
      const uint64_t lo = static_cast<uint64_t>(s.group) << 32;
      auto first = std::lower_bound(group_phrases.begin(), group_phrases.end(), lo);
      for (auto it = first; it != group_phrases.end() && (*it >> 32) == s.group; ++it) {
        ++phrase_counts[static_cast<uint32_t>(*it)];
      }
    }
    std::vector<std::pair<uint32_t, uint32_t>> phrases(phrase_counts.begin(), phrase_counts.end());
    std::sort(phrases.begin(), phrases.end(), [&](const auto& x, const auto& y) {
      if (x.second != y.second) return x.second > y.second;
      return strings.Name(x.first) < strings.Name(y.first);
    });
    for (size_t i = 0; i < phrases.size() && (o.max_key_phrases == 0 || i < o.max_key_phrases);
         ++i) {
      in.key_phrases.emplace_back(std::string(strings.Name(phrases[i].first)),
                                  phrases[i].second);
    }
    // Evidence: negative mentions first, then the rest; most recent first within each.
    std::vector<uint32_t> neg_rows, other_rows;
    for (uint32_t k = start[s.group]; k < start[s.group + 1]; ++k) {
      (by_group[k].negative ? neg_rows : other_rows).push_back(by_group[k].row);
    }
    auto by_recency = [&](std::vector<uint32_t>* v) {
      std::sort(v->begin(), v->end(), [&](uint32_t x, uint32_t y) {
        if (rows[x].created_at != rows[y].created_at) {
          return rows[x].created_at > rows[y].created_at;
        }
        return rows[x].feedback_id < rows[y].feedback_id;
      });
    };
    by_recency(&neg_rows);
    by_recency(&other_rows);
    for (const auto* list : {&neg_rows, &other_rows}) {
      for (uint32_t r : *list) {
        if (o.max_evidence > 0 && in.evidence_ids.size() >= o.max_evidence) break;
        in.evidence_ids.push_back(rows[r].feedback_id);
      }
    }
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace voc
