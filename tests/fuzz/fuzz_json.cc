// Fuzz target: the JSON parser and writer. Parsed values must serialise to JSON that parses
// back to the same serialisation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = voc::json::Parse(text);
  if (v.ok()) {
    std::string once = voc::json::Serialize(*v);
    auto again = voc::json::Parse(once);
    if (!again.ok() || voc::json::Serialize(*again) != once) std::abort();
  }
  std::string quoted;
  voc::json::AppendQuoted(&quoted, text);
  auto q = voc::json::Parse(quoted);
  if (!q.ok() || !q->is_string()) std::abort();
  return 0;
}
