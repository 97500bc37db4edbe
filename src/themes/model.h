// Internal: the trainable aspect model — per-aspect logistic-regression detectors and one
// aspect-conditioned 3-class polarity model over hashed char n-grams (1-3).
#ifndef VOC_THEMES_MODEL_H_
#define VOC_THEMES_MODEL_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "voc/analysis.h"
#include "themes/opinion.h"
#include "voc/themes.h"

namespace voc::themes {

inline constexpr char kModelMagic[8] = {'V', 'O', 'C', 'T', 'H', 'M', '\r', '\n'};
// Layout (little-endian, as written by the host): magic, version, hash bits, flags, aspect
// table (name, threshold, detector biases, 3 polarity biases), then quantised sparse weight
// vectors: the detectors and three polarity classes. A plain model has one detector per
// aspect; a joint model (flag 4) one per (aspect, polarity) label, label = 3 * aspect + class.
// Version 2 added the joint flag and its three detector biases per aspect; version 3 the
// optional stacking layer (u32 present, then n biases and an n x n matrix) before the vectors.
inline constexpr uint32_t kModelVersion = 3;

bool LooksLikeModel(std::string_view bytes);

// Sorted unique hashed feature ids of a text.
void ExtractFeatures(std::string_view text, int hash_bits, std::vector<uint32_t>* out);

// Features of the whole text and of each clause (empty when the text has one clause).
struct TextFeatures {
  uint32_t size = 0;                 // text length in bytes
  std::vector<ClauseSpan> spans;     // one per entry of `clauses`
  std::vector<uint32_t> all;
  std::vector<std::vector<uint32_t>> clauses;
};
void ExtractTextFeatures(std::string_view text, int hash_bits, TextFeatures* out);

struct AspectPrediction {
  int aspect;
  double probability;
  Polarity polarity;
  double score;  // P(positive) - P(negative)
  uint32_t start = 0;  // the clause the aspect's detector scores highest (whole text when
  uint32_t end = 0;    // the text has one clause)
};

// Thread-safe after Load/Train.
class AspectModel {
 public:
  static absl::StatusOr<AspectModel> Parse(std::string_view bytes);
  std::string Serialize() const;

  std::vector<AspectPrediction> Predict(std::string_view text) const;
  std::vector<AspectPrediction> PredictFeatures(const TextFeatures& features) const;

  // The bias-free pieces of a prediction, so training can re-decide cheaply while it tunes
  // thresholds and biases: detector scores w·x per detector, polarity class scores per aspect.
  void DetectorScores(const TextFeatures& f, std::vector<float>* det) const;
  std::array<float, 3> PolarityScores(const TextFeatures& f, int aspect) const;
  // Applies biases, thresholds and the polarity decision to raw scores; `polarity(aspect)`
  // supplies PolarityScores for the aspects that are emitted. Spans are left empty.
  std::vector<AspectPrediction> Decide(
      const std::vector<float>& det,
      const std::function<std::array<float, 3>(int)>& polarity) const;
  // The features the polarity of `aspect` is read from: the whole text's, plus (with
  // local_polarity) those of the clause the aspect's detector scores highest, re-hashed so
  // the model can weigh the aspect's own clause separately.
  void PolarityInput(const TextFeatures& f, int aspect, std::vector<uint32_t>* out) const;
  // Index of the clause the aspect's detector scores highest; -1 for single-clause texts.
  int BestClause(const TextFeatures& f, int aspect) const;

  // Detector index of an aspect's representative vector (the neutral label in joint models).
  int DetectorOf(int aspect) const { return joint ? 3 * aspect + 1 : aspect; }

  int hash_bits = 18;
  bool at_least_one = true;
  bool local_polarity = false;  // flag 2
  // Joint models detect (aspect, polarity) labels directly; the polarity model then only
  // breaks ties weighted by pol_mix (0 = labels alone).
  bool joint = false;                     // flag 4
  // Emit an aspect only when P(aspect) * P(its polarity) reaches its threshold (flag 8).
  bool triple_gate = false;
  float pol_mix = 0;
  std::vector<std::string> aspects;
  std::vector<float> thresholds;
  std::vector<float> det_bias;                  // [detector]
  // Optional second stage (plain models only): P(aspect a) = sigmoid(stack_b[a] +
  // sum_j stack_w[a * n + j] * detector logit j), learning how aspects co-occur.
  std::vector<float> stack_b, stack_w;
  std::vector<std::vector<float>> det_weights;  // [detector][feature]
  float pol_bias[3][64] = {};                   // [class][aspect] (aspects <= 64)
  std::vector<float> pol_weights[3];            // [class][feature]: shared + aspect-conjoined
};

// Hash of an aspect-conjoined feature for the polarity model.
inline uint32_t Conjoin(uint32_t feature, int aspect, int hash_bits) {
  uint64_t h = (uint64_t{feature} + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(aspect + 1));
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return static_cast<uint32_t>(h & ((uint64_t{1} << hash_bits) - 1));
}

}  // namespace voc::themes

#endif  // VOC_THEMES_MODEL_H_
