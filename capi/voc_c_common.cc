// Errors, versions and buffers of the C ABI.
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/utf8.h"
#include "internal.h"
#include "voc.h"

namespace voc::capi {
namespace {
thread_local std::string last_error;
}

const char* LastErrorCStr() { return last_error.c_str(); }

int SetError(int code, std::string_view message) {
  try {
    // Messages quote caller input (ids, words, paths): a NUL in it would end the C string
    // early, other control bytes garble a log line and invalid UTF-8 breaks a JSON consumer,
    // so they are escaped (\u0000) as the store's own messages escape ids. Not in place:
    // `message` may point into last_error.
    std::string escaped = voc::utf8::Printable(message);
    last_error.swap(escaped);
  } catch (...) {
    // Keep the code even when the message cannot be stored.
  }
  return code;
}

int CodeFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return VOC_OK;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange: return VOC_EINVAL;
    case absl::StatusCode::kNotFound: return VOC_ENOTFOUND;
    case absl::StatusCode::kAlreadyExists: return VOC_EEXISTS;
    case absl::StatusCode::kFailedPrecondition: return VOC_ESTATE;
    case absl::StatusCode::kAborted: return VOC_ECONFLICT;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss: return VOC_EIO;
    // Only the closed loop's role checks use PermissionDenied.
    case absl::StatusCode::kPermissionDenied: return VOC_EPERM;
    case absl::StatusCode::kResourceExhausted: return VOC_ENOMEM;
    case absl::StatusCode::kCancelled: return VOC_EUSER;
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnimplemented: return VOC_EINTERNAL;
    default: return VOC_ERROR;
  }
}

int FromStatus(const absl::Status& status) {
  if (status.ok()) return VOC_OK;
  absl::string_view m = status.message();
  return SetError(CodeFor(status.code()), std::string_view(m.data(), m.size()));
}

int CheckPath(const char* path, size_t len, std::string_view name) {
  if (path == nullptr || std::memchr(path, '\0', len) == nullptr) return VOC_OK;
  return SetError(VOC_EINVAL, "invalid argument: " + std::string(name) + " contains a NUL byte");
}

int FillBuf(voc_buf* buf, std::string_view data) {
  if (buf == nullptr) return SetError(VOC_EINVAL, "invalid argument: buf is NULL");
  char* p = static_cast<char*>(std::malloc(data.size() + 1));
  if (p == nullptr) return SetError(VOC_ENOMEM, "out of memory");
  if (!data.empty()) std::memcpy(p, data.data(), data.size());
  p[data.size()] = '\0';
  std::free(buf->ptr);
  buf->ptr = p;
  buf->size = data.size();
  return VOC_OK;
}

}  // namespace voc::capi

extern "C" {

const char* voc_error_name(int code) {
  switch (code) {
    case VOC_OK: return "VOC_OK";
    case VOC_ERROR: return "VOC_ERROR";
    case VOC_EINVAL: return "VOC_EINVAL";
    case VOC_ENOTFOUND: return "VOC_ENOTFOUND";
    case VOC_EEXISTS: return "VOC_EEXISTS";
    case VOC_ESTATE: return "VOC_ESTATE";
    case VOC_ECONFLICT: return "VOC_ECONFLICT";
    case VOC_EIO: return "VOC_EIO";
    case VOC_ENOMEM: return "VOC_ENOMEM";
    case VOC_EBUFS: return "VOC_EBUFS";
    case VOC_EVERSION: return "VOC_EVERSION";
    case VOC_EUSER: return "VOC_EUSER";
    case VOC_EINTERNAL: return "VOC_EINTERNAL";
    case VOC_EPERM: return "VOC_EPERM";
    default: return "VOC_UNKNOWN";
  }
}

const char* voc_last_error_message(void) { return voc::capi::LastErrorCStr(); }

int voc_version_number(void) { return VOC_VERSION_NUMBER; }
const char* voc_version_string(void) { return VOC_VERSION_STRING; }
int voc_abi_version(void) { return VOC_ABI_VERSION; }

void voc_buf_dispose(voc_buf* buf) {
  if (buf == nullptr) return;
  std::free(buf->ptr);
  buf->ptr = nullptr;
  buf->size = 0;
}

}  // extern "C"
