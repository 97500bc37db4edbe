// Dictionary segmentation in the manner of jieba (the most probable path through the DAG of
// lexicon words, then an HMM over runs of unmatched characters), over normalised characters
// whose spans point back into the original text, with scanners for the mixed-script parts of
// feedback (Latin words, numbers with units, URLs, @mentions, emoji).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/files.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "text/char_tagger.h"
#include "text/lexicon.h"
#include "text/normalize_impl.h"
#include "unicode/uchar.h"
#include "voc/text.h"

namespace voc {
namespace text {
namespace {

bool IsEmojiBase(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B00 && c <= 0x2BFF) || c == 0x00A9 ||
         c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 ||
         c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299;
}
bool IsEmojiModifier(char32_t c) {
  return c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 ||
         (c >= 0xE0020 && c <= 0xE007F);
}
bool IsMentionChar(char32_t c) { return IsAlnum(c) || IsHan(c) || c == '_' || c == '-'; }
bool IsPunctOrSymbol(char32_t c) {
  int8_t t = u_charType(static_cast<UChar32>(c));
  return (t >= U_DASH_PUNCTUATION && t <= U_OTHER_PUNCTUATION) ||
         (t >= U_MATH_SYMBOL && t <= U_OTHER_SYMBOL) || t == U_INITIAL_PUNCTUATION ||
         t == U_FINAL_PUNCTUATION;
}

// End of a date (YYYY-MM-DD with - / or . as separator) or clock time (H:MM, HH:MM:SS)
// starting at chars[k], or k when there is none. The text after it must not continue with a
// digit or letter (so 2024-01-05x or 12:345 stay ordinary numbers).
uint32_t DateTimeEnd(const std::vector<NormChar>& chars, uint32_t k) {
  const uint32_t n = static_cast<uint32_t>(chars.size());
  auto digits = [&](uint32_t i, uint32_t lo, uint32_t hi) -> uint32_t {  // end of lo..hi digits
    uint32_t e = i;
    while (e < n && e - i < hi && IsDigit(chars[e].cp)) ++e;
    return (e - i >= lo && (e >= n || !IsDigit(chars[e].cp))) ? e : i;
  };
  auto clean_end = [&](uint32_t e) { return e >= n || !IsAlnum(chars[e].cp); };
  uint32_t e = digits(k, 4, 4);
  if (e > k && e + 1 < n) {
    const char32_t sep = chars[e].cp;
    if (sep == '-' || sep == '/' || sep == '.') {
      uint32_t m = digits(e + 1, 1, 2);
      if (m > e + 1 && m + 1 < n && chars[m].cp == sep) {
        uint32_t d = digits(m + 1, 1, 2);
        if (d > m + 1 && clean_end(d)) return d;
      }
    }
  }
  e = digits(k, 1, 2);
  if (e > k && e + 1 < n && chars[e].cp == ':') {
    uint32_t m = digits(e + 1, 2, 2);
    if (m > e + 1) {
      if (m + 1 < n && chars[m].cp == ':') {
        uint32_t sec = digits(m + 1, 2, 2);
        if (sec > m + 1 && clean_end(sec)) return sec;
      }
      if (clean_end(m)) return m;
    }
  }
  return k;
}

// A numeral or demonstrative followed by a classifier of countable things (一位, 两项, 这部,
// 这一): jieba's dictionary lists many as words, but both the PKU and MSR standards write two.
// The frequent fused ones (一个, 这种, 每年, 一次) stay words, as both standards keep them.
bool IsNumeralClassifier(char32_t a, char32_t b) {
  // Called for every two-character word: a switch on the first character rejects most in
  // one jump.
  static constexpr std::u32string_view kClassifiers =
      U"位项部名份句条支场篇座张块届本笔封辆颗所股台套双层";
  switch (a) {
    case U'这': case U'那':
      return b == U'一' || b == U'位' || b == U'项' || b == U'部' || b == U'名' || b == U'条' ||
             b == U'份' || b == U'篇' || b == U'座' || b == U'场' || b == U'支' || b == U'张';
    case U'多':
      return b == U'名' || b == U'位' || b == U'家' || b == U'项';
    case U'一': case U'两': case U'几': case U'三': case U'四': case U'五': case U'六':
    case U'七': case U'八': case U'九': case U'十':
      return kClassifiers.find(b) != std::u32string_view::npos;
    default:
      return false;
  }
}

// The end of a URL starting at chars[k] (http://, https://, www.), or k when none does.
// Called at every character of a Han/Latin run, so the first-letter test is inline.
uint32_t UrlEndAfterLead(const std::vector<NormChar>& chars, uint32_t k);
inline uint32_t UrlEnd(const std::vector<NormChar>& chars, uint32_t k) {
  const char32_t c = chars[k].cp;
  if (c != 'h' && c != 'w' && c != 'H' && c != 'W') return k;
  return UrlEndAfterLead(chars, k);
}
uint32_t UrlEndAfterLead(const std::vector<NormChar>& chars, uint32_t k) {
  static constexpr std::u32string_view kPrefixes[] = {U"http://", U"https://", U"www."};
  const size_t n = chars.size();
  uint32_t e = k;
  for (std::u32string_view p : kPrefixes) {
    if (k + p.size() > n) continue;
    bool match = true;
    for (size_t q = 0; q < p.size() && match; ++q) {
      char32_t x = chars[k + q].cp;
      if (x >= 'A' && x <= 'Z') x += 32;
      match = x == p[q];
    }
    if (match) {
      e = k + static_cast<uint32_t>(p.size());
      break;
    }
  }
  if (e == k) return k;
  while (e < n && chars[e].cp > ' ' && chars[e].cp < 0x80 && chars[e].cp != '"' &&
         chars[e].cp != '<' && chars[e].cp != '>') {
    ++e;
  }
  return e;
}

// The end of an e-mail address starting at chars[k] (local@domain.tld, ASCII), or k when
// none does. Cheap to reject: the local part is scanned up to its first non-address
// character, and only an '@' there goes on.
uint32_t EmailEnd(const std::vector<NormChar>& chars, uint32_t k) {
  auto local = [](char32_t c) {
    return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  auto label = [](char32_t c) { return IsAlnum(c) || c == '-'; };
  const uint32_t n = static_cast<uint32_t>(chars.size());
  if (k >= n || !IsAlnum(chars[k].cp)) return k;
  uint32_t e = k;
  while (e < n && e - k < 64 && local(chars[e].cp)) ++e;
  if (e >= n || chars[e].cp != '@') return k;
  ++e;
  uint32_t end = k;  // after the last complete label that follows a dot
  int labels = 0;
  while (e < n && label(chars[e].cp)) {
    while (e < n && label(chars[e].cp)) ++e;
    if (++labels >= 2) end = e;
    if (e + 1 < n && chars[e].cp == '.' && label(chars[e + 1].cp)) {
      ++e;
    } else {
      break;
    }
  }
  return end;
}

// Units a number can carry as one token (3天, 15.5元, 2小时, 1998年, 80%).
constexpr std::u32string_view kUnits[] = {
    U"年", U"月", U"日", U"号", U"时", U"点", U"分", U"秒", U"万", U"亿", U"元", U"块", U"天",
    U"周", U"岁", U"倍", U"个", U"次", U"小时", U"分钟", U"公里", U"米", U"厘米", U"毫米",
    U"克", U"公斤", U"斤", U"度", U"楼", U"层", U"折", U"件", U"单", U"毛", U"角"};

// Length in characters of a unit at chars[k..e) (the longest that matches), or 0.
uint32_t UnitLength(const std::vector<NormChar>& chars, uint32_t k, uint32_t e) {
  uint32_t best = 0;
  for (std::u32string_view unit : kUnits) {
    if (unit.size() <= best || k + unit.size() > e) continue;
    bool match = true;
    for (size_t q = 0; q < unit.size() && match; ++q) match = chars[k + q].cp == unit[q];
    if (match) best = static_cast<uint32_t>(unit.size());
  }
  return best;
}

// jieba's dictionary lists many phrases of four or more characters (两岸关系, 和平统一,
// 邓小平理论) that segmentation standards, PKU and MSR alike, write as several words. A long
// entry must therefore beat its best split by a factor e^4 (~55) to be kept: idioms and
// names, whose pieces are rare, still win. (Measured on the PKU/MSR dev sets: F1 +3 points on
// both; 2 or 8 instead of 4 change F1 by less than 1.5 points.)
constexpr uint32_t kLongWordUnits = 4;
constexpr float kLongWordPenalty = 4.0f;

constexpr double kMinLogp = -3.14e100;

struct UserWord {
  float logp;
  int64_t freq;
  TokenTag tag;
};

struct UserDict {
  absl::flat_hash_map<std::string, UserWord> added;   // normalised word → entry
  absl::flat_hash_set<std::string> prefixes;          // every prefix of an added word
  absl::flat_hash_set<std::string> removed;           // normalised words hidden
  bool empty() const { return added.empty() && removed.empty(); }
};

// A token over normalised characters [b, e).
struct Tok {
  uint32_t b, e;
  TokenTag tag;
};

// Appends a token field by field: a braced temporary is copied with its padding, and reading
// that back right after the one-byte tag store stalls store-to-load forwarding (measured: a
// fifth of Run's time went to that one copy).
inline void AddTok(std::vector<Tok>* toks, uint32_t b, uint32_t e, TokenTag tag) {
  Tok& t = toks->emplace_back();
  t.b = b;
  t.e = e;
  t.tag = tag;
}

struct Scratch {
  std::vector<NormChar> chars;
  std::vector<uint32_t> unit_begin;  // char index of each unit of a block (+ a sentinel)
  std::vector<double> route;
  std::vector<uint32_t> best_end;
  std::vector<TokenTag> best_tag;
  std::vector<Tok> toks;
  std::vector<double> viterbi;
  std::vector<uint8_t> back;
  std::string key;
};

void AppendUtf8(std::string* s, char32_t c) { utf8::Append(s, c); }

}  // namespace
}  // namespace text

using text::IsAlnum;
using text::IsDigit;
using text::IsEmojiBase;
using text::IsEmojiModifier;
using text::IsHan;
using text::IsMentionChar;
using text::IsPunctOrSymbol;
using text::IsSpace;
using text::kMinLogp;
using text::UnitLength;
using text::DateTimeEnd;
using text::IsNumeralClassifier;
using text::UrlEnd;
using text::EmailEnd;
using text::Lexicon;
using text::NormChar;
using text::Tok;

struct Segmenter::Impl {
  SegmenterOptions options;
  NormalizerOptions norm;
  std::shared_ptr<const Lexicon> lex;
  std::unique_ptr<text::CharTagger> tagger;
  mutable std::mutex mu;
  std::shared_ptr<const text::UserDict> user = std::make_shared<text::UserDict>();

  std::shared_ptr<const text::UserDict> Snapshot() const {
    std::lock_guard<std::mutex> lock(mu);
    return user;
  }
  void Run(std::string_view text, std::vector<Token>* out) const;
  void Block(text::Scratch& s, uint32_t b, uint32_t e, const text::UserDict& user) const;
  void Hmm(text::Scratch& s, uint32_t b, uint32_t e) const;
  void BestPath(text::Scratch& s, uint32_t nu) const;
  void BestPathWithUser(text::Scratch& s, uint32_t nu, const text::UserDict& user) const;
  TokenTag SingleTag(char32_t cp) const {
    Lexicon::Hit hit;
    return lex->FromRoot(cp, &hit) && hit.word ? static_cast<TokenTag>(hit.tag) : TokenTag::kOther;
  }
  // The lexicon entry spelt by chars [b, e), if they are a lexicon word.
  bool LexiconWord(const std::vector<NormChar>& chars, uint32_t b, uint32_t e, Lexicon::Hit* hit) const {
    uint32_t node = Lexicon::kRoot;
    for (uint32_t k = b; k < e; ++k) {
      if (!lex->Next(node, chars[k].cp, hit)) return false;
      node = hit->node;
    }
    return b < e && hit->word;
  }
  // The same for a normalised UTF-8 word.
  bool LexiconWord(std::string_view word, Lexicon::Hit* hit) const {
    std::u32string cps;
    for (size_t i = 0; i < word.size();) {
      char32_t cp;
      size_t len = utf8::Decode(word, i, &cp);
      if (len == 0) return false;
      cps.push_back(cp);
      i += len;
    }
    return lex->Word(cps, hit);
  }
  // The tag of chars [b, e) as a word: the lexicon's, else by script.
  TokenTag TagOf(const std::vector<NormChar>& chars, uint32_t b, uint32_t e) const {
    if (Lexicon::Hit hit; LexiconWord(chars, b, e, &hit)) return static_cast<TokenTag>(hit.tag);
    bool digits = true, alnum = true;
    for (uint32_t k = b; k < e; ++k) {
      digits = digits && (text::IsDigit(chars[k].cp) || chars[k].cp == '.');
      alnum = alnum && text::IsAlnum(chars[k].cp);
    }
    if (digits) return TokenTag::kNumeral;
    if (alnum) return TokenTag::kLatin;
    if (e - b == 1 && text::IsPunctOrSymbol(chars[b].cp)) return TokenTag::kPunctuation;
    return text::IsHan(chars[b].cp) ? TokenTag::kNoun : TokenTag::kOther;
  }
  double SegmentCost(const std::u32string& word, const text::UserDict& user) const;
};

namespace {
thread_local text::Scratch tls_scratch;
}  // namespace

std::string_view TokenTagName(TokenTag tag) {
  static constexpr std::string_view kNames[] = {
      "x", "n", "nr", "ns", "nt", "v", "a", "d", "neg", "deg", "m", "q", "r",
      "p", "c", "u", "e", "t", "f", "i", "eng", "url", "at", "emoji", "w"};
  size_t i = static_cast<size_t>(tag);
  return i < std::size(kNames) ? kNames[i] : "x";
}

void AppendTokens(std::string_view text, const std::vector<Token>& tokens, bool with_tags,
                  std::string* out) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i) out->push_back(' ');
    out->append(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
    if (with_tags) {
      out->push_back('/');
      out->append(TokenTagName(tokens[i].tag));
    }
  }
}

namespace {
std::optional<TokenTag> ParseTag(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(TokenTag::kPunctuation); ++i) {
    if (TokenTagName(static_cast<TokenTag>(i)) == name) return static_cast<TokenTag>(i);
  }
  return std::nullopt;
}
}  // namespace

// HMM (BMES Viterbi, jieba's finalseg tables) over the unmatched Han characters [b, e).
void Segmenter::Impl::Hmm(text::Scratch& s, uint32_t b, uint32_t e) const {
  const uint32_t n = e - b;
  // Allowed predecessor states: B←E,S  M←M,B  E←B,M  S←S,E
  static constexpr int kPrev[4][2] = {{2, 3}, {1, 0}, {0, 1}, {3, 2}};
  s.viterbi.assign(size_t{n} * 4, kMinLogp);
  s.back.assign(size_t{n} * 4, 0);
  const float* start = lex->start();
  const float* trans = lex->trans();
  const float* em = lex->Emit(s.chars[b].cp);
  for (int y = 0; y < 4; ++y) s.viterbi[y] = double{start[y]} + em[y];
  for (uint32_t t = 1; t < n; ++t) {
    em = lex->Emit(s.chars[b + t].cp);
    for (int y = 0; y < 4; ++y) {
      double best = -INFINITY;
      int arg = kPrev[y][0];
      for (int p : kPrev[y]) {
        double v = s.viterbi[(t - 1) * 4 + p] + trans[p * 4 + y];
        if (v > best) best = v, arg = p;
      }
      s.viterbi[t * 4 + y] = best + em[y];
      s.back[t * 4 + y] = static_cast<uint8_t>(arg);
    }
  }
  // The path ends in E or S.
  int state = s.viterbi[(n - 1) * 4 + 2] >= s.viterbi[(n - 1) * 4 + 3] ? 2 : 3;
  // Walk back; a word ends at each E or S.
  std::vector<uint8_t> states(n);
  for (uint32_t t = n; t-- > 0;) {
    states[t] = static_cast<uint8_t>(state);
    state = s.back[t * 4 + state];
  }
  uint32_t word_start = 0;
  for (uint32_t t = 0; t < n; ++t) {
    if (states[t] == 2 || states[t] == 3 || t + 1 == n) {
      TokenTag tag = t == word_start ? SingleTag(s.chars[b + t].cp) : TokenTag::kNoun;
      AddTok(&s.toks, b + word_start, b + t + 1, tag);
      word_start = t + 1;
    }
  }
}

namespace {

// Folds the candidate words starting at unit i (ascending ends u, the shortest winning ties)
// into route[i], best_end[i] and best_tag[i]; a unit no word covers alone costs `unknown`.
// The best-path arrays of a block, as raw pointers the hot loop keeps in registers.
struct PathTables {
  double* route;
  uint32_t* best_end;
  TokenTag* best_tag;
  explicit PathTables(text::Scratch& s)
      : route(s.route.data()), best_end(s.best_end.data()), best_tag(s.best_tag.data()) {}
};

struct PathFold {
  double best;
  uint32_t arg;
  TokenTag tag;
  bool single_seen;
  explicit PathFold(uint32_t i) : best(-INFINITY), arg(i), tag(TokenTag::kOther), single_seen(false) {}
  void Consider(const PathTables& p, uint32_t i, uint32_t u, double logp, TokenTag t) {
    const double v = logp + p.route[u + 1];
    if (u == i) single_seen = true;
    if (v > best) best = v, arg = u, tag = t;
  }
  void Finish(const PathTables& p, uint32_t i, double unknown) {
    if (!single_seen) {
      const double v = unknown + p.route[i + 1];
      if (v > best) best = v, arg = i, tag = TokenTag::kOther;
    }
    p.route[i] = best;
    p.best_end[i] = arg;
    p.best_tag[i] = tag;
  }
};

// The log-probability of a lexicon word of `units` units: long entries pay
// kLongWordPenalty (user words do not).
inline float LexiconWordLogp(const Lexicon::Hit& hit, uint32_t units) {
  return units >= text::kLongWordUnits ? hit.logp - text::kLongWordPenalty : hit.logp;
}

}  // namespace

// The best path without a user dictionary (the hot loop of segmentation).
void Segmenter::Impl::BestPath(text::Scratch& s, uint32_t nu) const {
  const double unknown = lex->unknown_logp();
  const uint32_t* unit_begin = s.unit_begin.data();
  const NormChar* chars = s.chars.data();
  const Lexicon::Walker walk(*lex);
  const PathTables path(s);
  if (unit_begin[nu] - unit_begin[0] == nu) {
    // Every unit is one character (a block of Han text): the walk steps once per unit.
    const NormChar* unit_char = chars + unit_begin[0];
    for (uint32_t i = nu; i-- > 0;) {
      PathFold fold(i);
      Lexicon::Hit hit;
      if (walk.FromRoot(unit_char[i].cp, &hit)) {
        if (hit.word) fold.Consider(path, i, i, hit.logp, static_cast<TokenTag>(hit.tag));
        for (uint32_t u = i + 1; u < nu && walk.FromNode(hit.node, unit_char[u].cp, &hit); ++u) {
          if (hit.word) fold.Consider(path, i, u, LexiconWordLogp(hit, u - i + 1), static_cast<TokenTag>(hit.tag));
        }
      }
      fold.Finish(path, i, unknown);
    }
    return;
  }
  for (uint32_t i = nu; i-- > 0;) {
    PathFold fold(i);
    uint32_t node = Lexicon::kRoot;
    uint32_t k = unit_begin[i];
    Lexicon::Hit hit{};
    for (uint32_t u = i; u < nu; ++u) {
      bool matched = true;
      for (; k < unit_begin[u + 1]; ++k) {
        if (!(node == Lexicon::kRoot ? walk.FromRoot(chars[k].cp, &hit) : walk.FromNode(node, chars[k].cp, &hit))) {
          matched = false;
          break;
        }
        node = hit.node;
      }
      if (!matched) break;
      if (hit.word) fold.Consider(path, i, u, LexiconWordLogp(hit, u - i + 1), static_cast<TokenTag>(hit.tag));
    }
    fold.Finish(path, i, unknown);
  }
}

// The best path with a user dictionary: an added word replaces the lexicon's entry for the
// same span, a removed one hides it.
void Segmenter::Impl::BestPathWithUser(text::Scratch& s, uint32_t nu,
                                       const text::UserDict& user) const {
  const double unknown = lex->unknown_logp();
  const bool has_added = !user.added.empty();
  const PathTables path(s);
  for (uint32_t i = nu; i-- > 0;) {
    PathFold fold(i);
    uint32_t node = Lexicon::kRoot;
    Lexicon::Hit hit{};
    bool in_trie = true, in_user = has_added;
    s.key.clear();
    for (uint32_t u = i; u < nu && (in_trie || in_user); ++u) {
      for (uint32_t k = s.unit_begin[u]; k < s.unit_begin[u + 1]; ++k) {
        if (in_trie) {
          in_trie = lex->Next(node, s.chars[k].cp, &hit);
          node = hit.node;
        }
        text::AppendUtf8(&s.key, s.chars[k].cp);
      }
      const text::UserWord* added = nullptr;
      if (in_user) {
        auto it = user.added.find(s.key);
        if (it != user.added.end()) added = &it->second;
      }
      if (added != nullptr) {
        fold.Consider(path, i, u, added->logp, added->tag);
      } else if (in_trie && hit.word && (user.removed.empty() || !user.removed.contains(s.key))) {
        fold.Consider(path, i, u, LexiconWordLogp(hit, u - i + 1), static_cast<TokenTag>(hit.tag));
      }
      if (in_user) in_user = user.prefixes.contains(s.key);
    }
    fold.Finish(path, i, unknown);
  }
}

// Segments a block of Han characters and Latin/digit runs [b, e).
void Segmenter::Impl::Block(text::Scratch& s, uint32_t b, uint32_t e,
                            const text::UserDict& user) const {
  // Units: one Han character, or one run of ASCII letters/digits (with a decimal point).
  s.unit_begin.clear();
  for (uint32_t k = b; k < e;) {
    s.unit_begin.push_back(k);
    if (IsAlnum(s.chars[k].cp)) {
      const uint32_t first = k;
      bool numeric = true;
      ++k;
      while (k < e && (IsAlnum(s.chars[k].cp) ||
                       (s.chars[k].cp == '.' && k + 1 < e && IsDigit(s.chars[k - 1].cp) &&
                        IsDigit(s.chars[k + 1].cp)))) {
        ++k;
      }
      for (uint32_t q = first; q < k; ++q) numeric = numeric && (IsDigit(s.chars[q].cp) || s.chars[q].cp == '.');
      // A number takes its unit (3天, 15.5元, 2小时, 1998年): one unit, so no lexicon word
      // can pull the unit away from it (２６日电 is 26日 电, not 26 日电).
      if (numeric) k += UnitLength(s.chars, k, e);
    } else {
      ++k;
    }
  }
  const uint32_t nu = static_cast<uint32_t>(s.unit_begin.size());
  s.unit_begin.push_back(e);
  // Best path, right to left: route[i] is the best log-probability of units [i, nu).
  s.route.assign(nu + 1, 0.0);
  s.best_end.resize(nu);
  s.best_tag.resize(nu);
  if (user.empty()) {
    BestPath(s, nu);
  } else {
    BestPathWithUser(s, nu, user);
  }
  // Forward: words as they are; runs of single Han characters go through the HMM.
  uint32_t buf = nu;  // first unit of the pending run, nu = none
  auto flush = [&](uint32_t upto) {
    if (buf == nu) return;
    const uint32_t cb = s.unit_begin[buf], ce = s.unit_begin[upto];
    if (ce - cb == 1) {
      AddTok(&s.toks, cb, ce, s.best_tag[buf] == TokenTag::kOther ? SingleTag(s.chars[cb].cp)
                                                                     : s.best_tag[buf]);
    } else if (options.hmm) {
      // jieba keeps a run that is itself a word as single characters; otherwise the HMM cuts.
      if (Lexicon::Hit hit; LexiconWord(s.chars, cb, ce, &hit)) {
        for (uint32_t k = cb; k < ce; ++k) AddTok(&s.toks, k, k + 1, SingleTag(s.chars[k].cp));
      } else {
        Hmm(s, cb, ce);
      }
    } else {
      for (uint32_t k = cb; k < ce; ++k) AddTok(&s.toks, k, k + 1, SingleTag(s.chars[k].cp));
    }
    buf = nu;
  };
  for (uint32_t i = 0; i < nu;) {
    const uint32_t j = s.best_end[i];
    const uint32_t cb = s.unit_begin[i], ce = s.unit_begin[j + 1];
    if (j == i && ce - cb == 1 && IsHan(s.chars[cb].cp)) {
      if (buf == nu) buf = i;
    } else {
      flush(i);
      TokenTag tag = s.best_tag[i];
      if (j == i && IsAlnum(s.chars[cb].cp) && tag == TokenTag::kOther) {
        bool numeric = true;
        for (uint32_t k = cb; k < ce; ++k) {
          numeric = numeric && !(s.chars[k].cp >= 'a' && s.chars[k].cp <= 'z') &&
                    !(s.chars[k].cp >= 'A' && s.chars[k].cp <= 'Z');
        }
        tag = numeric ? TokenTag::kNumeral : TokenTag::kLatin;
      }
      if (ce - cb == 2 && IsNumeralClassifier(s.chars[cb].cp, s.chars[cb + 1].cp)) {
        AddTok(&s.toks, cb, cb + 1, SingleTag(s.chars[cb].cp));
        AddTok(&s.toks, cb + 1, ce, SingleTag(s.chars[cb + 1].cp));
      } else {
        AddTok(&s.toks, cb, ce, tag);
      }
    }
    i = j + 1;
  }
  flush(nu);
}

void Segmenter::Impl::Run(std::string_view text, std::vector<Token>* out) const {
  out->clear();
  text::Scratch& s = tls_scratch;
  s.chars.clear();
  s.toks.clear();
  if (options.normalize) {
    text::NormalizeChars(text, norm, &s.chars);
  } else {
    NormalizerOptions raw;
    raw.nfkc = raw.fullwidth_to_halfwidth = raw.traditional_to_simplified = raw.lowercase =
        raw.clean_whitespace = false;
    text::NormalizeChars(text, raw, &s.chars);
  }
  if (tagger) {
    // A trained model segments the whole line; spans come back over the normalised chars.
    std::vector<std::pair<uint32_t, uint32_t>> words;
    tagger->SegmentChars(s.chars, &words);
    for (const auto& [b, e] : words) AddTok(&s.toks, b, e, TagOf(s.chars, b, e));
  } else {
    std::shared_ptr<const text::UserDict> user = Snapshot();
    const uint32_t n = static_cast<uint32_t>(s.chars.size());
    // Addresses are looked for only in the rare texts with an ASCII '@' (one memchr).
    const bool may_have_address = text.find('@') != std::string_view::npos;
    for (uint32_t k = 0; k < n;) {
      const char32_t c = s.chars[k].cp;
      // Most characters are Han, and none of these tests or scanners starts with one.
      const bool han = IsHan(c);
      if (!han) {
        if (IsSpace(c) || c == 0x200D || c == 0x200C) {  // a joiner outside an emoji: drop
          ++k;
          continue;
        }
        // Keycap emoji: 1️⃣ #️⃣ (digit, optional VS16, U+20E3).
        if ((IsDigit(c) || c == '#' || c == '*') && k + 1 < n &&
            (s.chars[k + 1].cp == 0x20E3 ||
             (s.chars[k + 1].cp == 0xFE0F && k + 2 < n && s.chars[k + 2].cp == 0x20E3))) {
          uint32_t e = s.chars[k + 1].cp == 0x20E3 ? k + 2 : k + 3;
          AddTok(&s.toks, k, e, TokenTag::kEmoji);
          k = e;
          continue;
        }
        // Dates and clock times as one token: 2024-01-05, 2024/1/5, 2024.01.05, 12:30, 08:15:00.
        if (IsDigit(c)) {
          if (uint32_t e = DateTimeEnd(s.chars, k); e > k) {
            AddTok(&s.toks, k, e, TokenTag::kTime);
            k = e;
            continue;
          }
        }
        if (c == '@' && k + 1 < n && IsMentionChar(s.chars[k + 1].cp)) {
          uint32_t e = k + 1;
          while (e < n && e - k <= 40 && IsMentionChar(s.chars[e].cp)) ++e;
          AddTok(&s.toks, k, e, TokenTag::kMention);
          k = e;
          continue;
        }
        if (uint32_t e = UrlEnd(s.chars, k); e > k) {
          AddTok(&s.toks, k, e, TokenTag::kUrl);
          k = e;
          continue;
        }
        if (uint32_t e = may_have_address ? EmailEnd(s.chars, k) : k; e > k) {  // one token, like a URL
          AddTok(&s.toks, k, e, TokenTag::kUrl);
          k = e;
          continue;
        }
        if (IsEmojiBase(c) || (c >= 0x1F1E6 && c <= 0x1F1FF)) {
          uint32_t e = k + 1;
          if (c >= 0x1F1E6 && c <= 0x1F1FF) {  // a flag is a pair of regional indicators
            if (e < n && s.chars[e].cp >= 0x1F1E6 && s.chars[e].cp <= 0x1F1FF) ++e;
          } else {
            while (e < n) {
              if (IsEmojiModifier(s.chars[e].cp)) {
                ++e;
              } else if (s.chars[e].cp == 0x200D && e + 1 < n && IsEmojiBase(s.chars[e + 1].cp)) {
                e += 2;
              } else {
                break;
              }
            }
          }
          AddTok(&s.toks, k, e, TokenTag::kEmoji);
          k = e;
          continue;
        }
      }
      if (han || IsAlnum(c)) {
        uint32_t e = k + 1;
        while (e < n && (IsHan(s.chars[e].cp) || IsAlnum(s.chars[e].cp) ||
                         (s.chars[e].cp == '.' && e + 1 < n && IsDigit(s.chars[e - 1].cp) &&
                          IsDigit(s.chars[e + 1].cp))) &&
               UrlEnd(s.chars, e) == e &&
               // an address starts at a Latin word after Han text (发到lily@x.cn)
               (!may_have_address || s.chars[e].cp >= 0x80 || IsAlnum(s.chars[e - 1].cp) ||
                EmailEnd(s.chars, e) == e)) {
          ++e;
        }
        // Natural text has punctuation long before this; an unbroken run is cut into slices
        // so the DAG's memory stays bounded (a word spanning a cut is split there).
        constexpr uint32_t kMaxBlock = 4096;
        for (uint32_t b = k; b < e; b += kMaxBlock) Block(s, b, std::min(e, b + kMaxBlock), *user);
        k = e;
        continue;
      }
      if (c == '%' && !s.toks.empty() && s.toks.back().e == k &&
          s.toks.back().tag == TokenTag::kNumeral) {
        s.toks.back().e = k + 1;
        ++k;
        continue;
      }
      if (c == 0xFFFD && s.chars[k].end - s.chars[k].start == 1) {
        // An invalid byte (a real U+FFFD has three): one token per byte, as voc.h promises,
        // not one run with its neighbours.
        AddTok(&s.toks, k, k + 1, TokenTag::kPunctuation);
        ++k;
        continue;
      }
      if (IsPunctOrSymbol(c)) {
        // A run of the same mark is one token (……, ———, !!!).
        uint32_t e = k + 1;
        while (e < n && s.chars[e].cp == c) ++e;
        AddTok(&s.toks, k, e, TokenTag::kPunctuation);
        k = e;
        continue;
      }
      AddTok(&s.toks, k, k + 1, TokenTag::kOther);
      ++k;
    }
  }
  // Back to original bytes. Characters that expanded (㎏ → kg) share a span: keep tokens
  // disjoint by folding any overlap into the previous token.
  out->reserve(s.toks.size());
  for (const Tok& t : s.toks) {
    if (t.e <= t.b) continue;
    uint32_t start = s.chars[t.b].start, end = s.chars[t.e - 1].end;
    if (!out->empty() && start < out->back().end) {
      out->back().end = std::max(out->back().end, end);
      continue;
    }
    Token& token = out->emplace_back();  // field by field, as in AddTok
    token.start = start;
    token.end = end;
    token.tag = t.tag;
  }
  // A huge text must not leave every thread holding its scratch memory for good.
  if (s.chars.capacity() > (size_t{1} << 20)) s = text::Scratch();
}

double Segmenter::Impl::SegmentCost(const std::u32string& word, const text::UserDict& user) const {
  // -log P of the best segmentation of `word` on its own (used to size user-word frequencies).
  text::Scratch s;
  for (char32_t c : word) s.chars.push_back({c, 0, 1});
  Block(s, 0, static_cast<uint32_t>(s.chars.size()), user);
  return s.route.empty() ? 0.0 : -s.route[0];
}

Segmenter::Segmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;

absl::StatusOr<std::unique_ptr<Segmenter>> Segmenter::Create(const SegmenterOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->norm.invalid_utf8 = InvalidUtf8::kReplace;
  auto lex = options.lexicon.empty() ? Lexicon::Default() : Lexicon::Open(options.lexicon);
  if (!lex.ok()) return lex.status();
  impl->lex = std::move(*lex);
  if (!options.model.empty()) {
    auto tagger = text::CharTagger::Load(options.model);
    if (!tagger.ok()) return tagger.status();
    impl->tagger = std::move(*tagger);
  }
  std::unique_ptr<Segmenter> seg(new Segmenter(std::move(impl)));
  if (!options.user_dict.empty()) {
    if (absl::Status st = seg->LoadUserDict(options.user_dict); !st.ok()) return st;
  }
  return seg;
}

std::vector<Token> Segmenter::Segment(std::string_view text) const {
  std::vector<Token> tokens;
  impl_->Run(text, &tokens);
  return tokens;
}

void Segmenter::Segment(std::string_view text, std::vector<Token>* tokens) const {
  impl_->Run(text, tokens);
}

namespace {

absl::StatusOr<std::string> NormalizeWord(std::string_view word, const NormalizerOptions& norm,
                                          std::u32string* cps) {
  if (word.empty()) return absl::InvalidArgumentError("user word is empty");
  if (word.size() > 256) return absl::InvalidArgumentError("user word longer than 256 bytes");
  size_t bad = utf8::FindInvalid(word);
  if (bad != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("user word is not valid UTF-8 (byte ", bad, ")"));
  }
  std::vector<NormChar> chars;
  text::NormalizeChars(word, norm, &chars);
  std::string out;
  for (const NormChar& c : chars) {
    if (IsSpace(c.cp)) {
      return absl::InvalidArgumentError(absl::StrCat("user word \"", AV(word), "\" contains a space"));
    }
    utf8::Append(&out, c.cp);
    if (cps) cps->push_back(c.cp);
  }
  return out;
}

}  // namespace

absl::Status Segmenter::AddWord(std::string_view word, int64_t freq, TokenTag tag) {
  if (freq < 0) return absl::InvalidArgumentError("user word frequency is negative");
  std::u32string cps;
  auto key = NormalizeWord(word, impl_->norm, &cps);
  if (!key.ok()) return key.status();
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto next = std::make_shared<text::UserDict>(*impl_->user);
  next->removed.erase(*key);
  next->added.erase(*key);
  const double unknown = impl_->lex->unknown_logp();  // log(1 / total)
  double logp;
  if (freq > 0) {
    logp = unknown + std::log(static_cast<double>(freq));
  } else {
    // Win over the word's current best split (like jieba's suggest_freq), and be at least as
    // likely as a typical domain word.
    logp = std::max(-impl_->SegmentCost(cps, *next) + 1.0, unknown + std::log(3000.0));
    freq = static_cast<int64_t>(std::llround(std::exp(logp - unknown)));
  }
  next->added[*key] = {static_cast<float>(logp), freq, tag};
  std::string prefix;
  for (char32_t c : cps) {
    utf8::Append(&prefix, c);
    next->prefixes.insert(prefix);
  }
  impl_->user = std::move(next);
  return absl::OkStatus();
}

absl::Status Segmenter::RemoveWord(std::string_view word) {
  auto key = NormalizeWord(word, impl_->norm, nullptr);
  if (!key.ok()) return key.status();
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto next = std::make_shared<text::UserDict>(*impl_->user);
  next->added.erase(*key);  // prefixes may stay: they only widen the search
  next->removed.insert(*key);
  impl_->user = std::move(next);
  return absl::OkStatus();
}

absl::Status Segmenter::LoadUserDict(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("user dictionary ", path, ": cannot open"));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string_view v = line;
    if (size_t hash = v.find('#'); hash != std::string_view::npos) v = v.substr(0, hash);
    std::istringstream fields{std::string(v)};
    std::string word, second, third;
    if (!(fields >> word)) continue;
    fields >> second >> third;
    auto where = [&](const absl::Status& st) {
      return absl::InvalidArgumentError(
          absl::StrCat("user dictionary ", path, " line ", line_no, ": ", st.message()));
    };
    absl::Status st;
    if (word[0] == '-' && word.size() > 1) {
      st = RemoveWord(std::string_view(word).substr(1));
    } else {
      int64_t freq = 0;
      TokenTag tag = TokenTag::kNoun;
      std::string tag_name = third;
      if (!second.empty() && !absl::SimpleAtoi(second, &freq)) {
        if (!third.empty()) return where(absl::InvalidArgumentError("frequency is not a number"));
        tag_name = second;  // "word tag"
      }
      if (!tag_name.empty()) {
        auto t = ParseTag(tag_name);
        if (!t) return where(absl::InvalidArgumentError(absl::StrCat("unknown tag \"", tag_name, "\"")));
        tag = *t;
      }
      st = AddWord(word, freq, tag);
    }
    if (!st.ok()) return where(st);
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("user dictionary ", path, ": read error"));
  return absl::OkStatus();
}

absl::Status Segmenter::SaveUserDict(const std::string& path) const {
  auto user = impl_->Snapshot();
  std::vector<std::string> lines;
  for (const auto& [w, e] : user->added) {
    lines.push_back(absl::StrCat(w, " ", e.freq, " ", AV(TokenTagName(e.tag))));
  }
  for (const std::string& w : user->removed) lines.push_back("-" + w);
  std::sort(lines.begin(), lines.end());
  std::string bytes = "# voc user dictionary: word frequency tag; -word hides a lexicon word\n";
  for (const std::string& l : lines) absl::StrAppend(&bytes, l, "\n");
  return WriteFileAtomically(path, bytes, "user dictionary");
}

bool Segmenter::Contains(std::string_view word) const {
  auto key = NormalizeWord(word, impl_->norm, nullptr);
  if (!key.ok()) return false;
  auto user = impl_->Snapshot();
  if (user->added.contains(*key)) return true;
  if (user->removed.contains(*key)) return false;
  Lexicon::Hit hit;
  return impl_->LexiconWord(*key, &hit);
}

double Segmenter::WordCost(std::string_view normalized_word) const {
  auto user = impl_->Snapshot();
  std::string key(normalized_word);
  if (auto it = user->added.find(key); it != user->added.end()) return -it->second.logp;
  const double unknown = -impl_->lex->unknown_logp();
  if (user->removed.contains(key)) return unknown;
  Lexicon::Hit hit;
  return impl_->LexiconWord(normalized_word, &hit) ? -hit.logp : unknown;
}

}  // namespace voc
