#!/usr/bin/env python3
"""Evaluates voc themes against aspect-labelled JSONL (stdlib only).

Trained mode (micro-F1 over (text, aspect, polarity) triples; right aspect + wrong polarity is
one false positive), training on TRAIN and scoring on DEV:
  python3 scripts/eval_themes.py --voc build/voc train --train DATA/train.jsonl --dev DATA/dev.jsonl
Zero-shot mode with the default taxonomy (ecommerce_zhijiang2019 categories 物流 价格 包装 服务
detected by voc's logistics.* price.* packaging.* service.* themes):
  python3 scripts/eval_themes.py --voc build/voc zeroshot --dev DATA/dev.jsonl

Uses `voc analyze --format jsonl` when its output carries "themes", else `voc themes`.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ZERO_SHOT_MAP = {"logistics": "物流", "price": "价格", "packaging": "包装", "service": "服务"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def themes_command(voc, themes_path):
    """The voc command line that turns {"id","text"} JSONL into lines with "themes"."""
    extra = ["--themes", themes_path] if themes_path else []
    probe = json.dumps({"id": "probe", "text": "物流很快"}, ensure_ascii=False) + "\n"
    cmd = [voc, "analyze", "--format", "jsonl"] + extra
    try:
        r = subprocess.run(cmd, input=probe.encode(), capture_output=True, timeout=60)
        if r.returncode == 0 and '"themes"' in r.stdout.decode("utf-8", "replace"):
            return cmd
    except (OSError, subprocess.TimeoutExpired):
        pass
    return [voc, "themes", "--format", "jsonl"] + extra


def run_voc(voc, themes_path, rows):
    cmd = themes_command(voc, themes_path)
    data = "".join(json.dumps({"id": str(i), "text": r["text"]}, ensure_ascii=False) + "\n"
                   for i, r in enumerate(rows))
    t0 = time.time()
    r = subprocess.run(cmd, input=data.encode(), capture_output=True)
    secs = time.time() - t0
    if r.returncode != 0:
        sys.exit("voc failed: %s\n%s" % (" ".join(cmd), r.stderr.decode()))
    out = {}
    for line in r.stdout.decode().splitlines():
        obj = json.loads(line)
        out[str(obj["id"])] = obj.get("themes", [])
    return [out.get(str(i), []) for i in range(len(rows))], secs, cmd[1]


def aggregate(mentions, name_of):
    """Per text: category -> polarity, summing mention scores (neutral when they cancel)."""
    agg = {}
    for m in mentions:
        cat = name_of(m["theme"])
        if cat is None:
            continue
        pol = m["polarity"]
        s = agg.setdefault(cat, {"positive": 0, "negative": 0, "neutral": 0})
        s[pol] += 1 + abs(m.get("score", 0))
    return {c: max(s, key=lambda k: (s[k], k == "positive")) for c, s in agg.items()}


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def eval_triples(rows, predicted):
    """Triple counts, plus aspect-only counts and polarity agreement on the detected aspects."""
    tp = fp = fn = 0
    atp = afp = afn = pol_ok = 0
    for row, pred in zip(rows, predicted):
        gold = set(row["aspects"].items())
        got_map = aggregate(pred, lambda t: t)
        got = set(got_map.items())
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        atp += sum(1 for a in got_map if a in row["aspects"])
        afp += sum(1 for a in got_map if a not in row["aspects"])
        afn += sum(1 for a in row["aspects"] if a not in got_map)
        pol_ok += sum(1 for a, p in got_map.items() if row["aspects"].get(a) == p)
    return tp, fp, fn, (atp, afp, afn, pol_ok)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--voc", default="build/voc")
    sub = ap.add_subparsers(dest="mode", required=True)
    t = sub.add_parser("train")
    t.add_argument("--train", required=True)
    t.add_argument("--dev", required=True)
    t.add_argument("--model", help="keep the model here (default: a temporary file)")
    z = sub.add_parser("zeroshot")
    z.add_argument("--dev", required=True)
    z.add_argument("--themes", default="", help="taxonomy JSON (default: the shipped one)")
    z.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    dev = read_jsonl(args.dev)

    if args.mode == "train":
        model = args.model or os.path.join(tempfile.mkdtemp(), "themes.model")
        t0 = time.time()
        r = subprocess.run([args.voc, "train-themes", "--data", args.train, "--out", model],
                           capture_output=True)
        train_secs = time.time() - t0
        sys.stderr.write(r.stderr.decode())
        if r.returncode != 0:
            sys.exit("training failed")
        predicted, secs, via = run_voc(args.voc, model, dev)
        tp, fp, fn, (atp, afp, afn, pol_ok) = eval_triples(dev, predicted)
        p, rc, f = f1(tp, fp, fn)
        print(json.dumps({"mode": "train", "dev": args.dev, "via": via, "train_seconds": round(train_secs, 2),
                          "model_bytes": os.path.getsize(model),
                          "precision": round(p, 4), "recall": round(rc, 4), "micro_f1": round(f, 4),
                          "tp": tp, "fp": fp, "fn": fn,
                          "aspect_f1": round(f1(atp, afp, afn)[2], 4),
                          "polarity_accuracy": round(pol_ok / atp if atp else 0, 4)},
                         ensure_ascii=False))
        return

    predicted, secs, via = run_voc(args.voc, args.themes, dev)
    def name_of(theme):
        return ZERO_SHOT_MAP.get(theme.split(".")[0])
    tp = fp = fn = pol_ok = 0
    shown = 0
    for row, pred in zip(dev, predicted):
        gold = {c: p for c, p in row["aspects"].items() if c in ZERO_SHOT_MAP.values()}
        got = aggregate(pred, name_of)
        for c, pol in got.items():
            if c in gold:
                tp += 1
                pol_ok += gold[c] == pol
            else:
                fp += 1
        fn += sum(1 for c in gold if c not in got)
        if shown < args.show_errors and (set(gold) != set(got) or any(gold[c] != got[c] for c in gold if c in got)):
            shown += 1
            print("ERR", row["text"], "gold", gold, "got", got, file=sys.stderr)
    p, rc, f = f1(tp, fp, fn)
    print(json.dumps({"mode": "zeroshot", "dev": args.dev, "via": via, "precision": round(p, 4),
                      "recall": round(rc, 4), "detection_f1": round(f, 4),
                      "polarity_accuracy": round(pol_ok / tp if tp else 0, 4), "tp": tp, "fp": fp,
                      "fn": fn}, ensure_ascii=False))


if __name__ == "__main__":
    main()
