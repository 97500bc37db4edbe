#!/usr/bin/env python3
"""Evaluates voc's sentiment and emotion output on the dev sets.

Runs `voc classify --format jsonl` (or `voc analyze --format jsonl` with --analyze) on each dev
file and prints binary accuracy (positive iff score > 0) for the sentiment sets, and accuracy /
macro-F1 with per-label figures for the emotion sets (voc labels mapped onto the dataset's).

usage: scripts/eval_sentiment.py [--voc build/voc] [--data /work/shared/data] [--split dev]
                                 [--analyze] [--sentiment-model F] [--emotion-model F]
"""
import argparse
import json
import os
import subprocess
import sys
import time

SENTIMENT_SETS = ["waimai_10k", "online_shopping_10_cats", "chnsenticorp"]
EMOTION_SETS = ["smp2020_ewect_usual", "smp2020_ewect_virus", "cluemotion2020"]

# voc emotion -> dataset label
TO_SMP = {"anger": "angry", "disgust": "angry", "joy": "happy", "like": "happy", "sadness": "sad",
          "fear": "fear", "surprise": "surprise", "neutral": "neutral"}
TO_CLUE = {"anger": "anger", "disgust": "disgust", "joy": "happiness", "like": "like",
           "sadness": "sadness", "fear": "fear", "surprise": "surprise", "neutral": "neutral"}


def run(voc, args, rows, extra):
    cmd = [voc, "analyze" if args.analyze else "classify", "--format", "jsonl"] + extra
    inp = "".join(json.dumps({"id": str(i), "text": r["text"]}, ensure_ascii=False) + "\n"
                  for i, r in enumerate(rows))
    t0 = time.time()
    p = subprocess.run(cmd, input=inp.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.time() - t0
    out = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit("voc returned %d lines for %d inputs: %s" % (len(out), len(rows), p.stderr.decode()))
    return out, dt


def prf(gold, pred, labels):
    res = {}
    for l in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == l and p == l)
        fp = sum(1 for g, p in zip(gold, pred) if g != l and p == l)
        fn = sum(1 for g, p in zip(gold, pred) if g == l and p != l)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        res[l] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0, tp + fn)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--voc", default=os.path.join(os.path.dirname(__file__), "..", "build", "voc"))
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--analyze", action="store_true", help="use voc analyze instead of voc classify")
    ap.add_argument("--sentiment-model")
    ap.add_argument("--emotion-model")
    ap.add_argument("--only", help="comma-separated dataset names")
    args = ap.parse_args()
    extra = []
    if args.sentiment_model:
        extra += ["--sentiment-model", args.sentiment_model]
    if args.emotion_model:
        extra += ["--emotion-model", args.emotion_model]
    only = set(args.only.split(",")) if args.only else None
    for name in SENTIMENT_SETS:
        if only and name not in only:
            continue
        path = os.path.join(args.data, "sentiment", name, args.split + ".jsonl")
        if not os.path.exists(path):
            continue
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        out, dt = run(args.voc, args, rows, extra)
        gold = [r["label"] for r in rows]
        pred = ["positive" if o.get("score", 0) > 0 else "negative" for o in out]
        acc = sum(g == p for g, p in zip(gold, pred)) / len(rows)
        per = prf(gold, pred, ["positive", "negative"])
        print("%-26s n=%5d accuracy %.4f  macro-F1 %.4f  (%s)  %.0f texts/s" % (
            name, len(rows), acc, sum(v[2] for v in per.values()) / 2,
            " ".join("%s P%.3f R%.3f F%.3f" % (l, *per[l][:3]) for l in per), len(rows) / dt))
    for name in EMOTION_SETS:
        if only and name not in only:
            continue
        path = os.path.join(args.data, "emotion", name, args.split + ".jsonl")
        if not os.path.exists(path):
            continue
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        out, dt = run(args.voc, args, rows, extra)
        mapping = TO_CLUE if name.startswith("clue") else TO_SMP
        gold = [r["label"] for r in rows]
        pred = [mapping.get(o.get("emotion", "neutral"), "neutral") for o in out]
        labels = sorted(set(gold))
        per = prf(gold, pred, labels)
        acc = sum(g == p for g, p in zip(gold, pred)) / len(rows)
        print("%-26s n=%5d accuracy %.4f  macro-F1 %.4f" % (
            name, len(rows), acc, sum(per[l][2] for l in labels) / len(labels)))
        for l in labels:
            print("    %-10s n=%4d P %.3f R %.3f F1 %.3f" % (l, per[l][3], *per[l][:3]))


if __name__ == "__main__":
    main()
