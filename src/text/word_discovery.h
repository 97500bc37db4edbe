// Internal: new-word discovery (`voc discover-words`). Finds strings of 2-6 Han characters
// that behave like words in a corpus, so they can be added to the lexicon: frequent, cohesive
// (every split point has a high pointwise mutual information) and free (varied left and right
// neighbours), and not already known.
#ifndef VOC_TEXT_WORD_DISCOVERY_H_
#define VOC_TEXT_WORD_DISCOVERY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace voc::text {

struct WordDiscoveryOptions {
  int min_length = 2;        // in characters
  int max_length = 6;
  int64_t min_count = 5;     // occurrences in the corpus
  double min_pmi = 2.0;      // natural log, minimum over the split points
  double min_entropy = 1.0;  // natural log, minimum of the left and right neighbour entropies
  size_t top = 100;          // at most this many results (0 = all)
  // Drop candidates made of two known words (they already segment as those words).
  bool drop_known_compounds = true;
  // Drop candidates starting or ending with a grammatical particle (的 了 吗 ...).
  bool drop_particle_edges = true;
};

struct DiscoveredWord {
  std::string word;
  int64_t count;
  double pmi;            // cohesion: minimum PMI over the split points
  double left_entropy;   // of the character before each occurrence (text edges count as distinct)
  double right_entropy;  // of the character after
  double score;          // log(count) x min(pmi, 8) x min(left, right entropy); higher is better
};

// Best first (score, then count, then word). `is_known` may be empty (nothing is known).
// Texts are normalised (Traditional, full width) first; invalid UTF-8 bytes and non-Han
// characters only separate candidates. Thread-compatible; memory grows with the number of
// distinct n-grams of the corpus.
std::vector<DiscoveredWord> DiscoverWords(const std::vector<std::string_view>& texts,
                                          const WordDiscoveryOptions& options,
                                          const std::function<bool(std::string_view)>& is_known);

}  // namespace voc::text

#endif  // VOC_TEXT_WORD_DISCOVERY_H_
