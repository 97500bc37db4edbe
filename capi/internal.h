// Internal helpers for the C ABI implementation: error recording and the exception trampoline.
#ifndef VOC_CAPI_INTERNAL_H_
#define VOC_CAPI_INTERNAL_H_

#include <new>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "voc.h"

namespace voc::capi {

// Records `message` as this thread's last error and returns `code`.
int SetError(int code, std::string_view message);
const char* LastErrorCStr();
// Maps a Status to a VOC_E* code (recording its message); VOC_OK for OK.
int FromStatus(const absl::Status& status);
// The one mapping from canonical codes to the pinned C codes.
int CodeFor(absl::StatusCode code);
// VOC_OK when the file path [path, path + len) has no NUL byte; else VOC_EINVAL naming `name`:
// the OS would silently cut the path at the NUL and act on another file.
int CheckPath(const char* path, size_t len, std::string_view name);
// Copies `data` into a caller's voc_buf (allocated with malloc, freed by voc_buf_dispose).
int FillBuf(voc_buf* buf, std::string_view data);

// Runs `fn` (returning int) and turns any escaping exception into an error code.
template <typename Fn>
int Guard(Fn&& fn) noexcept {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return SetError(VOC_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return SetError(VOC_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return SetError(VOC_EINTERNAL, "internal error: unknown exception");
  }
}

#define VOC_CHECK_ARG(cond, name)                                                    \
  do {                                                                               \
    if (!(cond)) return ::voc::capi::SetError(VOC_EINVAL, "invalid argument: " name); \
  } while (0)

}  // namespace voc::capi

#endif  // VOC_CAPI_INTERNAL_H_
