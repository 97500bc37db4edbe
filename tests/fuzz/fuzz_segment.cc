// Fuzz target: the segmenter (with and without normalisation) and the normaliser on arbitrary
// bytes. Tokens must be non-empty, ordered, disjoint and inside the input; normalised offsets
// must be non-decreasing and inside the input; repeated calls agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "voc/text.h"

namespace {

struct Fixture {
  std::unique_ptr<voc::Segmenter> normalized, raw;
  std::unique_ptr<voc::Normalizer> normalizer;
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    voc::SegmenterOptions o;
    auto a = voc::Segmenter::Create(o);
    o.normalize = false;
    o.hmm = false;
    auto b = voc::Segmenter::Create(o);
    auto n = voc::Normalizer::Create(voc::NormalizerOptions());
    if (!a.ok() || !b.ok() || !n.ok()) std::abort();
    x->normalized = std::move(*a);
    x->raw = std::move(*b);
    x->normalizer = std::move(*n);
    return x;
  }();
  return *f;
}

void Check(const voc::Segmenter& seg, std::string_view text) {
  std::vector<voc::Token> tokens = seg.Segment(text);
  size_t prev = 0;
  for (const voc::Token& t : tokens) {
    if (t.start >= t.end || t.end > text.size() || t.start < prev) std::abort();
    prev = t.end;
  }
  std::vector<voc::Token> again;
  seg.Segment(text, &again);
  if (again != tokens) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = Get();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(*f.normalized, text);
  Check(*f.raw, text);
  auto n = f.normalizer->Normalize(text);
  if (!n.ok()) std::abort();  // the default replaces invalid bytes
  if (n->source_start.size() != n->text.size() || n->source_end.size() != n->text.size()) std::abort();
  for (size_t i = 0; i < n->text.size(); ++i) {
    if (n->source_start[i] >= n->source_end[i] || n->source_end[i] > size) std::abort();
    if (i > 0 && n->source_start[i] < n->source_start[i - 1]) std::abort();
  }
  return 0;
}
