// Key-phrase extraction by TF-IDF over the segmenter's words (jieba's extract_tags method):
// weight = (occurrences / content words) * IDF, with IDF from a table compiled at build time
// (jieba's idf.txt; words missing from it get the median IDF), a stop-word list and a
// part-of-speech filter. Used to fill Analysis::key_phrases.
#ifndef VOC_KEYWORDS_H_
#define VOC_KEYWORDS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "voc/text.h"

namespace voc {

struct KeywordOptions {
  // Compiled IDF table; empty = the default data file (DefaultDataPath("lexicon/idf.bin")).
  std::string idf_path;
  // Keywords returned by Extract when its top_k argument is 0.
  size_t top_k = 5;
  // Words with fewer characters are skipped (jieba uses 2).
  size_t min_chars = 2;
  // Tags kept; empty = nouns, names, places, organisations, verbs, adjectives, idioms, Latin
  // words and unknown words (what feedback topics are made of).
  std::vector<TokenTag> allowed_tags;
  // Extra stop words (normalised form), on top of the built-in list.
  std::vector<std::string> stop_words;
};

struct Keyword {
  std::string text;        // normalised form (the key: 物流, iphone)
  std::string surface;     // as written at the first occurrence
  uint32_t start = 0;      // first occurrence, bytes [start, end) of the input
  uint32_t end = 0;
  uint32_t count = 0;      // occurrences in the text
  double weight = 0;       // tf * idf
};

// Thread-safe (immutable after Create).
class KeywordExtractor {
 public:
  // `segmenter` is shared (a default Segmenter is created when null).
  static absl::StatusOr<std::unique_ptr<KeywordExtractor>> Create(
      const KeywordOptions& options, std::shared_ptr<const Segmenter> segmenter = nullptr);

  // The top_k (0 = options.top_k) keywords of `text`, highest weight first; ties keep the
  // order of first occurrence. Never fails: hostile input just yields fewer keywords.
  std::vector<Keyword> Extract(std::string_view text, size_t top_k = 0) const;
  // Same over pre-computed tokens of `text` (saves segmenting twice).
  std::vector<Keyword> Extract(std::string_view text, const std::vector<Token>& tokens,
                               size_t top_k = 0) const;

  // IDF of a normalised word (the median when unknown).
  double Idf(std::string_view normalized_word) const;

  ~KeywordExtractor();
  KeywordExtractor(const KeywordExtractor&) = delete;
  KeywordExtractor& operator=(const KeywordExtractor&) = delete;

  struct Impl;

 private:
  explicit KeywordExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Computes IDF = ln((N + 1) / (df + 1)) + 1 over `documents` (N texts; df = how many contain
// the word), counting the words `extractor` would consider, and writes a table that
// KeywordOptions::idf_path loads: key phrases then reflect the customer's own feedback instead
// of jieba's news-based table. Words seen in fewer than `min_df` documents are left out (they
// get the IDF of a word seen once). InvalidArgument when there are no documents.
absl::Status WriteIdfTable(const KeywordExtractor& extractor,
                           const std::vector<std::string>& documents, const std::string& path,
                           size_t min_df = 2);

}  // namespace voc

#endif  // VOC_KEYWORDS_H_
