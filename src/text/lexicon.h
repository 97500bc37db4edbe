// Internal: the compiled segmentation lexicon (scripts/build_lexicon.py writes it), mapped
// read-only and shared by every segmenter that uses the same file.
#ifndef VOC_TEXT_LEXICON_H_
#define VOC_TEXT_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/mapped_file.h"

namespace voc::text {

#pragma pack(push, 1)
struct LexEmit {
  uint32_t cp;
  float logp[4];  // B M E S
};
#pragma pack(pop)
static_assert(sizeof(LexEmit) == 20, "file layout");

class Lexicon {
  // A trie node is one 64-bit slot of an open-addressing hash keyed by (parent, code point);
  // its id is the slot's index (layout in scripts/build_lexicon.py).
  static constexpr uint64_t kKeyMask = (uint64_t{1} << 42) - 1;
  static constexpr uint32_t kRootParent = 0x1FFFFE;
  static constexpr uint32_t kEmptyParent = 0x1FFFFF;
  static uint64_t Key(uint32_t parent, char32_t cp) { return uint64_t{parent} << 21 | cp; }

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
  // The node reached from `node` (kRoot to start) by `cp`, with the word data of that node
  // (the hot path of segmentation: the filter answers most misses from cache, and a hit
  // costs one 8-byte read).
  struct Hit {
    uint32_t node;
    float logp;  // of the word ending here
    uint8_t tag;
    bool word;   // a word ends here
  };
  bool Next(uint32_t node, char32_t cp, Hit* hit) const {
    return node == kRoot ? FromRoot(cp, hit) : FromNode(node, cp, hit);
  }
  // Next() from the root, and from any other node.
  bool FromRoot(char32_t cp, Hit* hit) const { return Walker(*this).FromRoot(cp, hit); }
  bool FromNode(uint32_t node, char32_t cp, Hit* hit) const {
    return Walker(*this).FromNode(node, cp, hit);
  }
  // The entry spelt by `cps` from the root, if it is a word.
  bool Word(std::u32string_view cps, Hit* hit) const;
  // The same steps over a copy of the lexicon's table pointers and sizes. A hot loop holds
  // one so they stay in registers: read through the Lexicon, they are reloaded after every
  // store the compiler cannot prove unrelated (any uint32_t store, for one), and the filter
  // address waits on that reload at every step.
  class Walker {
   public:
    explicit Walker(const Lexicon& lex)
        : root_(lex.root_), slots_(lex.slots_), filter_(lex.filter_), slot_mask_(lex.slot_mask_),
          max_probe_(lex.max_probe_),
          filter_shift_(32 - lex.filter_bits_), logp_step_(lex.logp_step_) {}
    bool FromRoot(char32_t cp, Hit* hit) const {
      if (cp < 65536) {
        const uint64_t entry = root_[cp];
        if ((entry & 0x1FFFFF) == 0) return false;
        Decode(entry, static_cast<uint32_t>(entry & 0x1FFFFF) - 1, hit);
        return true;
      }
      return Find(kRootParent, cp, EdgeHash(kRootParent, cp), hit);
    }
    bool FromNode(uint32_t node, char32_t cp, Hit* hit) const {
      const uint32_t h = EdgeHash(node, cp);
      const uint32_t bit = (h * 0x9E3779B1u) >> filter_shift_;
      if (!(filter_[bit >> 3] & (1u << (bit & 7)))) return false;
      return Find(node, cp, h, hit);
    }

   private:
    bool Find(uint32_t parent, char32_t cp, uint32_t h, Hit* hit) const {
      const uint64_t key = Key(parent, cp);
      uint32_t slot = h & slot_mask_;
      for (uint32_t probes = 0; probes <= max_probe_; ++probes, slot = (slot + 1) & slot_mask_) {
        const uint64_t s = slots_[slot];
        if ((s & kKeyMask) == key) {
          Decode(s, slot, hit);
          return true;
        }
        if (((s >> 21) & 0x1FFFFF) == kEmptyParent) return false;
      }
      return false;
    }
    void Decode(uint64_t s, uint32_t slot, Hit* hit) const {
      hit->node = slot;
      hit->logp = -static_cast<float>(s >> 48) * logp_step_;
      hit->tag = static_cast<uint8_t>((s >> 42) & 31);
      hit->word = ((s >> 47) & 1) != 0;
    }
    const uint64_t* root_;
    const uint64_t* slots_;
    const uint8_t* filter_;
    uint32_t slot_mask_, max_probe_, filter_shift_;
    float logp_step_;
  };
  static uint32_t EdgeHash(uint32_t parent, uint32_t cp) {  // = edge_hash in build_lexicon.py
    uint32_t h = parent * 0x9E3779B1u + cp * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 13;
    return h;
  }
  // The BMES emission log-probabilities of `cp` (a floor when unseen).
  const float* Emit(char32_t cp) const;
  float unknown_logp() const { return unknown_logp_; }
  const float* start() const { return start_; }
  const float* trans() const { return trans_; }  // [from * 4 + to]

 private:
  Lexicon() = default;
  static constexpr char32_t kHanEmitFirst = 0x4E00, kHanEmitLast = 0x9FFF;
  std::vector<uint16_t> han_emit_;  // index into emit_ per Han character, 0xFFFF: none
  std::shared_ptr<const MappedFile> file_;  // the bytes every pointer below points into
  const uint64_t* root_ = nullptr;   // the slot of each BMP first character, see Open
  const uint64_t* slots_ = nullptr;  // slot_mask_ + 1 trie nodes
  uint32_t slot_mask_ = 0;
  const uint8_t* filter_ = nullptr;
  uint32_t filter_bits_ = 0;
  float logp_step_ = 0;
  uint32_t max_probe_ = 0;  // no key lies further from its home slot (bounds every lookup)
  const LexEmit* emit_ = nullptr;
  uint32_t emit_count_ = 0;
  float unknown_logp_ = 0;
  float start_[4] = {};
  float trans_[16] = {};
};

}  // namespace voc::text

#endif  // VOC_TEXT_LEXICON_H_
