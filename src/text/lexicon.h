// Internal: the compiled segmentation lexicon (scripts/build_lexicon.py writes it), mapped
// read-only and shared by every segmenter that uses the same file.
#ifndef VOC_TEXT_LEXICON_H_
#define VOC_TEXT_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace voc::text {

#pragma pack(push, 1)
struct LexNode {
  uint32_t cp;
  uint32_t first_child;
  float logp;
  uint16_t child_count;
  uint8_t tag;    // voc::TokenTag value
  uint8_t flags;  // bit 0: a word ends here
};
struct LexEmit {
  uint32_t cp;
  float logp[4];  // B M E S
};
#pragma pack(pop)
static_assert(sizeof(LexNode) == 16 && sizeof(LexEmit) == 20, "file layout");

class Lexicon {
  static constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;
  struct EdgeSlot {
    uint32_t parent;
    uint32_t packed;  // cp | tag << 21 | word << 26
    uint32_t child;
    float logp;
  };

 public:
  // Maps `path` and checks every offset in it, so a damaged file is an error, not a crash.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> Open(const std::string& path);
  // The default lexicon, opened once per process and shared.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> Default();
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  static constexpr uint32_t kRoot = 0xFFFFFFFFu;
  static constexpr uint32_t kNone = 0xFFFFFFFEu;
  // The node reached from `node` (kRoot to start) by `cp`, or kNone.
  uint32_t Step(uint32_t node, char32_t cp) const {
    Hit hit;
    return Next(node, cp, &hit) ? hit.node : kNone;
  }
  // The same step with the word data of the node reached (the hot path of segmentation:
  // the filter answers most misses from cache, and a hit costs one slot read).
  struct Hit {
    uint32_t node;
    float logp;
    uint8_t tag;
    bool word;
  };
  bool Next(uint32_t node, char32_t cp, Hit* hit) const {
    return node == kRoot ? FromRoot(cp, hit) : FromNode(node, cp, hit);
  }
  // Next() from the root, and from any other node.
  bool FromRoot(char32_t cp, Hit* hit) const { return Walker(*this).FromRoot(cp, hit); }
  bool FromNode(uint32_t node, char32_t cp, Hit* hit) const {
    return Walker(*this).FromNode(node, cp, hit);
  }
  // The same steps over a copy of the lexicon's table pointers and sizes. A hot loop holds
  // one so they stay in registers: read through the Lexicon, they are reloaded after every
  // store the compiler cannot prove unrelated (any uint32_t store, for one), and the filter
  // address waits on that reload at every step.
  class Walker {
   public:
    explicit Walker(const Lexicon& lex)
        : root_(lex.root_), nodes_(lex.nodes_), edges_(lex.edges_), filter_(lex.filter_),
          edge_mask_(lex.edge_mask_), filter_shift_(32 - lex.filter_bits_),
          node_count_(lex.node_count_), root_count_(lex.root_count_) {}
    bool FromRoot(char32_t cp, Hit* hit) const {
      uint32_t child;
      if (cp < 65536) {
        if (root_[cp] == 0) return false;
        child = root_[cp] - 1;
      } else {
        child = Find(nodes_, node_count_, 0, root_count_, cp);
        if (child == kNone) return false;
      }
      const LexNode& n = nodes_[child];
      *hit = {child, n.logp, n.tag, (n.flags & 1) != 0};
      return true;
    }
    bool FromNode(uint32_t node, char32_t cp, Hit* hit) const {
      const uint32_t h = EdgeHash(node, cp);
      const uint32_t bit = (h * 0x9E3779B1u) >> filter_shift_;
      if (!(filter_[bit >> 3] & (1u << (bit & 7)))) return false;
      uint32_t slot = h & edge_mask_;
      for (uint32_t probes = 0; probes <= edge_mask_; ++probes, slot = (slot + 1) & edge_mask_) {
        const EdgeSlot& e = edges_[slot];
        if (e.parent == node && (e.packed & 0x1FFFFF) == cp) {
          if (e.child >= node_count_) return false;  // a damaged file: treat as no edge
          *hit = {e.child, e.logp, static_cast<uint8_t>((e.packed >> 21) & 31), ((e.packed >> 26) & 1) != 0};
          return true;
        }
        if (e.parent == kEmptySlot) return false;
      }
      return false;
    }

   private:
    const uint32_t* root_;
    const LexNode* nodes_;
    const EdgeSlot* edges_;
    const uint8_t* filter_;
    uint32_t edge_mask_, filter_shift_, node_count_, root_count_;
  };
  static uint32_t EdgeHash(uint32_t parent, uint32_t cp) {  // = edge_hash in build_lexicon.py
    uint32_t h = parent * 0x9E3779B1u + cp * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 13;
    return h;
  }
  const LexNode& node(uint32_t i) const { return nodes_[i]; }
  // The BMES emission log-probabilities of `cp` (a floor when unseen).
  const float* Emit(char32_t cp) const;
  float unknown_logp() const { return unknown_logp_; }
  const float* start() const { return start_; }
  const float* trans() const { return trans_; }  // [from * 4 + to]

 private:
  Lexicon() = default;
  static uint32_t Find(const LexNode* nodes, uint32_t node_count, uint32_t first, uint32_t count,
                       char32_t cp) {
    if (uint64_t{first} + count > node_count) return kNone;  // a damaged file
    uint32_t lo = first, hi = first + count;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (nodes[mid].cp < cp) lo = mid + 1; else hi = mid;
    }
    return (lo < first + count && nodes[lo].cp == cp) ? lo : kNone;
  }
  static constexpr char32_t kHanEmitFirst = 0x4E00, kHanEmitLast = 0x9FFF;
  std::vector<uint16_t> han_emit_;  // index into emit_ per Han character, 0xFFFF: none
  void* map_ = nullptr;
  size_t map_size_ = 0;
  const uint32_t* root_ = nullptr;
  const LexNode* nodes_ = nullptr;
  const EdgeSlot* edges_ = nullptr;  // edge_mask_ + 1 slots
  uint32_t edge_mask_ = 0;
  const uint8_t* filter_ = nullptr;
  uint32_t filter_bits_ = 0;
  uint32_t node_count_ = 0;
  uint32_t root_count_ = 0;
  const LexEmit* emit_ = nullptr;
  uint32_t emit_count_ = 0;
  float unknown_logp_ = 0;
  float start_[4] = {};
  float trans_[16] = {};
};

}  // namespace voc::text

#endif  // VOC_TEXT_LEXICON_H_
