#!/usr/bin/env python3
"""Scores `voc segment --model MODEL` against a space-segmented gold file.

Each gold line has its spaces removed, is segmented by voc, and the word spans are compared
(precision, recall, F1); OOV recall counts gold words absent from --words (the bakeoff
training word list). Standard library only.

  python3 scripts/eval_trained_seg.py --voc build/voc --model /tmp/pku.model \
      --gold /work/shared/data/seg/pku_dev.utf8 \
      --words /work/shared/data/seg/pku_training_words.utf8
"""
import argparse
import subprocess
import sys
import time


def spans(words):
    out, pos = [], 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--voc", default="voc")
    ap.add_argument("--model", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--words", help="words known in training (a word list or the training corpus) "
                    "for OOV recall")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong lines")
    args = ap.parse_args()

    with open(args.gold, encoding="utf-8") as f:
        gold = [line.split() for line in f]
    gold = [g for g in gold if g]
    known = set()
    if args.words:
        with open(args.words, encoding="utf-8") as f:
            # A word list (one per line) or a segmented corpus (every token) both work.
            known = {w for line in f for w in line.split()}
    text = "".join("".join(g) + "\n" for g in gold)
    t0 = time.time()
    res = subprocess.run([args.voc, "segment", "--model", args.model], input=text.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True)
    seconds = time.time() - t0
    pred_lines = res.stdout.decode("utf-8").split("\n")
    if len(pred_lines) < len(gold):
        sys.exit("voc segment returned %d lines for %d" % (len(pred_lines), len(gold)))
    tp = n_gold = n_pred = oov = oov_hit = 0
    shown = 0
    for g, p in zip(gold, pred_lines):
        pw = p.split()
        gs, ps = spans(g), set(spans(pw))
        n_gold += len(gs)
        n_pred += len(ps)
        for w, s in zip(g, gs):
            hit = s in ps
            tp += hit
            if known and w not in known:
                oov += 1
                oov_hit += hit
        if shown < args.errors and pw != g:
            shown += 1
            print("gold:", " ".join(g))
            print("voc: ", " ".join(pw))
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print("lines %d words %d  P %.4f  R %.4f  F1 %.4f" % (len(gold), n_gold, prec, rec, f1), end="")
    if known:
        print("  OOV recall %.4f (%d OOV words, %.2f%%)" % (oov_hit / oov if oov else 0.0, oov,
                                                          100.0 * oov / n_gold), end="")
    print("  (%.1f s, %.0f chars/s)" % (seconds, len(text) / seconds if seconds else 0))


if __name__ == "__main__":
    main()
