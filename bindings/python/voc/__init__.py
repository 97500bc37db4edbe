"""voc — turn Chinese customer feedback into owned, tracked, verified action.

Pure Python over the stable C ABI (libvoc_c) with ctypes. See the README for a tour.
"""
from . import _ffi
from ._analyzer import Analyzer
from ._store import IngestError, IngestReport, Store
from ._text import Segmenter, discover_themes
from ._workflow import Actor, Workflow
from ._errors import (AlreadyExistsError, BufferTooSmallError, CallbackError, ConflictError,
                      InternalError, InvalidArgumentError, NotFoundError,
                      PermissionDeniedError, StateError, StorageError, VersionError, VocError)


def version():
    """The version string of the loaded libvoc_c ("0.1.0")."""
    return _ffi.lib.voc_version_string().decode()


def version_number():
    """major*10000 + minor*100 + patch of the loaded library."""
    return _ffi.lib.voc_version_number()


def abi_version():
    return _ffi.lib.voc_abi_version()


__version__ = version()

__all__ = [
    "Analyzer", "Segmenter", "discover_themes", "Store", "Workflow", "Actor", "IngestReport", "IngestError", "version", "version_number", "abi_version", "VocError", "InvalidArgumentError",
    "NotFoundError", "AlreadyExistsError", "StateError", "ConflictError", "StorageError",
    "BufferTooSmallError", "VersionError", "CallbackError", "InternalError",
    "PermissionDeniedError",
]
