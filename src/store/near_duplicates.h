// Internal: SimHash fingerprints of feedback text for near-duplicate detection.
#ifndef VOC_STORE_NEAR_DUPLICATES_H_
#define VOC_STORE_NEAR_DUPLICATES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace voc::store_internal {

// A 64-bit SimHash over the character 3-grams of `text` after dropping whitespace,
// punctuation, symbols and emoji and lower-casing ASCII, so copy-pasted texts that differ in
// spacing, punctuation or a few characters land within a few bits of each other.
// `kept_chars` receives the number of characters that remained. Invalid UTF-8 bytes count as
// characters of their own; never fails.
uint64_t TextSimHash(std::string_view text, size_t* kept_chars);

inline int HammingDistance(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace voc::store_internal

#endif  // VOC_STORE_NEAR_DUPLICATES_H_
