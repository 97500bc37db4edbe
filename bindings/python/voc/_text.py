"""Word segmentation and theme discovery over the C ABI."""
import ctypes
import json
import os

from . import _ffi
from ._ffi import Buf, P, c_char_p, c_int, c_int64, c_size_t, c_void_p
from ._handles import Managed


class _Token(ctypes.Structure):
    _fields_ = [("start", ctypes.c_uint32), ("end", ctypes.c_uint32), ("tag", ctypes.c_uint32)]


_ffi.register({
    "voc_segmenter_create": (c_int, [P(c_void_p), c_char_p, c_size_t, c_char_p, c_size_t]),
    "voc_segmenter_destroy": (None, [c_void_p]),
    "voc_segmenter_segment": (c_int, [c_void_p, c_char_p, c_size_t, P(_Token), c_size_t,
                                      P(c_size_t)]),
    "voc_segmenter_segment_text": (c_int, [c_void_p, c_char_p, c_size_t, c_int, P(Buf)]),
    "voc_token_tag_name": (c_char_p, [ctypes.c_uint32]),
    "voc_segmenter_add_word": (c_int, [c_void_p, c_char_p, c_size_t, c_int64]),
    "voc_segmenter_remove_word": (c_int, [c_void_p, c_char_p, c_size_t]),
    "voc_segmenter_save_user_dict": (c_int, [c_void_p, c_char_p, c_size_t]),
    "voc_discover_themes": (c_int, [c_char_p, c_size_t, c_int, ctypes.c_uint64, c_int, P(Buf)]),
})

_DISCOVER_ALL = 1


def discover_themes(records, clusters=8, seed=1, all=False):
    """Candidate new themes in feedback no theme matched (every record with all=True):
    a dict {"documents", "unmatched", "candidates": [{"top_terms", "size", "share_negative",
    "example_ids"}]}, largest cluster first, the same for the same seed.

    `records` are texts (ids are then their 1-based positions) or dicts with "text" and
    optionally "id".

        voc.discover_themes(df["text"], clusters=5)["candidates"][0]["top_terms"]
    """
    lines = []
    for i, r in enumerate(records, 1):
        if isinstance(r, (str, bytes)):
            r = {"id": str(i), "text": r.decode("utf-8", "surrogateescape") if isinstance(r, bytes) else r}
        elif not isinstance(r, dict) or "text" not in r:
            raise TypeError(f"record {i}: expected a str or a dict with \"text\", got {type(r).__name__}")
        else:
            r = dict(r)
            r.setdefault("id", str(i))
        lines.append(json.dumps(r, ensure_ascii=False, default=str))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if not isinstance(clusters, int) or not 1 <= clusters <= 1000:
        raise ValueError("clusters must be an int in 1..1000")
    buf = Buf()
    _ffi.lib.voc_discover_themes(data, len(data), clusters, int(seed) & (2**64 - 1),
                                 _DISCOVER_ALL if all else 0, ctypes.byref(buf))
    return json.loads(_ffi.take_buf(buf))

_TAGS = {}


def _tag(i):
    if i not in _TAGS:
        _TAGS[i] = _ffi.lib.voc_token_tag_name(i).decode()
    return _TAGS[i]


class Segmenter(Managed):
    """Chinese word segmentation with a per-instance user dictionary.

        seg = voc.Segmenter()
        seg.cut("退货审批太慢了")          # ['退货审批', '太慢', '了']
        seg.add_word("绝绝子")             # takes effect for the next call
        seg.tokens("物流很快")             # [('物流', 'n', 0, 6), ('很快', 'd', 6, 12)]

    Thread-safe: segment from several threads while another adds words.
    """

    _destroy = staticmethod(lambda p: _ffi.lib.voc_segmenter_destroy(p))

    def __init__(self, model=None, user_dict=None):
        """`model`: a `voc train-segmenter` file; `user_dict`: lines "word [freq] [tag]"."""
        m = os.fsencode(model) if model else None
        u = os.fsencode(user_dict) if user_dict else None
        ptr = c_void_p()
        _ffi.lib.voc_segmenter_create(ctypes.byref(ptr), m, len(m) if m else 0, u,
                                      len(u) if u else 0)
        super().__init__(ptr)

    def tokens(self, text):
        """[(word, tag, start, end)] with UTF-8 byte offsets into `text`."""
        data = _ffi.to_bytes(text)
        capacity = len(data) + 1  # never more tokens than bytes
        arr = (_Token * capacity)()
        n = c_size_t()
        _ffi.lib.voc_segmenter_segment(self._handle(), data, len(data), arr, capacity,
                                       ctypes.byref(n))
        out = []
        for i in range(n.value):
            t = arr[i]
            word = data[t.start:t.end].decode("utf-8", "replace")
            out.append((word, _tag(t.tag), t.start, t.end))
        return out

    def cut(self, text):
        """The words of `text`, in order (spaces are separators, never words)."""
        data = _ffi.to_bytes(text)
        buf = Buf()
        _ffi.lib.voc_segmenter_segment_text(self._handle(), data, len(data), 0, ctypes.byref(buf))
        line = _ffi.take_buf(buf).decode("utf-8", "replace")
        return line.split(" ") if line else []

    def add_word(self, word, freq=0):
        data = _ffi.to_bytes(word)
        _ffi.lib.voc_segmenter_add_word(self._handle(), data, len(data), int(freq))

    def remove_word(self, word):
        data = _ffi.to_bytes(word)
        _ffi.lib.voc_segmenter_remove_word(self._handle(), data, len(data))

    def save_user_dict(self, path):
        raw = os.fsencode(path)
        _ffi.lib.voc_segmenter_save_user_dict(self._handle(), raw, len(raw))
