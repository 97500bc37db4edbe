"""The seed scenario end to end (DOMAIN.md, "The closed loop"), on the bundled sample data:
complaints that 退货审批 is slow -> insight -> task for 电商技术部, due in 30 days, target
negative mentions -50% -> implemented (automatic approval shipped 2026-07-15) -> verification
shows the drop -> verdict effective -> outbox holds the consenting complaining customers ->
closed.        python3 examples/python/closed_loop.py [/tmp/closed_loop.db]"""
import json
import os
import sys

import voc

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "data", "samples")


def main(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    with voc.Store(path) as store, voc.Analyzer() as analyzer:
        with open(os.path.join(SAMPLES, "customers.jsonl"), encoding="utf-8") as f:
            store.upsert_customers([json.loads(line) for line in f])
        store.ingest_file(os.path.join(SAMPLES, "feedback.jsonl"))
        store.analyze(analyzer)

        manager = voc.Actor("li.manager", "manager")
        owner = voc.Actor("zhang.dev", "owner")
        # Mid-July, just before the fix ships: what hurts most?
        with voc.Workflow(store, now="2026-07-14") as wf:
            insights = wf.insights(window="60d")
            returns = next(i for i in insights if i["theme"].startswith("service.returns_refunds"))
            print(f"insight {returns['key']}: {returns['volume']} mentions, "
                  f"{returns['share_negative']:.0%} negative, priority {returns['priority']:.1f}")
            task = wf.create_task({"from_insight": returns["key"], "insight_window": "60d",
                                   "title": "退货审批太慢（审批慢、流程繁琐）"}, manager)
            task = wf.move_task(task["id"], "assign", manager, owner="zhang.dev",
                                department="电商技术部", deadline="2026-08-13",
                                target={"metric": "negative_rate", "direction": "down",
                                        "change": "50%", "window": "60d"})
            try:
                wf.move_task(task["id"], "close", manager)
            except voc.StateError as e:
                print("refused as expected:", e)
            task = wf.move_task(task["id"], "start", owner)
            wf.set_now("2026-07-15T18:00:00Z")  # the automatic approval ships
            task = wf.move_task(task["id"], "implement", owner, shipped_at="2026-07-15",
                                change="退货申请改为自动审批，提交后几分钟内完成")
        # Two months later: did it work?
        with voc.Workflow(store, now="2026-09-30") as wf:
            report = wf.verify(task["id"], manager)
            print("verdict:", report["verdict"], "-", report["reason"])
            if report["verdict"] != "effective":
                return 1
            follow = wf.followup(task["id"], manager)
            again = wf.followup(task["id"], manager)
            print(f"outbox: {follow['added']} messages queued "
                  f"({follow['skipped_no_consent']} customers without consent skipped); "
                  f"second run added {again['added']}")
            # Exactly the consenting customers behind the evidence, one message each.
            customers = {}
            with open(os.path.join(SAMPLES, "customers.jsonl"), encoding="utf-8") as f:
                for line in f:
                    c = json.loads(line)
                    customers[c["id"]] = c
            evidence = set(wf.task(task["id"])["evidence_ids"])
            expected = {r["customer_id"] for r in store.query()
                        if r["id"] in evidence and r.get("customer_id") and r["contact_ok"]
                        and customers.get(r["customer_id"], {}).get("contact_ok", True)}
            queued = [m["customer_id"] for m in wf.outbox(task_id=task["id"])]
            if sorted(queued) != sorted(expected):
                print("outbox does not match the consenting complaining customers")
                return 1
            for message in wf.outbox(task_id=task["id"])[:2]:
                print(" ", message["customer_id"], message["message"])
            for message in wf.outbox(task_id=task["id"]):
                wf.ack(message["id"], "delivered", manager)
            task = wf.move_task(task["id"], "close", manager,
                                root_cause="退货审批依赖人工，排队时间长")
            print("task", task["id"], "is", task["state"], "- history:",
                  " -> ".join(e["action"] for e in wf.history(task["id"])))
            return 0 if task["state"] == "closed" and follow["added"] > 0 and again["added"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "closed_loop.db"))
