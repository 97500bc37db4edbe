// Internal: a byte-level Aho-Corasick automaton with a dense goto table, used to find every
// journey cue, negation and hypothetical marker in one pass over a text.
#ifndef VOC_JOURNEY_AUTOMATON_H_
#define VOC_JOURNEY_AUTOMATON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace voc::journey {

// Immutable after Build(); Scan is thread-safe. ASCII letters match case-insensitively.
class Automaton {
 public:
  // Adds a pattern (non-empty); returns its id (dense, in insertion order).
  int Add(std::string_view pattern);
  void Build();

  size_t pattern_length(int id) const { return lengths_[id]; }
  size_t state_count() const { return next_.size() / 256; }

  // Calls fn(pattern_id, start, end) for every occurrence, ordered by end offset.
  template <typename Fn>
  void Scan(std::string_view text, Fn&& fn) const {
    int32_t s = 0;
    const int32_t* next = next_.data();
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      s = next[static_cast<size_t>(s) * 256 + c];
      for (uint32_t k = out_begin_[s]; k < out_begin_[s + 1]; ++k) {
        int id = out_[k];
        size_t end = i + 1;
        fn(id, end - lengths_[id], end);
      }
    }
  }

 private:
  // Trie under construction: goto as dense rows (-1 = none), then completed to a DFA.
  std::vector<int32_t> next_;
  std::vector<std::vector<int>> pending_out_;
  std::vector<uint32_t> out_begin_;
  std::vector<int> out_;
  std::vector<size_t> lengths_;
};

}  // namespace voc::journey

#endif  // VOC_JOURNEY_AUTOMATON_H_
