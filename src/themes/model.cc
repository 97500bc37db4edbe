#include "themes/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "themes/opinion.h"

namespace voc::themes {
namespace {

constexpr int kMaxAspects = 64;
constexpr size_t kMaxN = 3;
constexpr long kPruneBelow = 16;
constexpr int kClauseMark = 1000;  // Conjoin() key of clause features (aspects are < 64)

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h * 0x100000001B3ULL;
}

// Normalised code points: ASCII letters lowercased, digits folded, whitespace dropped.
void CodePoints(std::string_view text, std::vector<char32_t>* cps) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    size_t n = utf8::Decode(text, i, &cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    i += n;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0) continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= '0' && cp <= '9') cp = '0';
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    cps->push_back(cp);
  }
}

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }
void PutF32(std::string* out, float v) { out->append(reinterpret_cast<const char*>(&v), 4); }

// Sparse vector: count, scale, then (varint index delta, int16 value * scale) per non-zero
// entry after quantisation; about 3.5 bytes per weight instead of 8.
void PutSparse(std::string* out, const std::vector<float>& w) {
  float max_abs = 0;
  for (float v : w) max_abs = std::max(max_abs, std::fabs(v));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::string body;
  uint32_t n = 0, prev = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    long q = std::lround(w[i] / scale);
    // Weights under 1/2048 of the largest barely move a score; dropping them keeps joint
    // models (three detectors per aspect) small.
    if (std::labs(q) < kPruneBelow) continue;
    uint32_t delta = static_cast<uint32_t>(i) - prev;
    prev = static_cast<uint32_t>(i);
    while (delta >= 0x80) {
      body.push_back(static_cast<char>((delta & 0x7F) | 0x80));
      delta >>= 7;
    }
    body.push_back(static_cast<char>(delta));
    int16_t v = static_cast<int16_t>(q);
    body.append(reinterpret_cast<const char*>(&v), 2);
    ++n;
  }
  PutU32(out, n);
  PutF32(out, scale);
  *out += body;
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool U32(uint32_t* v) { return Raw(v, 4); }
  bool F32(float* v) { return Raw(v, 4); }
  bool Str(std::string* s, uint32_t max) {
    uint32_t n;
    if (!U32(&n) || n > max || b_.size() - pos_ < n) return false;
    s->assign(b_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Sparse(std::vector<float>* w) {
    uint32_t n;
    float scale;
    if (!U32(&n) || n > w->size() || !F32(&scale) || !std::isfinite(scale)) return false;
    uint32_t idx = 0;
    for (uint32_t k = 0; k < n; ++k) {
      uint32_t delta = 0;
      for (int shift = 0;; shift += 7) {
        uint8_t byte;
        if (shift > 28 || !Raw(&byte, 1)) return false;
        delta |= static_cast<uint32_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) break;
      }
      int16_t v;
      if (!Raw(&v, 2)) return false;
      idx += delta;
      if (idx >= w->size() || (k > 0 && delta == 0)) return false;
      (*w)[idx] = static_cast<float>(v) * scale;
    }
    return true;
  }
  bool Raw(void* p, size_t n) {
    if (b_.size() - pos_ < n) return false;
    std::memcpy(p, b_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == b_.size(); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

}  // namespace

bool LooksLikeModel(std::string_view bytes) {
  return bytes.size() >= sizeof(kModelMagic) &&
         std::memcmp(bytes.data(), kModelMagic, sizeof(kModelMagic)) == 0;
}

void ExtractFeatures(std::string_view text, int hash_bits, std::vector<uint32_t>* out) {
  out->clear();
  std::vector<char32_t> cps;
  cps.reserve(text.size());
  CodePoints(text, &cps);
  const uint32_t mask = (uint32_t{1} << hash_bits) - 1;
  for (size_t i = 0; i < cps.size(); ++i) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (size_t n = 1; n <= kMaxN && i + n <= cps.size(); ++n) {
      h = Mix(h, cps[i + n - 1]);
      out->push_back(static_cast<uint32_t>(Mix(h, n) >> 17) & mask);
    }
  }
  // Lexicon opinion features (with negation/degree applied): they generalise polarity beyond
  // the n-grams seen in a small training set.
  std::vector<OpinionHit> hits;
  DefaultOpinionScorer().Find(text, &hits);
  int pos = 0, neg = 0;
  for (const OpinionHit& h : hits) {
    if (!HasOwnPolarity(h)) continue;
    int sign = h.score > 0.1 ? 1 : h.score < -0.1 ? -1 : 0;
    pos += sign > 0;
    neg += sign < 0;
    uint64_t hw = 0x51ED270B27F1C3A5ULL;
    for (size_t k = h.word_start; k < h.word_end; ++k) hw = Mix(hw, static_cast<unsigned char>(text[k]));
    out->push_back(static_cast<uint32_t>(Mix(hw, 7 + sign) >> 17) & mask);
  }
  out->push_back(static_cast<uint32_t>(Mix(0xA5A5, 100 + std::min(pos, 3)) >> 17) & mask);
  out->push_back(static_cast<uint32_t>(Mix(0x5A5A, 200 + std::min(neg, 3)) >> 17) & mask);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void ExtractTextFeatures(std::string_view text, int hash_bits, TextFeatures* out) {
  ExtractFeatures(text, hash_bits, &out->all);
  out->size = static_cast<uint32_t>(text.size());
  out->clauses.clear();
  out->spans.clear();
  std::vector<ClauseSpan> spans = SplitClauses(text);
  if (spans.size() <= 1) return;
  out->spans = spans;
  out->clauses.resize(spans.size());
  for (size_t c = 0; c < spans.size(); ++c) {
    ExtractFeatures(text.substr(spans[c].start, spans[c].end - spans[c].start), hash_bits,
                    &out->clauses[c]);
  }
}

void AspectModel::PolarityInput(const TextFeatures& f, int aspect,
                                std::vector<uint32_t>* out) const {
  *out = f.all;
  if (!local_polarity) return;
  // Single-clause texts: the text is the clause.
  int best = BestClause(f, aspect);
  const std::vector<uint32_t>& clause = best < 0 ? f.all : f.clauses[best];
  for (uint32_t x : clause) out->push_back(Conjoin(x, kClauseMark, hash_bits));
}

int AspectModel::BestClause(const TextFeatures& f, int aspect) const {
  if (f.clauses.empty()) return -1;
  const float* w = det_weights[DetectorOf(aspect)].data();
  size_t best = 0;
  float best_z = -1e30f;
  for (size_t c = 0; c < f.clauses.size(); ++c) {
    if (f.clauses[c].empty()) continue;
    float z = 0;
    for (uint32_t x : f.clauses[c]) z += w[x];
    z /= std::sqrt(static_cast<float>(f.clauses[c].size()));
    if (z > best_z) best_z = z, best = c;
  }
  return static_cast<int>(best);
}

void AspectModel::DetectorScores(const TextFeatures& tf, std::vector<float>* det) const {
  const std::vector<uint32_t>& x = tf.all;
  det->assign(det_weights.size(), 0.0f);
  if (x.empty()) return;
  const float scale = 1.0f / std::sqrt(static_cast<float>(x.size()));
  for (size_t d = 0; d < det_weights.size(); ++d) {
    const float* w = det_weights[d].data();
    float z = 0;
    for (uint32_t f : x) z += w[f];
    (*det)[d] = z * scale;
  }
}

std::array<float, 3> AspectModel::PolarityScores(const TextFeatures& tf, int aspect) const {
  std::array<float, 3> z = {0, 0, 0};
  std::vector<uint32_t> px;
  PolarityInput(tf, aspect, &px);
  if (px.empty()) return z;
  const float pscale = 1.0f / std::sqrt(2.0f * static_cast<float>(px.size()));
  for (int c = 0; c < 3; ++c) {
    const float* w = pol_weights[c].data();
    float s = 0;
    for (uint32_t f : px) s += w[f] + w[Conjoin(f, aspect, hash_bits)];
    z[c] = s * pscale;
  }
  return z;
}

std::vector<AspectPrediction> AspectModel::Decide(
    const std::vector<float>& det,
    const std::function<std::array<float, 3>(int)>& polarity) const {
  std::vector<AspectPrediction> out;
  const int n = static_cast<int>(aspects.size());
  int best = -1;
  double best_p = -1;
  auto sigmoid = [&](int d) { return 1.0 / (1.0 + std::exp(-static_cast<double>(det[d] + det_bias[d]))); };
  for (int a = 0; a < n; ++a) {
    double p = 0;
    if (!stack_w.empty()) {
      double z = stack_b[a];
      for (int j = 0; j < n; ++j) z += stack_w[a * n + j] * (det[j] + det_bias[j]);
      p = 1.0 / (1.0 + std::exp(-z));
    } else if (joint) {
      for (int c = 0; c < 3; ++c) p = std::max(p, sigmoid(3 * a + c));
    } else {
      p = sigmoid(a);
    }
    if (p > best_p) {
      best_p = p;
      best = a;
    }
    if (p >= thresholds[a]) out.push_back({a, p, Polarity::kNeutral, 0});
  }
  auto decide_polarity = [&](AspectPrediction& pred) {
    const int a = pred.aspect;
    double prob[3] = {0, 0, 0};
    if (!joint || pol_mix > 0) {
      std::array<float, 3> raw = polarity(a);
      double z[3];
      for (int c = 0; c < 3; ++c) z[c] = raw[c] + pol_bias[c][a];
      double m = std::max(z[0], std::max(z[1], z[2]));
      double sum = 0;
      for (int c = 0; c < 3; ++c) sum += (prob[c] = std::exp(z[c] - m));
      for (double& v : prob) v /= sum;
    }
    if (joint) {
      double q[3], sum = 0;
      for (int c = 0; c < 3; ++c) sum += (q[c] = sigmoid(3 * a + c));
      for (int c = 0; c < 3; ++c) {
        q[c] = sum > 0 ? q[c] / sum : 1.0 / 3;
        prob[c] = pol_mix > 0 ? (1 - pol_mix) * q[c] + pol_mix * prob[c] : q[c];
      }
    }
    int arg = 0;
    for (int c = 1; c < 3; ++c) {
      if (prob[c] > prob[arg]) arg = c;
    }
    pred.polarity = static_cast<Polarity>(arg - 1);
    pred.score = prob[2] - prob[0];
    return prob[arg];
  };
  size_t kept = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    double q = decide_polarity(out[i]);
    // Gating on P(aspect) * P(its polarity) keeps only the triples likely to be right.
    if (triple_gate && out[i].probability * q < thresholds[out[i].aspect]) continue;
    out[kept++] = out[i];
  }
  out.resize(kept);
  if (out.empty() && at_least_one && best >= 0) {
    out.push_back({best, best_p, Polarity::kNeutral, 0});
    decide_polarity(out.back());
  }
  return out;
}

std::vector<AspectPrediction> AspectModel::PredictFeatures(const TextFeatures& tf) const {
  if (tf.all.empty()) return {};
  std::vector<float> det;
  DetectorScores(tf, &det);
  std::vector<AspectPrediction> out =
      Decide(det, [&](int aspect) { return PolarityScores(tf, aspect); });
  for (AspectPrediction& pred : out) {
    int clause = BestClause(tf, pred.aspect);
    pred.start = clause < 0 ? 0 : tf.spans[clause].start;
    pred.end = clause < 0 ? tf.size : tf.spans[clause].end;
  }
  return out;
}

std::vector<AspectPrediction> AspectModel::Predict(std::string_view text) const {
  TextFeatures f;
  ExtractTextFeatures(text, hash_bits, &f);
  return PredictFeatures(f);
}

std::string AspectModel::Serialize() const {
  std::string out(kModelMagic, sizeof(kModelMagic));
  PutU32(&out, kModelVersion);
  PutU32(&out, static_cast<uint32_t>(hash_bits));
  PutU32(&out, (at_least_one ? 1u : 0u) | (local_polarity ? 2u : 0u) | (joint ? 4u : 0u) |
                   (triple_gate ? 8u : 0u));
  PutF32(&out, pol_mix);
  PutU32(&out, static_cast<uint32_t>(aspects.size()));
  const size_t per = joint ? 3 : 1;
  for (size_t a = 0; a < aspects.size(); ++a) {
    PutU32(&out, static_cast<uint32_t>(aspects[a].size()));
    out += aspects[a];
    PutF32(&out, thresholds[a]);
    for (size_t d = 0; d < per; ++d) PutF32(&out, det_bias[a * per + d]);
    for (int c = 0; c < 3; ++c) PutF32(&out, pol_bias[c][a]);
  }
  PutU32(&out, stack_w.empty() ? 0u : 1u);
  if (!stack_w.empty()) {
    for (float v : stack_b) PutF32(&out, v);
    for (float v : stack_w) PutF32(&out, v);
  }
  for (const auto& w : det_weights) PutSparse(&out, w);
  for (const auto& w : pol_weights) PutSparse(&out, w);
  return out;
}

absl::StatusOr<AspectModel> AspectModel::Parse(std::string_view bytes) {
  auto bad = [](std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("theme model: ", AV(what)));
  };
  if (!LooksLikeModel(bytes)) return bad("not a voc theme model (bad magic)");
  Reader r(bytes.substr(sizeof(kModelMagic)));
  uint32_t version, bits, alo, n;
  if (!r.U32(&version)) return bad("truncated header");
  if (version != kModelVersion) {
    return bad(absl::StrCat("unsupported format version ", version, " (this build reads ",
                            kModelVersion, ")"));
  }
  float mix;
  if (!r.U32(&bits) || !r.U32(&alo) || !r.F32(&mix) || !r.U32(&n)) return bad("truncated header");
  if (bits < 8 || bits > 22) return bad("bad hash size");  // training writes 12..22
  if ((alo & ~15u) != 0) return bad("unknown flags");
  if (!(mix >= 0 && mix <= 1)) return bad("bad polarity mix");
  if (n == 0 || n > kMaxAspects) return bad("bad aspect count");
  AspectModel m;
  m.hash_bits = static_cast<int>(bits);
  m.at_least_one = (alo & 1) != 0;
  m.local_polarity = (alo & 2) != 0;
  m.joint = (alo & 4) != 0;
  m.triple_gate = (alo & 8) != 0;
  m.pol_mix = mix;
  const size_t dim = size_t{1} << bits;
  const uint32_t per = m.joint ? 3 : 1;
  for (uint32_t a = 0; a < n; ++a) {
    std::string name;
    float t;
    if (!r.Str(&name, 4096) || !r.F32(&t)) return bad("truncated aspect table");
    if (!std::isfinite(t)) return bad("bad threshold");
    for (uint32_t d = 0; d < per; ++d) {
      float b;
      if (!r.F32(&b)) return bad("truncated aspect table");
      m.det_bias.push_back(b);
    }
    for (int c = 0; c < 3; ++c) {
      if (!r.F32(&m.pol_bias[c][a])) return bad("truncated aspect table");
    }
    m.aspects.push_back(std::move(name));
    m.thresholds.push_back(t);
  }
  uint32_t stacked;
  if (!r.U32(&stacked) || stacked > 1 || (stacked && m.joint)) return bad("bad stacking flag");
  if (stacked) {
    m.stack_b.resize(n);
    m.stack_w.resize(size_t{n} * n);
    for (float& v : m.stack_b) {
      if (!r.F32(&v) || !std::isfinite(v)) return bad("corrupt stacking weights");
    }
    for (float& v : m.stack_w) {
      if (!r.F32(&v) || !std::isfinite(v)) return bad("corrupt stacking weights");
    }
  }
  m.det_weights.assign(size_t{n} * per, std::vector<float>(dim, 0.0f));
  for (auto& w : m.det_weights) {
    if (!r.Sparse(&w)) return bad("corrupt detector weights");
  }
  for (auto& w : m.pol_weights) {
    w.assign(dim, 0.0f);
    if (!r.Sparse(&w)) return bad("corrupt polarity weights");
  }
  if (!r.done()) return bad("trailing bytes");
  return m;
}

}  // namespace voc::themes
