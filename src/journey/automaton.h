// Internal: a byte-level Aho-Corasick automaton compiled to a DFA, used to find every journey
// cue, negation and hypothetical marker in one pass over a text. Bytes that occur in no
// pattern share one column of the transition table (byte classes), which keeps the table at
// about (states x distinct pattern bytes) entries: ~1.7 MB for the default map.
#ifndef VOC_JOURNEY_AUTOMATON_H_
#define VOC_JOURNEY_AUTOMATON_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace voc::journey {

// Immutable after Build(); Scan is thread-safe. ASCII letters match case-insensitively.
class Automaton {
 public:
  // Adds a pattern (non-empty); returns its id (dense, in insertion order). Before Build().
  int Add(std::string_view pattern);
  void Build();

  size_t pattern_length(int id) const { return lengths_[id]; }
  size_t state_count() const { return classes_ == 0 ? 0 : next_.size() / classes_; }

  // Calls fn(pattern_id, start, end) for every occurrence, ordered by end offset.
  template <typename Fn>
  void Scan(std::string_view text, Fn&& fn) const {
    uint32_t s = 0;
    const uint32_t* next = next_.data();
    for (size_t i = 0; i < text.size(); ++i) {
      s = next[s * classes_ + byte_class_[static_cast<unsigned char>(text[i])]];
      for (uint32_t k = out_begin_[s]; k < out_begin_[s + 1]; ++k) {
        int id = out_[k];
        size_t end = i + 1;
        fn(id, end - lengths_[id], end);
      }
    }
  }

 private:
  std::vector<std::string> patterns_;        // lower-cased, until Build()
  std::array<uint16_t, 256> byte_class_{};   // 0: a byte no pattern uses
  uint32_t classes_ = 0;
  std::vector<uint32_t> next_;               // DFA: state * classes_ + class -> state
  std::vector<uint32_t> out_begin_;
  std::vector<int> out_;
  std::vector<size_t> lengths_;
};

}  // namespace voc::journey

#endif  // VOC_JOURNEY_AUTOMATON_H_
