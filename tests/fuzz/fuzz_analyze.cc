// Fuzz target: the whole per-text analysis on arbitrary bytes. It must never crash; invalid
// UTF-8 must be an InvalidArgument error, valid text a result with in-range offsets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "core/utf8.h"
#include "voc/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<voc::Analyzer> analyzer = [] {
    auto a = voc::Analyzer::Create();
    if (!a.ok()) std::abort();
    return std::move(*a);
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = analyzer->Analyze(text);
  if (voc::utf8::IsValid(text) != r.ok()) std::abort();
  if (r.ok()) {
    for (const auto& c : r->clauses) {
      if (c.span.start > c.span.end || c.span.end > size) std::abort();
    }
    for (const auto& t : r->themes) {
      if (t.span.start > t.span.end || t.span.end > size) std::abort();
    }
    for (const auto& s : r->stages) {
      if (s.span.start > s.span.end || s.span.end > size) std::abort();
    }
    if (!(r->score >= -1 && r->score <= 1)) std::abort();
    (void)voc::Analyzer::ToJson("fuzz", text, *r);
  }
  return 0;
}
