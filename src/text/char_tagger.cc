#include "text/char_tagger.h"
#include "text/lexicon.h"

#include <algorithm>
#include <cmath>
#include <array>
#include <cstring>
#include <functional>
#include <fstream>
#include <numeric>
#include <random>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "core/files.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "unicode/uchar.h"

namespace voc::text {
namespace {

constexpr char kMagic[8] = {'V', 'O', 'C', 'S', 'E', 'G', '0', '1'};
constexpr uint32_t kVersion = 3;  // 2: training vocabulary features; 3: lexicon features
constexpr int kTags = 4;  // B M E S
constexpr int kB = 0, kM = 1, kE = 2, kS = 3;
constexpr int kFeatures = 20;
constexpr size_t kMaxWord = 12;  // longest vocabulary word looked up (characters)
constexpr int kFolds = 5;
constexpr float kTrainMargin = 3.0f;  // chosen on the PKU/MSR dev sets (1: -0.1 F1 on MSR)
constexpr char32_t kBos = 0x110000, kEos = 0x110001;

uint32_t CharClass(char32_t c) {
  if (c >= kBos) return 0;
  if (IsDigit(c)) return 1;
  if (IsAlnum(c)) return 2;
  if (IsHan(c)) {
    // Chinese numerals get their own class: numbers and dates follow their own rules.
    static constexpr std::u32string_view kNumerals = U"〇零一二三四五六七八九十百千万亿两";
    return kNumerals.find(c) != std::u32string_view::npos ? 3 : 4;
  }
  int8_t t = u_charType(static_cast<UChar32>(c));
  if ((t >= U_DASH_PUNCTUATION && t <= U_OTHER_PUNCTUATION) || t == U_INITIAL_PUNCTUATION ||
      t == U_FINAL_PUNCTUATION) {
    return 5;
  }
  return 6;
}

inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
inline uint32_t Hash(uint64_t tmpl, uint64_t a, uint64_t b, int bits) {
  uint64_t h = Mix((tmpl << 56) ^ (a << 24) ^ b ^ (a >> 40));
  h = Mix(h ^ (b << 21) ^ tmpl);
  return static_cast<uint32_t>(h >> (64 - bits));
}

// Feature rows of each position of `c` (a chunk without spaces).
// Hash of the word c[b, e) (vocabulary key); WordHash(c, b, e) for each e is computed
// incrementally by the callers.
inline uint64_t ExtendHash(uint64_t h, char32_t c) { return Mix(h ^ (c + 0x9e3779b97f4a7c15ULL)); }
constexpr uint64_t kWordSeed = 0x5bd1e995u;

// Records a known word over c[b, e) in the 3-bytes-per-character table of DictLengths and
// LexiconLengths: the longest (capped at 6) starting, ending and strictly covering each position.
void MarkWord(size_t b, size_t e, std::vector<uint8_t>* out) {
  const uint8_t len = static_cast<uint8_t>(std::min<size_t>(e - b, 6));
  (*out)[b * 3] = std::max((*out)[b * 3], len);
  (*out)[(e - 1) * 3 + 1] = std::max((*out)[(e - 1) * 3 + 1], len);
  for (size_t i = b + 1; i + 1 < e; ++i) (*out)[i * 3 + 2] = std::max((*out)[i * 3 + 2], len);
}

// For each position: the length (capped at 6) of the longest vocabulary word starting there,
// ending there, and strictly covering it; 3 bytes per character.
void DictLengths(const std::vector<char32_t>& c, const std::function<bool(uint64_t)>& known,
                 std::vector<uint8_t>* out) {
  const size_t n = c.size();
  out->assign(n * 3, 0);
  for (size_t b = 0; b < n; ++b) {
    uint64_t h = ExtendHash(kWordSeed, c[b]);
    for (size_t e = b + 2; e <= n && e - b <= kMaxWord; ++e) {
      h = ExtendHash(h, c[e - 1]);
      if (known(h)) MarkWord(b, e, out);
    }
  }
}

// The same three lengths for the words of voc's lexicon (jieba's dictionary plus the domain
// words): general knowledge of Chinese words that a training corpus may not contain.
void LexiconLengths(const std::vector<char32_t>& c, const Lexicon& lex, std::vector<uint8_t>* out) {
  const size_t n = c.size();
  out->assign(n * 3, 0);
  for (size_t b = 0; b < n; ++b) {
    uint32_t node = Lexicon::kRoot;
    for (size_t e = b + 1; e <= n && e - b <= kMaxWord; ++e) {
      Lexicon::Hit hit;
      if (!lex.Next(node, c[e - 1], &hit)) break;
      node = hit.node;
      if (e - b >= 2 && hit.word) MarkWord(b, e, out);
    }
  }
}

void Features(const std::vector<char32_t>& c, const std::vector<uint8_t>& dict,
              const std::vector<uint8_t>& lexd, int bits, std::vector<uint32_t>* out) {
  const size_t n = c.size();
  out->resize(n * kFeatures);
  auto at = [&](ptrdiff_t i) -> uint64_t {
    if (i < 0) return kBos;
    if (i >= static_cast<ptrdiff_t>(n)) return kEos;
    return c[static_cast<size_t>(i)];
  };
  for (size_t i = 0; i < n; ++i) {
    const ptrdiff_t p = static_cast<ptrdiff_t>(i);
    uint32_t* f = &(*out)[i * kFeatures];
    const uint64_t m2 = at(p - 2), m1 = at(p - 1), c0 = at(p), p1 = at(p + 1), p2 = at(p + 2);
    f[0] = Hash(1, m2, 0, bits);
    f[1] = Hash(2, m1, 0, bits);
    f[2] = Hash(3, c0, 0, bits);
    f[3] = Hash(4, p1, 0, bits);
    f[4] = Hash(5, p2, 0, bits);
    f[5] = Hash(6, m2, m1, bits);
    f[6] = Hash(7, m1, c0, bits);
    f[7] = Hash(8, c0, p1, bits);
    f[8] = Hash(9, p1, p2, bits);
    f[9] = Hash(10, m1, p1, bits);
    f[10] = Hash(11, CharClass(static_cast<char32_t>(m1)) * 64 + CharClass(static_cast<char32_t>(c0)) * 8 +
                         CharClass(static_cast<char32_t>(p1)), 0, bits);
    f[11] = Hash(12, c0, c0 == m1 ? 1 : (c0 == m2 ? 2 : 0), bits);  // reduplication (看看, 谢谢)
    const uint64_t lb = dict[i * 3], le = dict[i * 3 + 1], lm = dict[i * 3 + 2];
    f[12] = Hash(13, lb, 0, bits);
    f[13] = Hash(14, le, 0, bits);
    f[14] = Hash(15, lm, 0, bits);
    f[15] = Hash(16, c0, lb * 64 + le * 8 + lm, bits);
    const uint64_t xb = lexd[i * 3], xe = lexd[i * 3 + 1], xm = lexd[i * 3 + 2];
    f[16] = Hash(17, xb, 0, bits);
    f[17] = Hash(18, xe, 0, bits);
    f[18] = Hash(19, xm, 0, bits);
    f[19] = Hash(20, xb * 64 + xe * 8 + xm, lb * 64 + le * 8 + lm, bits);
  }
}

bool Allowed(int prev, int cur) {
  if (prev == 4) return cur == kB || cur == kS;
  if (prev == kB || prev == kM) return cur == kM || cur == kE;
  return cur == kB || cur == kS;
}

// Viterbi over emission scores em[i*4+t] and transitions.
void Decode(const std::vector<float>& em, size_t n, const float trans[5][4], std::vector<int>* tags) {
  std::vector<float> score(n * kTags);
  std::vector<uint8_t> back(n * kTags);
  for (int t = 0; t < kTags; ++t) {
    score[t] = Allowed(4, t) ? em[t] + trans[4][t] : -1e30f;
  }
  for (size_t i = 1; i < n; ++i) {
    for (int t = 0; t < kTags; ++t) {
      float best = -3e30f;
      int arg = 0;
      for (int p = 0; p < kTags; ++p) {
        if (!Allowed(p, t)) continue;
        float v = score[(i - 1) * kTags + p] + trans[p][t];
        if (v > best) best = v, arg = p;
      }
      score[i * kTags + t] = best + em[i * kTags + t];
      back[i * kTags + t] = static_cast<uint8_t>(arg);
    }
  }
  tags->resize(n);
  int t = score[(n - 1) * kTags + kE] >= score[(n - 1) * kTags + kS] ? kE : kS;
  for (size_t i = n; i-- > 0;) {
    (*tags)[i] = t;
    t = back[i * kTags + t];
  }
}

void Emissions(const std::vector<uint32_t>& feats, size_t n, const float* w, std::vector<float>* em) {
  em->assign(n * kTags, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    for (int k = 0; k < kFeatures; ++k) {
      const float* row = w + size_t{feats[i * kFeatures + k]} * kTags;
      for (int t = 0; t < kTags; ++t) (*em)[i * kTags + t] += row[t];
    }
  }
}

uint64_t Checksum(const char* p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ULL;
  return h;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CharTagger>> CharTagger::Train(
    const std::vector<std::vector<std::string>>& sentences, const CharTaggerTrainOptions& options) {
  if (options.hash_bits < 10 || options.hash_bits > 24) {
    return absl::InvalidArgumentError("hash_bits must be within 10..24");
  }
  if (options.epochs < 1) return absl::InvalidArgumentError("epochs must be at least 1");
  // Normalised characters and gold tags per sentence.
  NormalizerOptions norm;
  norm.invalid_utf8 = InvalidUtf8::kReplace;
  std::vector<std::vector<char32_t>> chars;
  std::vector<std::vector<int>> gold;
  std::vector<NormChar> tmp;
  for (const auto& words : sentences) {
    std::vector<char32_t> c;
    std::vector<int> g;
    for (const std::string& w : words) {
      tmp.clear();
      NormalizeChars(w, norm, &tmp);
      std::vector<char32_t> wc;
      for (const NormChar& nc : tmp) {
        if (!IsSpace(nc.cp)) wc.push_back(nc.cp);
      }
      for (size_t i = 0; i < wc.size(); ++i) {
        c.push_back(wc[i]);
        g.push_back(wc.size() == 1 ? kS : i == 0 ? kB : i + 1 == wc.size() ? kE : kM);
      }
    }
    if (!c.empty()) {
      chars.push_back(std::move(c));
      gold.push_back(std::move(g));
    }
  }
  if (chars.empty()) return absl::InvalidArgumentError("the training corpus has no words");

  // Training vocabulary, counted per fold: a training sentence sees only the words of the
  // other folds, so the vocabulary features are as reliable in training as on new text
  // (otherwise every training word would be "known" and the model would trust them blindly).
  std::unordered_map<uint64_t, std::array<int32_t, kFolds>> vocab;
  for (size_t s = 0; s < chars.size(); ++s) {
    size_t b = 0;
    for (size_t i = 0; i < chars[s].size(); ++i) {
      if (gold[s][i] == kB) b = i;
      if (gold[s][i] != kE || i + 1 - b > kMaxWord) continue;
      uint64_t h = kWordSeed;
      for (size_t k = b; k <= i; ++k) h = ExtendHash(h, chars[s][k]);
      ++vocab[h][s % kFolds];
    }
  }
  const int min_count = std::max(1, options.vocab_min_count);
  std::vector<std::vector<uint8_t>> dicts(chars.size());
  for (size_t s = 0; s < chars.size(); ++s) {
    const size_t fold = s % kFolds;
    DictLengths(chars[s], [&](uint64_t h) {
      auto it = vocab.find(h);
      if (it == vocab.end()) return false;
      int others = 0;
      for (size_t f = 0; f < kFolds; ++f) others += f == fold ? 0 : it->second[f];
      return others >= min_count;
    }, &dicts[s]);
  }

  auto lex = Lexicon::Default();
  if (!lex.ok()) return lex.status();
  std::vector<std::vector<uint8_t>> lexds(chars.size());
  for (size_t s = 0; s < chars.size(); ++s) LexiconLengths(chars[s], **lex, &lexds[s]);

  std::unique_ptr<CharTagger> m(new CharTagger());
  m->lex_ = *lex;
  for (const auto& [h, counts] : vocab) {
    int total = 0;
    for (int n : counts) total += n;
    if (total >= min_count) m->vocab_.push_back(h);
  }
  std::sort(m->vocab_.begin(), m->vocab_.end());
  m->vocab_set_.insert(m->vocab_.begin(), m->vocab_.end());
  m->hash_bits_ = options.hash_bits;
  const size_t rows = size_t{1} << options.hash_bits;
  m->weights_.assign(rows * kTags, 0.0f);
  // Averaged perceptron with the lazy-sum trick: avg = w - acc / steps.
  std::vector<float> acc(rows * kTags, 0.0f);
  float trans_acc[5][4] = {};
  double step = 1;
  std::vector<size_t> order(chars.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::vector<uint32_t> feats;
  std::vector<float> em;
  std::vector<int> pred;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t right = 0, total = 0;
    for (size_t idx : order) {
      const auto& c = chars[idx];
      const auto& g = gold[idx];
      const size_t n = c.size();
      Features(c, dicts[idx], lexds[idx], m->hash_bits_, &feats);
      Emissions(feats, n, m->weights_.data(), &em);
      // Loss-augmented decoding: wrong tags get a bonus, so training goes on until the gold
      // path wins by a margin (without it, ties stop learning and averaging can flip them).
      for (size_t i = 0; i < n; ++i) {
        for (int t = 0; t < kTags; ++t) em[i * kTags + t] += t == g[i] ? 0.0f : kTrainMargin;
      }
      Decode(em, n, m->trans_, &pred);
      total += n;
      bool same = true;
      for (size_t i = 0; i < n; ++i) {
        if (pred[i] == g[i]) ++right; else same = false;
      }
      if (!same) {
        const float s = static_cast<float>(step);
        for (size_t i = 0; i < n; ++i) {
          const int gp = i == 0 ? 4 : g[i - 1], pp = i == 0 ? 4 : pred[i - 1];
          if (gp != pp || g[i] != pred[i]) {
            m->trans_[gp][g[i]] += 1, trans_acc[gp][g[i]] += s;
            m->trans_[pp][pred[i]] -= 1, trans_acc[pp][pred[i]] -= s;
          }
          if (g[i] == pred[i]) continue;
          for (int k = 0; k < kFeatures; ++k) {
            const size_t row = size_t{feats[i * kFeatures + k]} * kTags;
            m->weights_[row + g[i]] += 1, acc[row + g[i]] += s;
            m->weights_[row + pred[i]] -= 1, acc[row + pred[i]] -= s;
          }
        }
      }
      step += 1;
    }
    if (options.progress) options.progress(epoch, total ? double(right) / total : 0.0);
  }
  const float inv = static_cast<float>(1.0 / step);
  for (size_t i = 0; i < m->weights_.size(); ++i) m->weights_[i] -= acc[i] * inv;
  for (int p = 0; p < 5; ++p) {
    for (int t = 0; t < kTags; ++t) m->trans_[p][t] -= trans_acc[p][t] * inv;
  }
  return m;
}

void CharTagger::SegmentChars(const std::vector<NormChar>& chars,
                              std::vector<std::pair<uint32_t, uint32_t>>* words) const {
  words->clear();
  std::vector<char32_t> c;
  std::vector<uint32_t> feats;
  std::vector<float> em;
  std::vector<int> tags;
  std::vector<uint8_t> dict, lexd;
  const uint32_t n = static_cast<uint32_t>(chars.size());
  for (uint32_t k = 0; k < n;) {
    if (IsSpace(chars[k].cp)) {
      ++k;
      continue;
    }
    uint32_t e = k;
    c.clear();
    while (e < n && !IsSpace(chars[e].cp)) c.push_back(chars[e++].cp);
    DictLengths(c, [this](uint64_t h) { return vocab_set_.count(h) > 0; }, &dict);
    LexiconLengths(c, *lex_, &lexd);
    Features(c, dict, lexd, hash_bits_, &feats);
    Emissions(feats, c.size(), weights_.data(), &em);
    Decode(em, c.size(), trans_, &tags);
    uint32_t start = k;
    for (uint32_t i = 0; i < c.size(); ++i) {
      if (tags[i] == kE || tags[i] == kS) {
        words->push_back({start, k + i + 1});
        start = k + i + 1;
      }
    }
    k = e;
  }
}

void CharTagger::Segment(std::string_view text,
                         std::vector<std::pair<uint32_t, uint32_t>>* words) const {
  // Byte offsets are 32-bit: a longer text is segmented in pieces (cut at a space when possible).
  constexpr size_t kPiece = size_t{1} << 30;
  if (text.size() > kPiece) {
    for (size_t off = 0; off < text.size();) {
      size_t len = std::min(kPiece, text.size() - off);
      if (off + len < text.size()) {
        size_t cut = text.rfind(' ', off + len);
        if (cut != std::string_view::npos && cut > off) len = cut - off;
        while (len > 1 && (static_cast<unsigned char>(text[off + len]) & 0xC0) == 0x80) --len;
      }
      std::vector<std::pair<uint32_t, uint32_t>> part;
      Segment(text.substr(off, len), &part);
      // Offsets past 4 GiB cannot be represented; such inputs only get their first pieces.
      if (off + len > UINT32_MAX) break;
      for (auto& [b, e] : part) words->push_back({b + static_cast<uint32_t>(off), e + static_cast<uint32_t>(off)});
      off += len;
    }
    return;
  }
  NormalizerOptions norm;
  norm.invalid_utf8 = InvalidUtf8::kReplace;
  std::vector<NormChar> chars;
  NormalizeChars(text, norm, &chars);
  auto invalid = [&](const NormChar& c) {
    if (c.end - c.start != 1 || c.cp != 0xFFFD) return false;
    char32_t cp;
    return utf8::Decode(text, c.start, &cp) == 0;
  };
  std::vector<NormChar> run;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  auto flush = [&] {
    if (run.empty()) return;
    SegmentChars(run, &spans);
    for (const auto& [b, e] : spans) {
      const uint32_t start = run[b].start, end = run[e - 1].end;
      // A source character that normalises to several (㎏ -> k g) must not be split.
      if (!words->empty() && words->back().second > start && words->back().first <= start) {
        words->back().second = std::max(words->back().second, end);
      } else {
        words->push_back({start, end});
      }
    }
    run.clear();
  };
  for (const NormChar& c : chars) {
    if (invalid(c)) {
      flush();
      words->push_back({c.start, c.end});
    } else {
      run.push_back(c);
    }
  }
  flush();
}

absl::Status CharTagger::Save(const std::string& path) const {
  std::string out(kMagic, 8);
  auto put32 = [&](uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
  put32(kVersion);
  put32(static_cast<uint32_t>(hash_bits_));
  out.append(reinterpret_cast<const char*>(trans_), sizeof(trans_));
  put32(static_cast<uint32_t>(vocab_.size()));
  out.append(reinterpret_cast<const char*>(vocab_.data()), vocab_.size() * sizeof(uint64_t));
  out.append(reinterpret_cast<const char*>(weights_.data()), weights_.size() * sizeof(float));
  uint64_t sum = Checksum(out.data(), out.size());
  out.append(reinterpret_cast<const char*>(&sum), 8);
  return WriteFileAtomically(path, out, "segmenter model");
}

absl::StatusOr<std::unique_ptr<CharTagger>> CharTagger::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return absl::NotFoundError(absl::StrCat("segmenter model ", path, ": cannot open"));
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("segmenter model ", path, ": ", AV(why)));
  };
  // Layout: magic, version, hash bits, transitions (5x4 float), vocabulary size and hashes
  // (uint64), weights ((1 << bits) x 4 float), FNV-1a checksum of everything before it.
  const size_t fixed = 8 + 4 + 4 + sizeof(float) * 20;
  if (data.size() < fixed + 4 + 8 || std::memcmp(data.data(), kMagic, 8) != 0) {
    return bad("not a voc segmenter model (bad magic or too short)");
  }
  uint32_t version, bits, nvocab;
  std::memcpy(&version, data.data() + 8, 4);
  std::memcpy(&bits, data.data() + 12, 4);
  if (version != kVersion) {
    return bad(absl::StrCat("format version ", version, " (this build reads ", kVersion,
                            "; retrain with voc train-segmenter)"));
  }
  if (bits < 10 || bits > 24) return bad("bad hash size");
  std::memcpy(&nvocab, data.data() + fixed, 4);
  const size_t rows = size_t{1} << bits;
  const size_t head = fixed + 4 + size_t{nvocab} * sizeof(uint64_t);
  if (data.size() != head + rows * kTags * sizeof(float) + 8) return bad("truncated or padded");
  uint64_t sum;
  std::memcpy(&sum, data.data() + data.size() - 8, 8);
  if (sum != Checksum(data.data(), data.size() - 8)) return bad("checksum mismatch (damaged file)");
  auto lex = Lexicon::Default();
  if (!lex.ok()) return lex.status();
  std::unique_ptr<CharTagger> m(new CharTagger());
  m->lex_ = *lex;
  m->hash_bits_ = static_cast<int>(bits);
  std::memcpy(m->trans_, data.data() + 16, sizeof(m->trans_));
  m->vocab_.resize(nvocab);
  std::memcpy(m->vocab_.data(), data.data() + fixed + 4, size_t{nvocab} * sizeof(uint64_t));
  m->vocab_set_.insert(m->vocab_.begin(), m->vocab_.end());
  m->weights_.resize(rows * kTags);
  std::memcpy(m->weights_.data(), data.data() + head, rows * kTags * sizeof(float));
  return m;
}

absl::StatusOr<std::vector<std::vector<std::string>>> ReadSegmentedCorpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("corpus ", path, ": cannot open"));
  std::vector<std::vector<std::string>> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!utf8::IsValid(line)) {
      return absl::InvalidArgumentError(absl::StrCat("corpus ", path, " line ", line_no,
                                                     ": not valid UTF-8 (byte ", utf8::FindInvalid(line), ")"));
    }
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
      // Words are separated by ASCII or ideographic spaces.
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      if (line.compare(i, 3, "\xE3\x80\x80") == 0) {
        i += 3;
        continue;
      }
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' &&
             line.compare(j, 3, "\xE3\x80\x80") != 0) {
        ++j;
      }
      if (j > i) words.emplace_back(line, i, j - i);
      i = j;
    }
    if (!words.empty()) out.push_back(std::move(words));
  }
  return out;
}

}  // namespace voc::text
