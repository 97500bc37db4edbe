// Internal: Aho-Corasick over UTF-8 bytes (a dense DFA), for cue and lexicon words.
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

// Thread-compatible; Find() is const and safe to call concurrently once built.
class Matcher {
 public:
  // Adds a word (empty words are ignored). Several words may carry the same value.
  void Add(std::string_view word, int32_t value);
  void Build();
  // Appends every occurrence of every word, ordered by end offset.
  void FindAll(std::string_view text, std::vector<Match>* out) const;
  bool empty() const { return words_ == 0; }

 private:
  struct Out {
    int32_t value;
    uint32_t length;
    int32_t next;  // next output in the chain, -1 at the end
  };
  std::vector<int32_t> delta_{std::vector<int32_t>(256, -1)};  // node * 256 + byte
  std::vector<int32_t> out_head_{-1};
  std::vector<Out> outs_;
  size_t words_ = 0;
  bool built_ = false;
};

}  // namespace voc::themes

#endif  // VOC_THEMES_MATCHER_H_
