"""The closed loop from Python: guarded moves, conflicts, roles, cases, tick, outbox."""
import os
import shutil
import tempfile
import unittest

import voc


class WorkflowTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="voc_py_wf_")
        self.store = voc.Store(os.path.join(self.dir, "wf.db"))
        self.wf = voc.Workflow(self.store, now="2026-06-01T00:00:00Z")
        self.manager = voc.Actor("li", "manager")

    def tearDown(self):
        self.wf.close()
        self.store.close()
        shutil.rmtree(self.dir)

    def test_guards_states_and_conflicts(self):
        t = self.wf.create_task({"title": "发票开具流程太繁琐"}, self.manager)
        self.assertEqual(t["state"], "draft")
        with self.assertRaises(voc.StateError) as ctx:
            self.wf.move_task(t["id"], "implement", self.manager)
        self.assertIn("'draft'", str(ctx.exception))
        with self.assertRaises(voc.VocError):  # assign needs owner, deadline and target
            self.wf.move_task(t["id"], "assign", self.manager, owner="wang")
        t = self.wf.move_task(t["id"], "assign", self.manager, owner="wang", deadline="2026-07-01",
                              target={"metric": "negative_rate", "direction": "down",
                                      "change": "50%", "window": "30d"})
        self.assertEqual(t["state"], "assigned")
        with self.assertRaises(voc.ConflictError):
            self.wf.move_task(t["id"], "start", self.manager, expected_version=t["version"] - 1)
        self.assertEqual(self.wf.task(t["id"])["state"], "assigned")  # nothing changed
        viewer = voc.Actor("guest", "viewer")
        with self.assertRaises(voc.PermissionDeniedError) as ctx:  # was StorageError
            self.wf.move_task(t["id"], "start", viewer)
        self.assertIsInstance(ctx.exception, PermissionError)
        self.assertNotIsInstance(ctx.exception, voc.StorageError)
        self.assertIn("viewer", str(ctx.exception))
        with self.assertRaises(voc.PermissionDeniedError):
            self.wf.create_task({"title": "x"}, viewer)
        t = self.wf.move_task(t["id"], "cancel", self.manager, reason="merged into T-9")
        self.assertEqual(t["state"], "cancelled")
        actions = [e["action"] for e in self.wf.history(t["id"])]
        self.assertEqual(actions, ["create", "assign", "cancel"])
        self.assertEqual([x["id"] for x in self.wf.tasks(state="cancelled")], [t["id"]])

    def test_cases_escalate_on_tick_once(self):
        c = self.wf.create_case({"title": "退款未到账", "customer_id": "c1",
                                 "sla": {"first_response": "1h", "resolution": "24h"}},
                                self.manager)
        self.assertEqual(c["state"], "new")
        self.wf.set_now("2026-06-01T03:00:00Z")
        first = self.wf.tick()
        second = self.wf.tick()
        self.assertIn(c["id"], first["case_ids"])
        self.assertEqual(second["case_ids"], [])
        self.assertTrue(self.wf.case(c["id"])["escalated"])
        with self.assertRaises(voc.StateError):
            self.wf.move_case(c["id"], "close", self.manager)

    def test_store_closed_first(self):
        # The workflow uses the store's handle: after store.close() it must refuse, not touch
        # freed memory (a heap-use-after-free under ASan before).
        self.store.close()
        with self.assertRaises(ValueError) as ctx:
            self.wf.tasks()
        self.assertIn("Store is closed", str(ctx.exception))
        with self.assertRaises(ValueError):
            self.wf.create_task({"title": "x"}, self.manager)
        self.wf.close()  # closing the workflow afterwards is still fine

    def test_bad_arguments(self):
        with self.assertRaises(voc.InvalidArgumentError):
            self.wf.move_task("T-1", "teleport", self.manager)
        with self.assertRaises(voc.NotFoundError):
            self.wf.task("T-999")
        with self.assertRaises(voc.InvalidArgumentError):
            self.wf.create_task({"title": 5}, self.manager)
        with self.assertRaises(ValueError):
            voc.Actor("x", "emperor")
        self.assertEqual(self.wf.outbox(), [])


if __name__ == "__main__":
    unittest.main()
