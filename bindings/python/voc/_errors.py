"""Exceptions raised by voc: one class per pinned C error code."""


class VocError(Exception):
    """Base class of every error voc raises. `code` is the C error code (VOC_E*)."""

    def __init__(self, message, code=-1):
        super().__init__(message)
        self.code = code


class InvalidArgumentError(VocError, ValueError):
    """A bad argument or input record (VOC_EINVAL)."""


class NotFoundError(VocError, LookupError):
    """The thing looked up does not exist (VOC_ENOTFOUND)."""


class AlreadyExistsError(VocError):
    """Already exists (VOC_EEXISTS)."""


class StateError(VocError):
    """An illegal workflow transition (VOC_ESTATE)."""


class ConflictError(VocError):
    """A concurrent update won: reload and retry (VOC_ECONFLICT)."""


class StorageError(VocError, OSError):
    """SQLite or file-system failure (VOC_EIO)."""


class BufferTooSmallError(VocError):
    """VOC_EBUFS."""


class VersionError(VocError):
    """Unknown struct or ABI version (VOC_EVERSION)."""


class CallbackError(VocError):
    """A callback stopped the operation (VOC_EUSER)."""


class InternalError(VocError):
    """A bug inside voc (VOC_EINTERNAL); please report it."""


class PermissionDeniedError(VocError, PermissionError):
    """The actor's role may not make this change (VOC_EPERM)."""


_BY_CODE = {
    -2: InvalidArgumentError,
    -3: NotFoundError,
    -4: AlreadyExistsError,
    -5: StateError,
    -6: ConflictError,
    -7: StorageError,
    -8: MemoryError,
    -9: BufferTooSmallError,
    -10: VersionError,
    -11: CallbackError,
    -12: InternalError,
    -13: PermissionDeniedError,
}


def error_for(code, message):
    """The exception instance for a negative C error code."""
    cls = _BY_CODE.get(code, VocError)
    if cls is MemoryError:
        return MemoryError(message)
    return cls(message, code)
