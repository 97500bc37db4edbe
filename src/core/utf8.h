// Internal UTF-8 helpers shared by every component.
#ifndef VOC_CORE_UTF8_H_
#define VOC_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace voc::utf8 {

// Decodes one code point at s[i]; returns its length in bytes (1..4) and sets *cp, or returns
// 0 when the bytes there are not well-formed UTF-8 (overlong forms, surrogates and values over
// U+10FFFF are rejected).
size_t Decode(std::string_view s, size_t i, char32_t* cp);

// Decode() with ASCII and 3-byte BMP characters (Han and most feedback text) decoded inline,
// for per-character loops; the same results, and 0 when i is past the end.
inline size_t DecodeInline(std::string_view s, size_t i, char32_t* cp) {
  if (i >= s.size()) return 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xE1 && c < 0xF0 && c != 0xED && s.size() - i >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    *cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  return Decode(s, i, cp);
}

// Byte offset of the first invalid sequence, or std::string_view::npos when `s` is valid.
size_t FindInvalid(std::string_view s);
inline bool IsValid(std::string_view s) { return FindInvalid(s) == std::string_view::npos; }

// Appends the UTF-8 encoding of `cp` (must be a valid scalar value).
void Append(std::string* out, char32_t cp);

// Copy of `s` with every invalid sequence replaced by U+FFFD.
std::string Sanitize(std::string_view s);

// Sanitize() with ASCII control characters (NUL, tab, ESC, DEL ...) written as \u00XX, for
// showing untrusted text such as record ids in messages: a NUL would cut a C string short.
std::string Printable(std::string_view s);

// Number of code points (invalid bytes count one each).
size_t Length(std::string_view s);

}  // namespace voc::utf8

#endif  // VOC_CORE_UTF8_H_
