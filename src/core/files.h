// Internal: reading and writing the files voc keeps (models, dictionaries, tables).
#ifndef VOC_CORE_FILES_H_
#define VOC_CORE_FILES_H_

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace voc {

// The check every file voc reads through a stream makes first. Opening a directory with
// std::ifstream or fopen succeeds on Linux and then reads as an empty file, so a mistyped path
// would silently do nothing; this names the problem instead.
// OK when `path` can be opened for reading and is not a directory (regular files, pipes and
// devices such as /dev/stdin pass). NotFound when it cannot be opened, InvalidArgument for a
// directory; messages read "<what> <path>: ...".
absl::Status CheckInputFile(const std::string& path, std::string_view what);

// CheckInputFile, then opens `path` (binary) into *in; NotFound "<what> <path>: cannot open"
// when the open itself fails.
absl::Status OpenInputFile(const std::string& path, std::string_view what, std::ifstream* in);

// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so a reader
// (or a process that maps the old file) never sees it half-written. Failures are Unavailable
// (VOC_EIO: the file system, not voc), name `what` and `path`, give the system's reason, and
// leave no temporary file behind.
absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes, std::string_view what);

// A 64-bit fingerprint of a file's contents, cheap enough for multi-megabyte models: the size,
// the whole file up to 256 KB, else its first and last 64 KB and 64 bytes of every 256 KB in
// between. 0 when the file cannot be read. Tells model files apart (an analysis records which
// ones made it); it is not a cryptographic hash.
uint64_t FileFingerprint(const std::string& path);

}  // namespace voc

#endif  // VOC_CORE_FILES_H_
