// Training of the sentiment (binary logistic regression over NB-weighted features) and emotion
// (softmax regression) models with AdaGrad.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <random>

#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/utf8.h"
#include "sentiment/features.h"
#include "sentiment/lexicon.h"
#include "sentiment/model.h"
#include "voc/sentiment.h"
#include "voc/text.h"

namespace voc {

std::string MapEmotionLabel(std::string_view label) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"anger", "anger"},     {"angry", "anger"},     {"disgust", "disgust"},
      {"sadness", "sadness"}, {"sad", "sadness"},     {"fear", "fear"},
      {"surprise", "surprise"}, {"joy", "joy"},       {"happy", "joy"},
      {"happiness", "joy"},   {"like", "like"},       {"neutral", "neutral"},
  };
  for (const auto& [from, to] : kMap) {
    if (label == from) return to;
  }
  return "";
}

namespace {

using sentiment::Bucket;
using sentiment::FeatureSet;
using sentiment::LinearModel;

// Bucket entries of conjoined features carry this bit (hash_bits <= 24 leaves it free).
constexpr uint32_t kConjoined = 0x80000000u, kBucketMask = 0x7FFFFFFFu;

uint64_t TextHash(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

struct Example {
  uint32_t begin, end;  // into the bucket array
  float value;
  int label;
  uint32_t xbegin = 0, xend = 0;  // emotion: its EmotionExtras, into the extras array
};

}  // namespace

namespace {

absl::StatusOr<LinearModel> TrainModel(const std::vector<LabeledText>& data, const TrainOptions& options) {
  if (data.empty()) return absl::InvalidArgumentError("no training examples");
  if (options.max_ngram < 1 || options.max_ngram > sentiment::kMaxNgram) {
    return absl::InvalidArgumentError("max_ngram must be in [1, 4]");
  }
  if (options.hash_bits < 12 || options.hash_bits > 24) {
    return absl::InvalidArgumentError("hash_bits must be in [12, 24]");
  }
  // Written so that NaN fails: a NaN rate trains a model whose every score is NaN.
  if (!(options.learning_rate > 0 && options.learning_rate <= 10)) {
    return absl::InvalidArgumentError(absl::StrCat("learning_rate ", options.learning_rate, " is not in (0, 10]"));
  }
  if (!(options.l2 >= 0 && options.l2 <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("l2 ", options.l2, " is not in [0, 1]"));
  }
  if (!(options.class_weight_power >= 0 && options.class_weight_power <= 2)) {
    return absl::InvalidArgumentError(absl::StrCat("class_weight_power ", options.class_weight_power, " is not in [0, 2]"));
  }
  if (!(options.holdout >= 0 && options.holdout <= 0.5)) {
    return absl::InvalidArgumentError(absl::StrCat("holdout ", options.holdout, " is not in [0, 0.5]"));
  }
  if (!(options.domain_feature_scale > 0 && options.domain_feature_scale <= 10)) {
    return absl::InvalidArgumentError(absl::StrCat("domain_feature_scale ", options.domain_feature_scale, " is not in (0, 10]"));
  }
  const bool emotion = options.kind == ModelKind::kEmotion;
  const int K = emotion ? sentiment::kNumEmotions : 1;
  std::string lex_path = options.lexicon.empty() ? DefaultDataPath("lexicon/sentiment.tsv") : options.lexicon;
  auto lex_or = sentiment::Lexicon::Load(lex_path);
  if (!lex_or.ok() && !options.lexicon.empty()) return lex_or.status();
  sentiment::Lexicon lex = lex_or.ok() ? std::move(*lex_or) : sentiment::Lexicon::BuiltinOnly();

  // Emotion models see the sentiment model's score as a feature.
  std::optional<LinearModel> sent_model;
  if (emotion) {
    std::string sp = options.sentiment_model.empty() ? DefaultDataPath("models/sentiment.model")
                                                     : options.sentiment_model;
    auto sm = LinearModel::Load(sp, sentiment::kKindSentiment);
    if (sm.ok()) {
      sent_model = std::move(*sm);
    } else if (!options.sentiment_model.empty() || !absl::IsNotFound(sm.status())) {
      return sm.status();
    }
  }
  const int bits = options.hash_bits;
  const size_t B = size_t{1} << bits;
  uint32_t feature_flags = options.negation_features ? sentiment::kFeatureNegationScope : 0;
  if (emotion && options.emotion_stack_features) feature_flags |= sentiment::kFeatureEmotionStack;
  if (emotion && options.emotion_word_features) feature_flags |= sentiment::kFeatureWords;
  std::unique_ptr<Segmenter> segmenter;
  std::vector<Token> tokens;
  if (emotion && (feature_flags & sentiment::kFeatureWords)) {
    auto seg = Segmenter::Create(SegmenterOptions{});
    if (!seg.ok()) return seg.status();
    segmenter = std::move(*seg);
  }
  std::vector<std::pair<uint32_t, float>> extras;  // (bucket, value) of the examples' EmotionExtras
  std::vector<sentiment::ValuedFeature> xf;
  // Pass 1: labels, feature hashes and (emotion) the EmotionExtras.
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> hash_begin;
  hash_begin.reserve(data.size() + 1);
  std::vector<Example> ex;
  ex.reserve(data.size());
  sentiment::RuleAnalysis rules;
  FeatureSet fs, fs2;
  int num_domains = 0;
  for (const LabeledText& d : data) num_domains = std::max(num_domains, d.domain + 1);
  if (!options.domain_features || num_domains < 2) num_domains = 0;
  if (num_domains > 16) return absl::InvalidArgumentError("at most 16 domains");
  for (size_t i = 0; i < data.size(); ++i) {
    const LabeledText& d = data[i];
    int label;
    if (emotion) {
      label = sentiment::EmotionIndex(MapEmotionLabel(d.label));
    } else {
      label = d.label == "positive" ? 1 : (d.label == "negative" ? 0 : -1);
    }
    if (label < 0) {
      return absl::InvalidArgumentError(absl::StrCat("example ", i + 1, ": unknown ", emotion ? "emotion" : "sentiment",
                                                     " label \"", d.label, "\""));
    }
    std::string text = utf8::IsValid(d.text) ? d.text : utf8::Sanitize(d.text);
    sentiment::AnalyzeRules(lex, text, &rules);
    sentiment::ExtractFeatures(text, rules, options.max_ngram, &fs, feature_flags);
    Example e;
    hash_begin.push_back(static_cast<uint32_t>(hashes.size()));
    for (const auto& f : fs.features) hashes.push_back(f.hash);
    e.value = fs.value;
    e.label = label;
    if (emotion) {
      double score = 0;
      if (sent_model) {
        const FeatureSet* sf = &fs;
        if (sent_model->max_ngram != options.max_ngram ||
            ((sent_model->feature_flags ^ feature_flags) & sentiment::kNgramFeatureFlags) != 0) {
          sentiment::ExtractFeatures(text, rules, sent_model->max_ngram, &fs2, sent_model->feature_flags);
          sf = &fs2;
        }
        double z = sent_model->bias[0];
        sent_model->Accumulate(*sf, sent_model->PredictDomain(*sf), &z);
        score = std::tanh(z / 2);
      }
      if (segmenter) segmenter->Segment(text, &tokens);
      sentiment::EmotionExtras(text, rules, sent_model.has_value(), score, feature_flags, tokens, fs.value, &xf);
      e.xbegin = static_cast<uint32_t>(extras.size());
      for (const auto& x : xf) extras.emplace_back(Bucket(x.hash, bits), x.value);
      e.xend = static_cast<uint32_t>(extras.size());
    }
    ex.push_back(e);
  }
  hash_begin.push_back(static_cast<uint32_t>(hashes.size()));

  // Domain classifier: softmax regression over the same features (unscaled), AdaGrad.
  const int D = num_domains;
  const int dbits = options.domain_bits;
  std::vector<float> dw, db;
  std::vector<int> pred_domain(ex.size(), -1);
  if (D > 0) {
    const size_t DB = size_t{1} << dbits;
    std::vector<double> z(D);
    auto train_domain = [&](int fold, std::vector<float>* w, std::vector<float>* bias) {
      w->assign(DB * D, 0.0f);
      bias->assign(D, 0.0f);
      std::vector<float> g(DB * D, 1e-6f), gb(D, 1e-6f);
      std::vector<size_t> ord;
      for (size_t i = 0; i < data.size(); ++i) {
        if (data[i].domain >= 0 && static_cast<int>(TextHash(data[i].text) & 1) != fold) ord.push_back(i);
      }
      std::mt19937_64 drng(options.seed ^ 0xD0D0);
      for (int epoch = 0; epoch < 3; ++epoch) {
        std::shuffle(ord.begin(), ord.end(), drng);
        for (size_t i : ord) {
          for (int k = 0; k < D; ++k) z[k] = (*bias)[k];
          for (uint32_t j = hash_begin[i]; j < hash_begin[i + 1]; ++j) {
            const size_t b = Bucket(hashes[j], dbits);
            for (int k = 0; k < D; ++k) z[k] += (*w)[b * D + k];
          }
          double mx = *std::max_element(z.begin(), z.end()), sum = 0;
          for (int k = 0; k < D; ++k) sum += (z[k] = std::exp(z[k] - mx));
          for (int k = 0; k < D; ++k) {
            const double gr = z[k] / sum - (k == data[i].domain);
            gb[k] += static_cast<float>(gr * gr);
            (*bias)[k] -= static_cast<float>(0.1 * gr / std::sqrt(gb[k]));
            for (uint32_t j = hash_begin[i]; j < hash_begin[i + 1]; ++j) {
              const size_t b = Bucket(hashes[j], dbits) * D + k;
              g[b] += static_cast<float>(gr * gr);
              (*w)[b] -= static_cast<float>(0.1 * gr / std::sqrt(g[b]));
            }
          }
        }
      }
    };
    auto predict = [&](size_t i, const std::vector<float>& w, const std::vector<float>& bias) {
      for (int k = 0; k < D; ++k) z[k] = bias[k];
      for (uint32_t j = hash_begin[i]; j < hash_begin[i + 1]; ++j) {
        const size_t b = Bucket(hashes[j], dbits);
        for (int k = 0; k < D; ++k) z[k] += w[b * D + k];
      }
      return static_cast<int>(std::max_element(z.begin(), z.end()) - z.begin());
    };
    // Training rows get cross-fitted predictions (each half scored by a classifier trained on
    // the other), so the per-domain weights learn from the domain errors inference will make;
    // the stored classifier is trained on all rows.
    size_t agree = 0, known = 0;
    for (int fold = 0; fold < 2; ++fold) {
      train_domain(fold, &dw, &db);
      for (size_t i = 0; i < ex.size(); ++i) {
        if (static_cast<int>(TextHash(data[i].text) & 1) != fold) continue;  // repeated rows stay together
        pred_domain[i] = predict(i, dw, db);
        if (data[i].domain >= 0) {
          ++known;
          agree += pred_domain[i] == data[i].domain;
        }
      }
    }
    train_domain(-1, &dw, &db);
    if (options.verbose && known > 0) {
      std::fprintf(stderr, "domain classifier: %d domains, cross-fitted accuracy %.4f\n", D,
                   static_cast<double>(agree) / known);
    }
  }
  // Pass 2: buckets, plain and conjoined with the predicted domain.
  std::vector<uint32_t> buckets;
  buckets.reserve(hashes.size() * (D > 0 ? 2 : 1));
  for (size_t i = 0; i < ex.size(); ++i) {
    ex[i].begin = static_cast<uint32_t>(buckets.size());
    for (uint32_t j = hash_begin[i]; j < hash_begin[i + 1]; ++j) {
      buckets.push_back(Bucket(hashes[j], bits));
      if (pred_domain[i] >= 0) {
        buckets.push_back(Bucket(sentiment::DomainHash(hashes[j], pred_domain[i]), bits) | kConjoined);
      }
    }
    ex[i].end = static_cast<uint32_t>(buckets.size());
  }
  std::vector<uint64_t>().swap(hashes);
  const double dscale = options.domain_feature_scale;
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> order(ex.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  size_t n_hold = static_cast<size_t>(std::clamp(options.holdout, 0.0, 0.5) * ex.size());
  std::vector<size_t> hold(order.end() - n_hold, order.end());
  order.resize(order.size() - n_hold);

  // NB log-count ratios: scale each feature by how much it separates a class from the rest
  // (per class for emotion; folded into the weights afterwards).
  std::vector<float> nb_ratio(B * K, 1.0f);
  if (options.nb_weighting) {
    const int C = std::max(K, 2);
    std::vector<double> cnt(B * C, 1.0);  // per bucket and class, add-one smoothed
    for (size_t i : order) {
      for (uint32_t j = ex[i].begin; j < ex[i].end; ++j) cnt[size_t{buckets[j] & kBucketMask} * C + ex[i].label] += 1;
    }
    std::vector<double> tot(C, 0.0);
    for (size_t b = 0; b < B; ++b) {
      for (int c = 0; c < C; ++c) tot[c] += cnt[b * C + c];
    }
    const double all = std::accumulate(tot.begin(), tot.end(), 0.0);
    for (size_t b = 0; b < B; ++b) {
      double row = 0;
      for (int c = 0; c < C; ++c) row += cnt[b * C + c];
      for (int k = 0; k < K; ++k) {
        const int c = K == 1 ? 1 : k;
        const double in = cnt[b * C + c] / tot[c];
        const double out = (row - cnt[b * C + c]) / (all - tot[c]);
        // Offset 0.5 so features that do not separate the classes keep some weight.
        nb_ratio[b * K + k] = static_cast<float>(0.5 + std::fabs(std::log(in / out)));
      }
    }
  }
  // Class weights (emotion): damp the majority classes for macro-F1.
  std::vector<double> cw(std::max(K, 2), 1.0);
  if (emotion) {
    std::vector<double> cnt(K, 0);
    for (size_t i : order) cnt[ex[i].label] += 1;
    for (int k = 0; k < K; ++k) {
      cw[k] = cnt[k] > 0 ? std::pow(static_cast<double>(order.size()) / (K * cnt[k]), options.class_weight_power) : 0;
    }
  }

  // Ensemble members alternate NB-weighted and plain features; averaging linear models is a
  // linear model, so the ensemble costs nothing at inference.
  const std::vector<float> ones(B * K, 1.0f);
  const int members = std::max(1, options.ensemble);
  std::vector<float> w_sum(B * K, 0.0f);
  std::vector<double> bias_sum(K, 0.0);
  std::vector<float> w(B * K), g(B * K);
  std::vector<double> bias(K), gb(K);
  std::vector<double> z(K), prob(K);
  const double lr = options.learning_rate, l2 = options.l2;
  for (int member = 0; member < members; ++member) {
  const std::vector<float>& r = (member % 2 == 0) ? nb_ratio : ones;
  std::fill(w.begin(), w.end(), 0.0f);
  std::fill(g.begin(), g.end(), 1e-6f);
  std::fill(bias.begin(), bias.end(), 0.0);
  std::fill(gb.begin(), gb.end(), 1e-6);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    double loss = 0;
    for (size_t i : order) {
      const Example& e = ex[i];
      for (int k = 0; k < K; ++k) z[k] = bias[k];
      for (uint32_t j = e.begin; j < e.end; ++j) {
        const size_t b = buckets[j] & kBucketMask;
        const double v = buckets[j] & kConjoined ? e.value * dscale : e.value;
        for (int k = 0; k < K; ++k) z[k] += w[b * K + k] * v * r[b * K + k];
      }
      for (uint32_t j = e.xbegin; j < e.xend; ++j) {
        for (int k = 0; k < K; ++k) z[k] += w[size_t{extras[j].first} * K + k] * extras[j].second;
      }
      // Gradient of the log loss per class.
      if (K == 1) {
        double pr = 1.0 / (1.0 + std::exp(-z[0]));
        prob[0] = pr - e.label;
        loss += -std::log(std::max(1e-12, e.label ? pr : 1 - pr));
      } else {
        double mx = *std::max_element(z.begin(), z.end()), s = 0;
        for (int k = 0; k < K; ++k) s += (prob[k] = std::exp(z[k] - mx));
        for (int k = 0; k < K; ++k) prob[k] /= s;
        loss += -std::log(std::max(1e-12, prob[e.label]));
        for (int k = 0; k < K; ++k) prob[k] = (prob[k] - (k == e.label)) * cw[e.label];
      }
      for (int k = 0; k < K; ++k) {
        gb[k] += prob[k] * prob[k];
        bias[k] -= lr * prob[k] / std::sqrt(gb[k]);
      }
      for (uint32_t j = e.begin; j < e.end; ++j) {
        const size_t b = buckets[j] & kBucketMask;
        const double v = buckets[j] & kConjoined ? e.value * dscale : e.value;
        for (int k = 0; k < K; ++k) {
          const double x = v * r[b * K + k];
          float& wk = w[b * K + k];
          double grad = prob[k] * x + l2 * wk;
          g[b * K + k] += static_cast<float>(grad * grad);
          wk -= static_cast<float>(lr * grad / std::sqrt(g[b * K + k]));
        }
      }
      for (uint32_t j = e.xbegin; j < e.xend; ++j) {
        for (int k = 0; k < K; ++k) {
          const size_t idx = size_t{extras[j].first} * K + k;
          double grad = prob[k] * extras[j].second + l2 * w[idx];
          g[idx] += static_cast<float>(grad * grad);
          w[idx] -= static_cast<float>(lr * grad / std::sqrt(g[idx]));
        }
      }
    }
    if (options.verbose) {
      std::fprintf(stderr, "epoch %d: mean loss %.4f\n", epoch + 1, loss / std::max<size_t>(1, order.size()));
    }
  }

  for (size_t b = 0; b < B; ++b) {
    for (int k = 0; k < K; ++k) w_sum[b * K + k] += w[b * K + k] * r[b * K + k] / members;  // fold NB scaling in
  }
  for (int k = 0; k < K; ++k) bias_sum[k] += bias[k] / members;
  }  // members

  LinearModel m;
  m.kind = emotion ? sentiment::kKindEmotion : sentiment::kKindSentiment;
  m.hash_bits = bits;
  m.num_classes = K;
  m.max_ngram = options.max_ngram;
  m.feature_flags = feature_flags;
  m.bias.assign(bias_sum.begin(), bias_sum.end());
  m.weights = std::move(w_sum);
  if (D > 0) {
    m.num_domains = D;
    m.domain_bits = dbits;
    m.domain_bias = std::move(db);
    m.domain_weights = std::move(dw);
    m.domain_feature_scale = static_cast<float>(dscale);
  }

  if (!hold.empty() && options.verbose) {
    // Hold-out figures: accuracy and macro-F1 over the labels present.
    int L = std::max(K, 2);
    std::vector<double> tp(L), fp(L), fn(L);
    size_t correct = 0;
    for (size_t i : hold) {
      const Example& e = ex[i];
      std::vector<double> s(m.bias.begin(), m.bias.end());
      for (uint32_t j = e.begin; j < e.end; ++j) {
        const double v = buckets[j] & kConjoined ? e.value * dscale : e.value;
        for (int k = 0; k < K; ++k) s[k] += m.weights[size_t{buckets[j] & kBucketMask} * K + k] * v;
      }
      for (uint32_t j = e.xbegin; j < e.xend; ++j) {
        for (int k = 0; k < K; ++k) s[k] += m.weights[size_t{extras[j].first} * K + k] * extras[j].second;
      }
      int pred = K == 1 ? (s[0] > 0 ? 1 : 0) : static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
      if (pred == e.label) {
        ++correct;
        tp[pred] += 1;
      } else {
        fp[pred] += 1;
        fn[e.label] += 1;
      }
    }
    double f1sum = 0;
    int present = 0;
    for (int k = 0; k < L; ++k) {
      if (tp[k] + fn[k] == 0) continue;
      ++present;
      double prec = tp[k] + fp[k] > 0 ? tp[k] / (tp[k] + fp[k]) : 0, rec = tp[k] / (tp[k] + fn[k]);
      f1sum += prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
    }
    std::fprintf(stderr, "hold-out (%zu examples): accuracy %.4f macro-F1 %.4f\n", hold.size(),
                 static_cast<double>(correct) / hold.size(), present ? f1sum / present : 0.0);
  }
  return m;
}

// Coarse parent of a voc emotion, for scoring on data whose label set lacks the fine one
// (SMP2020 has no disgust / like).
int CoarseEmotion(int k) {
  const int disgust = sentiment::EmotionIndex("disgust"), like = sentiment::EmotionIndex("like");
  if (k == disgust) return sentiment::EmotionIndex("anger");
  if (k == like) return sentiment::EmotionIndex("joy");
  return k;
}

double MacroF1(const std::vector<std::array<double, sentiment::kNumEmotions>>& logp, const std::vector<int>& gold,
               const std::vector<double>& offset, const std::vector<bool>& present) {
  constexpr int K = sentiment::kNumEmotions;
  std::array<double, K> tp{}, fp{}, fn{};
  for (size_t i = 0; i < gold.size(); ++i) {
    int best = 0;
    for (int k = 1; k < K; ++k) {
      if (logp[i][k] + offset[k] > logp[i][best] + offset[best]) best = k;
    }
    if (!present[best]) best = CoarseEmotion(best);
    if (best == gold[i]) {
      tp[best] += 1;
    } else {
      fp[best] += 1;
      fn[gold[i]] += 1;
    }
  }
  double sum = 0;
  int n = 0;
  for (int k = 0; k < K; ++k) {
    if (!present[k]) continue;
    ++n;
    sum += tp[k] > 0 ? 2 * tp[k] / (2 * tp[k] + fp[k] + fn[k]) : 0;
  }
  return n ? sum / n : 0;
}

}  // namespace

absl::Status TrainSentimentModel(const std::vector<LabeledText>& data, const TrainOptions& options,
                                 const std::string& out_path) {
  const bool tune = options.kind == ModelKind::kEmotion && !options.bias_tuning_domains.empty();
  std::vector<double> offset(sentiment::kNumEmotions, 0.0);
  if (tune) {
    // Per-class bias offsets for macro-F1, tuned on out-of-fold scores: the rows of the tuning
    // domains are split into round(1 / fraction) folds (by whole text, so repeated rows stay
    // together); each fold is scored by a model trained without it, the offsets are tuned by
    // coordinate ascent on all those scores, then the model is trained on everything and the
    // offsets are added to its biases.
    const double frac = std::clamp(options.bias_tuning_fraction, 0.05, 0.5);
    const int folds = std::max(2, static_cast<int>(std::lround(1.0 / frac)));
    auto tuned_fold = [&](const LabeledText& d) -> int {
      if (std::find(options.bias_tuning_domains.begin(), options.bias_tuning_domains.end(), d.domain) ==
          options.bias_tuning_domains.end()) {
        return -1;
      }
      return static_cast<int>((TextHash(d.text) ^ options.seed) % static_cast<uint64_t>(folds));
    };
    std::vector<std::array<double, sentiment::kNumEmotions>> logp;
    std::vector<int> gold;
    std::vector<bool> present(sentiment::kNumEmotions, false);
    Analysis a;
    for (int fold = 0; fold < folds; ++fold) {
      std::vector<LabeledText> train, held;
      std::vector<uint64_t> held_seen;
      for (const LabeledText& d : data) {
        if (tuned_fold(d) != fold) {
          train.push_back(d);
        } else if (const uint64_t h = TextHash(d.text);
                   std::find(held_seen.begin(), held_seen.end(), h) == held_seen.end()) {
          held_seen.push_back(h);  // a repeated row is scored once
          held.push_back(d);
        }
      }
      if (held.empty() || train.empty()) {
        return absl::InvalidArgumentError("bias tuning: no held-out rows in the tuning domains");
      }
      TrainOptions o = options;
      o.holdout = 0;
      o.verbose = false;
      auto m = TrainModel(train, o);
      if (!m.ok()) return m.status();
      const std::string tmp = out_path + ".tune.tmp";
      absl::Status st = m->Save(tmp);
      if (!st.ok()) return st;
      SentimentOptions so;
      so.emotion_model = tmp;
      so.sentiment_model = options.sentiment_model;
      so.lexicon = options.lexicon;
      auto an = SentimentAnalyzer::Create(so);
      std::remove(tmp.c_str());
      if (!an.ok()) return an.status();
      for (const LabeledText& d : held) {
        std::string text = utf8::IsValid(d.text) ? d.text : utf8::Sanitize(d.text);
        if (!(*an)->Analyze(text, &a).ok()) continue;
        std::array<double, sentiment::kNumEmotions> lp{};
        for (int k = 0; k < sentiment::kNumEmotions; ++k) {
          auto it = a.emotions.find(sentiment::kEmotionNames[k]);
          lp[k] = std::log(std::max(1e-12, it == a.emotions.end() ? 0.0 : it->second));
        }
        logp.push_back(lp);
        gold.push_back(sentiment::EmotionIndex(MapEmotionLabel(d.label)));
        present[gold.back()] = true;
      }
    }
    double best = MacroF1(logp, gold, offset, present);
    const double before = best;
    for (int round = 0; round < 3; ++round) {
      for (int k = 0; k < sentiment::kNumEmotions; ++k) {
        if (!present[k]) continue;
        const double keep = offset[k];
        double arg = keep;
        for (int step = -20; step <= 20; ++step) {
          offset[k] = step * 0.1;
          const double f = MacroF1(logp, gold, offset, present);
          if (f > best + 1e-9) {
            best = f;
            arg = offset[k];
          }
        }
        offset[k] = arg;
      }
    }
    if (options.verbose) {
      std::fprintf(stderr, "bias tuning on %zu held-out rows: macro-F1 %.4f -> %.4f; offsets", gold.size(), before, best);
      for (int k = 0; k < sentiment::kNumEmotions; ++k) std::fprintf(stderr, " %s %+.1f", sentiment::kEmotionNames[k], offset[k]);
      std::fprintf(stderr, "\n");
    }
  }
  auto m = TrainModel(data, options);
  if (!m.ok()) return m.status();
  if (tune) {
    for (int k = 0; k < sentiment::kNumEmotions; ++k) m->bias[k] += offset[k];
  }
  return m->Save(out_path);
}

}  // namespace voc
