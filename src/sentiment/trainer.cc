// Training of the sentiment (binary logistic regression over NB-weighted features) and emotion
// (softmax regression) models with AdaGrad.
#include <algorithm>
#include <cmath>
#include <cstdio>
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

struct Example {
  uint32_t begin, end;  // into the bucket array
  float value;
  int label;
  int64_t extra = -1;   // bucket of the sentiment-score feature (value 1), -1 for none
};

}  // namespace

absl::Status TrainSentimentModel(const std::vector<LabeledText>& data, const TrainOptions& options,
                                 const std::string& out_path) {
  if (data.empty()) return absl::InvalidArgumentError("no training examples");
  if (options.max_ngram < 1 || options.max_ngram > sentiment::kMaxNgram) {
    return absl::InvalidArgumentError("max_ngram must be in [1, 4]");
  }
  if (options.hash_bits < 12 || options.hash_bits > 24) {
    return absl::InvalidArgumentError("hash_bits must be in [12, 24]");
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
  std::vector<uint32_t> buckets;
  std::vector<Example> ex;
  ex.reserve(data.size());
  sentiment::RuleAnalysis rules;
  FeatureSet fs, fs2;
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
    sentiment::ExtractFeatures(text, rules, options.max_ngram, &fs);
    Example e;
    e.begin = static_cast<uint32_t>(buckets.size());
    for (const auto& f : fs.features) buckets.push_back(Bucket(f.hash, bits));
    e.end = static_cast<uint32_t>(buckets.size());
    e.value = fs.value;
    e.label = label;
    if (sent_model) {
      const FeatureSet* sf = &fs;
      if (sent_model->max_ngram != options.max_ngram) {
        sentiment::ExtractFeatures(text, rules, sent_model->max_ngram, &fs2);
        sf = &fs2;
      }
      double z = sent_model->bias[0];
      for (const auto& f : sf->features) z += *sent_model->Row(f.hash) * sf->value;
      e.extra = Bucket(sentiment::SentimentScoreFeature(std::tanh(z / 2)), bits);
    }
    ex.push_back(e);
  }
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
      for (uint32_t j = ex[i].begin; j < ex[i].end; ++j) cnt[size_t{buckets[j]} * C + ex[i].label] += 1;
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
        const size_t b = buckets[j];
        for (int k = 0; k < K; ++k) z[k] += w[b * K + k] * e.value * r[b * K + k];
      }
      if (e.extra >= 0) {
        for (int k = 0; k < K; ++k) z[k] += w[e.extra * K + k];
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
        const size_t b = buckets[j];
        for (int k = 0; k < K; ++k) {
          const double x = e.value * r[b * K + k];
          float& wk = w[b * K + k];
          double grad = prob[k] * x + l2 * wk;
          g[b * K + k] += static_cast<float>(grad * grad);
          wk -= static_cast<float>(lr * grad / std::sqrt(g[b * K + k]));
        }
      }
      if (e.extra >= 0) {
        for (int k = 0; k < K; ++k) {
          const size_t idx = static_cast<size_t>(e.extra) * K + k;
          double grad = prob[k] + l2 * w[idx];
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
  m.bias.assign(bias_sum.begin(), bias_sum.end());
  m.weights = std::move(w_sum);

  if (!hold.empty() && options.verbose) {
    // Hold-out figures: accuracy and macro-F1 over the labels present.
    int L = std::max(K, 2);
    std::vector<double> tp(L), fp(L), fn(L);
    size_t correct = 0;
    for (size_t i : hold) {
      const Example& e = ex[i];
      std::vector<double> s(m.bias.begin(), m.bias.end());
      for (uint32_t j = e.begin; j < e.end; ++j) {
        for (int k = 0; k < K; ++k) s[k] += m.weights[size_t{buckets[j]} * K + k] * e.value;
      }
      if (e.extra >= 0) {
        for (int k = 0; k < K; ++k) s[k] += m.weights[static_cast<size_t>(e.extra) * K + k];
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
  return m.Save(out_path);
}

}  // namespace voc
