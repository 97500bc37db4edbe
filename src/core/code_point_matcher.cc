#include "core/code_point_matcher.h"

#include <algorithm>

namespace voc {

bool CodePointMatcher::Add(std::string_view word, int32_t value) {
  if (word.empty()) return false;
  std::string w(word);
  if (fold_) {
    for (char& c : w) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
  }
  pending_.emplace_back(std::move(w), value);
  return true;
}

void CodePointMatcher::Build() {
  // At most one edge per symbol, and the words' bytes bound their symbols: at least as many
  // slots as bytes keeps the probe runs short (a third full or less for Chinese words). Sized
  // by symbols, the probes that end a walk cost the journey cue pass 3% more instructions;
  // twice the bytes cost the sentiment lexicon 3 MB more for 0.07% fewer instructions.
  size_t bytes = 0;
  for (const auto& [word, value] : pending_) bytes += word.size();
  size_t cap = 16;
  int bits = 4;
  while (cap < bytes + 16) {
    cap <<= 1;
    ++bits;
  }
  edge_keys_.assign(cap, kNoEdge);
  edge_child_.assign(cap, -1);
  edge_mask_ = cap - 1;
  edge_shift_ = 64 - bits;
  out_head_.assign(1, -1);
  outputs_.clear();
  first_bytes_.fill(0);
  first_symbols_.assign(kBitmapSymbols / 64, 0);
  std::vector<int32_t> out_tail(1, -1);
  for (const auto& [word, value] : pending_) {
    const unsigned char b = static_cast<unsigned char>(word[0]);
    first_bytes_[b] = 1;
    if (fold_ && b >= 'a' && b <= 'z') first_bytes_[b - ('a' - 'A')] = 1;
    int32_t node = 0;
    for (size_t i = 0; i < word.size();) {
      uint32_t symbol = 0;
      i += SymbolAt<false>(word, i, &symbol);  // already folded by Add()
      if (node == 0 && symbol < kBitmapSymbols) {
        first_symbols_[symbol >> 6] |= uint64_t{1} << (symbol & 63);
      }
      int32_t child = Child(node, symbol);
      if (child < 0) {
        const uint64_t key = EdgeKey(node, symbol);
        uint64_t h = EdgeSlot(key);
        while (edge_keys_[h] != kNoEdge) h = (h + 1) & edge_mask_;
        child = static_cast<int32_t>(out_head_.size());
        edge_keys_[h] = key;
        edge_child_[h] = child;
        out_head_.push_back(-1);
        out_tail.push_back(-1);
      }
      node = child;
    }
    // Appended to the node's chain, so that copies of a word report in the order added.
    const int32_t out = static_cast<int32_t>(outputs_.size());
    outputs_.push_back({value, -1});
    if (out_tail[node] < 0) {
      out_head_[node] = out;
    } else {
      outputs_[out_tail[node]].next = out;
    }
    out_tail[node] = out;
  }
  pending_.clear();
  pending_.shrink_to_fit();
}

void CodePointMatcher::FindAll(std::string_view text, std::vector<Match>* out) const {
  if (fold_) {
    FindAllImpl<true>(text, out);
  } else {
    FindAllImpl<false>(text, out);
  }
}

template <bool kFold>
void CodePointMatcher::FindAllImpl(std::string_view text, std::vector<Match>* out) const {
  if (outputs_.empty()) return;
  const size_t first = out->size();
  bool sorted = true;  // by end offset, so far
  uint32_t last_end = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t symbol = 0;
    const size_t n = SymbolAt<kFold>(text, i, &symbol);
    if (!first_bytes_[static_cast<unsigned char>(text[i])]) {
      i += n;
      continue;
    }
    // Every word starting at i, shortest first.
    int32_t node = Child(0, symbol);
    size_t j = i + n;
    while (node >= 0) {
      for (int32_t o = out_head_[node]; o >= 0; o = outputs_[o].next) {
        const uint32_t end = static_cast<uint32_t>(j);
        if (end < last_end) sorted = false;
        last_end = end;
        out->push_back({static_cast<uint32_t>(i), end, outputs_[o].value});
      }
      if (j >= text.size()) break;
      const size_t m = SymbolAt<kFold>(text, j, &symbol);
      node = Child(node, symbol);
      j += m;
    }
    i += n;
  }
  if (!sorted) {
    // Found by start, reported by end. Stable: the same span keeps the order words were added.
    std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                     [](const Match& a, const Match& b) {
                       if (a.end != b.end) return a.end < b.end;
                       return a.start < b.start;
                     });
  }
}

}  // namespace voc
