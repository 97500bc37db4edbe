#!/usr/bin/env python3
"""Segmentation accuracy on the SIGHAN 2005 dev files, through the `voc segment` contract.

Each gold line (words separated by spaces) is joined without spaces and segmented; precision,
recall and F1 are over word spans, OOV recall over gold words absent from the train split
(the bakeoff word lists include the dev lines). --jieba measures python3-jieba's default mode the same way.

usage: scripts/eval_seg.py [--voc build/voc] [--model MODEL] [--jieba] [--data DIR] [--sets pku,msr]
"""
import argparse
import os
import subprocess
import sys
import time


def spans(words):
    out, pos = [], 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def score(gold_lines, pred_lines, train_words):
    tp = n_gold = n_pred = oov = oov_hit = 0
    for gold, pred in zip(gold_lines, pred_lines):
        g = gold.split()
        p = pred.split()
        if "".join(g) != "".join(p):
            raise SystemExit(f"segmenter changed the text:\n  gold {''.join(g)}\n  pred {''.join(p)}")
        gs, ps = spans(g), set(spans(p))
        n_gold += len(gs)
        n_pred += len(ps)
        for w, s in zip(g, gs):
            hit = s in ps
            tp += hit
            if w not in train_words:
                oov += 1
                oov_hit += hit
    prec = tp / n_pred if n_pred else 0
    rec = tp / n_gold if n_gold else 0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
    return prec, rec, f1, (oov_hit / oov if oov else 0)


def run_voc(voc, model, text):
    cmd = [voc, "segment"] + (["--model", model] if model else [])
    t = time.time()
    out = subprocess.run(cmd, input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
    return out.decode().split("\n")[: text.count("\n")], time.time() - t


def run_jieba(text):
    code = ("import sys, jieba\njieba.setLogLevel(60)\n"
            "for line in sys.stdin.read().split('\\n')[:-1]:\n"
            "    print(' '.join(w for w in jieba.cut(line, HMM=True) if w.strip()))\n")
    t = time.time()
    out = subprocess.run(["/usr/bin/python3", "-c", code], input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout
    return out.decode().split("\n")[: text.count("\n")], time.time() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--voc", default="build/voc")
    ap.add_argument("--model", default="")
    ap.add_argument("--jieba", action="store_true", help="also measure jieba's default mode")
    ap.add_argument("--data", default=os.environ.get("VOC_SHARED_DATA", "/work/shared/data") + "/seg")
    ap.add_argument("--sets", default="pku,msr")
    args = ap.parse_args()
    print(f"{'set':5} {'segmenter':10} {'P':>7} {'R':>7} {'F1':>7} {'OOV-R':>7} {'sec':>6}")
    for name in args.sets.split(","):
        gold = [l for l in open(f"{args.data}/{name}_dev.utf8", encoding="utf-8").read().split("\n") if l.strip()]
        # The bakeoff word lists cover the whole training corpus, dev included, so OOV here
        # means: not seen in the train split.
        train_words = set(open(f"{args.data}/{name}_train.utf8", encoding="utf-8").read().split())
        text = "".join("".join(l.split()) + "\n" for l in gold)
        runs = [("voc", lambda: run_voc(args.voc, args.model, text))]
        if args.jieba:
            runs.append(("jieba", lambda: run_jieba(text)))
        for label, fn in runs:
            pred, secs = fn()
            p, r, f, o = score(gold, pred, train_words)
            print(f"{name:5} {label:10} {p:7.4f} {r:7.4f} {f:7.4f} {o:7.4f} {secs:6.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
