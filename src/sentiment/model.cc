#include "sentiment/model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace voc::sentiment {
namespace {

constexpr char kMagic[8] = {'V', 'O', 'C', 'S', 'E', 'N', 'T', 'M'};

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(v));
}

template <typename T>
bool Get(std::string_view in, size_t* pos, T* v) {
  if (*pos + sizeof(T) > in.size()) return false;
  std::memcpy(v, in.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return true;
}

const char* KindName(uint32_t k) { return k == kKindEmotion ? "emotion" : "sentiment"; }

}  // namespace

absl::Status LinearModel::Save(const std::string& path) const {
  std::string out(kMagic, sizeof(kMagic));
  Put<uint32_t>(&out, kModelFormatVersion);
  Put<uint32_t>(&out, kind);
  Put<uint32_t>(&out, static_cast<uint32_t>(hash_bits));
  Put<uint32_t>(&out, static_cast<uint32_t>(num_classes));
  Put<uint32_t>(&out, static_cast<uint32_t>(max_ngram));
  Put<uint32_t>(&out, feature_flags);
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  Put<float>(&out, scale);
  for (float b : bias) Put<float>(&out, b);
  out.reserve(out.size() + weights.size() * 2);
  for (float w : weights) Put<int16_t>(&out, static_cast<int16_t>(std::lround(w / scale)));
  Put<uint32_t>(&out, static_cast<uint32_t>(num_domains));
  Put<uint32_t>(&out, static_cast<uint32_t>(num_domains > 0 ? domain_bits : 0));
  if (num_domains > 0) {
    float dmax = 0;
    for (float w : domain_weights) dmax = std::max(dmax, std::fabs(w));
    float dscale = dmax > 0 ? dmax / 32767.0f : 1.0f;
    Put<float>(&out, dscale);
    Put<float>(&out, domain_feature_scale);
    for (float b : domain_bias) Put<float>(&out, b);
    for (float w : domain_weights) Put<int16_t>(&out, static_cast<int16_t>(std::lround(w / dscale)));
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return absl::NotFoundError(absl::StrCat("cannot write model file ", path));
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!f) return absl::DataLossError(absl::StrCat("write failed for model file ", path));
  return absl::OkStatus();
}

absl::StatusOr<LinearModel> LinearModel::Load(const std::string& path, uint32_t expected_kind) {
  // Mapped, not read: reading copies the file into fresh pages, and on a VM faulting those in
  // cost more than the rest of the load. The mapping lives until Load returns.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(absl::StrCat("cannot open ", KindName(expected_kind), " model ", path));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return absl::DataLossError(absl::StrCat("cannot read ", path));
  }
  const size_t file_size = static_cast<size_t>(st.st_size);
  void* map = file_size == 0 ? nullptr : mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return absl::DataLossError(absl::StrCat("cannot map ", path, ": ", std::strerror(errno)));
  std::unique_ptr<void, std::function<void(void*)>> unmap(map, [file_size](void* p) {
    if (p != nullptr) munmap(p, file_size);
  });
  const std::string_view in(static_cast<const char*>(map), file_size);
  auto bad = [&](const std::string& why) {
    return absl::InvalidArgumentError(
        absl::StrCat(KindName(expected_kind), " model ", path, ": ", why));
  };
  if (in.size() < sizeof(kMagic) || std::memcmp(in.data(), kMagic, sizeof(kMagic)) != 0) {
    return bad("not a voc sentiment/emotion model (bad magic)");
  }
  size_t pos = sizeof(kMagic);
  uint32_t version = 0, kind = 0, bits = 0, classes = 0, ngram = 0;
  float scale = 0;
  if (!Get(in, &pos, &version)) return bad("truncated header");
  // The version comes first so that any future layout is reported as such.
  if (version != 1 && version != kModelFormatVersion) {
    return bad(absl::StrCat("unsupported format version ", version, " (this voc reads versions 1..",
                            kModelFormatVersion, "; retrain with voc train-", KindName(expected_kind), ")"));
  }
  if (!Get(in, &pos, &kind) || !Get(in, &pos, &bits) || !Get(in, &pos, &classes) ||
      !Get(in, &pos, &ngram)) {
    return bad("truncated header");
  }
  uint32_t feature_flags = 0;
  if (version >= 2 && !Get(in, &pos, &feature_flags)) return bad("truncated header");
  if (!Get(in, &pos, &scale)) return bad("truncated header");
  if (feature_flags & ~kKnownFeatureFlags) {
    return bad(absl::StrCat("uses unknown feature kinds (flags ", feature_flags, "); it needs a newer voc"));
  }
  if (kind != expected_kind) {
    return bad(absl::StrCat("is a ", KindName(kind), " model, expected a ", KindName(expected_kind), " model"));
  }
  if (bits < 8 || bits > 26 || classes < 1 || classes > 64 || ngram < 1 ||
      ngram > static_cast<uint32_t>(kMaxNgram) || !std::isfinite(scale)) {
    return bad("corrupt header");
  }
  LinearModel m;
  m.kind = kind;
  m.hash_bits = static_cast<int>(bits);
  m.num_classes = static_cast<int>(classes);
  m.max_ngram = static_cast<int>(ngram);
  m.feature_flags = feature_flags;
  m.bias.resize(classes);
  for (auto& b : m.bias) {
    if (!Get(in, &pos, &b)) return bad("truncated biases");
  }
  size_t count = (size_t{1} << bits) * classes;
  if ((version == 1 && in.size() - pos != count * 2) || in.size() - pos < count * 2) {
    return bad(absl::StrCat("size mismatch: expected ", count * 2, " weight bytes, found ", in.size() - pos));
  }
  auto read16 = [&](size_t n, float sc, std::vector<float>* dst) {
    // Appended, not resized and overwritten: zero-filling tens of MB first doubled load time.
    dst->clear();
    dst->reserve(n);
    // Tens of MB of fresh pages: one fault per 4 KB page cost most of the load time (~0.15 s
    // on a VM). Asking for transparent huge pages before the first touch makes it a fault
    // per 2 MB where the kernel allows it (a hint; nothing changes where it does not).
    constexpr uintptr_t kHuge = uintptr_t{2} << 20;
    const uintptr_t lo = (reinterpret_cast<uintptr_t>(dst->data()) + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t hi = (reinterpret_cast<uintptr_t>(dst->data() + n)) & ~(kHuge - 1);
    if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
    const char* p = in.data() + pos;
    for (size_t i = 0; i < n; ++i) {
      int16_t q;
      std::memcpy(&q, p + 2 * i, 2);
      dst->push_back(q * sc);
    }
    pos += n * 2;
  };
  read16(count, scale, &m.weights);
  if (version == 1) return m;
  uint32_t domains = 0, dbits = 0;
  if (!Get(in, &pos, &domains) || !Get(in, &pos, &dbits)) return bad("truncated domain header");
  if (domains > 16 || (domains > 0 && (dbits < 8 || dbits > 22))) return bad("corrupt domain header");
  m.num_domains = static_cast<int>(domains);
  m.domain_bits = static_cast<int>(dbits);
  if (domains > 0) {
    float dscale = 0;
    if (!Get(in, &pos, &dscale) || !Get(in, &pos, &m.domain_feature_scale) || !std::isfinite(dscale) ||
        !std::isfinite(m.domain_feature_scale)) {
      return bad("corrupt domain header");
    }
    m.domain_bias.resize(domains);
    for (auto& b : m.domain_bias) {
      if (!Get(in, &pos, &b)) return bad("truncated domain biases");
    }
    const size_t dcount = (size_t{1} << dbits) * domains;
    if (in.size() - pos != dcount * 2) {
      return bad(absl::StrCat("size mismatch: expected ", dcount * 2, " domain weight bytes, found ", in.size() - pos));
    }
    read16(dcount, dscale, &m.domain_weights);
  } else if (pos != in.size()) {
    return bad("trailing bytes after the weights");
  }
  return m;
}

int LinearModel::PredictDomain(const FeatureSet& fs) const {
  if (num_domains <= 0) return -1;
  float z[16];
  for (int d = 0; d < num_domains; ++d) z[d] = domain_bias[d];
  for (const auto& f : fs.features) {
    const float* row = &domain_weights[static_cast<size_t>(Bucket(f.hash, domain_bits)) * num_domains];
    for (int d = 0; d < num_domains; ++d) z[d] += row[d];
  }
  return static_cast<int>(std::max_element(z, z + num_domains) - z);
}

void LinearModel::Accumulate(const FeatureSet& fs, int domain, double* z) const {
  const int K = num_classes;
  float acc[64] = {}, dacc[64] = {};
  for (const auto& f : fs.features) {
    const float* row = Row(f.hash);
    for (int k = 0; k < K; ++k) acc[k] += row[k];
    if (domain >= 0) {
      const float* drow = Row(DomainHash(f.hash, domain));
      for (int k = 0; k < K; ++k) dacc[k] += drow[k];
    }
  }
  for (int k = 0; k < K; ++k) z[k] += (acc[k] + dacc[k] * domain_feature_scale) * fs.value;
}

}  // namespace voc::sentiment
