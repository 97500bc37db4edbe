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

// Byte offset of the first invalid sequence, or std::string_view::npos when `s` is valid.
size_t FindInvalid(std::string_view s);
inline bool IsValid(std::string_view s) { return FindInvalid(s) == std::string_view::npos; }

// Appends the UTF-8 encoding of `cp` (must be a valid scalar value).
void Append(std::string* out, char32_t cp);

// Copy of `s` with every invalid sequence replaced by U+FFFD.
std::string Sanitize(std::string_view s);

// Number of code points (invalid bytes count one each).
size_t Length(std::string_view s);

}  // namespace voc::utf8

#endif  // VOC_CORE_UTF8_H_
