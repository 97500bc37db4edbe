// Internal: the linear model file (sentiment: one logit; emotion: one logit per class).
//
// File layout (little-endian): magic "VOCSENTM", uint32 format version, uint32 kind
// (1 sentiment, 2 emotion), uint32 hash_bits, uint32 num_classes, uint32 max_ngram,
// float scale, float bias[num_classes], int16 weights[2^hash_bits * num_classes] (weight =
// int16 * scale; bucket-major so one bucket's classes share a cache line).
// Version 2 adds uint32 feature_flags (kFeature* bits) after max_ngram and appends the domain
// classifier: uint32 num_domains D (0 = none), uint32 domain_bits,
// float domain_scale, float domain_feature_scale, float domain_bias[D], int16 domain_weights[2^domain_bits * D]. With D > 0
// every feature also fires conjoined with the predicted domain (DomainHash), so one model file
// holds shared and per-domain weights ("frustratingly easy" domain adaptation). Version 1 files
// (no domain section) still load. Loading maps the file and scores from its int16 arrays in
// place (every field before them is a multiple of 2 bytes, so they are 2-byte aligned).
#ifndef VOC_SENTIMENT_MODEL_H_
#define VOC_SENTIMENT_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentiment/features.h"

namespace voc::sentiment {

inline constexpr uint32_t kModelFormatVersion = 2;
inline constexpr uint32_t kKindSentiment = 1;
inline constexpr uint32_t kKindEmotion = 2;

struct LinearModel {
  uint32_t kind = kKindSentiment;
  int hash_bits = 20;
  int num_classes = 1;
  int max_ngram = 4;
  uint32_t feature_flags = 0;  // kFeature* bits: optional feature kinds the model was trained with
  std::vector<float> bias;
  // Domain classifier (softmax over the same features in its own small table); 0 = none.
  int num_domains = 0;
  int domain_bits = 0;
  float domain_feature_scale = 1;  // conjoined features count this much
  std::vector<float> domain_bias;

  // Weights as the trainer writes them (Save quantises these); empty in a loaded model.
  std::vector<float> weights;         // [bucket * num_classes + class]
  std::vector<float> domain_weights;  // [bucket * num_domains + domain]

  // Weights of a loaded model: the file's int16 arrays, read in place from the mapping
  // (weight = q * scale). Scoring sums the int16 values and applies the scale once.
  const int16_t* q = nullptr;   // [bucket * num_classes + class]
  float scale = 1;
  const int16_t* dq = nullptr;  // [bucket * num_domains + domain]
  float domain_scale = 1;
  std::shared_ptr<const void> mapping;  // keeps q and dq valid

  static absl::StatusOr<LinearModel> Load(const std::string& path, uint32_t expected_kind);
  absl::Status Save(const std::string& path) const;

  // Row of a loaded model.
  const int16_t* Row(uint64_t hash) const {
    return q + static_cast<size_t>(Bucket(hash, hash_bits)) * num_classes;
  }

  // Predicted domain of a text from its features, -1 when the model has no domains.
  int PredictDomain(const FeatureSet& fs) const;

  // Adds the weights of all features of `fs` (times fs.value, plain and, with domains,
  // conjoined with `domain`) to z[0..num_classes).
  void Accumulate(const FeatureSet& fs, int domain, double* z) const;
};

}  // namespace voc::sentiment

#endif  // VOC_SENTIMENT_MODEL_H_
