#include "themes/matcher.h"

#include <algorithm>

#include "core/utf8.h"

namespace voc::themes {
namespace {

constexpr uint64_t kNoEdge = ~uint64_t{0};

// A text symbol: the code point, or 0x110000 + byte for a byte that does not decode (no word
// holds one, so matching simply restarts after it). Returns the bytes consumed.
inline size_t Symbol(std::string_view s, size_t i, uint32_t* sym) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *sym = c;
    return 1;
  }
  if (c >= 0xE1 && c < 0xF0 && c != 0xED && s.size() - i >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    *sym = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  char32_t cp = 0;
  size_t n = utf8::Decode(s, i, &cp);
  if (n == 0) {
    *sym = 0x110000 + c;
    return 1;
  }
  *sym = static_cast<uint32_t>(cp);
  return n;
}

inline uint64_t EdgeKey(int32_t node, uint32_t symbol) {
  return (static_cast<uint64_t>(node) << 22) | symbol;
}

}  // namespace

void Matcher::Add(std::string_view word, int32_t value) {
  if (word.empty()) return;
  pending_.emplace_back(std::string(word), value);
  ++words_;
  built_ = false;
}

int32_t Matcher::Child(int32_t node, uint32_t symbol) const {
  const uint64_t key = EdgeKey(node, symbol);
  uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> edge_shift_;
  while (true) {
    const uint64_t k = edge_keys_[h];
    if (k == key) return edge_child_[h];
    if (k == kNoEdge) return -1;
    h = (h + 1) & edge_mask_;
  }
}

int32_t Matcher::AddChild(int32_t node, uint32_t symbol) {
  const uint64_t key = EdgeKey(node, symbol);
  uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> edge_shift_;
  while (edge_keys_[h] != kNoEdge) h = (h + 1) & edge_mask_;
  const int32_t child = static_cast<int32_t>(out_head_.size());
  edge_keys_[h] = key;
  edge_child_[h] = child;
  out_head_.push_back(-1);
  ++edges_;
  return child;
}

void Matcher::Build() {
  size_t symbols = 0;
  for (const auto& [w, v] : pending_) symbols += w.size();
  size_t cap = 16;
  int bits = 4;
  while (cap < symbols * 2 + 16) {
    cap <<= 1;
    ++bits;
  }
  edge_keys_.assign(cap, kNoEdge);
  edge_child_.assign(cap, -1);
  edge_mask_ = cap - 1;
  edge_shift_ = 64 - bits;
  edges_ = 0;
  out_head_.assign(1, -1);
  outs_.clear();
  first_byte_.assign(256, 0);
  for (const auto& [w, value] : pending_) {
    first_byte_[static_cast<unsigned char>(w[0])] = 1;
    int32_t node = 0;
    for (size_t i = 0; i < w.size();) {
      uint32_t sym = 0;
      i += Symbol(w, i, &sym);
      int32_t child = Child(node, sym);
      if (child < 0) {
        child = AddChild(node, sym);
      }
      node = child;
    }
    // The latest word first, as the Aho-Corasick output chains had it.
    outs_.push_back({value, out_head_[node]});
    out_head_[node] = static_cast<int32_t>(outs_.size() - 1);
  }
  built_ = true;
}

void Matcher::FindAll(std::string_view text, std::vector<Match>* out) const {
  if (!built_ || words_ == 0) return;
  const size_t first = out->size();
  bool sorted = true;  // by end offset, as the caller expects
  uint32_t last_end = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t sym = 0;
    const size_t n = Symbol(text, i, &sym);
    if (!first_byte_[static_cast<unsigned char>(text[i])]) {
      i += n;
      continue;
    }
    int32_t node = Child(0, sym);
    size_t j = i + n;
    // Every word starting at i, shortest first.
    while (node >= 0) {
      for (int32_t o = out_head_[node]; o >= 0; o = outs_[o].next) {
        const uint32_t end = static_cast<uint32_t>(j);
        if (end < last_end) sorted = false;
        last_end = end;
        out->push_back({static_cast<uint32_t>(i), end, outs_[o].value});
      }
      if (j >= text.size()) break;
      uint32_t s = 0;
      const size_t m = Symbol(text, j, &s);
      node = Child(node, s);
      j += m;
    }
    i += n;
  }
  if (!sorted) {
    // The Aho-Corasick order: by end, then the longer (earlier starting) word first, then
    // the latest added word first.
    std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                     [](const Match& a, const Match& b) {
                       if (a.end != b.end) return a.end < b.end;
                       return a.start < b.start;
                     });
  }
}

}  // namespace voc::themes
