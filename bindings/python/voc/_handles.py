"""Owned C handles, closed deterministically (close(), `with`) or at garbage collection."""


class Managed:
    """Owns one C handle. Subclasses set `_destroy` to the C destructor."""

    _destroy = None

    def __init__(self, ptr, parent=None):
        self._ptr = ptr
        # Children keep their parent alive so the parent is never destroyed first.
        self._parent = parent

    def _handle(self):
        if not self._ptr:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    @property
    def closed(self):
        return not self._ptr

    def close(self):
        ptr, self._ptr = self._ptr, None
        if ptr and self._destroy is not None:
            type(self)._destroy(ptr)
        self._parent = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may already be gone
            pass
