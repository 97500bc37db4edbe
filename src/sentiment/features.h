// Internal: the features both the trainer and the analyzer compute for a text — hashed
// character n-grams (with their byte positions, so clause scores can be attributed) and
// lexicon/rule features. Hot path: no allocation per n-gram; buffers are reused.
#ifndef VOC_SENTIMENT_FEATURES_H_
#define VOC_SENTIMENT_FEATURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "sentiment/lexicon.h"
#include "voc/text.h"

namespace voc::sentiment {

struct Feature {
  uint64_t hash;
  uint32_t pos;  // byte offset of the n-gram's first character (rule features: the hit)
  uint8_t n;     // n-gram order; 0 for lexicon/rule features
  uint8_t len;   // n-gram length in bytes (0 for rule features)
};

struct FeatureSet {
  std::vector<Feature> features;
  std::vector<char32_t> cps;    // scratch: normalised code points
  std::vector<uint32_t> offs;   // scratch: their byte offsets
  float value = 0;              // per-feature value (1/sqrt(count)): length normalisation
};

inline constexpr int kMaxNgram = 4;

// Fills `out` for `text` (valid UTF-8) given its rule analysis.
// Seam for the segmenter: word n-grams would be appended here as further hashed features with
// their own tag (models record nothing about feature kinds, only the hash space, so adding a
// kind only needs retraining).
// `flags` (kFeature* bits, recorded in the model file) adds optional feature kinds.
inline constexpr uint32_t kFeatureNegationScope = 1;  // 1-2-grams inside a 不/没/无... scope, tagged
// Emotion models (EmotionExtras): the lexicon's per-emotion evidence counts, the rule score
// and the sentiment model's score as valued features.
inline constexpr uint32_t kFeatureEmotionStack = 2;
// Emotion models (EmotionExtras): word unigrams and bigrams from the segmenter's tokens.
inline constexpr uint32_t kFeatureWords = 4;
inline constexpr uint32_t kKnownFeatureFlags = kFeatureNegationScope | kFeatureEmotionStack | kFeatureWords;
// The flags that change what ExtractFeatures emits (two models agreeing on these and on the
// n-gram order share one FeatureSet).
inline constexpr uint32_t kNgramFeatureFlags = kFeatureNegationScope;
void ExtractFeatures(std::string_view text, const RuleAnalysis& rules, int max_ngram,
                     FeatureSet* out, uint32_t flags = 0);

// Hash of the feature carrying the sentiment model's score into the emotion model
// (score in [-1, 1], 11 bins; the feature has value 1).
uint64_t SentimentScoreFeature(double score);

struct ValuedFeature {
  uint64_t hash;
  float value;
};

// The emotion model's features beyond ExtractFeatures': the sentiment score bin when
// `have_score`, and what `flags` add: kFeatureEmotionStack (not length-normalised) and
// kFeatureWords (the words of `tokens`, value `word_value`).
void EmotionExtras(std::string_view text, const RuleAnalysis& rules, bool have_score, double model_score,
                   uint32_t flags, const std::vector<Token>& tokens, float word_value,
                   std::vector<ValuedFeature>* out);

// Hash of feature `hash` conjoined with domain `domain` (>= 0).
inline uint64_t DomainHash(uint64_t hash, int domain) {
  uint64_t h = hash ^ (0xD6E8FEB86659FD93ULL * static_cast<uint64_t>(domain + 1));
  h ^= h >> 31;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 29);
}

// Bucket of a feature hash in a table of 2^bits.
inline uint32_t Bucket(uint64_t hash, int bits) {
  return static_cast<uint32_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

}  // namespace voc::sentiment

#endif  // VOC_SENTIMENT_FEATURES_H_
