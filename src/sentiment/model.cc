#include "sentiment/model.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "core/files.h"
#include "core/mapped_file.h"

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
  // Quantising a NaN or infinity is undefined, and such a model would score NaN everywhere.
  auto all_finite = [](const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
  };
  if (!all_finite(weights) || !all_finite(bias) || !all_finite(domain_weights) || !all_finite(domain_bias) ||
      !std::isfinite(domain_feature_scale)) {
    return absl::InvalidArgumentError(
        absl::StrCat("model for ", path, " has non-finite weights: training diverged (try a lower learning rate)"));
  }
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
  // Written next to `path` and renamed over it: a loaded model reads its mapping of the file,
  // and rewriting the file in place would change (or, truncated, fault) the weights under it.
  return WriteFileAtomically(path, out, "model file");
}

absl::StatusOr<LinearModel> LinearModel::Load(const std::string& path, uint32_t expected_kind) {
  // Mapped and scored in place: the int16 weights are read where they lie, so loading costs
  // the page-table set-up of the mapping (pre-faulted: MAP_POPULATE) and nothing is copied;
  // the pages are the page cache's, shared by every process that loads the same file.
  auto file = MappedFile::Open(path, absl::StrCat(KindName(expected_kind), " model"), /*populate=*/true);
  if (!file.ok()) return file.status();
  const std::string_view in = (*file)->bytes();
  std::shared_ptr<const void> mapping = std::move(*file);
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
  m.scale = scale;
  m.bias.resize(classes);
  for (auto& b : m.bias) {
    if (!Get(in, &pos, &b)) return bad("truncated biases");
    if (!std::isfinite(b)) return bad("non-finite bias");
  }
  size_t count = (size_t{1} << bits) * classes;
  if ((version == 1 && in.size() - pos != count * 2) || in.size() - pos < count * 2) {
    return bad(absl::StrCat("size mismatch: expected ", count * 2, " weight bytes, found ", in.size() - pos));
  }
  // Every header field is 4 bytes and the mapping is page-aligned, so this always holds.
  auto int16s = [&](size_t n) -> const int16_t* {
    const char* p = in.data() + pos;
    pos += n * 2;
    return reinterpret_cast<uintptr_t>(p) % alignof(int16_t) == 0 ? reinterpret_cast<const int16_t*>(p) : nullptr;
  };
  m.q = int16s(count);
  if (m.q == nullptr) return bad("misaligned weights");
  m.mapping = mapping;
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
    m.domain_scale = dscale;
    m.domain_bias.resize(domains);
    for (auto& b : m.domain_bias) {
      if (!Get(in, &pos, &b)) return bad("truncated domain biases");
      if (!std::isfinite(b)) return bad("non-finite domain bias");
    }
    const size_t dcount = (size_t{1} << dbits) * domains;
    if (in.size() - pos != dcount * 2) {
      return bad(absl::StrCat("size mismatch: expected ", dcount * 2, " domain weight bytes, found ", in.size() - pos));
    }
    m.dq = int16s(dcount);
    if (m.dq == nullptr) return bad("misaligned domain weights");
  } else if (pos != in.size()) {
    return bad("trailing bytes after the weights");
  }
  return m;
}

int LinearModel::PredictDomain(const FeatureSet& fs) const {
  if (num_domains <= 0) return -1;
  // Sums of int16 values: exact in int64 for any text length.
  int64_t acc[16] = {};
  for (const auto& f : fs.features) {
    const int16_t* row = dq + static_cast<size_t>(Bucket(f.hash, domain_bits)) * num_domains;
    for (int d = 0; d < num_domains; ++d) acc[d] += row[d];
  }
  double z[16];
  for (int d = 0; d < num_domains; ++d) z[d] = domain_bias[d] + static_cast<double>(acc[d]) * domain_scale;
  return static_cast<int>(std::max_element(z, z + num_domains) - z);
}

void LinearModel::Accumulate(const FeatureSet& fs, int domain, double* z) const {
  const int K = num_classes;
  // int32 sums of int16 rows, flushed every 2^16 features (2^16 * 32767 < 2^31).
  constexpr size_t kChunk = size_t{1} << 16;
  int64_t total[64] = {}, dtotal[64] = {};
  const auto& features = fs.features;
  for (size_t begin = 0; begin < features.size(); begin += kChunk) {
    const size_t end = std::min(features.size(), begin + kChunk);
    int32_t acc[64] = {}, dacc[64] = {};
    if (K == 8 && domain < 0) {  // the emotion model: one 16-byte row per feature
      for (size_t i = begin; i < end; ++i) {
        const int16_t* row = Row(features[i].hash);
        for (int k = 0; k < 8; ++k) acc[k] += row[k];
      }
    } else {
      for (size_t i = begin; i < end; ++i) {
        const int16_t* row = Row(features[i].hash);
        for (int k = 0; k < K; ++k) acc[k] += row[k];
        if (domain >= 0) {
          const int16_t* drow = Row(DomainHash(features[i].hash, domain));
          for (int k = 0; k < K; ++k) dacc[k] += drow[k];
        }
      }
    }
    for (int k = 0; k < K; ++k) {
      total[k] += acc[k];
      dtotal[k] += dacc[k];
    }
  }
  for (int k = 0; k < K; ++k) {
    z[k] += (static_cast<double>(total[k]) + static_cast<double>(dtotal[k]) * domain_feature_scale) * scale * fs.value;
  }
}

}  // namespace voc::sentiment
