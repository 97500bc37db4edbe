#include "store/near_duplicates.h"

#include <vector>

#include "core/utf8.h"

namespace voc::store_internal {
namespace {

// Characters that carry no content for duplicate detection: ASCII space/punctuation, CJK and
// full-width punctuation, general punctuation, symbols and emoji.
bool Skipped(char32_t c) {
  if (c < 0x80) {
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  return (c >= 0x2000 && c <= 0x2BFF) ||   // general punctuation, arrows, symbols
         (c >= 0x3000 && c <= 0x303F) ||   // CJK punctuation
         (c >= 0xFE30 && c <= 0xFE4F) ||   // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||  // full-width punct.
         (c >= 0x1F000 && c <= 0x1FAFF) ||  // emoji and pictographs
         c == 0xFE0F || c == 0x200D || c == 0xA0;
}

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t TextSimHash(std::string_view text, size_t* kept_chars) {
  std::vector<char32_t> chars;
  chars.reserve(text.size() / 2);
  size_t i = 0;
  while (i < text.size()) {
    char32_t c;
    size_t n = utf8::Decode(text, i, &c);
    if (n == 0) {  // invalid byte: keep it as a character of its own
      c = 0xDC00 + static_cast<unsigned char>(text[i]);
      n = 1;
    }
    i += n;
    if (Skipped(c)) continue;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    chars.push_back(c);
  }
  *kept_chars = chars.size();
  if (chars.empty()) return 0;
  int weights[64] = {0};
  auto add = [&](uint64_t h) {
    for (int b = 0; b < 64; ++b) weights[b] += (h >> b) & 1 ? 1 : -1;
  };
  if (chars.size() < 3) {
    uint64_t h = 0;
    for (char32_t c : chars) h = Mix(h ^ c);
    add(h);
  } else {
    for (size_t k = 0; k + 3 <= chars.size(); ++k) {
      add(Mix(Mix(Mix(chars[k]) ^ chars[k + 1]) ^ chars[k + 2]));
    }
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (weights[b] > 0) out |= uint64_t{1} << b;
  }
  return out;
}

}  // namespace voc::store_internal
