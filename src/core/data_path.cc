#include "core/data_path.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace voc {

std::string DefaultDataPath(std::string_view relative) {
  std::error_code ec;
  if (const char* env = std::getenv("VOC_DATA_DIR"); env != nullptr && *env != '\0') {
    std::string p = absl::StrCat(env, "/", AV(relative));
    if (std::filesystem::exists(p, ec)) return p;
  }
  std::string build = absl::StrCat(VOC_BUILD_DATA_DIR, "/", AV(relative));
  if (std::filesystem::exists(build, ec)) return build;
  return absl::StrCat(VOC_INSTALL_DATA_DIR, "/", AV(relative));
}

}  // namespace voc
