// Internal: finds the words of a fixed dictionary in text, matching whole code points. One
// implementation serves the sentiment lexicon (the longest word at a position), the intent and
// effort cues, the theme taxonomy and the journey map (every occurrence of every cue).
//
// The words form a trie over code points whose edges live in one open-addressing table keyed
// by (node, code point): a few KB for a taxonomy or a journey map, so it stays in cache, unlike
// a DFA with a 256-column row per state. Every occurrence is found by walking the trie from
// each position where a word can begin; cues are short, so this costs less than following
// Aho-Corasick failure links at every character.
#ifndef VOC_CORE_CODE_POINT_MATCHER_H_
#define VOC_CORE_CODE_POINT_MATCHER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace voc {

// Thread-compatible: Add() and Build() mutate; once built, FindAll() and LongestAt() are const
// and safe to call concurrently.
class CodePointMatcher {
 public:
  // kFoldAscii: ASCII letters match either case (in the words and in the text); everything
  // else matches exactly.
  enum class Case { kExact, kFoldAscii };

  struct Match {
    uint32_t start;  // byte offsets into the text
    uint32_t end;
    int32_t value;   // the value given to Add()
  };

  explicit CodePointMatcher(Case match_case = Case::kExact)
      : fold_(match_case == Case::kFoldAscii) {}

  // Queues a word with its value; several words may share a value and a word may be added more
  // than once (each copy is reported). Returns false, and ignores the word, when it is empty.
  // Bytes that are not well-formed UTF-8 match only the same bytes in the text.
  bool Add(std::string_view word, int32_t value);
  // Builds the trie from every word added; call it once, after the last Add().
  void Build();

  bool empty() const { return outputs_.empty(); }

  // Appends every occurrence of every word in `text` to *out, ordered by end offset, then the
  // longer (earlier starting) first, then in the order the words were added: the order an
  // Aho-Corasick pass reports them in.
  void FindAll(std::string_view text, std::vector<Match>* out) const;

  // The longest word that starts at byte `pos` of `text`: sets *value (of the first added, if
  // the word was added more than once) and returns its length in bytes, or returns 0 when no
  // word starts there. (To bound the length, pass a shorter text.)
  size_t LongestAt(std::string_view text, size_t pos, int32_t* value) const {
    return fold_ ? LongestAtImpl<true>(text, pos, value) : LongestAtImpl<false>(text, pos, value);
  }

 private:
  struct Output {
    int32_t value;
    int32_t next;  // the next output of the same node (added later), -1 at the end
  };
  static constexpr uint64_t kNoEdge = ~uint64_t{0};
  // Symbols past U+10FFFF stand for single bytes that do not decode.
  static constexpr uint32_t kInvalidByteBase = 0x110000;
  static constexpr uint32_t kBitmapSymbols = 0x10000;

  // The symbol at s[i] (the code point, ASCII letters folded when kFold) and its length in
  // bytes; a byte that does not begin a well-formed sequence is a symbol of its own.
  template <bool kFold>
  static size_t SymbolAt(std::string_view s, size_t i, uint32_t* symbol) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      *symbol = (kFold && c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
      return 1;
    }
    char32_t cp = 0;
    const size_t n = utf8::DecodeInline(s, i, &cp);
    if (n == 0) {
      *symbol = kInvalidByteBase + c;
      return 1;
    }
    *symbol = static_cast<uint32_t>(cp);
    return n;
  }

  static uint64_t EdgeKey(int32_t node, uint32_t symbol) {
    return (static_cast<uint64_t>(node) << 22) | symbol;
  }
  uint64_t EdgeSlot(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ULL) >> edge_shift_; }

  int32_t Child(int32_t node, uint32_t symbol) const {
    const uint64_t key = EdgeKey(node, symbol);
    for (uint64_t h = EdgeSlot(key);; h = (h + 1) & edge_mask_) {
      const uint64_t k = edge_keys_[h];
      if (k == key) return edge_child_[h];
      if (k == kNoEdge) return -1;
    }
  }

  // False when no word begins with `symbol` (only BMP symbols are in the bitmap).
  bool MayBeginWord(uint32_t symbol) const {
    return symbol >= kBitmapSymbols || ((first_symbols_[symbol >> 6] >> (symbol & 63)) & 1) != 0;
  }

  template <bool kFold>
  void FindAllImpl(std::string_view text, std::vector<Match>* out) const;

  template <bool kFold>
  size_t LongestAtImpl(std::string_view text, size_t pos, int32_t* value) const {
    if (pos >= text.size() || out_head_.empty()) return 0;
    uint32_t symbol = 0;
    size_t p = pos + SymbolAt<kFold>(text, pos, &symbol);
    if (!MayBeginWord(symbol)) return 0;
    int32_t node = Child(0, symbol);
    size_t best_end = pos;
    int32_t best_out = -1;
    while (node >= 0) {
      if (out_head_[node] >= 0) {
        best_end = p;
        best_out = out_head_[node];
      }
      if (p >= text.size()) break;
      const size_t n = SymbolAt<kFold>(text, p, &symbol);
      node = Child(node, symbol);
      p += n;
    }
    if (best_out < 0) return 0;
    *value = outputs_[best_out].value;
    return best_end - pos;
  }

  bool fold_;
  std::vector<std::pair<std::string, int32_t>> pending_;  // until Build()
  std::vector<uint64_t> edge_keys_;  // EdgeKey(parent, symbol), kNoEdge when the slot is free
  std::vector<int32_t> edge_child_;
  uint64_t edge_mask_ = 0;
  int edge_shift_ = 64;
  std::vector<int32_t> out_head_;  // per node: its first output (index into outputs_), -1 if none
  std::vector<Output> outputs_;    // one per word, in the order added
  // Filters on where a word can begin. FindAll() asks the first byte (either case when
  // folding): for the cue dictionaries a code-point bitmap costs about what it saves in
  // probes. LongestAt() asks the code point: the sentiment lexicon's words begin with nearly
  // every Han lead byte, so only the code point turns positions away.
  std::array<uint8_t, 256> first_bytes_{};
  std::vector<uint64_t> first_symbols_;  // bitmap over the BMP
};

}  // namespace voc

#endif  // VOC_CORE_CODE_POINT_MATCHER_H_
