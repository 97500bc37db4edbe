// Internal: a trainable character tagger for segmentation (`voc train-segmenter`), for
// customers whose segmentation standard differs from the lexicon's. Each character gets one
// of B M E S (begin, middle, end of a word, single) from a structured averaged perceptron
// over hashed character n-gram features, decoded with Viterbi. Besides the characters, the
// features say where words of the training vocabulary and of voc's lexicon start, end and
// cover; a model therefore goes with the lexicon it was trained with.
#ifndef VOC_TEXT_CHAR_TAGGER_H_
#define VOC_TEXT_CHAR_TAGGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "text/normalize_impl.h"

namespace voc::text {

struct CharTaggerTrainOptions {
  int epochs = 8;
  int hash_bits = 20;  // feature table of 2^hash_bits rows x 4 tags (float): 16 MB at 20
  uint64_t seed = 1;   // shuffling
  // Words seen fewer times than this in the training corpus are not in the model's vocabulary.
  int vocab_min_count = 1;
  // Called after each epoch with its number and the training tag accuracy.
  std::function<void(int epoch, double accuracy)> progress;
};

class CharTagger {  // immutable after Train/Load; thread-safe
 public:
  // `sentences`: each a list of words (UTF-8); words are normalised like the segmenter's input.
  static absl::StatusOr<std::unique_ptr<CharTagger>> Train(
      const std::vector<std::vector<std::string>>& sentences, const CharTaggerTrainOptions& options);
  static absl::StatusOr<std::unique_ptr<CharTagger>> Load(const std::string& path);
  absl::Status Save(const std::string& path) const;  // versioned ("VOCSEG01"), checked on load

  // Appends the [start, end) byte spans of the words of `text` (UTF-8, normalised first like
  // the segmenter's input). Spaces separate and are never inside a word; each invalid UTF-8
  // byte is a word of its own. Never fails.
  void Segment(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>>* words) const;

  // Words of normalised characters as [begin, end) indices; spaces separate and are dropped.
  void SegmentChars(const std::vector<NormChar>& chars,
                    std::vector<std::pair<uint32_t, uint32_t>>* words) const;

 private:
  CharTagger() = default;
  int hash_bits_ = 0;
  std::vector<float> weights_;  // (1 << hash_bits_) x 4
  float trans_[5][4] = {};      // [previous tag or 4 = start][tag]
  // Hashes of the multi-character words of the training corpus (the "a known word starts /
  // ends here" features), sorted for the file and hashed for lookups.
  std::vector<uint64_t> vocab_;
  std::unordered_set<uint64_t> vocab_set_;
  // voc's lexicon: "a lexicon word starts / ends here" features (format version 3).
  std::shared_ptr<const class Lexicon> lex_;
};

// Reads a space-segmented corpus (one sentence per line, UTF-8); errors name the line.
absl::StatusOr<std::vector<std::vector<std::string>>> ReadSegmentedCorpus(const std::string& path);

}  // namespace voc::text

#endif  // VOC_TEXT_CHAR_TAGGER_H_
