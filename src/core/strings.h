// Internal: bridges between std::string_view (voc's public type) and absl::string_view
// (Debian's Abseil 20220623 keeps its own type, with no implicit conversion either way).
#ifndef VOC_CORE_STRINGS_H_
#define VOC_CORE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace voc {

inline absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace voc

#endif  // VOC_CORE_STRINGS_H_
