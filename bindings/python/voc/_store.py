"""The feedback store (SQLite) over the C ABI."""
import ctypes
import json
import os

from . import _ffi
from ._ffi import Buf, P, c_char_p, c_double, c_int, c_int64, c_size_t, c_void_p
from ._errors import InvalidArgumentError
from ._handles import Managed

_ffi.register({
    "voc_record_create": (c_int, [P(c_void_p)]),
    "voc_record_destroy": (None, [c_void_p]),
    "voc_record_reset": (None, [c_void_p]),
    "voc_record_set_str": (c_int, [c_void_p, c_int, c_char_p, c_size_t]),
    "voc_record_set_channel": (c_int, [c_void_p, c_int]),
    "voc_record_set_created_at": (c_int, [c_void_p, c_int64]),
    "voc_record_set_rating": (c_int, [c_void_p, c_int, c_double]),
    "voc_record_set_attribute": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t]),
    "voc_record_set_contact_ok": (c_int, [c_void_p, c_int]),
    "voc_record_validate": (c_int, [c_void_p, c_size_t]),
    "voc_store_open": (c_int, [P(c_void_p), c_char_p, c_size_t, c_int]),
    "voc_store_close": (None, [c_void_p]),
    "voc_store_ingest": (c_int, [c_void_p, P(c_void_p), c_size_t, c_int, P(c_void_p)]),
    "voc_store_ingest_jsonl": (c_int, [c_void_p, c_char_p, c_size_t, c_int, P(c_void_p)]),
    "voc_store_ingest_csv": (c_int, [c_void_p, c_char_p, c_size_t, c_int, P(c_void_p)]),
    "voc_store_upsert_customers_jsonl": (c_int, [c_void_p, c_char_p, c_size_t, P(c_size_t)]),
    "voc_ingest_report_stored": (c_size_t, [c_void_p]),
    "voc_ingest_report_updated": (c_size_t, [c_void_p]),
    "voc_ingest_report_skipped": (c_size_t, [c_void_p]),
    "voc_ingest_report_error_count": (c_size_t, [c_void_p]),
    "voc_ingest_report_error": (c_int, [c_void_p, c_size_t, P(c_size_t), P(c_char_p),
                                        P(c_char_p), P(c_char_p)]),
    "voc_ingest_report_destroy": (None, [c_void_p]),
    "voc_store_count": (c_int, [c_void_p, P(c_int64)]),
    "voc_store_journey_json": (c_int, [c_void_p, c_int64, c_int64, c_char_p, c_size_t, P(Buf),
                                       P(Buf)]),
    "voc_store_query_jsonl": (c_int, [c_void_p, c_int64, c_int64, c_int, c_char_p, c_size_t,
                                      c_size_t, P(Buf)]),
    "voc_store_analyze": (c_int, [c_void_p, c_void_p, c_int, P(c_size_t)]),
})

CHANNELS = ["survey", "app_review", "call_center", "chat", "email", "social", "forum", "store",
            "other"]

CREATE, READ_ONLY, KEEP_RAW_TEXT = 1, 2, 4
_LENIENT, _DUP_UPDATE, _DUP_SKIP = 1, 2, 4


class IngestError:
    """One rejected record: `line` (1-based), `id`, `field` and the full `message`."""

    __slots__ = ("line", "id", "field", "message")

    def __init__(self, line, id, field, message):
        self.line, self.id, self.field, self.message = line, id, field, message

    def __repr__(self):
        return f"IngestError(line={self.line}, id={self.id!r}, field={self.field!r}, " \
               f"message={self.message!r})"


class IngestReport:
    """What an ingest did: `stored`, `updated`, `skipped` counts and `errors`."""

    def __init__(self, stored, updated, skipped, errors):
        self.stored, self.updated, self.skipped, self.errors = stored, updated, skipped, errors

    def __repr__(self):
        return f"IngestReport(stored={self.stored}, updated={self.updated}, " \
               f"skipped={self.skipped}, errors={len(self.errors)})"


def _flags(strict, on_duplicate):
    flags = 0 if strict else _LENIENT
    if on_duplicate == "update":
        flags |= _DUP_UPDATE
    elif on_duplicate == "skip":
        flags |= _DUP_SKIP
    elif on_duplicate != "error":
        raise ValueError("on_duplicate must be 'error', 'update' or 'skip'")
    return flags


def _take_report(ptr):
    lib = _ffi.lib
    try:
        errors = []
        for i in range(lib.voc_ingest_report_error_count(ptr)):
            line, id_, field, msg = c_size_t(), c_char_p(), c_char_p(), c_char_p()
            lib.voc_ingest_report_error(ptr, i, ctypes.byref(line), ctypes.byref(id_),
                                        ctypes.byref(field), ctypes.byref(msg))
            errors.append(IngestError(line.value, (id_.value or b"").decode("utf-8", "replace"),
                                      (field.value or b"").decode("utf-8", "replace"),
                                      (msg.value or b"").decode("utf-8", "replace")))
        return IngestReport(lib.voc_ingest_report_stored(ptr), lib.voc_ingest_report_updated(ptr),
                            lib.voc_ingest_report_skipped(ptr), errors)
    finally:
        lib.voc_ingest_report_destroy(ptr)


def _records_to_jsonl(records):
    """Accepts a list of dicts or a pandas DataFrame; returns JSONL bytes."""
    if hasattr(records, "to_dict") and hasattr(records, "columns"):  # pandas DataFrame
        records = records.to_dict(orient="records")
    lines = []
    for r in records:
        if not isinstance(r, dict):
            raise TypeError(f"records must be dicts, got {type(r).__name__}")
        clean = {}
        for k, v in r.items():
            if v is None or (isinstance(v, float) and v != v):  # NaN from pandas
                continue
            if hasattr(v, "isoformat"):  # datetime / pandas Timestamp
                v = v.isoformat()
                if not (v.endswith("Z") or "+" in v[10:] or "-" in v[10:]):
                    v += "Z"
            clean[k] = v
        lines.append(json.dumps(clean, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass") if lines else b""


class Store(Managed):
    """A voc store: one SQLite database file. Use one Store per thread.

        with voc.Store("feedback.db") as store:
            report = store.ingest([{"id": "1", "text": "物流太慢", "created_at": "2026-05-01"}])
    """

    _destroy = staticmethod(lambda p: _ffi.lib.voc_store_close(p))

    def __init__(self, path, create=True, read_only=False, keep_raw_text=False):
        flags = (CREATE if create else 0) | (READ_ONLY if read_only else 0) | \
                (KEEP_RAW_TEXT if keep_raw_text else 0)
        raw = os.fsencode(path)
        ptr = c_void_p()
        _ffi.lib.voc_store_open(ctypes.byref(ptr), raw, len(raw), flags)
        super().__init__(ptr)

    def ingest(self, records, strict=True, on_duplicate="error"):
        """Ingests a list of dicts (or a DataFrame) in one transaction; returns IngestReport."""
        data = _records_to_jsonl(records)
        return self.ingest_jsonl(data, strict=strict, on_duplicate=on_duplicate)

    def ingest_jsonl(self, data, strict=True, on_duplicate="error"):
        data = _ffi.to_bytes(data)
        report = c_void_p()
        _ffi.lib.voc_store_ingest_jsonl(self._handle(), data, len(data),
                                        _flags(strict, on_duplicate), ctypes.byref(report))
        return _take_report(report)

    def ingest_csv(self, data, strict=True, on_duplicate="error"):
        data = _ffi.to_bytes(data)
        report = c_void_p()
        _ffi.lib.voc_store_ingest_csv(self._handle(), data, len(data),
                                      _flags(strict, on_duplicate), ctypes.byref(report))
        return _take_report(report)

    def ingest_file(self, path, **kwargs):
        """Ingests a .jsonl or .csv file."""
        with open(path, "rb") as f:
            data = f.read()
        if str(path).lower().endswith(".csv"):
            return self.ingest_csv(data, **kwargs)
        return self.ingest_jsonl(data, **kwargs)

    def upsert_customers(self, customers):
        """Upserts customers (list of dicts or DataFrame); returns how many were stored."""
        data = _records_to_jsonl(customers)
        n = c_size_t()
        _ffi.lib.voc_store_upsert_customers_jsonl(self._handle(), data, len(data), ctypes.byref(n))
        return n.value

    def analyze(self, analyzer, reanalyze=False):
        """Analyses the stored feedback that has no analysis yet (all with reanalyze=True)
        and saves the results; returns how many records were analysed."""
        n = c_size_t()
        _ffi.lib.voc_store_analyze(self._handle(), analyzer._handle(), 1 if reanalyze else 0,
                                   ctypes.byref(n))
        return n.value

    def journey(self, start=None, end=None, map_path=None, svg=False):
        """The customer-journey report (dict) over the analysed feedback in [start, end)
        (epoch seconds): stage and touchpoint health, key moments, breakpoints, root causes.
        Rows analysed before journey attribution existed are attributed from their text.
        With svg=True returns (report, svg_text)."""
        m = os.fsencode(map_path) if map_path else None
        buf, svg_buf = Buf(), Buf()
        _ffi.lib.voc_store_journey_json(self._handle(), int(start or 0), int(end or 0), m,
                                        len(m) if m else 0, ctypes.byref(buf),
                                        ctypes.byref(svg_buf) if svg else None)
        report = json.loads(_ffi.take_buf(buf).decode("utf-8"))
        if svg:
            return report, _ffi.take_buf(svg_buf).decode("utf-8")
        return report

    def count(self):
        n = c_int64()
        _ffi.lib.voc_store_count(self._handle(), ctypes.byref(n))
        return n.value

    def query(self, start=None, end=None, channel=None, customer_id=None, limit=0,
              as_dataframe=False):
        """Records (dicts, with their analysis when present) filtered by time [start, end)
        in epoch seconds, channel name and customer id; `limit` 0 means no limit."""
        if channel is not None and channel not in CHANNELS:
            raise InvalidArgumentError(
                f"channel {channel!r} is not one of {', '.join(CHANNELS)}", -2)
        limit = int(limit or 0)
        if limit < 0:  # ctypes would turn -1 into SIZE_MAX
            raise InvalidArgumentError(f"limit must be >= 0 (0: no limit), got {limit}", -2)
        ch = -1 if channel is None else CHANNELS.index(channel)
        cid = _ffi.to_bytes(customer_id) if customer_id else None
        buf = Buf()
        _ffi.lib.voc_store_query_jsonl(self._handle(), int(start or 0), int(end or 0), ch, cid,
                                       len(cid) if cid else 0, limit, ctypes.byref(buf))
        text = _ffi.take_buf(buf).decode("utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line]
        if as_dataframe:
            import pandas  # optional dependency
            return pandas.DataFrame(rows)
        return rows
