// Internal: the check every file voc reads through a stream makes first. Opening a directory
// with std::ifstream or fopen succeeds on Linux and then reads as an empty file, so a mistyped
// path would silently do nothing; this names the problem instead.
#ifndef VOC_CORE_INPUT_FILE_H_
#define VOC_CORE_INPUT_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace voc {

// OK when `path` can be opened for reading and is not a directory (regular files, pipes and
// devices such as /dev/stdin pass). NotFound when it cannot be opened, InvalidArgument for a
// directory; messages read "<what> <path>: ...".
absl::Status CheckInputFile(const std::string& path, std::string_view what);

}  // namespace voc

#endif  // VOC_CORE_INPUT_FILE_H_
