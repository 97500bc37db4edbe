/* voc.h — the stable C ABI of voc (libvoc_c.so).
 *
 * voc turns Chinese customer feedback into owned, tracked, verified action. This header is
 * the only interface of libvoc_c; the C++ API (include/voc/) is source-compatible only.
 *
 * Conventions
 *  1. Plain C99. Every symbol starts with voc_ (functions, types) or VOC_ (macros, enum
 *     constants). Names with a double underscore are internal.
 *  2. Handles are opaque: `typedef struct voc_x voc_x;`. Constructors take the out-parameter
 *     first and return an error code: `int voc_x_open(voc_x **out, ...)`. Every handle has a
 *     `voc_x_destroy()` or `voc_x_close()` that accepts NULL.
 *  3. Functions that can fail return `int`: VOC_OK (0) or a negative VOC_E* code. The codes
 *     are pinned forever. `voc_last_error_message()` describes the last failure on the calling
 *     thread (never NULL; "" after success is not guaranteed: read it only after a failure).
 *  4. Text input is UTF-8 given as pointer + byte length; it need not be NUL-terminated.
 *     Offsets in results are UTF-8 byte offsets into the text the caller passed.
 *  5. Output strings are either borrowed (`const char *` valid until the owning handle is
 *     destroyed or next mutated, as each function states) or written to a `voc_buf` that the
 *     caller releases with `voc_buf_dispose()`. voc never hands out memory to free().
 *  6. No exception ever crosses this boundary; out-of-memory is VOC_ENOMEM, any other
 *     internal failure VOC_EINTERNAL. No call aborts the process on bad input.
 *  7. Threading: immutable objects (analyzers with their models) are thread-safe and can be
 *     shared; a voc_store handle is thread-compatible (use one per thread); error text is per
 *     thread. There is no global initialisation call.
 *  8. Compatibility: shipped signatures never change; new behaviour gets a new name (_v2).
 *     VOC_ABI_VERSION (the SONAME number) changes only on an incompatible change.
 */
#ifndef VOC_H_
#define VOC_H_

#include <stddef.h>
#include <stdint.h>

#include "voc_version.h"

#ifndef VOC_API
#  if defined(_WIN32)
#    if defined(VOC_BUILDING_LIBRARY)
#      define VOC_API __declspec(dllexport)
#    else
#      define VOC_API __declspec(dllimport)
#    endif
#  elif defined(__GNUC__)
#    define VOC_API __attribute__((visibility("default")))
#  else
#    define VOC_API
#  endif
#endif

#ifdef __cplusplus
#  define VOC_BEGIN_DECL extern "C" {
#  define VOC_END_DECL }
#else
#  define VOC_BEGIN_DECL
#  define VOC_END_DECL
#endif

VOC_BEGIN_DECL

/* ---- Errors ------------------------------------------------------------------------------ */

enum {
  VOC_OK = 0,
  VOC_ERROR = -1,      /* generic failure */
  VOC_EINVAL = -2,     /* invalid argument or input record */
  VOC_ENOTFOUND = -3,  /* the thing looked up does not exist */
  VOC_EEXISTS = -4,    /* already exists */
  VOC_ESTATE = -5,     /* illegal workflow transition */
  VOC_ECONFLICT = -6,  /* stale version: a concurrent update won */
  VOC_EIO = -7,        /* storage (SQLite, file system) error */
  VOC_ENOMEM = -8,     /* out of memory */
  VOC_EBUFS = -9,      /* buffer too small */
  VOC_EVERSION = -10,  /* unknown struct or ABI version */
  VOC_EUSER = -11,     /* a callback stopped the operation */
  VOC_EINTERNAL = -12  /* internal error (a bug): please report it */
};

/* Static name of an error code ("VOC_EINVAL"); "VOC_UNKNOWN" for other values. */
VOC_API const char *voc_error_name(int code);

/* Message of the last failure on this thread. Never NULL. Valid until the next voc call on
 * this thread. */
VOC_API const char *voc_last_error_message(void);

/* ---- Versions ---------------------------------------------------------------------------- */

VOC_API int voc_version_number(void);          /* VOC_VERSION_NUMBER of the loaded library */
VOC_API const char *voc_version_string(void);  /* "0.1.0" */
VOC_API int voc_abi_version(void);             /* VOC_ABI_VERSION of the loaded library */

/* ---- Buffers ----------------------------------------------------------------------------- */

/* A byte buffer filled by voc (always NUL-terminated for convenience; `size` excludes the
 * terminator). Initialise with VOC_BUF_INIT, release with voc_buf_dispose(). */
typedef struct voc_buf {
  char *ptr;
  size_t size;
} voc_buf;
#define VOC_BUF_INIT {NULL, 0}

/* Frees the buffer's memory and resets it to VOC_BUF_INIT. NULL is a no-op. */
VOC_API void voc_buf_dispose(voc_buf *buf);

VOC_END_DECL

#endif /* VOC_H_ */
