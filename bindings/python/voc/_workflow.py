"""The closed loop (insights, tasks, cases, verification, follow-up) over the C ABI."""
import ctypes
import json
import re
from datetime import datetime, timezone

from . import _ffi
from ._ffi import Buf, P, c_char_p, c_int, c_int64, c_size_t, c_void_p
from ._handles import Managed

_ffi.register({
    "voc_actor_create": (c_int, [P(c_void_p), c_char_p, c_size_t, c_int]),
    "voc_actor_destroy": (None, [c_void_p]),
    "voc_workflow_open": (c_int, [P(c_void_p), c_void_p]),
    "voc_workflow_close": (None, [c_void_p]),
    "voc_workflow_set_now": (c_int, [c_void_p, c_int64]),
    "voc_workflow_insights": (c_int, [c_void_p, c_int64, P(Buf)]),
    "voc_workflow_task_create": (c_int, [c_void_p, c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_task_move": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                       c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_task_get": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_workflow_task_list": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_workflow_history": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_workflow_case_create": (c_int, [c_void_p, c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_case_move": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                       c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_case_get": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_workflow_case_list": (c_int, [c_void_p, c_char_p, c_size_t, P(Buf)]),
    "voc_workflow_tick": (c_int, [c_void_p, P(Buf)]),
    "voc_workflow_verify": (c_int, [c_void_p, c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_followup": (c_int, [c_void_p, c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_outbox_list": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                         P(Buf)]),
    "voc_workflow_outbox_ack": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                        c_char_p, c_size_t, c_void_p, P(Buf)]),
    "voc_workflow_outbox_reply": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                          c_int, c_void_p, P(Buf)]),
})

ROLES = ["viewer", "analyst", "agent", "owner", "manager", "admin", "system"]
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def _seconds(duration):
    """30 (seconds), "30d", "12h", ... -> seconds."""
    if isinstance(duration, (int, float)):
        return int(duration)
    m = re.fullmatch(r"(\d+)([smhdw])", str(duration))
    if not m:
        raise ValueError(f"duration {duration!r} must be like '30d', '12h' or a number of seconds")
    return int(m.group(1)) * _UNITS[m.group(2)]


def _epoch(t):
    """A datetime, RFC 3339 / YYYY-MM-DD string or epoch number -> epoch seconds."""
    if isinstance(t, (int, float)):
        return int(t)
    if isinstance(t, datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=timezone.utc)
        return int(t.timestamp())
    s = str(t).replace("Z", "+00:00")
    d = datetime.fromisoformat(s)
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return int(d.timestamp())


class Actor(Managed):
    """Who performs a change: a name (kept in the audit trail) and a role."""

    _destroy = staticmethod(lambda p: _ffi.lib.voc_actor_destroy(p))

    def __init__(self, name, role="manager"):
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        raw = _ffi.to_bytes(name)
        ptr = c_void_p()
        _ffi.lib.voc_actor_create(ctypes.byref(ptr), raw, len(raw), ROLES.index(role))
        super().__init__(ptr)
        self.name, self.role = name, role


def _json_arg(obj):
    if obj is None:
        return None, 0
    data = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
    return data, len(data)


class Workflow(Managed):
    """The closed loop over a Store (which must stay open while the Workflow is used).

        with voc.Workflow(store, now="2026-10-01") as wf:
            top = wf.insights(window="30d")[0]
            task = wf.create_task({"from_insight": top["key"], "title": "退货审批提速"}, actor)

    Illegal moves raise voc.StateError, stale versions voc.ConflictError.
    """

    _destroy = staticmethod(lambda p: _ffi.lib.voc_workflow_close(p))

    def __init__(self, store, now=None):
        ptr = c_void_p()
        _ffi.lib.voc_workflow_open(ctypes.byref(ptr), store._handle())
        super().__init__(ptr, parent=store)
        if now is not None:
            self.set_now(now)

    def _handle(self):
        ptr = super()._handle()
        # The C workflow keeps the store's pointer: once the Store is closed it would use
        # freed memory, so refuse as for any closed handle.
        if self._parent is not None and self._parent.closed:
            raise ValueError("Store is closed: the Workflow cannot be used after its Store is closed")
        return ptr

    def set_now(self, now):
        """Fixes the clock (datetime, string or epoch seconds); None returns to the system clock."""
        _ffi.lib.voc_workflow_set_now(self._handle(), 0 if now is None else _epoch(now))

    def _call(self, fn, *args):
        buf = Buf()
        fn(self._handle(), *args, ctypes.byref(buf))
        return json.loads(_ffi.take_buf(buf))

    @staticmethod
    def _id(value):
        raw = _ffi.to_bytes(value)
        return raw, len(raw)

    @staticmethod
    def _actor(actor):
        if isinstance(actor, Actor):
            return actor
        if isinstance(actor, tuple):
            return Actor(*actor)
        raise TypeError("actor must be a voc.Actor or a (name, role) tuple")

    def insights(self, window="30d"):
        return self._call(_ffi.lib.voc_workflow_insights, _seconds(window))

    def create_task(self, draft, actor):
        data, n = _json_arg(draft)
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_task_create, data, n, a._handle())

    def move_task(self, task_id, move, actor, **options):
        """Moves: assign start hold resume implement verify pass fail rework notify close
        cancel. Options: expected_version, note, owner, department, deadline, target,
        shipped_at, change, root_cause, reason."""
        data, n = _json_arg(options or None)
        a = self._actor(actor)
        mv = _ffi.to_bytes(move)
        return self._call(_ffi.lib.voc_workflow_task_move, *self._id(task_id), mv, len(mv),
                          data, n, a._handle())

    def task(self, task_id):
        return self._call(_ffi.lib.voc_workflow_task_get, *self._id(task_id))

    def tasks(self, **filters):
        data, n = _json_arg(filters or None)
        return self._call(_ffi.lib.voc_workflow_task_list, data, n)

    def history(self, entity_id):
        return self._call(_ffi.lib.voc_workflow_history, *self._id(entity_id))

    def create_case(self, draft, actor):
        data, n = _json_arg(draft)
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_case_create, data, n, a._handle())

    def move_case(self, case_id, move, actor, **options):
        data, n = _json_arg(options or None)
        a = self._actor(actor)
        mv = _ffi.to_bytes(move)
        return self._call(_ffi.lib.voc_workflow_case_move, *self._id(case_id), mv, len(mv),
                          data, n, a._handle())

    def case(self, case_id):
        return self._call(_ffi.lib.voc_workflow_case_get, *self._id(case_id))

    def cases(self, **filters):
        data, n = _json_arg(filters or None)
        return self._call(_ffi.lib.voc_workflow_case_list, data, n)

    def tick(self):
        return self._call(_ffi.lib.voc_workflow_tick)

    def verify(self, task_id, actor):
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_verify, *self._id(task_id), a._handle())

    def followup(self, task_id, actor):
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_followup, *self._id(task_id), a._handle())

    def outbox(self, state="", task_id=""):
        s, t = _ffi.to_bytes(state), _ffi.to_bytes(task_id)
        return self._call(_ffi.lib.voc_workflow_outbox_list, s, len(s), t, len(t))

    def ack(self, message_id, state, actor, note=""):
        s, nt = _ffi.to_bytes(state), _ffi.to_bytes(note)
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_outbox_ack, *self._id(message_id), s, len(s),
                          nt, len(nt), a._handle())

    def reply(self, message_id, text, actor, unhappy=False):
        r = _ffi.to_bytes(text)
        a = self._actor(actor)
        return self._call(_ffi.lib.voc_workflow_outbox_reply, *self._id(message_id), r, len(r),
                          1 if unhappy else 0, a._handle())
