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

}  // namespace voc
