#!/usr/bin/env python3
"""Measures journey attribution through the `voc` CLI.

Feeds the labelled texts of a journey file (default: /work/shared/data/journey/dev.jsonl;
fields id, text, stages, touchpoints) to `voc journey --attribute` and reports micro
precision / recall / F1 of the stage sets and the touchpoint sets (a text labelled [] must get
no stage: any predicted stage is then a false positive).

usage: python3 scripts/eval_journey.py [--voc build/voc] [--data FILE] [--errors N] [--json]
"""
import argparse
import json
import os
import subprocess
import sys


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--voc", default=os.path.join(root, "build", "voc"))
    ap.add_argument("--data", default="/work/shared/data/journey/dev.jsonl")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong rows")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    rows = [json.loads(l) for l in open(args.data, encoding="utf-8") if l.strip()]
    inp = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                  for r in rows)
    env = dict(os.environ)
    staged = os.path.join(os.path.dirname(os.path.abspath(args.voc)), "data", "journey",
                          "default_map.json")
    if "VOC_DATA_DIR" not in env and not os.path.exists(staged):
        # Data not staged (only the voc target was built): use the source tree's map.
        env["VOC_DATA_DIR"] = os.path.join(root, "data")
    proc = subprocess.run([args.voc, "journey", "--attribute"], input=inp.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("voc journey --attribute failed with exit code %d" % proc.returncode)
    out = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit("expected %d output lines, got %d" % (len(rows), len(out)))

    counts = {"stage": [0, 0, 0], "touchpoint": [0, 0, 0]}
    per_stage = {}
    wrong = []
    for r, o in zip(rows, out):
        assert o["id"] == r["id"], (o["id"], r["id"])
        for key, gold, pred in (("stage", set(r["stages"]), set(o["stages"])),
                                ("touchpoint", set(r["touchpoints"]), set(o["touchpoints"]))):
            c = counts[key]
            c[0] += len(gold & pred)
            c[1] += len(pred - gold)
            c[2] += len(gold - pred)
            if key == "stage":
                for s in gold | pred:
                    d = per_stage.setdefault(s, [0, 0, 0])
                    d[0] += s in gold and s in pred
                    d[1] += s in pred and s not in gold
                    d[2] += s in gold and s not in pred
                if gold != pred:
                    wrong.append((r, o))
    res = {"rows": len(rows)}
    for key, (tp, fp, fn) in counts.items():
        p, rc, f = prf(tp, fp, fn)
        res[key] = {"precision": round(p, 4), "recall": round(rc, 4), "f1": round(f, 4)}
    res["per_stage"] = {s: round(prf(*v)[2], 4) for s, v in sorted(per_stage.items())}
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        print("rows %d" % len(rows))
        for key in ("stage", "touchpoint"):
            m = res[key]
            print("%-10s micro P %.3f R %.3f F1 %.3f" % (key, m["precision"], m["recall"], m["f1"]))
        print("per stage F1: " + ", ".join("%s %.3f" % kv for kv in res["per_stage"].items()))
    for r, o in wrong[:args.errors]:
        print("%s gold=%s pred=%s tp_gold=%s tp_pred=%s | %s" % (
            r["id"], sorted(r["stages"]), sorted(o["stages"]), sorted(r["touchpoints"]),
            sorted(o["touchpoints"]), r["text"][:120]))


if __name__ == "__main__":
    main()
