#include "themes/rules.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/match.h"
#include "core/code_point_matcher.h"
#include "core/strings.h"
#include "sentiment/lexicon.h"

namespace voc::themes {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool HasAsciiAlnum(std::string_view w) {
  for (unsigned char c : w) {
    if (IsAsciiAlnum(c)) return true;
  }
  return false;
}

}  // namespace

RuleEngine::RuleEngine(const Taxonomy& taxonomy, const OpinionScorer* scorer) : scorer_(scorer) {
  for (size_t t = 0; t < taxonomy.themes.size(); ++t) {
    const TaxonomyTheme& theme = taxonomy.themes[t];
    infos_.push_back(theme.info);
    depth_.push_back(static_cast<int>(std::count(theme.info.id.begin(), theme.info.id.end(), '.')));
    evaluative_.push_back(theme.evaluative);
    for (const std::string& w : theme.words) {
      matcher_.Add(w, static_cast<int32_t>(2 * t));
    }
    for (const std::string& w : theme.exclude) matcher_.Add(w, static_cast<int32_t>(2 * t + 1));
    for (const std::string& p : theme.patterns) {
      auto re = std::make_unique<RE2>(p, RE2::Quiet);
      if (re->ok()) patterns_.emplace_back(static_cast<int32_t>(t), std::move(re));
    }
  }
  has_children_.assign(infos_.size(), false);
  for (const ThemeInfo& info : infos_) {
    auto parent = std::find_if(infos_.begin(), infos_.end(), [&](const ThemeInfo& p) { return p.id == info.parent; });
    if (!info.parent.empty() && parent != infos_.end()) has_children_[parent - infos_.begin()] = true;
  }
  for (const std::string& w : taxonomy.exclude) matcher_.Add(w, -1);
  matcher_.Build();
  if (!patterns_.empty()) {
    auto set = std::make_unique<RE2::Set>(RE2::Options(RE2::Quiet), RE2::UNANCHORED);
    bool ok = true;
    for (size_t i = 0; i < patterns_.size() && ok; ++i) {
      ok = set->Add(patterns_[i].second->pattern(), nullptr) == static_cast<int>(i);
    }
    if (ok && set->Compile()) pattern_set_ = std::move(set);
  }
}

namespace {

// Whether [start, end) cuts through a token on either side: it starts strictly inside a token
// that ends before `end`, or ends strictly inside a token that starts after `start`. A cue
// inside one longer token (退货 in 退货审批) or covering whole tokens does not.
bool StraddlesToken(const std::vector<Token>& tokens, uint32_t start, uint32_t end) {
  // The last token starting at or before `start`.
  auto it = std::upper_bound(tokens.begin(), tokens.end(), start,
                             [](uint32_t pos, const Token& t) { return pos < t.start; });
  if (it != tokens.begin()) {
    const Token& t = *(it - 1);
    if (t.start < start && start < t.end && t.end < end) return true;
  }
  auto jt = std::upper_bound(tokens.begin(), tokens.end(), end,
                             [](uint32_t pos, const Token& t) { return pos < t.start; });
  if (jt != tokens.begin()) {
    const Token& t = *(jt - 1);
    if (start < t.start && t.start < end && end < t.end) return true;
  }
  return false;
}

}  // namespace

void RuleEngine::FindCues(std::string_view text, const std::vector<Token>* tokens,
                          std::vector<Cue>* cues) const {
  thread_local std::vector<CodePointMatcher::Match> all, excl;
  thread_local std::vector<Cue> raw;
  thread_local std::vector<int> matched;
  all.clear();
  excl.clear();
  raw.clear();
  matcher_.FindAll(text, &all);
  for (const CodePointMatcher::Match& m : all) {
    if (m.value < 0 || (m.value & 1)) {
      excl.push_back(m);
      continue;
    }
    std::string_view word = text.substr(m.start, m.end - m.start);
    if (HasAsciiAlnum(word)) {
      // Word boundaries for Latin-script cues: "app" must not fire inside "happy".
      if (m.start > 0 && IsAsciiAlnum(static_cast<unsigned char>(text[m.start - 1]))) continue;
      if (m.end < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[m.end]))) continue;
    } else if (tokens != nullptr && StraddlesToken(*tokens, m.start, m.end)) {
      continue;  // 价格 in 评价|格式: the words say otherwise
    }
    raw.push_back({m.start, m.end, m.value / 2});
  }
  bool run_all = pattern_set_ == nullptr;
  matched.clear();
  if (!run_all) {
    // Most texts match no pattern: ask whether any does first (no match list to build).
    const re2::StringPiece input(text.data(), text.size());
    RE2::Set::ErrorInfo error{};
    if (pattern_set_->Match(input, nullptr, &error)) {
      error = RE2::Set::ErrorInfo{};
      if (!pattern_set_->Match(input, &matched, &error)) run_all = true;
    } else {
      run_all = error.kind != RE2::Set::kNoError;  // a failure: then run them all
    }
    std::sort(matched.begin(), matched.end());
  }
  for (size_t pi = 0; pi < patterns_.size(); ++pi) {
    if (!run_all && !std::binary_search(matched.begin(), matched.end(), static_cast<int>(pi))) continue;
    const auto& [theme, re] = patterns_[pi];
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    size_t pos = 0;
    while (pos <= text.size() &&
           re->Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
      uint32_t s = static_cast<uint32_t>(match.data() - text.data());
      uint32_t e = static_cast<uint32_t>(s + match.size());
      if (e > s) raw.push_back({s, e, theme});
      pos = e > pos ? e : pos + 1;
    }
  }
  // A cue inside a longer exclusion word (global, or of its own theme) is not a mention
  // (服务 in 服务器): the tokens cannot tell, since 退货 in 退货审批 is one.
  // Only exclusions starting within the longest one's length before the cue can hold it:
  // sorted by start, each cue looks at a window, not at all of them (quadratic on long texts).
  std::sort(excl.begin(), excl.end(),
            [](const CodePointMatcher::Match& a, const CodePointMatcher::Match& b) { return a.start < b.start; });
  uint32_t longest_excl = 0;
  for (const CodePointMatcher::Match& x : excl) longest_excl = std::max(longest_excl, x.end - x.start);
  raw.erase(std::remove_if(raw.begin(), raw.end(),
                           [&](const Cue& c) {
                             const uint32_t from = c.end > longest_excl ? c.end - longest_excl : 0;
                             auto it = std::lower_bound(excl.begin(), excl.end(), from,
                                                        [](const CodePointMatcher::Match& x, uint32_t pos) {
                                                          return x.start < pos;
                                                        });
                             for (; it != excl.end() && it->start <= c.start; ++it) {
                               const CodePointMatcher::Match& x = *it;
                               if (x.value >= 0 && x.value / 2 != c.theme) continue;
                               if (x.start <= c.start && x.end >= c.end &&
                                   x.end - x.start > c.end - c.start)
                                 return true;
                             }
                             return false;
                           }),
            raw.end());
  // Leftmost-longest; on the same span prefer the deeper (more specific) theme.
  std::sort(raw.begin(), raw.end(), [&](const Cue& a, const Cue& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    if (depth_[a.theme] != depth_[b.theme]) return depth_[a.theme] > depth_[b.theme];
    return a.theme < b.theme;
  });
  uint32_t pos = 0;
  for (const Cue& c : raw) {
    if (c.start < pos) continue;
    cues->push_back(c);
    pos = c.end;
  }
}

namespace {

// The score of opinion `o` said about the aspect at [aspect_start, aspect_end); false when it
// says nothing about it. Ambiguous adjectives take their polarity from the aspect and the
// words between them (手机耗电快 bad, 物流很快 good, 价格高 bad, 评分高 good), as in the
// sentiment rules.
bool ScoreAbout(std::string_view text, uint32_t aspect_start, uint32_t aspect_end,
                const OpinionHit& o, double* score) {
  *score = o.score;
  if (o.base == 0) return false;
  const std::string_view word = text.substr(o.word_start, o.word_end - o.word_start);
  if (!sentiment::Lexicon::IsAmbiguous(word)) return true;
  const bool target_dependent_only = o.base == kTargetDependentWeight;
  const uint32_t end = o.word_start >= aspect_start ? std::max(aspect_end, o.word_start) : aspect_end;
  const int target = sentiment::Lexicon::TargetClassIn(text.substr(aspect_start, end - aspect_start));
  const float polarity = target == 0 ? 0.0f : sentiment::Lexicon::TargetPolarity(word, target);
  if (polarity == 0) return !target_dependent_only;
  // Negation and degree carry over; the rules' strongest polarity (0.7) is a plain opinion.
  *score = o.score / o.base * polarity / 0.7;
  return true;
}

// A clause that turns against the one before it (就是物流太慢): an opinion never crosses that
// boundary, either way (乳液可以，就是物流运输时把瓶盖弄碎了 says nothing good of 物流).
bool OpensWithContrast(std::string_view text, const ClauseSpan& clause) {
  static constexpr std::string_view kContrast[] = {"但是", "可是", "不过", "然而", "只是", "但",
                                                   "可惜", "就是", "却", "唯一", "只不过"};
  const std::string_view s = text.substr(clause.start, clause.end - clause.start);
  for (std::string_view w : kContrast) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

// How far (bytes; 64 Han characters) an opinion or a wish word is looked for around an aspect.
// Further in the same clause it is rarely about the aspect, and the bound keeps a text without
// punctuation (one clause of megabytes) linear instead of cues × opinions.
constexpr uint32_t kReach = 192;

// Praise wished for says the aspect lacks it: 希望包装能好点, 能再便宜一点, 要是快些就好了.
// True when the opinion [start, end) asks for more of itself (点, 一点, 些, but not 好点了:
// got better) or the clause goes on to 就好了 / 就更好了. Without a wish word (希望, 要是 ...) a
// comparison states, it does not wish: 比实体店便宜一点, 这次更优惠一些, 比较优惠些.
bool WishedFor(std::string_view text, const ClauseSpan& clause, uint32_t start, uint32_t end) {
  if (end >= clause.end || start < clause.start) return false;
  const uint32_t from = std::max(clause.start, start > kReach ? start - kReach : 0);
  const std::string_view before = text.substr(from, end - from);
  bool wish_word = false;
  for (std::string_view w : {"希望", "要是", "如果", "期待", "建议"}) wish_word |= absl::StrContains(AV(before), AV(w));
  if (!wish_word && (absl::StrContains(AV(before), "比") || absl::StrContains(AV(before), "更"))) return false;
  const std::string_view rest = text.substr(end, std::min(clause.end - end, kReach));
  for (std::string_view more : {"一点", "一些", "点", "些"}) {
    if (absl::StartsWith(AV(rest), AV(more))) {
      return !absl::StartsWith(AV(rest.substr(more.size())), "了");
    }
  }
  return absl::StrContains(AV(rest), "就好了") || absl::StrContains(AV(rest), "就更好了");
}

// Where a clause starts asking rather than telling (请问可以开发票吗, 看看是不是正品): praise
// from there on is not asserted. UINT32_MAX when it does not ask. Questions that complain
// (难道, 为什么, 怎么) are not asking. A question mark alone does not count: in scraped reviews
// it often stands for a lost emoji.
uint32_t AskedFrom(std::string_view text, const ClauseSpan& clause) {
  constexpr uint32_t kNever = UINT32_MAX;
  // One pass over the clause: value 0 marks a complaint's question word, 1 an asking one.
  static const CodePointMatcher* const words = [] {
    auto* m = new CodePointMatcher();
    for (const char* w : {"难道", "为什么", "怎么", "凭什么"}) m->Add(w, 0);
    for (const char* w : {"请问", "是否", "能否", "可否", "可不可以", "能不能", "有没有", "是不是", "好不好"}) {
      m->Add(w, 1);
    }
    m->Build();
    return m;
  }();
  const std::string_view s = text.substr(clause.start, clause.end - clause.start);
  thread_local std::vector<CodePointMatcher::Match> found;
  found.clear();
  words->FindAll(s, &found);
  uint32_t from = absl::EndsWith(AV(s), "吗") ? 0 : kNever;
  for (const auto& m : found) {
    if (m.value == 0) return kNever;
    from = std::min(from, m.start);
  }
  return from == kNever ? kNever : clause.start + from;
}

}  // namespace

void RuleEngine::Analyze(std::string_view text, const std::vector<Token>* tokens,
                         std::vector<ThemeMention>* out) const {
  // An opinion taken by an aspect: its clause, its span and the aspect's theme.
  struct UsedOpinion {
    int clause;
    ClauseSpan span;
    int32_t theme;
    uint32_t cue_start;  // of the aspect that took it (within kReach of the opinion)
  };
  // Per-thread scratch: no allocation per text once warm.
  struct Scratch {
    std::vector<Cue> cues;
    std::vector<OpinionHit> opinions;
    std::vector<ClauseSpan> clauses;
    std::vector<int> cue_clause, clause_cues;
    std::vector<uint64_t> asked_from;
    std::vector<std::vector<const OpinionHit*>> clause_ops;
    std::vector<std::pair<int, int32_t>> seen;               // (clause, theme)
    std::vector<UsedOpinion> used_opinions;
    std::vector<int32_t> held_theme;                        // per opinion
  };
  thread_local Scratch scratch;
  std::vector<Cue>& cues = scratch.cues;
  cues.clear();
  FindCues(text, tokens, &cues);
  if (cues.empty()) return;
  std::vector<OpinionHit>& opinions = scratch.opinions;
  opinions.clear();
  scorer_->Find(text, &opinions);
  // An opinion word strictly inside a cue (快 in 快递) is part of the cue, not an opinion.
  // The cues are sorted and disjoint (FindCues), so only the last one starting at or before
  // the opinion can hold it: a binary search, not a scan of every cue per opinion.
  opinions.erase(std::remove_if(opinions.begin(), opinions.end(),
                                [&](const OpinionHit& o) {
                                  auto it = std::upper_bound(cues.begin(), cues.end(), o.start,
                                                             [](uint32_t pos, const Cue& c) { return pos < c.start; });
                                  if (it == cues.begin()) return false;
                                  const Cue& c = *(it - 1);
                                  return c.start <= o.start && c.end >= o.end &&
                                         c.end - c.start > o.end - o.start;
                                }),
                 opinions.end());
  out->reserve(out->size() + cues.size());
  std::vector<ClauseSpan>& clauses = scratch.clauses;
  SplitClauses(text, &clauses);
  // Clauses are sorted and disjoint: binary search (a scan per cue and opinion was quadratic).
  auto clause_of = [&](uint32_t pos) -> int {
    auto it = std::upper_bound(clauses.begin(), clauses.end(), pos,
                               [](uint32_t p, const ClauseSpan& c) { return p < c.start; });
    if (it == clauses.begin()) return -1;
    --it;
    return pos < it->end ? static_cast<int>(it - clauses.begin()) : -1;
  };
  std::vector<int>& cue_clause = scratch.cue_clause;
  cue_clause.assign(cues.size(), 0);
  std::vector<int>& clause_cues = scratch.clause_cues;
  clause_cues.assign(clauses.size(), 0);
  for (size_t i = 0; i < cues.size(); ++i) {
    cue_clause[i] = clause_of(cues[i].start);
    if (cue_clause[i] >= 0) ++clause_cues[cue_clause[i]];
  }
  // Computed for the clauses that have praise to check only: most have none.
  constexpr uint64_t kNotYet = UINT64_MAX;
  std::vector<uint64_t>& asked_from = scratch.asked_from;
  asked_from.assign(clauses.size(), kNotYet);
  // The evaluative cue an opinion holds (性价比 in 性价比高, 不贵 in 还不贵), -1 for none: such an
  // opinion is about that cue's theme, so no other aspect takes it. Cues are sorted and
  // disjoint, so a binary search finds the first one that can lie inside.
  std::vector<int32_t>& held_theme = scratch.held_theme;
  held_theme.assign(opinions.size(), -1);
  for (size_t i = 0; i < opinions.size(); ++i) {
    const OpinionHit& o = opinions[i];
    auto it = std::lower_bound(cues.begin(), cues.end(), o.start,
                               [](const Cue& c, uint32_t pos) { return c.start < pos; });
    for (; it != cues.end() && it->end <= o.end; ++it) {
      if (evaluative_[it->theme]) {
        held_theme[i] = it->theme;
        break;
      }
    }
  }
  // The score of opinion `o` of clause `oc` about the cue; false when it says nothing of it.
  auto opinion_about = [&](const Cue& cue, int oc, const OpinionHit& o, double* score) {
    const int32_t held = held_theme[static_cast<size_t>(&o - opinions.data())];
    if (held >= 0 && held != cue.theme) return false;
    if (!ScoreAbout(text, cue.start, cue.end, o, score)) return false;
    if (*score <= 0) return true;
    if (WishedFor(text, clauses[oc], o.start, o.end)) {
      *score *= -0.5;
      return true;
    }
    if (asked_from[oc] == kNotYet) asked_from[oc] = AskedFrom(text, clauses[oc]);
    return o.start < asked_from[oc];
  };
  std::vector<std::vector<const OpinionHit*>>& clause_ops = scratch.clause_ops;
  if (clause_ops.size() < clauses.size()) clause_ops.resize(clauses.size());
  for (size_t i = 0; i < clauses.size(); ++i) clause_ops[i].clear();
  for (const OpinionHit& o : opinions) {
    int c = clause_of(o.word_start);
    if (c >= 0) clause_ops[c].push_back(&o);
  }
  auto& seen = scratch.seen;
  seen.clear();
  auto& used_opinions = scratch.used_opinions;
  used_opinions.clear();
  for (size_t i = 0; i < cues.size(); ++i) {
    const Cue& cue = cues[i];
    int c = cue_clause[i];
    if (c < 0) continue;
    // A cue inside the opinion of an earlier aspect is that aspect's opinion, not a theme of
    // its own: 包装没有破损 is about packaging, not product quality. Not so for evaluative
    // cues (实体店性价比高) or inside the opinion of a parent's word (宝贝很划算).
    // Cues come in text order, so their clauses never decrease: the entries of clause c are
    // at the back of used_opinions and seen (looking only there keeps this linear).
    bool inside = false;
    // Only opinions of cues nearby can hold this one (cues come in order, opinions are found
    // within kReach of their cue; 512 bytes bound the cue and opinion lengths).
    for (auto u = used_opinions.rbegin();
         u != used_opinions.rend() && u->clause == c && u->cue_start + 2 * kReach + 512 >= cue.start; ++u) {
      inside |= u->span.start <= cue.start && u->span.end >= cue.end &&
                u->span.end - u->span.start > cue.end - cue.start && !evaluative_[cue.theme] &&
                !has_children_[u->theme];
    }
    if (inside) continue;
    bool already = false;
    for (auto e = seen.rbegin(); e != seen.rend() && e->first == c && !already; ++e) {
      already = e->second == cue.theme;
    }
    if (already) continue;
    seen.emplace_back(c, cue.theme);
    const OpinionHit* best = nullptr;
    double best_score = 0;
    int64_t best_cost = 0;
    const std::vector<const OpinionHit*>& ops = clause_ops[c];
    const uint32_t reach_from = cue.start > kReach ? cue.start - kReach : 0;
    for (auto it = std::lower_bound(ops.begin(), ops.end(), reach_from,
                                    [](const OpinionHit* o, uint32_t pos) { return o->start < pos; });
         it != ops.end() && (*it)->start <= cue.end + kReach; ++it) {
      const OpinionHit* o = *it;
      double score = 0;
      if (!opinion_about(cue, c, *o, &score)) continue;
      // Opinions after the aspect are the norm in Chinese (物流很快); before costs more.
      int64_t cost = o->start >= cue.start
                         ? (o->start >= cue.end ? int64_t{o->start} - cue.end : 0)
                         : 2 * (int64_t{cue.start} - o->end) + 6;
      // A cue that is itself an opinion word (退货 implies a problem) is the fallback only:
      // an explicit opinion in the clause decides ("退货很方便" is praise).
      if (o->start == cue.start && o->end == cue.end) cost += 1 << 20;
      if (best == nullptr || cost < best_cost) {
        best = o;
        best_cost = cost;
        best_score = score;
      }
    }
    // A bare aspect clause ("物流，很快") borrows from a neighbouring clause with no aspect:
    // its first opinion about the aspect after it, its last before it; not across a contrast,
    // and not thanks (等了三个小时，谢谢 does not praise the wait).
    if (best == nullptr && c + 1 < static_cast<int>(clauses.size()) && clause_cues[c + 1] == 0 &&
        !OpensWithContrast(text, clauses[c + 1])) {
      for (const OpinionHit* o : clause_ops[c + 1]) {
        if (o->start > cue.end + kReach) break;
        if (!o->thanks && opinion_about(cue, c + 1, *o, &best_score)) {
          best = o;
          break;
        }
      }
    }
    if (best == nullptr && c > 0 && clause_cues[c - 1] == 0 && !OpensWithContrast(text, clauses[c])) {
      for (auto it = clause_ops[c - 1].rbegin(); it != clause_ops[c - 1].rend(); ++it) {
        if ((*it)->end + kReach < cue.start) break;
        if (!(*it)->thanks && opinion_about(cue, c - 1, **it, &best_score)) {
          best = *it;
          break;
        }
      }
    }
    ThemeMention m;
    m.theme = infos_[cue.theme].id;
    m.aspect = std::string(text.substr(cue.start, cue.end - cue.start));
    m.span = {cue.start, cue.end};
    if (best != nullptr) {
      double score = std::max(-1.0, std::min(1.0, 0.5 * best_score));
      m.score = score;
      m.polarity = score >= 0.1 ? Polarity::kPositive
                                : score <= -0.1 ? Polarity::kNegative : Polarity::kNeutral;
      m.opinion = std::string(text.substr(best->start, best->end - best->start));
      used_opinions.push_back({c, {best->start, best->end}, cue.theme, cue.start});
      m.span.start = std::min(m.span.start, best->start);
      m.span.end = std::max(m.span.end, best->end);
    }
    out->push_back(std::move(m));
  }
}

}  // namespace voc::themes
