// Internal: character-level normalisation shared by Normalizer and Segmenter.
#ifndef VOC_TEXT_NORMALIZE_IMPL_H_
#define VOC_TEXT_NORMALIZE_IMPL_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "unicode/uchar.h"
#include "voc/text.h"

namespace voc::text {

// Character classes the segmenters share (over normalised code points).
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}
inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char32_t c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x3000 || (c >= 0x80 && u_isUWhiteSpace(static_cast<UChar32>(c)));
}

// One normalised code point and the original bytes [start, end) it came from. A character
// that normalises to several (㎏ → k g) gives several entries with the same span; one that
// normalises to nothing (a zero-width format character) gives none.
struct NormChar {
  char32_t cp;
  uint32_t start;
  uint32_t end;
};

// Appends the normalised characters of `text` to *out. Invalid UTF-8 bytes become U+FFFD with
// a one-byte span; the offset of the first one is returned (npos when the text is valid).
size_t NormalizeChars(std::string_view text, const NormalizerOptions& options,
                      std::vector<NormChar>* out);

}  // namespace voc::text

#endif  // VOC_TEXT_NORMALIZE_IMPL_H_
