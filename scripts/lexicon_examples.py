#!/usr/bin/env python3
"""Writes training examples for the sentiment model from voc's sentiment lexicon.

The sentiment train splits hold almost no short praise in some categories (online_shopping's
衣服 and 酒店 have 538 texts of up to 8 characters, all negative), so n-grams alone learn that
brevity means blame: 质量很好 scored -0.07. One in EVERY of the lexicon's multi-character
opinion entries (质量很好, 太慢了, 性价比高 ...), as one-line examples labelled by their
polarity, teaches the model that a short text means what its words say.

Taken: polarity +1 or -1, intensity >= 0.5, 2 to 8 Han characters, every EVERY-th such entry
in the lexicon's (sorted) order. Deterministic.

usage: scripts/lexicon_examples.py LEXICON.tsv OUT.jsonl EVERY
"""
import json
import re
import sys

HAN_PHRASE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def examples(lexicon_path, every):
    taken = 0
    with open(lexicon_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            word, polarity, intensity = line.rstrip("\n").split("\t")[:3]
            polarity, intensity = int(polarity), float(intensity)
            if polarity == 0 or intensity < 0.5 or not HAN_PHRASE.match(word):
                continue
            taken += 1
            if taken % every == 0:
                yield {"text": word, "label": "positive" if polarity > 0 else "negative"}


def write(lexicon_path, out_path, every):
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for e in examples(lexicon_path, every):
            out.write(json.dumps(e, ensure_ascii=False) + "\n")
            n += 1
    return n


def main():
    if len(sys.argv) != 4 or not sys.argv[3].isdigit() or int(sys.argv[3]) < 1:
        sys.exit("usage: scripts/lexicon_examples.py LEXICON.tsv OUT.jsonl EVERY (EVERY >= 1)")
    n = write(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    print("wrote %d lexicon examples to %s" % (n, sys.argv[2]), file=sys.stderr)


if __name__ == "__main__":
    main()
