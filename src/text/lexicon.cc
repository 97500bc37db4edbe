#include "text/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "core/data_path.h"
#include "core/strings.h"

namespace voc::text {
namespace {

constexpr char kMagic[8] = {'V', 'O', 'C', 'L', 'E', 'X', '0', '1'};
constexpr uint32_t kVersion = 3;
constexpr size_t kHeader = 8 + 4 * 4 + 4 + 4 * 4 + 16 * 4;
constexpr size_t kRootTable = 65536 * 4;
constexpr float kEmitFloor[4] = {-1e30f, -1e30f, -1e30f, -1e30f};

}  // namespace

Lexicon::~Lexicon() {
  if (map_ != nullptr) munmap(map_, map_size_);
}

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Open(const std::string& path) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("lexicon ", path, ": ", AV(why)));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("lexicon ", path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return absl::InternalError(absl::StrCat("lexicon ", path, ": ", std::strerror(errno)));
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size < kHeader + kRootTable) {
    ::close(fd);
    return bad("too short to be a voc lexicon");
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) {
    return absl::InternalError(absl::StrCat("lexicon ", path, ": mmap: ", std::strerror(errno)));
  }
  std::shared_ptr<Lexicon> lex(new Lexicon());
  lex->map_ = map;
  lex->map_size_ = size;
  const char* p = static_cast<const char*>(map);
  if (std::memcmp(p, kMagic, 8) != 0) return bad("bad magic (not a voc lexicon)");
  uint32_t head[4];
  std::memcpy(head, p + 8, sizeof(head));
  if (head[0] != kVersion) {
    return bad(absl::StrCat("format version ", head[0], " (this build reads ", kVersion, ")"));
  }
  lex->node_count_ = head[1];
  lex->root_count_ = head[2];
  lex->emit_count_ = head[3];
  std::memcpy(&lex->unknown_logp_, p + 24, 4);
  std::memcpy(lex->start_, p + 28, 16);
  std::memcpy(lex->trans_, p + 44, 64);
  const size_t edges_at = kHeader + kRootTable + size_t{lex->node_count_} * sizeof(LexNode) +
                          size_t{lex->emit_count_} * sizeof(LexEmit);
  if (edges_at + 4 > size) return bad("truncated before the edge table");
  uint32_t edge_bits;
  std::memcpy(&edge_bits, p + edges_at, 4);
  if (edge_bits < 10 || edge_bits > 26) return bad("bad edge table size");
  const size_t filter_at = edges_at + 4 + (size_t{16} << edge_bits);
  if (filter_at + 4 > size) return bad("truncated in the edge table");
  uint32_t filter_bits;
  std::memcpy(&filter_bits, p + filter_at, 4);
  if (filter_bits < 10 || filter_bits > 30) return bad("bad filter size");
  const size_t need = filter_at + 4 + (size_t{1} << (filter_bits - 3));
  if (need != size) return bad(absl::StrCat("size ", size, " does not match its header (", need, ")"));
  lex->edges_ = reinterpret_cast<const EdgeSlot*>(p + edges_at + 4);
  lex->edge_mask_ = (1u << edge_bits) - 1;
  lex->filter_ = reinterpret_cast<const uint8_t*>(p + filter_at + 4);
  lex->filter_bits_ = filter_bits;
  if (lex->root_count_ > lex->node_count_) return bad("root count exceeds node count");
  lex->root_ = reinterpret_cast<const uint32_t*>(p + kHeader);
  lex->nodes_ = reinterpret_cast<const LexNode*>(p + kHeader + kRootTable);
  lex->emit_ = reinterpret_cast<const LexEmit*>(p + kHeader + kRootTable +
                                                size_t{lex->node_count_} * sizeof(LexNode));
  // Validate every index once so lookups never leave the mapping.
  for (uint32_t cp = 0; cp < 65536; ++cp) {
    if (lex->root_[cp] > lex->root_count_) return bad("root table points past the root nodes");
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
  // Node and edge indices are checked where they are read (Next), not here: scanning 20 MB
  // at open would cost more than the 20 ms start-up budget, for files that the build wrote.
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
