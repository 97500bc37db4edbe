#include "sentiment/lexicon.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/code_point_matcher.h"
#include "core/files.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace voc::sentiment {

const char* const kEmotionNames[kNumEmotions] = {"anger", "disgust", "sadness", "fear",
                                                 "surprise", "joy", "like", "neutral"};

int EmotionIndex(std::string_view name) {
  for (int i = 0; i < kNumEmotions; ++i) {
    if (name == kEmotionNames[i]) return i;
  }
  return -1;
}

namespace {

// Keys that begin beyond U+2FFFF (CJK extensions G on, tags, private use) match at most
// kFarKeyMaxBytes: the code point and up to two following ones (variation selectors, skin
// tones). An old length table indexed only the code points below; the limit stays so that
// such keys match as they did.
constexpr char32_t kFarKeyFirstCp = 0x30000;
constexpr size_t kFarKeyMaxBytes = 12;

inline unsigned char Lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

uint64_t HashLower(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= Lower(c);
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

bool EqualLower(std::string_view a, std::string_view key) {
  if (a.size() != key.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(key[i])) return false;
  }
  return true;
}

struct Builtin {
  const char* word;
  LexKind kind;
  float value;     // degree multiplier / target class
};

// Function words: fixed by the rules, not by the data file.
const Builtin kBuiltins[] = {
    // negators
    {"不", kNegator, 0}, {"没", kNegator, 0}, {"没有", kNegator, 0}, {"别", kNegator, 0},
    {"并不", kNegator, 0}, {"并没有", kNegator, 0}, {"并没", kNegator, 0}, {"一点也不", kNegator, 0},
    {"一点都不", kNegator, 0}, {"一点儿也不", kNegator, 0}, {"毫不", kNegator, 0}, {"绝不", kNegator, 0},
    {"从不", kNegator, 0}, {"从没", kNegator, 0}, {"从来不", kNegator, 0}, {"从来没有", kNegator, 0},
    {"不是", kNegator, 0}, {"未", kNegator, 0}, {"无", kNegator, 0}, {"不算", kNegator, 0},
    {"不太", kNegator, 0}, {"不怎么", kNegator, 0}, {"不够", kNegator, 0}, {"并非", kNegator, 0},
    {"谈不上", kNegator, 0}, {"算不上", kNegator, 0}, {"称不上", kNegator, 0}, {"不再", kNegator, 0},
    {"不会", kNegator, 0}, {"不能", kNegator, 0}, {"没什么", kNegator, 0}, {"毫无", kNegator, 0},
    {"不怎么样", kOpinion, -0.5f}, {"不咋地", kOpinion, -0.5f}, {"不咋样", kOpinion, -0.5f},
    // double negation: cancels the next negator
    {"不是不", kDoubleNeg, 0}, {"不能不", kDoubleNeg, 0}, {"没有不", kDoubleNeg, 0},
    {"不会不", kDoubleNeg, 0}, {"并非不", kDoubleNeg, 0}, {"不是没有", kDoubleNeg, 0},
    // degree
    {"极其", kDegree, 2.0f}, {"极", kDegree, 1.8f}, {"极度", kDegree, 2.0f}, {"超级", kDegree, 1.8f},
    {"超", kDegree, 1.6f}, {"太", kDegree, 1.6f}, {"非常", kDegree, 1.6f}, {"特别", kDegree, 1.5f},
    {"十分", kDegree, 1.5f}, {"相当", kDegree, 1.4f}, {"很", kDegree, 1.3f}, {"挺", kDegree, 1.2f},
    {"真", kDegree, 1.3f}, {"真的", kDegree, 1.3f}, {"蛮", kDegree, 1.2f}, {"比较", kDegree, 1.0f},
    {"较", kDegree, 1.0f}, {"还", kDegree, 0.9f}, {"还算", kDegree, 0.8f}, {"有点", kDegree, 0.7f},
    {"有点儿", kDegree, 0.7f}, {"有些", kDegree, 0.7f}, {"有一点", kDegree, 0.7f}, {"稍微", kDegree, 0.6f},
    {"稍", kDegree, 0.6f}, {"略", kDegree, 0.6f}, {"略微", kDegree, 0.6f}, {"最", kDegree, 1.8f},
    {"更", kDegree, 1.3f}, {"更加", kDegree, 1.3f}, {"越来越", kDegree, 1.3f}, {"如此", kDegree, 1.4f},
    {"这么", kDegree, 1.3f}, {"那么", kDegree, 1.2f}, {"贼", kDegree, 1.5f}, {"巨", kDegree, 1.6f},
    {"过于", kDegree, 1.5f}, {"太过", kDegree, 1.5f}, {"实在", kDegree, 1.4f}, {"简直", kDegree, 1.5f},
    {"绝对", kDegree, 1.4f}, {"异常", kDegree, 1.6f}, {"格外", kDegree, 1.4f}, {"尤其", kDegree, 1.4f},
    {"倍儿", kDegree, 1.5f}, {"特", kDegree, 1.4f}, {"好不", kDegree, 1.5f},
    // contrast (value 1: may split anywhere; 0: only marks the clause)
    {"但是", kContrast, 1}, {"但", kContrast, 1}, {"不过", kContrast, 1}, {"可是", kContrast, 1},
    {"然而", kContrast, 1}, {"只是", kContrast, 1}, {"可惜", kContrast, 1}, {"就是", kContrast, 0},
    {"却", kContrast, 0}, {"但还是", kContrast, 1}, {"偏偏", kContrast, 0},
    // rhetorical questions
    {"难道", kRhetoric, 0}, {"岂", kRhetoric, 0}, {"何必", kRhetoric, 0},
    // ambiguous adjectives (polarity from the target)
    {"快", kAmbiguous, 0}, {"慢", kAmbiguous, 0}, {"高", kAmbiguous, 0}, {"低", kAmbiguous, 0},
    {"大", kAmbiguous, 0}, {"小", kAmbiguous, 0}, {"多", kAmbiguous, 0}, {"少", kAmbiguous, 0},
    {"足", kAmbiguous, 0}, {"长", kAmbiguous, 0}, {"短", kAmbiguous, 0}, {"严重", kAmbiguous, 0},
    {"及时", kOpinion, 0.6f}, {"迅速", kOpinion, 0.6f}, {"缓慢", kOpinion, -0.6f},
    // targets: 1 speed (快 good), 2 drain (快 bad), 3 cost (高 bad), 4 merit (高 good)
    {"速度", kTarget, 1}, {"物流", kTarget, 1}, {"发货", kTarget, 1}, {"送货", kTarget, 1},
    {"配送", kTarget, 1}, {"送餐", kTarget, 1}, {"出餐", kTarget, 1}, {"上菜", kTarget, 1},
    {"快递", kTarget, 1}, {"反应", kTarget, 1}, {"回复", kTarget, 1}, {"处理", kTarget, 1},
    {"效率", kTarget, 1}, {"网速", kTarget, 1}, {"充电", kTarget, 1}, {"开机", kTarget, 1},
    {"运行", kTarget, 1}, {"加速", kTarget, 1}, {"到货", kTarget, 1}, {"退款", kTarget, 1},
    {"响应", kTarget, 1}, {"送达", kTarget, 1}, {"送的", kTarget, 1}, {"送得", kTarget, 1},
    {"来的", kTarget, 1}, {"到的", kTarget, 1}, {"外卖", kTarget, 1}, {"骑手", kTarget, 1},
    {"耗电", kTarget, 2}, {"掉电", kTarget, 2}, {"发热", kTarget, 2}, {"发烫", kTarget, 2},
    // whole, so 量 (分量大 is good) does not decide them
    {"发热量", kTarget, 2}, {"耗电量", kTarget, 2},
    {"磨损", kTarget, 2}, {"掉色", kTarget, 2}, {"褪色", kTarget, 2}, {"变质", kTarget, 2},
    {"电池掉", kTarget, 2}, {"坏得", kTarget, 2}, {"坏的", kTarget, 2}, {"掉漆", kTarget, 2},
    {"价格", kTarget, 3}, {"价钱", kTarget, 3}, {"费用", kTarget, 3}, {"收费", kTarget, 3},
    {"油耗", kTarget, 3}, {"噪音", kTarget, 3}, {"噪声", kTarget, 3}, {"运费", kTarget, 3},
    {"配送费", kTarget, 3}, {"成本", kTarget, 3}, {"胎噪", kTarget, 3}, {"风噪", kTarget, 3},
    {"误差", kTarget, 3}, {"故障率", kTarget, 3}, {"房价", kTarget, 3}, {"价位", kTarget, 3},
    {"售价", kTarget, 3}, {"异味", kTarget, 3}, {"味道大", kOpinion, -0.4f}, {"毛病", kTarget, 3},
    {"问题", kTarget, 3}, {"油烟", kTarget, 3}, {"声音", kTarget, 3}, {"辐射", kTarget, 3},
    {"评分", kTarget, 4}, {"性价比", kTarget, 4}, {"质量", kTarget, 4}, {"品质", kTarget, 4},
    {"颜值", kTarget, 4}, {"分辨率", kTarget, 4}, {"配置", kTarget, 4}, {"分量", kTarget, 4},
    {"份量", kTarget, 4}, {"容量", kTarget, 4}, {"空间", kTarget, 4}, {"动力", kTarget, 4},
    {"亮度", kTarget, 4}, {"续航", kTarget, 4}, {"好评", kTarget, 4}, {"满意度", kTarget, 4},
    {"清晰度", kTarget, 4}, {"口碑", kTarget, 4}, {"评价", kTarget, 4}, {"量", kTarget, 4},
    {"料", kTarget, 4}, {"肉", kTarget, 4}, {"待机", kTarget, 4}, {"内存", kTarget, 4},
    {"硬盘", kTarget, 4}, {"屏幕", kTarget, 4}, {"信号", kTarget, 4}, {"素质", kTarget, 4},
};

struct TargetRule {
  const char* adjective;
  float by_class[5];  // index 0: no target
};

const TargetRule kTargetRules[] = {
    {"快", {0.2f, 0.7f, -0.7f, -0.3f, 0.3f}},   {"慢", {-0.4f, -0.7f, 0.5f, 0.0f, -0.3f}},
    {"高", {0.0f, 0.5f, -0.4f, -0.6f, 0.7f}},   {"低", {0.0f, -0.5f, 0.4f, 0.5f, -0.6f}},
    {"大", {0.0f, 0.0f, -0.5f, -0.5f, 0.5f}},   {"小", {0.0f, 0.0f, 0.4f, 0.4f, -0.5f}},
    {"多", {0.0f, 0.0f, -0.5f, -0.5f, 0.4f}},   {"少", {0.0f, 0.0f, 0.3f, 0.4f, -0.5f}},
    {"足", {0.0f, 0.0f, 0.0f, 0.0f, 0.5f}},     {"长", {0.0f, -0.4f, 0.0f, 0.0f, 0.5f}},
    {"短", {0.0f, 0.4f, 0.0f, 0.0f, -0.5f}},    {"严重", {-0.4f, -0.5f, -0.7f, -0.7f, -0.5f}},
};

}  // namespace

float Lexicon::TargetPolarity(std::string_view adjective, int target_class) {
  if (target_class < 0 || target_class > 4) target_class = 0;
  for (const auto& r : kTargetRules) {
    if (adjective == r.adjective) return r.by_class[target_class];
  }
  return 0;
}

bool Lexicon::IsAmbiguous(std::string_view adjective) {
  for (const auto& r : kTargetRules) {
    if (adjective == r.adjective) return true;
  }
  return false;
}

int Lexicon::TargetClassIn(std::string_view text) {
  static const CodePointMatcher* const targets = [] {
    auto* m = new CodePointMatcher();
    for (const auto& b : kBuiltins) {
      if (b.kind == kTarget) m->Add(b.word, static_cast<int32_t>(b.value));
    }
    m->Build();
    return m;
  }();
  thread_local std::vector<CodePointMatcher::Match> found;
  found.clear();
  targets->FindAll(text, &found);
  int best = 0;
  uint32_t best_end = 0, best_size = 0;
  for (const auto& m : found) {
    if (best == 0 || m.end > best_end || (m.end == best_end && m.end - m.start > best_size)) {
      best = m.value;
      best_end = m.end;
      best_size = m.end - m.start;
    }
  }
  return best;
}

void Lexicon::Add(std::string_view word, const LexEntry& e) {
  if (word.empty() || word.size() > 64) return;
  std::string key(word);
  for (auto& c : key) c = static_cast<char>(Lower(static_cast<unsigned char>(c)));
  keys_.push_back(std::move(key));
  entries_.push_back(e);
}

void Lexicon::BuildTable() {
  // Later entries override earlier ones (builtins are added last).
  size_t cap = 16;
  while (cap < keys_.size() * 2) cap <<= 1;
  table_.assign(cap, -1);
  mask_ = cap - 1;
  for (size_t i = 0; i < keys_.size(); ++i) {
    uint64_t h = HashLower(keys_[i]) & mask_;
    while (table_[h] >= 0 && keys_[table_[h]] != keys_[i]) h = (h + 1) & mask_;
    table_[h] = static_cast<int32_t>(i);
  }
}

void Lexicon::Build() {
  BuildTable();
  std::vector<bool> won(keys_.size(), false);
  for (int32_t i : table_) {
    if (i >= 0) won[i] = true;
  }
  matcher_ = CodePointMatcher(CodePointMatcher::Case::kFoldAscii);
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (won[i]) matcher_.Add(keys_[i], static_cast<int32_t>(i));
  }
  matcher_.Build();
}

const LexEntry* Lexicon::Find(std::string_view key) const {
  if (table_.empty()) return nullptr;
  uint64_t h = HashLower(key) & mask_;
  while (table_[h] >= 0) {
    if (EqualLower(key, keys_[table_[h]])) return &entries_[table_[h]];
    h = (h + 1) & mask_;
  }
  return nullptr;
}

size_t Lexicon::Match(std::string_view text, size_t pos, const LexEntry** entry) const {
  int32_t index = -1;
  size_t len = matcher_.LongestAt(text, pos, &index);
  char32_t cp = 0;
  if (len > kFarKeyMaxBytes && static_cast<unsigned char>(text[pos]) >= 0xF0 &&
      utf8::Decode(text, pos, &cp) != 0 && cp >= kFarKeyFirstCp) {
    len = matcher_.LongestAt(text.substr(0, pos + kFarKeyMaxBytes), pos, &index);
  }
  if (len == 0) return 0;
  // A Latin word matches at the start of a word only: ok is not in book, nor emo in demo, but
  // love is in lovely and LoveYou (an upper-case letter after a lower-case one starts a word).
  if (pos > 0) {
    const unsigned char before = text[pos - 1], first = text[pos];
    if (absl::ascii_isalpha(before) &&
        (absl::ascii_islower(first) || (absl::ascii_isupper(first) && absl::ascii_isupper(before)))) {
      return 0;
    }
  }
  *entry = &entries_[index];
  return len;
}

Lexicon Lexicon::BuiltinOnly() {
  Lexicon lex;
  // A handful of core opinion words so the rules work without the data file.
  static const std::pair<const char*, float> kCore[] = {
      {"好", 0.6f},    {"满意", 0.7f}, {"喜欢", 0.7f}, {"高兴", 0.7f}, {"不错", 0.6f},
      {"差", -0.7f},   {"失望", -0.7f}, {"糟糕", -0.8f}, {"垃圾", -0.9f}, {"好吃", 0.7f},
      {"难吃", -0.8f}, {"生气", -0.7f}, {"推荐", 0.5f}, {"坑", -0.6f}, {"棒", 0.8f}};
  for (const auto& [w, p] : kCore) lex.Add(w, LexEntry{p, -1, kOpinion});
  for (const auto& b : kBuiltins) {
    LexEntry e;
    e.kind = b.kind;
    if (b.kind == kDegree || b.kind == kOpinion || b.kind == kContrast) e.polarity = b.value;
    if (b.kind == kTarget) e.emotion = static_cast<int8_t>(b.value);
    lex.Add(b.word, e);
  }
  lex.Build();
  return lex;
}

absl::StatusOr<Lexicon> Lexicon::Load(const std::string& path) {
  std::ifstream in;
  if (absl::Status s = OpenInputFile(path, "sentiment lexicon", &in); !s.ok()) return s;
  Lexicon lex;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> f = absl::StrSplit(AV(line), '\t');
    double pol = 0, inten = 0;
    if (f.size() < 3 || !absl::SimpleAtod(f[1], &pol) || !absl::SimpleAtod(f[2], &inten) ||
        !utf8::IsValid(SV(f[0]))) {
      return absl::InvalidArgumentError(
          absl::StrCat("sentiment lexicon ", path, " line ", line_no,
                       ": expected word<TAB>polarity<TAB>intensity<TAB>emotion"));
    }
    LexEntry e;
    e.polarity = static_cast<float>(std::clamp(pol, -1.0, 1.0) * std::clamp(inten, 0.0, 1.0));
    e.emotion = f.size() >= 4 ? static_cast<int8_t>(EmotionIndex(SV(f[3]))) : -1;
    e.kind = kOpinion;
    lex.Add(SV(f[0]), e);
  }
  lex.BuildTable();
  Lexicon builtin = BuiltinOnly();
  // Function words override the data file; core opinion words only fill gaps.
  for (size_t i = 0; i < builtin.keys_.size(); ++i) {
    if (builtin.entries_[i].kind == kOpinion && lex.Find(builtin.keys_[i]) != nullptr) continue;
    lex.keys_.push_back(builtin.keys_[i]);
    lex.entries_.push_back(builtin.entries_[i]);
  }
  // Build with later duplicates winning: rebuild keeps the last index per key.
  lex.Build();
  return lex;
}

namespace {

bool IsClauseBreak(char32_t c) {
  switch (c) {
    case U'，': case U',': case U'。': case U'.': case U'！': case U'!': case U'？': case U'?':
    case U'；': case U';': case U'～': case U'~': case U'\n': case U'\r': case U'\t': case U' ':
    case U'、': case U'…': case U'　': case U'：': case U':':
      return true;
    default:
      return false;
  }
}

// Sarcastic praise reads as its opposite: praise right after 真是 when the text complains more
// than it praises otherwise (呵呵，真是好服务; 真是太棒了，第三次坏了), and praise that 才怪
// follows (质量很好！才怪). It is marked negated, as 不好 would be.
void MarkSarcasm(std::string_view text, RuleAnalysis* out) {
  // The complaint must outweigh the other praise, with no contrast word: 真是太好吃了，就是有点贵
  // and 卖家真的是良心卖家 in a review of praise with one 贵 praise sincerely.
  bool contrast = false;
  for (const Clause& c : out->clauses) contrast |= c.after_contrast;
  float complaint = 0;
  for (const Hit& h : out->hits) complaint -= std::min(h.score, 0.0f);
  // The 真是 scan runs only for texts that complain at all (most praise does not).
  bool complaining = !contrast && complaint > 0;
  if (complaining) {
    float other_praise = 0;
    for (const Hit& h : out->hits) {
      if (h.score > 0 && !TrulyIsBefore(text, h.scope_start, h.start)) other_praise += h.score;
    }
    complaining = complaint > other_praise;
  }
  for (Hit& h : out->hits) {
    if (h.score <= 0 || h.negated) continue;
    const bool sarcastic = complaining && TrulyIsBefore(text, h.scope_start, h.start);
    if (!sarcastic && !DeniedAfter(text, h.end)) continue;
    h.negated = true;
    h.score = -0.8f * std::fabs(h.base);
  }
}

}  // namespace

void AnalyzeRules(const Lexicon& lex, std::string_view text, RuleAnalysis* out) {
  out->clear();
  int neg = 0;               // pending negators
  float degree = 1.0f;       // pending degree multiplier
  int gap = 0;               // characters since the last modifier
  uint32_t scope_start = 0;  // first pending modifier
  bool has_modifier = false;
  int target_class = 0;
  int target_gap = 99;
  bool open = false;
  bool next_after_contrast = false;
  auto reset = [&] {
    neg = 0;
    degree = 1.0f;
    gap = 0;
    has_modifier = false;
  };
  auto open_clause = [&](uint32_t pos) {
    if (open) return;
    Clause c;
    c.start = c.end = pos;
    c.after_contrast = next_after_contrast;
    next_after_contrast = false;
    out->clauses.push_back(c);
    open = true;
  };
  auto close_clause = [&] {
    open = false;
    reset();
    target_class = 0;
    target_gap = 99;
  };
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    size_t n = utf8::DecodeInline(text, pos, &cp);
    if (n == 0) {  // invalid byte: skip it (callers validate first)
      ++pos;
      continue;
    }
    if (IsClauseBreak(cp) && !((cp == U' ' || cp == U'.') && InsideLatinText(text, pos))) {
      // Keep ASCII emoticons such as ":)" and "^_^" out of the break path.
      const LexEntry* e = nullptr;
      size_t len = cp < 128 ? lex.Match(text, pos, &e) : 0;
      if (len <= n) {
        close_clause();
        pos += n;
        continue;
      }
    }
    const LexEntry* e = nullptr;
    size_t len = lex.Match(text, pos, &e);
    uint32_t p32 = static_cast<uint32_t>(pos);
    if (len == 0) {
      open_clause(p32);
      pos += n;
      out->clauses.back().end = static_cast<uint32_t>(pos);
      if (++gap > 4) reset();
      ++target_gap;
      continue;
    }
    std::string_view word = text.substr(pos, len);
    switch (e->kind) {
      case kContrast:
        if (e->polarity > 0 || !open) {
          if (open) close_clause();
          next_after_contrast = true;
          open_clause(p32);
        } else {
          out->clauses.back().after_contrast = true;
        }
        break;
      case kNegator:
        open_clause(p32);
        if (!has_modifier) scope_start = p32;
        has_modifier = true;
        ++neg;
        gap = 0;
        break;
      case kDoubleNeg:
        open_clause(p32);
        if (!has_modifier) scope_start = p32;
        has_modifier = true;
        neg += 2;
        gap = 0;
        break;
      case kDegree:
        open_clause(p32);
        if (!has_modifier) scope_start = p32;
        has_modifier = true;
        degree *= e->polarity;
        gap = 0;
        break;
      case kRhetoric:
        open_clause(p32);
        out->clauses.back().rhetorical = true;
        break;
      case kTarget:
        open_clause(p32);
        target_class = e->emotion;
        target_gap = 0;
        break;
      case kAmbiguous:
      case kOpinion: {
        open_clause(p32);
        float base = e->polarity;
        if (e->kind == kAmbiguous) {
          base = Lexicon::TargetPolarity(word, target_gap <= 6 ? target_class : 0);
        }
        if (base == 0) {
          ++target_gap;
          break;
        }
        Hit h;
        h.start = p32;
        h.end = static_cast<uint32_t>(pos + len);
        h.scope_start = has_modifier ? scope_start : p32;
        h.base = base;
        h.emotion = e->emotion;
        h.negated = (neg % 2) == 1;
        h.double_negated = !h.negated && neg >= 2;
        h.after_contrast = out->clauses.back().after_contrast;
        h.clause = static_cast<int>(out->clauses.size()) - 1;
        float s;
        if (h.negated) {
          // Negation weakens: 不是很满意 is mildly negative, 不算太差 mildly positive.
          s = base > 0 ? -0.8f * base : -0.5f * base;
        } else if (neg >= 2) {
          s = 0.6f * std::fabs(base);  // 不是不好: an affirmation, hedged
        } else {
          s = base * degree;
        }
        h.score = std::clamp(s, -1.0f, 1.0f);
        out->hits.push_back(h);
        reset();
        break;
      }
      default:
        break;
    }
    pos += len;
    if (open) out->clauses.back().end = static_cast<uint32_t>(pos);
  }
  MarkSarcasm(text, out);
  // Clause scores and the contrast-weighted total.
  for (const Hit& h : out->hits) out->clauses[h.clause].rule_score += h.score;
  double total = 0;
  for (size_t i = 0; i < out->clauses.size(); ++i) {
    Clause& c = out->clauses[i];
    if (c.rhetorical) c.rule_score = c.rule_score != 0 ? -c.rule_score : -0.5f;
    double w = 1.0;
    if (c.after_contrast) w = 1.6;
    if (i + 1 < out->clauses.size() && out->clauses[i + 1].after_contrast) w = 0.6;
    total += w * c.rule_score;
  }
  out->rule_score = static_cast<float>(std::tanh(total));
}

}  // namespace voc::sentiment
