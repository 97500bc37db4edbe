#!/usr/bin/env python3
"""Evaluates voc's sentiment and emotion output on the dev sets.

Runs `voc classify --format jsonl` (or `voc analyze --format jsonl` with --analyze) on each dev
file and prints binary accuracy (positive iff score > 0) for the sentiment sets, and accuracy /
macro-F1 with per-label figures for the emotion sets (voc labels mapped onto the dataset's).

usage: scripts/eval_sentiment.py [--voc build/voc] [--data /work/shared/data] [--split dev]
                                 [--analyze] [--sentiment-model F] [--emotion-model F]
       scripts/eval_sentiment.py --cv emotion|sentiment [--voc build/voc] [--folds N]

--cv: cross-validation on the train splits with the settings of scripts/train_models.sh (what
settings are chosen by; dev is not touched). emotion: smp2020_ewect_usual train in 5 folds, each
scored by a model trained on the other folds (x6) plus the virus and CLUEmotion train sets;
sentiment: waimai_10k train in 4 folds, each scored by a model trained on the other folds plus
the online_shopping and chnsenticorp train sets. Prints pooled out-of-fold figures.
"""
import argparse
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

import lexicon_examples  # scripts/lexicon_examples.py, beside this file

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


def settings_value(root, name):
    """The value of the NAME=value settings line of scripts/train_models.sh."""
    with open(os.path.join(root, "scripts", "train_models.sh"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"%s=(.*?)\s*$" % name, line)
            if m:
                return m.group(1)
    sys.exit("scripts/train_models.sh has no %s line" % name)


def train_args(root, name):
    """The NAME=(...) settings line of scripts/train_models.sh, as a list of arguments."""
    value = settings_value(root, name)
    if not (value.startswith("(") and value.endswith(")")):
        sys.exit("scripts/train_models.sh: %s is not an array" % name)
    return shlex.split(value[1:-1])


def fold_of(text, folds):
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % folds


def read_rows(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) + "\n")


def cross_validate(args):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    lexicon = os.path.join(root, "data", "lexicon", "sentiment.tsv")
    sent_model = args.sentiment_model or os.path.join(root, "data", "models", "sentiment.model")
    emotion = args.cv == "emotion"
    folds = args.folds or (5 if emotion else 4)
    if emotion:
        target = read_rows(os.path.join(args.data, "emotion", "smp2020_ewect_usual", "train.jsonl"))
        others = [os.path.join(args.data, "emotion", n, "train.jsonl")
                  for n in ("smp2020_ewect_virus", "cluemotion2020")]
    else:
        target = read_rows(os.path.join(args.data, "sentiment", "waimai_10k", "train.jsonl"))
        others = [os.path.join(args.data, "sentiment", n, "train.jsonl")
                  for n in ("online_shopping_10_cats", "chnsenticorp")]
    if args.cv_others is not None:  # replace the other train sets (dataset names, comma-separated)
        kind = "emotion" if emotion else "sentiment"
        others = [os.path.join(args.data, kind, n, "train.jsonl") for n in args.cv_others.split(",") if n]
    gold, pred = [], []
    fold_scores = []
    with tempfile.TemporaryDirectory() as tmp:
        if not emotion:  # the lexicon examples train_models.sh adds to the sentiment data
            examples = os.path.join(tmp, "lexicon_examples.jsonl")
            lexicon_examples.write(lexicon, examples, int(settings_value(root, "SENTIMENT_LEXICON_EXAMPLES_EVERY")))
            others = others + [examples]
        for f in range(folds):
            train = [r for r in target if fold_of(r["text"], folds) != f]
            held = [r for r in target if fold_of(r["text"], folds) == f]
            tpath = os.path.join(tmp, "train.jsonl")
            write_rows(tpath, train)
            model = os.path.join(tmp, "fold.model")
            if emotion:
                cmd = [args.voc, "train-emotion", "--data", ",".join([tpath] * (args.cv_repeat or 6) + others),
                       *train_args(root, "EMOTION_TRAIN_ARGS"),
                       "--lexicon", lexicon, "--sentiment-model", sent_model, "--out", model]
                extra = ["--sentiment-model", sent_model, "--emotion-model", model]
            else:
                cmd = [args.voc, "train-sentiment", "--data", ",".join([tpath] * (args.cv_repeat or 1) + others),
                       *train_args(root, "SENTIMENT_TRAIN_ARGS"), "--lexicon", lexicon, "--out", model]
                extra = ["--sentiment-model", model]
            cmd += args.train_args.split() if args.train_args else []
            t0 = time.time()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            out, _ = run(args.voc, args, held, extra)
            g = [r["label"] for r in held]
            if emotion:
                p = [TO_SMP.get(o.get("emotion", "neutral"), "neutral") for o in out]
                labels = sorted(set(r["label"] for r in target))
                per = prf(g, p, labels)
                score = sum(per[l][2] for l in labels) / len(labels)
            else:
                p = ["positive" if o.get("score", 0) > 0 else "negative" for o in out]
                score = sum(a == b for a, b in zip(g, p)) / len(g)
            fold_scores.append(score)
            print("fold %d: n=%d %s %.4f (%.0f s)" % (f, len(held), "macro-F1" if emotion else "accuracy",
                                                  score, time.time() - t0), flush=True)
            gold += g
            pred += p
    if emotion:
        labels = sorted(set(gold))
        per = prf(gold, pred, labels)
        print("CV smp2020_ewect_usual (%d folds, pooled): macro-F1 %.4f  accuracy %.4f  fold mean %.4f" % (
            folds, sum(per[l][2] for l in labels) / len(labels),
            sum(a == b for a, b in zip(gold, pred)) / len(gold), sum(fold_scores) / folds))
        for l in labels:
            print("    %-10s n=%4d P %.3f R %.3f F1 %.3f" % (l, per[l][3], *per[l][:3]))
    else:
        print("CV waimai_10k (%d folds, pooled): accuracy %.4f  fold mean %.4f" % (
            folds, sum(a == b for a, b in zip(gold, pred)) / len(gold), sum(fold_scores) / folds))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--voc", default=os.path.join(os.path.dirname(__file__), "..", "build", "voc"))
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--analyze", action="store_true", help="use voc analyze instead of voc classify")
    ap.add_argument("--sentiment-model")
    ap.add_argument("--emotion-model")
    ap.add_argument("--only", help="comma-separated dataset names")
    ap.add_argument("--cv", choices=["emotion", "sentiment"], help="cross-validate on the train split instead")
    ap.add_argument("--folds", type=int)
    ap.add_argument("--cv-repeat", type=int,
                    help="with --cv: copies of the target's train rows (default 6 for the usual emotion "
                         "rows, 1 for waimai)")
    ap.add_argument("--cv-others", help="with --cv: the other train sets to add (names; default all)")
    ap.add_argument("--train-args", help="extra arguments for voc train-emotion / train-sentiment (with --cv)")
    args = ap.parse_args()
    if args.cv:
        cross_validate(args)
        return
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
