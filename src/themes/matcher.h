// Internal: finds every occurrence of a set of words (cue and lexicon words) in a text, with
// a trie over code points whose edges live in one small open-addressing table (a few KB for
// the default taxonomy, so it stays in cache, unlike a 256-column DFA).
#ifndef VOC_THEMES_MATCHER_H_
#define VOC_THEMES_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace voc::themes {

struct Match {
  uint32_t start;
  uint32_t end;
  int32_t value;  // the value given to Add()
};

// Thread-compatible; FindAll() is const and safe to call concurrently once built.
class Matcher {
 public:
  // Adds a word (empty words are ignored). Several words may carry the same value.
  void Add(std::string_view word, int32_t value);
  void Build();
  // Appends every occurrence of every word, ordered by end offset (then longest first).
  void FindAll(std::string_view text, std::vector<Match>* out) const;
  bool empty() const { return words_ == 0; }

 private:
  struct Out {
    int32_t value;
    int32_t next;  // next output of the same node, -1 at the end
  };
  int32_t Child(int32_t node, uint32_t symbol) const;
  int32_t AddChild(int32_t node, uint32_t symbol);

  std::vector<std::pair<std::string, int32_t>> pending_;  // until Build()
  std::vector<uint64_t> edge_keys_;  // (node << 22 | symbol), kNoEdge when empty
  std::vector<int32_t> edge_child_;
  uint64_t edge_mask_ = 0;
  int edge_shift_ = 64;
  size_t edges_ = 0;
  std::vector<int32_t> out_head_;  // per node: first output (latest added first), -1 if none
  std::vector<Out> outs_;
  std::vector<uint8_t> first_byte_;  // 256 flags: a byte some word starts with
  size_t words_ = 0;
  bool built_ = false;
};

}  // namespace voc::themes

#endif  // VOC_THEMES_MATCHER_H_
