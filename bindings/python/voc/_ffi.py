"""ctypes declarations for every function of libvoc_c (capi/voc.h).

The library is found through, in order: the VOC_LIBRARY environment variable, the copy
bundled next to this package (voc/_libs/libvoc_c.so.<ABI>), then the system's library path.
"""
import ctypes
import ctypes.util
import os

from ._errors import error_for

ABI_VERSION = 1

_c = ctypes
c_char_p = _c.c_char_p
c_void_p = _c.c_void_p
c_int = _c.c_int
c_size_t = _c.c_size_t
c_double = _c.c_double
c_int64 = _c.c_int64
c_uint64 = _c.c_uint64
c_int32 = _c.c_int32
c_uint32 = _c.c_uint32
c_float = _c.c_float
P = _c.POINTER


class Buf(_c.Structure):
    """voc_buf: memory owned by the library, released with voc_buf_dispose."""

    _fields_ = [("ptr", c_void_p), ("size", c_size_t)]


def _candidates():
    env = os.environ.get("VOC_LIBRARY")
    if env:
        yield env
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_libs")
    yield os.path.join(here, f"libvoc_c.so.{ABI_VERSION}")
    yield os.path.join(here, "libvoc_c.so")
    found = ctypes.util.find_library("voc_c")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(f"{path} (missing)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError(
        "voc: cannot find libvoc_c. Build it (cmake --build build --target voc_c) and set "
        "VOC_LIBRARY=/path/to/libvoc_c.so.1, or install voc so the system linker finds it. "
        "Tried: " + "; ".join(tried or ["nothing"]))


lib = _load()


def _last_error():
    msg = lib.voc_last_error_message()
    return msg.decode("utf-8", "replace") if msg else ""


def _check(result, func, args):
    if result < 0:
        raise error_for(result, f"{func.__name__}: {_last_error()}")
    return result


# name: (restype, argtypes). Functions returning int are error-checked: a negative result
# raises the mapped exception with voc_last_error_message().
FUNCTIONS = {
    "voc_error_name": (c_char_p, [c_int]),
    "voc_last_error_message": (c_char_p, []),
    "voc_version_number": (c_int, []),
    "voc_version_string": (c_char_p, []),
    "voc_abi_version": (c_int, []),
    "voc_buf_dispose": (None, [P(Buf)]),
}

# Functions whose int result is a value, not an error code.
_UNCHECKED = {"voc_version_number", "voc_abi_version"}


def _declare(table):
    for name, (restype, argtypes) in table.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        if restype is c_int and name not in _UNCHECKED:
            fn.errcheck = _check
        globals()[name] = fn


def register(table, unchecked=()):
    """Declares more functions (used by the modules that wrap each part of the API)."""
    FUNCTIONS.update(table)
    _UNCHECKED.update(unchecked)
    _declare(table)


_declare(FUNCTIONS)

if lib.voc_abi_version() != ABI_VERSION:
    raise ImportError(
        f"voc: libvoc_c has ABI {lib.voc_abi_version()}, this package needs {ABI_VERSION}; "
        "point VOC_LIBRARY at a matching build")


def take_buf(buf):
    """Copies a voc_buf's bytes into Python and disposes the buffer."""
    try:
        return ctypes.string_at(buf.ptr, buf.size) if buf.ptr else b""
    finally:
        lib.voc_buf_dispose(ctypes.byref(buf))


def to_bytes(text):
    """UTF-8 bytes of a str (bytes pass through unchanged, so callers can send raw input)."""
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected str or bytes, got {type(text).__name__}")
    return text.encode("utf-8", "surrogatepass")
