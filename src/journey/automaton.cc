#include "journey/automaton.h"

#include "core/utf8.h"

namespace voc::journey {
namespace {

unsigned char Fold(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// A text symbol: the code point (ASCII letters folded), or 0x110000 + byte for a byte that
// does not decode. Returns the bytes consumed.
inline size_t Symbol(std::string_view s, size_t i, uint32_t* sym) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *sym = Fold(c);
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

}  // namespace

int Automaton::Add(std::string_view pattern) {
  std::string p(pattern);
  for (char& ch : p) ch = static_cast<char>(Fold(static_cast<unsigned char>(ch)));
  patterns_.push_back(std::move(p));
  lengths_.push_back(pattern.size());
  return static_cast<int>(lengths_.size()) - 1;
}

void Automaton::Build() {
  size_t symbols = 0;
  for (const auto& p : patterns_) symbols += p.size();
  size_t cap = 16;
  int bits = 4;
  while (cap < symbols * 2 + 16) {
    cap <<= 1;
    ++bits;
  }
  edge_keys_.assign(cap, ~uint64_t{0});
  edge_child_.assign(cap, -1);
  edge_mask_ = cap - 1;
  edge_shift_ = 64 - bits;
  out_head_.assign(1, -1);
  out_next_.assign(patterns_.size(), -1);
  std::vector<int32_t> out_tail(1, -1);
  first_byte_.fill(0);
  for (size_t id = 0; id < patterns_.size(); ++id) {
    const std::string& p = patterns_[id];
    if (p.empty()) continue;
    const unsigned char b = static_cast<unsigned char>(p[0]);
    first_byte_[b] = 1;
    if (b >= 'a' && b <= 'z') first_byte_[b - 'a' + 'A'] = 1;
    int32_t node = 0;
    for (size_t i = 0; i < p.size();) {
      uint32_t sym = 0;
      i += Symbol(p, i, &sym);
      int32_t child = Child(node, sym);
      if (child < 0) {
        const uint64_t key = (static_cast<uint64_t>(node) << 22) | sym;
        uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> edge_shift_;
        while (edge_keys_[h] != ~uint64_t{0}) h = (h + 1) & edge_mask_;
        child = static_cast<int32_t>(out_head_.size());
        edge_keys_[h] = key;
        edge_child_[h] = child;
        out_head_.push_back(-1);
        out_tail.push_back(-1);
      }
      node = child;
    }
    // Ascending ids per node.
    if (out_tail[node] < 0) {
      out_head_[node] = static_cast<int32_t>(id);
    } else {
      out_next_[out_tail[node]] = static_cast<int32_t>(id);
    }
    out_tail[node] = static_cast<int32_t>(id);
  }
  patterns_.clear();
  patterns_.shrink_to_fit();
}

void Automaton::FindAll(std::string_view text, std::vector<Occurrence>* out) const {
  out->clear();
  if (out_head_.empty()) return;
  bool sorted = true;
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
    while (node >= 0) {
      for (int32_t id = out_head_[node]; id >= 0; id = out_next_[id]) {
        const uint32_t end = static_cast<uint32_t>(j);
        if (end < last_end) sorted = false;
        last_end = end;
        out->push_back({static_cast<uint32_t>(i), end, id});
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
    // By end, then the longer (earlier starting) occurrence, then the pattern id: the order an
    // Aho-Corasick pass reports them in.
    std::sort(out->begin(), out->end(), [](const Occurrence& a, const Occurrence& b) {
      if (a.end != b.end) return a.end < b.end;
      if (a.start != b.start) return a.start < b.start;
      return a.id < b.id;
    });
  }
}

}  // namespace voc::journey
