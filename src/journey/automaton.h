// Internal: finds every journey cue, negation and hypothetical marker in one pass over a
// text. The patterns form a trie over code points whose edges live in one small
// open-addressing table (it stays in cache, unlike a DFA with a row per byte state); the
// text is walked from each position whose first byte starts a pattern.
#ifndef VOC_JOURNEY_AUTOMATON_H_
#define VOC_JOURNEY_AUTOMATON_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace voc::journey {

// Immutable after Build(); Scan is thread-safe. ASCII letters match case-insensitively.
class Automaton {
 public:
  struct Occurrence {
    uint32_t start;
    uint32_t end;
    int id;
  };

  // Adds a pattern (non-empty); returns its id (dense, in insertion order). Before Build().
  int Add(std::string_view pattern);
  void Build();

  size_t pattern_length(int id) const { return lengths_[id]; }
  size_t state_count() const { return out_head_.size(); }

  // Every occurrence into *out (cleared first), ordered by end offset, then longest first,
  // then by pattern id.
  void FindAll(std::string_view text, std::vector<Occurrence>* out) const;

  // Calls fn(pattern_id, start, end) for every occurrence, in the order of FindAll.
  template <typename Fn>
  void Scan(std::string_view text, Fn&& fn) const {
    thread_local std::vector<Occurrence> found;
    FindAll(text, &found);
    for (const Occurrence& o : found) fn(o.id, size_t{o.start}, size_t{o.end});
  }

 private:
  int32_t Child(int32_t node, uint32_t symbol) const {
    const uint64_t key = (static_cast<uint64_t>(node) << 22) | symbol;
    uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> edge_shift_;
    while (true) {
      const uint64_t k = edge_keys_[h];
      if (k == key) return edge_child_[h];
      if (k == ~uint64_t{0}) return -1;
      h = (h + 1) & edge_mask_;
    }
  }

  std::vector<std::string> patterns_;  // lower-cased, until Build()
  std::vector<uint64_t> edge_keys_;    // (node << 22 | symbol), all ones when empty
  std::vector<int32_t> edge_child_;
  uint64_t edge_mask_ = 0;
  int edge_shift_ = 64;
  std::vector<int32_t> out_head_;      // per node: first pattern ending here (lowest id)
  std::vector<int32_t> out_next_;      // per pattern: next pattern of the same node, -1
  std::array<uint8_t, 256> first_byte_{};  // a byte some pattern starts with (either case)
  std::vector<size_t> lengths_;
};

}  // namespace voc::journey

#endif  // VOC_JOURNEY_AUTOMATON_H_
