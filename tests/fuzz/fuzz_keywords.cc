// Fuzz target: segmentation + keyword extraction on arbitrary bytes. Tokens must be non-empty,
// in order, non-overlapping and inside the input; keywords must point at one of them; a second
// run must give the same tokens (no hidden state).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "voc/keywords.h"
#include "voc/text.h"

namespace {

struct Fixture {
  std::shared_ptr<const voc::Segmenter> seg;
  std::unique_ptr<voc::KeywordExtractor> kw;
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    auto seg = voc::Segmenter::Create(voc::SegmenterOptions());
    if (!seg.ok()) std::abort();
    x->seg = std::shared_ptr<const voc::Segmenter>(std::move(*seg));
    auto kw = voc::KeywordExtractor::Create(voc::KeywordOptions(), x->seg);
    if (!kw.ok()) std::abort();
    x->kw = std::move(*kw);
    return x;
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = Get();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<voc::Token> tokens = f.seg->Segment(text);
  size_t prev_end = 0;
  for (const voc::Token& t : tokens) {
    if (t.start >= t.end || t.end > size || t.start < prev_end) std::abort();
    prev_end = t.end;
  }
  if (f.seg->Segment(text) != tokens) std::abort();
  for (const voc::Keyword& k : f.kw->Extract(text, tokens, 10)) {
    bool found = false;
    for (const voc::Token& t : tokens) found = found || (t.start == k.start && t.end == k.end);
    if (!found || k.count == 0 || !(k.weight > 0)) std::abort();
  }
  return 0;
}
