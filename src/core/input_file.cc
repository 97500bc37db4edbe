#include "core/input_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

}  // namespace voc
