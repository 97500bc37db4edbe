// Internal: the linear model file (sentiment: one logit; emotion: one logit per class).
//
// File layout (little-endian): magic "VOCSENTM", uint32 format version, uint32 kind
// (1 sentiment, 2 emotion), uint32 hash_bits, uint32 num_classes, uint32 max_ngram,
// float scale, float bias[num_classes], int16 weights[2^hash_bits * num_classes] (weight =
// int16 * scale; bucket-major so one bucket's classes share a cache line).
#ifndef VOC_SENTIMENT_MODEL_H_
#define VOC_SENTIMENT_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sentiment/features.h"

namespace voc::sentiment {

inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr uint32_t kKindSentiment = 1;
inline constexpr uint32_t kKindEmotion = 2;

struct LinearModel {
  uint32_t kind = kKindSentiment;
  int hash_bits = 20;
  int num_classes = 1;
  int max_ngram = 4;
  std::vector<float> bias;
  std::vector<float> weights;  // [bucket * num_classes + class]

  static absl::StatusOr<LinearModel> Load(const std::string& path, uint32_t expected_kind);
  absl::Status Save(const std::string& path) const;

  const float* Row(uint64_t hash) const {
    return &weights[static_cast<size_t>(Bucket(hash, hash_bits)) * num_classes];
  }
};

}  // namespace voc::sentiment

#endif  // VOC_SENTIMENT_MODEL_H_
