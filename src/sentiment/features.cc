#include "sentiment/features.h"

#include <algorithm>
#include <cmath>

#include "core/utf8.h"

namespace voc::sentiment {
namespace {

constexpr char32_t kBos = 2, kEos = 3;

inline char32_t Normalize(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= '0' && c <= '9') return '0';
  if (c == '\t' || c == '\n' || c == '\r' || c == 0x3000) return ' ';
  return c;
}

inline uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDULL;
}

inline uint64_t Tag(uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  return Mix(Mix(Mix(Mix(0xC2B2AE3D27D4EB4FULL, a), b), c), d);
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool IsNegator(char32_t c) {
  return c == U'不' || c == U'没' || c == U'无' || c == U'别' || c == U'未' || c == U'非' || c == U'勿';
}

bool EndsScope(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'！': case U'？': case U'；': case U'、': case U'…': case U'~':
    case ',': case '.': case '!': case '?': case ';': case ' ': case U'但': case U'却':
      return true;
    default:
      return false;
  }
}

}  // namespace

void ExtractFeatures(std::string_view text, const RuleAnalysis& rules, int max_ngram,
                     FeatureSet* out, uint32_t flags) {
  out->features.clear();
  out->cps.clear();
  out->offs.clear();
  out->cps.push_back(kBos);
  out->offs.push_back(0);
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    size_t n = utf8::Decode(text, pos, &c);
    if (n == 0) {
      c = 0xFFFD;
      n = 1;
    }
    c = Normalize(c);
    // Runs of spaces add nothing.
    if (!(c == ' ' && out->cps.back() == ' ')) {
      out->cps.push_back(c);
      out->offs.push_back(static_cast<uint32_t>(pos));
    }
    pos += n;
  }
  out->cps.push_back(kEos);
  out->offs.push_back(static_cast<uint32_t>(text.size()));
  const size_t len = out->cps.size();
  const char32_t* s = out->cps.data();
  const bool neg_scope = flags & kFeatureNegationScope;
  bool in_scope = false;
  for (size_t i = 0; i < len; ++i) {
    if (EndsScope(s[i])) in_scope = false;
    uint64_t h = 0x84222325CBF29CE4ULL;
    const size_t lim = std::min<size_t>(len, i + max_ngram);
    for (size_t j = i; j < lim; ++j) {
      h = Mix(h, s[j]);
      if (j == i && (s[i] == kBos || s[i] == kEos)) continue;  // markers alone say nothing
      const uint32_t end = j + 1 < len ? out->offs[j + 1] : static_cast<uint32_t>(text.size());
      const uint8_t blen = static_cast<uint8_t>(std::min<uint32_t>(end - out->offs[i], 255));
      out->features.push_back({h, out->offs[i], static_cast<uint8_t>(j - i + 1), blen});
      // The same words mean the opposite after a negator (不 ... 好吃 / 没 ... 送到).
      if (in_scope && j - i < 2) out->features.push_back({Mix(h, 0x4E4547), out->offs[i], 0, blen});
    }
    if (neg_scope && IsNegator(s[i])) in_scope = true;
  }
  // Lexicon / rule features. Kinds: 1 polarity class, 2 word under negation, 3 emotion,
  // 4 rule-score bin, 5 last clause, 6 rhetorical, 7 contrast clause polarity.
  for (const Hit& h : rules.hits) {
    int sign = h.score > 0 ? 1 : 2;
    int strength = std::fabs(h.score) > 0.75f ? 2 : 1;
    out->features.push_back({Tag(1, sign, h.negated, strength), h.start, 0, 0});
    out->features.push_back({Tag(2, HashBytes(text.substr(h.start, h.end - h.start)), h.negated), h.start, 0, 0});
    if (h.emotion >= 0) out->features.push_back({Tag(3, h.emotion + 1, h.negated), h.start, 0, 0});
    if (h.after_contrast) out->features.push_back({Tag(7, sign), h.start, 0, 0});
  }
  int bin = static_cast<int>(std::lround(rules.rule_score * 5)) + 5;
  out->features.push_back({Tag(4, bin), 0, 0, 0});
  if (!rules.clauses.empty()) {
    const Clause& last = rules.clauses.back();
    int sign = last.rule_score > 0 ? 1 : (last.rule_score < 0 ? 2 : 0);
    out->features.push_back({Tag(5, sign), last.start, 0, 0});
    for (const Clause& c : rules.clauses) {
      if (c.rhetorical) out->features.push_back({Tag(6, 1), c.start, 0, 0});
    }
  }
  out->value = 1.0f / std::sqrt(static_cast<float>(out->features.size()));
}

uint64_t SentimentScoreFeature(double score) {
  int bin = static_cast<int>(std::lround(std::clamp(score, -1.0, 1.0) * 5)) + 5;
  return Tag(8, bin);
}

void EmotionExtras(std::string_view text, const RuleAnalysis& rules, bool have_score, double model_score,
                   uint32_t flags, const std::vector<Token>& tokens, float word_value,
                   std::vector<ValuedFeature>* out) {
  out->clear();
  if (have_score) out->push_back({SentimentScoreFeature(model_score), 1.0f});
  if (flags & kFeatureEmotionStack) {
    int count[kNumEmotions] = {}, negated = 0, pos = 0, neg = 0;
    for (const Hit& h : rules.hits) {
      if (h.emotion >= 0 && h.emotion < kNumEmotions && !h.negated) ++count[h.emotion];
      negated += h.negated;
      (h.score > 0 ? pos : neg) += 1;
    }
    for (int e = 0; e < kNumEmotions; ++e) {
      if (count[e] > 0) out->push_back({Tag(10, e + 1), std::log1p(static_cast<float>(count[e]))});
    }
    if (negated > 0) out->push_back({Tag(10, 100), std::log1p(static_cast<float>(negated))});
    if (pos > 0) out->push_back({Tag(10, 101), std::log1p(static_cast<float>(pos))});
    if (neg > 0) out->push_back({Tag(10, 102), std::log1p(static_cast<float>(neg))});
    if (have_score) out->push_back({Tag(11), static_cast<float>(model_score)});
    out->push_back({Tag(12), rules.rule_score});
  }
  if (flags & kFeatureWords) {
    uint64_t prev = 0x5EED;  // start of text
    for (const Token& t : tokens) {
      if (t.end <= t.start || t.end > text.size()) continue;
      const std::string_view w = text.substr(t.start, t.end - t.start);
      if (w.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
      const uint64_t h = HashBytes(w);
      out->push_back({Tag(20, h), word_value});
      out->push_back({Tag(21, prev, h), word_value});
      prev = h;
    }
    out->push_back({Tag(21, prev, 0xE0D), word_value});
  }
}

}  // namespace voc::sentiment
