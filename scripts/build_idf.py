#!/usr/bin/env python3
"""Compiles the IDF table for voc's keyword extractor (run at build time by data/lexicon.cmake).

Input: jieba's analyse/idf.txt (Debian python3-jieba, MIT: "word idf" per line). Words are
stored normalised (Latin lower-case, NFKC) because the extractor looks up normalised words.
Output (little-endian), read-only mapped by src/text/keywords.cc:

  header   "VOCIDF01", u32 version (1), u32 count, f32 median_idf, u32 blob_size
  entries  count x {u32 offset, u32 length, f32 idf}, sorted by the UTF-8 bytes of the word
  blob     the words' UTF-8 bytes

usage: build_idf.py IDF_TXT OUT
"""
import os
import struct
import sys
import unicodedata


def main():
    src, out_path = sys.argv[1:3]
    idf = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            w = unicodedata.normalize("NFKC", parts[0]).lower()
            try:
                v = float(parts[1])
            except ValueError:
                continue
            idf[w] = max(v, idf.get(w, 0.0))
    values = sorted(idf.values())
    median = values[len(values) // 2] if values else 10.0
    words = sorted(idf, key=lambda w: w.encode("utf-8"))
    blob = bytearray()
    entries = bytearray()
    for w in words:
        b = w.encode("utf-8")
        entries += struct.pack("<IIf", len(blob), len(b), idf[w])
        blob += b
    out = bytearray(b"VOCIDF01")
    out += struct.pack("<IIfI", 1, len(words), median, len(blob))
    out += entries
    out += blob
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, out_path)
    print(f"idf: {len(words)} words, median {median:.3f}, {len(out) / 1e6:.1f} MB -> {out_path}")


if __name__ == "__main__":
    main()
