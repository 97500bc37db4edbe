#include "text/lexicon.h"

#include <cstring>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/mapped_file.h"
#include "core/strings.h"

namespace voc::text {
namespace {

constexpr char kMagic[8] = {'V', 'O', 'C', 'L', 'E', 'X', '0', '1'};
constexpr uint32_t kVersion = 4;
constexpr size_t kHeader = 8 + 4 * 4 + 2 * 4 + 4 * 4 + 16 * 4 + 2 * 4;
constexpr size_t kRootTable = 65536 * 8;
constexpr float kEmitFloor[4] = {-1e30f, -1e30f, -1e30f, -1e30f};

}  // namespace

Lexicon::~Lexicon() = default;

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Open(const std::string& path) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("lexicon ", path, ": ", AV(why)));
  };
  auto file = MappedFile::Open(path, "lexicon");
  if (!file.ok()) return file.status();
  const size_t size = (*file)->bytes().size();
  if (size < kHeader + kRootTable) return bad("too short to be a voc lexicon");
  std::shared_ptr<Lexicon> lex(new Lexicon());
  lex->file_ = std::move(*file);
  const char* p = lex->file_->bytes().data();
  if (std::memcmp(p, kMagic, 8) != 0) return bad("bad magic (not a voc lexicon)");
  uint32_t head[4];  // version, slot_bits, filter_bits, emit_count
  std::memcpy(head, p + 8, sizeof(head));
  if (head[0] != kVersion) {
    return bad(absl::StrCat("format version ", head[0], " (this build reads ", kVersion,
                            "; rebuild it with scripts/build_lexicon.py)"));
  }
  const uint32_t slot_bits = head[1], filter_bits = head[2];
  // Slot indices are node ids and must stay below the 21-bit parent sentinels.
  if (slot_bits < 10 || slot_bits > 20) return bad("bad slot table size");
  if (filter_bits < 10 || filter_bits > 30) return bad("bad filter size");
  lex->emit_count_ = head[3];
  std::memcpy(&lex->unknown_logp_, p + 24, 4);
  std::memcpy(&lex->logp_step_, p + 28, 4);
  std::memcpy(lex->start_, p + 32, 16);
  std::memcpy(lex->trans_, p + 48, 64);
  std::memcpy(&lex->max_probe_, p + 112, 4);
  if (lex->max_probe_ > (1u << slot_bits)) return bad("bad probe length");
  if (!(lex->logp_step_ >= 0 && lex->logp_step_ < 1)) return bad("bad log-probability step");
  const size_t slots_at = kHeader + kRootTable;
  const size_t filter_at = slots_at + (size_t{8} << slot_bits);
  const size_t emit_at = filter_at + (size_t{1} << (filter_bits - 3));
  const size_t need = emit_at + size_t{lex->emit_count_} * sizeof(LexEmit);
  if (need != size) return bad(absl::StrCat("size ", size, " does not match its header (", need, ")"));
  lex->root_ = reinterpret_cast<const uint64_t*>(p + kHeader);
  lex->slots_ = reinterpret_cast<const uint64_t*>(p + slots_at);
  lex->slot_mask_ = (1u << slot_bits) - 1;
  lex->filter_ = reinterpret_cast<const uint8_t*>(p + filter_at);
  lex->filter_bits_ = filter_bits;
  lex->emit_ = reinterpret_cast<const LexEmit*>(p + emit_at);
  // Every index is checked here, so lookups never leave the mapping: node ids are slot
  // indices taken modulo the table size, and the root table is the only stored index.
  for (uint32_t cp = 0; cp < 65536; ++cp) {
    if ((lex->root_[cp] & 0x1FFFFF) > lex->slot_mask_ + 1) return bad("root table points past the slot table");
  }
  // HMM emissions of Han characters by direct index (a binary search over the emission table
  // was 6% of segmentation time: its steps are dependent, unpredictable loads).
  if (lex->emit_count_ < 0xFFFF) {
    lex->han_emit_.assign(kHanEmitLast - kHanEmitFirst + 1, 0xFFFF);
    for (uint32_t k = 0; k < lex->emit_count_; ++k) {
      const char32_t cp = lex->emit_[k].cp;
      if (cp >= kHanEmitFirst && cp <= kHanEmitLast) lex->han_emit_[cp - kHanEmitFirst] = static_cast<uint16_t>(k);
    }
  }
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Default() {
  static std::mutex mu;
  static std::weak_ptr<const Lexicon> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (auto lex = cached.lock()) return lex;
  auto lex = Open(DefaultDataPath("lexicon/base.voclex"));
  if (lex.ok()) cached = *lex;
  return lex;
}

bool Lexicon::Word(std::u32string_view cps, Hit* hit) const {
  if (cps.empty()) return false;
  const Walker walk(*this);
  if (!walk.FromRoot(cps[0], hit)) return false;
  for (size_t k = 1; k < cps.size(); ++k) {
    if (!walk.FromNode(hit->node, cps[k], hit)) return false;
  }
  return hit->word;
}

const float* Lexicon::Emit(char32_t cp) const {
  if (cp >= kHanEmitFirst && cp <= kHanEmitLast && !han_emit_.empty()) {
    const uint16_t k = han_emit_[cp - kHanEmitFirst];
    return k == 0xFFFF ? kEmitFloor : emit_[k].logp;
  }
  // Branch-free binary search (a conditional move per step): the characters of an HMM run
  // are in no useful order, so a branching search mispredicts at nearly every step.
  if (emit_count_ == 0) return kEmitFloor;
  const LexEmit* base = emit_;
  for (uint32_t n = emit_count_; n > 1;) {
    const uint32_t half = n / 2;
    base = base[half].cp <= cp ? base + half : base;
    n -= half;
  }
  return base->cp == cp ? base->logp : kEmitFloor;
}

}  // namespace voc::text
