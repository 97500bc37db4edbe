#include "core/files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace voc {

absl::Status CheckInputFile(const std::string& path, std::string_view what) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || ::access(path.c_str(), R_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(AV(what), " ", path, ": cannot open: ", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(AV(what), " ", path, ": is a directory, not a file"));
  }
  return absl::OkStatus();
}

absl::Status OpenInputFile(const std::string& path, std::string_view what, std::ifstream* in) {
  if (absl::Status s = CheckInputFile(path, what); !s.ok()) return s;
  in->open(path, std::ios::binary);
  if (!*in) return absl::NotFoundError(absl::StrCat(AV(what), " ", path, ": cannot open"));
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes, std::string_view what) {
  // Per process: two processes saving the same path must not share a temporary file.
  const std::string tmp = absl::StrCat(path, ".tmp", ::getpid());
  auto fail = [&](std::string_view step) {
    const int err = errno;
    std::remove(tmp.c_str());
    return absl::UnavailableError(absl::StrCat(AV(what), " ", path, ": ", AV(step), ": ",
                                               err != 0 ? std::strerror(err) : "unknown error"));
  };
  errno = 0;
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail("cannot write");
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) return fail("write failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot replace");
  return absl::OkStatus();
}

uint64_t FileFingerprint(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) return 0;
  const std::streamoff size = f.tellg();
  if (size < 0) return 0;
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  auto mix = [&h](const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ULL;
  };
  const uint64_t n = static_cast<uint64_t>(size);
  mix(reinterpret_cast<const char*>(&n), sizeof n);
  std::string buf;
  auto read = [&](std::streamoff at, std::streamoff len) {
    buf.resize(static_cast<size_t>(len));
    f.seekg(at);
    f.read(buf.data(), len);
    mix(buf.data(), static_cast<size_t>(f.gcount()));
    f.clear();
  };
  constexpr std::streamoff kWhole = 256 << 10, kEnds = 64 << 10, kStride = 256 << 10, kSample = 64;
  if (size <= kWhole) {
    read(0, size);
  } else {
    read(0, kEnds);
    for (std::streamoff at = kEnds; at + kSample <= size - kEnds; at += kStride) read(at, kSample);
    read(size - kEnds, kEnds);
  }
  return h;
}

}  // namespace voc
