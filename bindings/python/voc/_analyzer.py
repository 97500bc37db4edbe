"""The full text analysis over the C ABI."""
import ctypes
import json
import os
from array import array

from . import _ffi
from ._ffi import Buf, P, c_char_p, c_float, c_int, c_int32, c_size_t, c_uint64, c_void_p
from ._handles import Managed

_ffi.register({
    "voc_analyzer_options_create": (c_int, [P(c_void_p)]),
    "voc_analyzer_options_destroy": (None, [c_void_p]),
    "voc_analyzer_options_set_path": (c_int, [c_void_p, c_int, c_char_p, c_size_t]),
    "voc_analyzer_options_set_max_text_bytes": (c_int, [c_void_p, c_uint64]),
    "voc_analyzer_create": (c_int, [P(c_void_p), c_void_p]),
    "voc_analyzer_destroy": (None, [c_void_p]),
    "voc_analyzer_analyze_json": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_analyzer_analyze_batch": (c_int, [c_void_p, P(c_void_p), c_char_p, P(c_uint64),
                                           c_size_t]),
    "voc_batch_result_count": (c_size_t, [c_void_p]),
    "voc_batch_result_status": (c_int, [c_void_p, c_size_t]),
    "voc_batch_result_error": (c_char_p, [c_void_p, c_size_t]),
    "voc_batch_result_json": (ctypes.POINTER(ctypes.c_char), [c_void_p, c_size_t, P(c_size_t)]),
    "voc_batch_result_json_array": (c_int, [c_void_p, P(Buf)]),
    "voc_batch_result_scores": (P(c_float), [c_void_p]),
    "voc_batch_result_intensities": (P(c_float), [c_void_p]),
    "voc_batch_result_polarities": (P(c_int32), [c_void_p]),
    "voc_batch_result_destroy": (None, [c_void_p]),
}, unchecked={"voc_batch_result_status"})

_PATHS = {"sentiment_model": 1, "emotion_model": 2, "themes": 3, "journey_map": 4,
          "segmenter_model": 5, "user_dict": 6, "keyword_idf": 7}
_POLARITY = {-1: "negative", 0: "neutral", 1: "positive"}


class Analyzer(Managed):
    """Sentiment, emotion, intent, effort, clauses, journey stages, themes and key phrases.

    Thread-safe: one Analyzer can serve many threads (ctypes releases the GIL during calls).

        with voc.Analyzer() as az:
            az.analyze("物流很快但是客服态度很差")["themes"]
    """

    _destroy = staticmethod(lambda p: _ffi.lib.voc_analyzer_destroy(p))

    def __init__(self, *, max_text_bytes=None, **paths):
        """Keyword arguments override the shipped models: sentiment_model, emotion_model,
        themes, journey_map, segmenter_model, user_dict, keyword_idf (file paths).
        max_text_bytes: a longer text raises InvalidArgumentError, a ValueError (0: no limit;
        default 1 MiB: analysis holds about 110 bytes of memory per byte of text)."""
        if max_text_bytes is not None and (isinstance(max_text_bytes, bool) or
                                           not isinstance(max_text_bytes, int)):
            raise TypeError(f"max_text_bytes must be an int, not {type(max_text_bytes).__name__}")
        if max_text_bytes is not None and not 0 <= max_text_bytes < 2**64:
            raise ValueError(f"max_text_bytes must be in [0, 2**64), got {max_text_bytes}")
        lib = _ffi.lib
        opts = c_void_p()
        lib.voc_analyzer_options_create(ctypes.byref(opts))
        try:
            if max_text_bytes is not None:
                lib.voc_analyzer_options_set_max_text_bytes(opts, max_text_bytes)
            for key, value in paths.items():
                if key not in _PATHS:
                    raise TypeError(f"unknown analyzer option {key!r} (use {sorted(_PATHS)})")
                if value is not None:
                    raw = os.fsencode(value)
                    lib.voc_analyzer_options_set_path(opts, _PATHS[key], raw, len(raw))
            ptr = c_void_p()
            lib.voc_analyzer_create(ctypes.byref(ptr), opts)
        finally:
            lib.voc_analyzer_options_destroy(opts)
        super().__init__(ptr)

    def analyze(self, text):
        """The analysis of one text as a dict (offsets are UTF-8 byte offsets)."""
        data = _ffi.to_bytes(text)
        buf = Buf()
        _ffi.lib.voc_analyzer_analyze_json(self._handle(), data, len(data), ctypes.byref(buf))
        return json.loads(_ffi.take_buf(buf))

    def _batch(self, texts):
        encoded = [_ffi.to_bytes(t) for t in texts]
        offsets = array("Q", [0])
        for e in encoded:
            offsets.append(offsets[-1] + len(e))
        blob = b"".join(encoded)
        n = len(encoded)
        c_offsets = (c_uint64 * (n + 1)).from_buffer(offsets)
        result = c_void_p()
        _ffi.lib.voc_analyzer_analyze_batch(self._handle(), ctypes.byref(result), blob,
                                            c_offsets, n)
        return _BatchResult(result, n, self)

    def analyze_many(self, texts):
        """Analyses a list of texts in one call; returns a list of dicts. A text that cannot
        be analysed gives {"error": message} in its place."""
        with self._batch(texts) as r:
            return r.items()

    def analyze_columns(self, texts, results=True):
        """Analyses a list of texts in one call and returns columns: polarity (list of str),
        score and intensity (array('f')), and, unless results=False, the full results (list
        of dicts). Without results nothing is parsed per text: the fastest batch call."""
        with self._batch(texts) as r:
            n = r.count
            scores = array("f", ctypes.string_at(_ffi.lib.voc_batch_result_scores(r._ptr), 4 * n))
            intens = array("f", ctypes.string_at(
                _ffi.lib.voc_batch_result_intensities(r._ptr), 4 * n))
            pols = array("i", ctypes.string_at(_ffi.lib.voc_batch_result_polarities(r._ptr), 4 * n))
            cols = {"polarity": [_POLARITY[p] for p in pols], "score": scores,
                    "intensity": intens}
            if results:
                cols["results"] = r.items()
            return cols

    def analyze_dataframe(self, df, text_column="text"):
        """Returns a copy of a pandas DataFrame with analysis columns added: polarity, score,
        intensity, emotion, intent, effort, stages, themes."""
        texts = ["" if t is None else str(t) for t in df[text_column].tolist()]
        cols = self.analyze_columns(texts)
        out = df.copy()
        out["polarity"] = cols["polarity"]
        out["score"] = list(cols["score"])
        out["intensity"] = list(cols["intensity"])
        for key in ("emotion", "intent"):
            out[key] = [r.get(key) for r in cols["results"]]
        out["effort"] = [(r.get("effort") or {}).get("score") for r in cols["results"]]
        out["stages"] = [[s["stage"] for s in r.get("stages", [])] for r in cols["results"]]
        out["themes"] = [[t["theme"] for t in r.get("themes", [])] for r in cols["results"]]
        return out


class _BatchResult(Managed):
    _destroy = staticmethod(lambda p: _ffi.lib.voc_batch_result_destroy(p))

    def __init__(self, ptr, count, parent):
        super().__init__(ptr, parent)
        self.count = count

    def items(self):
        buf = Buf()
        _ffi.lib.voc_batch_result_json_array(self._ptr, ctypes.byref(buf))
        return json.loads(_ffi.take_buf(buf))

    def item(self, i):
        lib = _ffi.lib
        code = lib.voc_batch_result_status(self._ptr, i)
        if code != 0:
            return {"error": lib.voc_batch_result_error(self._ptr, i).decode("utf-8", "replace")}
        n = c_size_t()
        p = lib.voc_batch_result_json(self._ptr, i, ctypes.byref(n))
        return json.loads(ctypes.string_at(p, n.value))
