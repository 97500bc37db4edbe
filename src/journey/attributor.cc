// JourneyAttributor: cue matching in one pass of the shared dictionary matcher, then
// per-clause filtering of negated / hypothetical cues and longest-match resolution of
// overlapping cues.
#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/code_point_matcher.h"
#include "voc/journey.h"

namespace voc {
namespace {

enum class Kind : uint8_t { kCue, kNegation, kHypothetical, kExclude, kBoundary };

struct PatternInfo {
  Kind kind;
  int target;      // index into targets (cues only)
  float weight;    // base confidence of a cue hit
  bool weak;       // "~cue": counts only in a clause without a firm cue
};

struct Target {
  int stage;       // index into map.stages()
  int touchpoint;  // index into the stage's touchpoints, -1 for the stage itself
};

// Clause boundaries: a negation or a hypothetical marker does not reach past them.
const char* const kBoundaries[] = {"，", "。", "！", "？", "；", "：", "…", "～", ",", ".",
                                   "!",  "?",  ";",  "\n", "~",  "\r", "但", "不过", "可是",
                                   "然而", "只是"};

// A negation governs a cue starting at most this many bytes after it ("还没正式试驾").
constexpr uint32_t kNegationReach = 9;

struct Hit {
  uint32_t start;
  uint32_t end;
  int pattern;
};

}  // namespace

struct JourneyAttributor::Impl {
  JourneyMap map;
  JourneyAttributorOptions options;
  CodePointMatcher cues{CodePointMatcher::Case::kFoldAscii};  // value: index into patterns
  std::vector<PatternInfo> patterns;
  std::vector<Target> targets;
  std::vector<int> stage_target;  // stage index -> target index of the stage itself
};

JourneyAttributor::JourneyAttributor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JourneyAttributor::~JourneyAttributor() = default;

const JourneyMap& JourneyAttributor::map() const { return impl_->map; }

absl::StatusOr<std::unique_ptr<JourneyAttributor>> JourneyAttributor::Create(
    const JourneyAttributorOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (options.map != nullptr) {
    impl->map = *options.map;
  } else {
    auto m = JourneyMap::Default();
    if (!m.ok()) return m.status();
    impl->map = std::move(*m);
  }
  if (!(options.min_confidence >= 0 && options.min_confidence <= 1)) {
    return absl::InvalidArgumentError("journey attributor: min_confidence must lie in [0, 1]");
  }
  impl->options = options;
  impl->options.map = nullptr;
  auto add = [&](std::string_view p, Kind kind, int target) {
    // A leading '~' marks a weak cue: generic words ("满意", "发动机") that say which stage a
    // clause is about only when nothing more specific is named in it.
    bool weak = kind == Kind::kCue && p.size() > 1 && p[0] == '~';
    if (weak) p.remove_prefix(1);
    if (p.empty()) return;
    // Base confidence of one hit, roughly the touchpoint precision of such cues on the
    // labelled dev set: multi-character cues ~0.8, single characters a little less, short
    // ASCII cues less again, weak cues ~0.45. Several hits on a target combine as 1-prod(1-w).
    float weight = p.size() >= 6 ? 0.8f : (p.size() >= 3 ? 0.7f : 0.5f);
    if (weak) weight = 0.45f;
    impl->cues.Add(p, static_cast<int32_t>(impl->patterns.size()));
    impl->patterns.push_back({kind, target, weight, weak});
  };
  const auto& stages = impl->map.stages();
  for (size_t si = 0; si < stages.size(); ++si) {
    impl->stage_target.push_back(static_cast<int>(impl->targets.size()));
    impl->targets.push_back({static_cast<int>(si), -1});
    int st = impl->stage_target.back();
    for (const auto& cue : stages[si].cues) add(cue, Kind::kCue, st);
    for (size_t ti = 0; ti < stages[si].touchpoints.size(); ++ti) {
      int t = static_cast<int>(impl->targets.size());
      impl->targets.push_back({static_cast<int>(si), static_cast<int>(ti)});
      for (const auto& cue : stages[si].touchpoints[ti].cues) add(cue, Kind::kCue, t);
    }
  }
  for (const auto& n : impl->map.negations()) add(n, Kind::kNegation, -1);
  for (const auto& h : impl->map.hypotheticals()) add(h, Kind::kHypothetical, -1);
  for (const auto& e : impl->map.exclude()) add(e, Kind::kExclude, -1);
  for (const char* b : kBoundaries) add(b, Kind::kBoundary, -1);
  impl->cues.Build();
  return std::unique_ptr<JourneyAttributor>(new JourneyAttributor(std::move(impl)));
}

std::vector<StageMention> JourneyAttributor::Attribute(std::string_view text,
                                                       const Feedback* meta) const {
  const Impl& im = *impl_;
  // Per-thread scratch: no allocation per text once warm.
  struct Scratch {
    std::vector<CodePointMatcher::Match> found;  // every pattern occurrence, by end offset
    std::vector<Hit> spans;
    std::vector<uint32_t> bounds;
    std::vector<Hit> markers;
    std::vector<double> miss;
    std::vector<Span> first;
    std::vector<char> hit;
    std::vector<std::pair<int, Span>> weak_hits;
    std::vector<size_t> weak_clause;
    std::vector<size_t> firm_clauses;
    std::vector<double> meta_conf;
  };
  thread_local Scratch scratch;
  std::vector<Hit>& spans = scratch.spans;        // cues and excludes
  std::vector<uint32_t>& bounds = scratch.bounds;  // end offsets of clause boundaries, ascending
  std::vector<Hit>& markers = scratch.markers;    // negations and hypotheticals, by end offset
  spans.clear();
  bounds.clear();
  markers.clear();
  std::vector<CodePointMatcher::Match>& found = scratch.found;
  found.clear();
  im.cues.FindAll(text, &found);
  for (const CodePointMatcher::Match& f : found) {
    switch (im.patterns[f.value].kind) {
      case Kind::kCue:
      case Kind::kExclude:
        spans.push_back({f.start, f.end, f.value});
        break;
      case Kind::kNegation:
      case Kind::kHypothetical:
        markers.push_back({f.start, f.end, f.value});
        break;
      case Kind::kBoundary:
        bounds.push_back(f.end);
        break;
    }
  }

  const size_t nt = im.targets.size();
  std::vector<double>& miss = scratch.miss;  // product of (1 - weight) over the target's hits
  miss.assign(nt, 1.0);
  std::vector<Span>& first = scratch.first;
  first.assign(nt, Span{0, 0});
  std::vector<char>& hit = scratch.hit;
  hit.assign(nt, 0);

  auto& weak_hits = scratch.weak_hits;  // applied only in clauses without a firm cue
  weak_hits.clear();
  std::vector<size_t>& weak_clause = scratch.weak_clause;
  weak_clause.clear();
  std::vector<size_t>& firm_clauses = scratch.firm_clauses;
  firm_clauses.clear();
  if (!spans.empty()) {
    auto clause_of = [&](uint32_t pos) {
      return static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), pos) -
                                 bounds.begin());
    };
    // Longest match wins: sort by start, longer first, then drop spans inside an earlier one.
    std::sort(spans.begin(), spans.end(), [](const Hit& a, const Hit& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.end > b.end;
    });
    uint32_t max_end = 0;
    bool any_before = false;
    // Markers come sorted by end offset and spans by start, so one forward pointer finds the
    // latest negation / hypothetical ending before each span: linear, even on hostile input.
    size_t next_marker = 0;
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t hypo_clause = kNone, neg_clause = kNone;
    uint32_t neg_end = 0;
    for (size_t i = 0; i < spans.size();) {
      size_t j = i;
      bool excluded = false;
      while (j < spans.size() && spans[j].start == spans[i].start && spans[j].end == spans[i].end) {
        if (im.patterns[spans[j].pattern].kind == Kind::kExclude) excluded = true;
        ++j;
      }
      const uint32_t start = spans[i].start, end = spans[i].end;
      bool contained = any_before && max_end >= end;
      if (!contained && !excluded) {
        size_t clause = clause_of(start);
        for (; next_marker < markers.size() && markers[next_marker].end <= start; ++next_marker) {
          const Hit& m = markers[next_marker];
          if (im.patterns[m.pattern].kind == Kind::kHypothetical) {
            hypo_clause = clause_of(m.start);
          } else {
            neg_clause = clause_of(m.start);
            neg_end = m.end;
          }
        }
        // A hypothetical reaches to the end of its clause; a negation only a few characters.
        bool cancelled = hypo_clause == clause ||
                         (neg_clause == clause && start - neg_end <= kNegationReach);
        if (!cancelled) {
          for (size_t k = i; k < j; ++k) {
            const PatternInfo& p = im.patterns[spans[k].pattern];
            if (p.kind != Kind::kCue) continue;
            if (p.weak) {
              weak_hits.emplace_back(spans[k].pattern, Span{start, end});
              weak_clause.push_back(clause);
              continue;
            }
            if (firm_clauses.empty() || firm_clauses.back() != clause) {
              firm_clauses.push_back(clause);
            }
            if (!hit[p.target]) first[p.target] = Span{start, end};
            hit[p.target] = 1;
            miss[p.target] *= 1.0 - p.weight;
          }
        }
      }
      if (!any_before || end > max_end) max_end = end;
      any_before = true;
      i = j;
    }
  }
  for (size_t w = 0; w < weak_hits.size(); ++w) {
    // Spans are visited in text order, so firm_clauses is sorted.
    if (std::binary_search(firm_clauses.begin(), firm_clauses.end(), weak_clause[w])) continue;
    {
      const auto& [pattern, span] = weak_hits[w];
      const PatternInfo& p = im.patterns[pattern];
      if (!hit[p.target]) first[p.target] = span;
      hit[p.target] = 1;
      miss[p.target] *= 1.0 - p.weight;
    }
  }

  std::vector<double>& meta_conf = scratch.meta_conf;
  meta_conf.assign(nt, 0.0);
  if (meta != nullptr && im.options.use_metadata) {
    auto apply = [&](const std::string& ref, double conf) {
      if (ref.empty()) return;
      size_t dot = ref.find('.');
      int si = im.map.StageIndex(std::string_view(ref).substr(0, dot));
      if (si < 0) return;
      int target = im.stage_target[si];
      if (dot != std::string::npos) {
        const auto& tps = im.map.stages()[si].touchpoints;
        target = -1;
        for (size_t ti = 0; ti < tps.size(); ++ti) {
          if (tps[ti].id == ref) target = im.stage_target[si] + 1 + static_cast<int>(ti);
        }
        if (target < 0) return;
      }
      meta_conf[target] = std::max(meta_conf[target], conf);
    };
    apply(meta->touchpoint, 0.95);                       // the caller said so
    apply(im.map.ChannelTarget(meta->channel), 0.7);      // implied by the channel
  }

  std::vector<StageMention> out;
  size_t most = 0;  // an upper bound of the mentions: one allocation
  for (size_t t = 0; t < nt; ++t) most += hit[t] || meta_conf[t] > 0;
  out.reserve(most);
  const auto& stages = im.map.stages();
  for (size_t si = 0; si < stages.size(); ++si) {
    bool any_tp = false;
    int st = im.stage_target[si];
    for (size_t ti = 0; ti < stages[si].touchpoints.size(); ++ti) {
      int t = st + 1 + static_cast<int>(ti);
      double conf = std::max(hit[t] ? 1.0 - miss[t] : 0.0, meta_conf[t]);
      if (conf <= 0 || conf < im.options.min_confidence) continue;
      StageMention m;
      m.stage = stages[si].id;
      m.touchpoint = stages[si].touchpoints[ti].id;
      m.confidence = std::min(conf, 0.99);
      if (hit[t]) m.span = first[t];
      out.push_back(std::move(m));
      any_tp = true;
    }
    double conf = std::max(hit[st] ? 1.0 - miss[st] : 0.0, meta_conf[st]);
    if (!any_tp && conf > 0 && conf >= im.options.min_confidence) {
      StageMention m;
      m.stage = stages[si].id;
      m.confidence = std::min(conf, 0.99);
      if (hit[st]) m.span = first[st];
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace voc
