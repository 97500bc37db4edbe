#!/usr/bin/env python3
"""Compiles voc's segmentation lexicon (run at build time by data/lexicon.cmake).

Inputs: jieba's dict.txt (Debian python3-jieba, MIT: "word freq tag" per line), voc's own
domain word list (data/lexicon/domain_words.txt: "word [freq] [tag]") and jieba's HMM tables
(jieba/finalseg/prob_*.py) for unknown words. Output: one little-endian binary file that the
segmenter maps read-only (src/text/lexicon.h documents the layout):

  header   "VOCLEX01", u32 version (4), u32 slot_bits, u32 filter_bits, u32 emit_count,
           f32 unknown_logp, f32 logp_step, f32 start[4], f32 trans[4][4]   (states B, M, E, S),
           u32 max_probe (the longest probe sequence of any key), u32 0
  root     u64[65536]: the node of each BMP first character, as its slot below but with the
           slot index + 1 in bits 0-20 (0 = none) instead of the key, so the first step of
           every walk is one read from this 512 KB table
  slots    2^slot_bits x u64, one per trie node, an open-addressing hash (linear probing, the
           hash is EdgeHash in src/text/lexicon.h) keyed by (parent, code point). A node's id is
           the index of its slot, so a child's key holds its parent's slot index. Bits:
             0-20 code point, 21-41 parent (0x1FFFFE: the root; all ones: an empty slot),
             42-46 tag, 47 a word ends here, 48-63 q: the word's log-probability is -q * logp_step
           One 8-byte read answers "is there an edge" and carries the word data, and the whole
           trie is half the size of a node array plus a separate edge hash (cache misses on
           this table are most of segmentation time).
  filter   2^filter_bits bits (bytes, LSB first): bit EdgeFilterBit set for every non-root node,
           so most failing lookups are answered from a table that stays in cache
  emit     emit_count x {u32 cp, f32 logp[4]} sorted by code point (HMM emissions)

Words are stored normalised (Latin lower-case) because the segmenter looks up normalised text.
usage: build_lexicon.py JIEBA_DIR DOMAIN_WORDS OUT
"""
import math
import os
import struct
import sys

TAGS = ["x", "n", "nr", "ns", "nt", "v", "a", "d", "neg", "deg", "m", "q", "r", "p", "c", "u",
        "e", "t", "f", "i", "eng", "url", "at", "emoji", "w"]
TAG_ID = {t: i for i, t in enumerate(TAGS)}

NEGATORS = "不 没 没有 别 未 无 非 并不 并没有 一点也不 一点都不 不是 甭 勿 莫 毫不 绝不 从不 从没 从来不 不太 不怎么 未曾 无法".split()
DEGREE = ("很 非常 太 有点 有点儿 稍微 特别 极其 十分 比较 超 超级 挺 最 更 相当 格外 略 稍 有些 蛮 极 "
          "极度 异常 过于 尤其 贼 巨 真 实在 颇 越来越 更加 愈发 何等 多么 好不").split()


def coarse(tag):
    """Maps jieba's ICTCLAS-style tag onto voc's coarse set."""
    if not tag:
        return "n"
    if tag.startswith("nr"):
        return "nr"
    if tag in ("ns", "nt"):
        return tag
    head = tag[0]
    return {"n": "n", "j": "n", "s": "n", "v": "v", "a": "a", "b": "a", "z": "a", "d": "d",
            "m": "m", "q": "q", "r": "r", "p": "p", "c": "c", "u": "u", "e": "e", "o": "e",
            "y": "e", "t": "t", "f": "f", "i": "i", "l": "i"}.get(head, "eng" if tag == "eng" else "x")


def edge_hash(parent, cp):
    """Must match EdgeHash in src/text/lexicon.h."""
    h = (parent * 0x9E3779B1 + cp * 0x85EBCA77) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 0x2C1B3C6D) & 0xFFFFFFFF
    h ^= h >> 13
    return h


ROOT_ID = 0x1FFFFE  # the parent field of the root's children (slot indices stay below it)


def n_nodes(children):
    return sum(1 + n_nodes(child[0]) for child in children.values())


def load_table(path):
    ns = {}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)  # trusted: a file of the Debian package
    return ns["P"]


def main():
    jieba_dir, domain_path, out_path = sys.argv[1:4]
    words = {}
    with open(os.path.join(jieba_dir, "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            w = parts[0].lower()
            freq = int(parts[1])
            tag = coarse(parts[2] if len(parts) > 2 else "")
            if w in words:
                freq += words[w][0]
            words[w] = [freq, tag]
    with open(domain_path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            w = parts[0].lower()
            freq = int(parts[1]) if len(parts) > 1 else 3000
            tag = parts[2] if len(parts) > 2 else (words[w][1] if w in words else "n")
            if tag not in TAG_ID:
                sys.exit(f"{domain_path}: unknown tag {tag!r} for {w}")
            words[w] = [max(freq, words.get(w, [0])[0]), tag]
    for w in NEGATORS:
        words.setdefault(w, [500, "neg"])[1] = "neg"
    for w in DEGREE:
        words.setdefault(w, [500, "deg"])[1] = "deg"
    total = float(sum(v[0] for v in words.values()))

    # Trie as nested dicts: {cp: [children, word_entry_or_None]}
    root = {}
    for w, (freq, tag) in words.items():
        node = None
        children = root
        for ch in w:
            cp = ord(ch)
            if cp not in children:
                children[cp] = [{}, None]
            node = children[cp]
            children = node[0]
        if freq > 0:
            node[1] = (math.log(freq / total), TAG_ID[tag])

    # Slots in breadth-first order, so a parent's slot is known when its children are placed.
    bits = 10
    while (1 << bits) < n_nodes(root) * 2:
        bits += 1
    if bits > 20:  # node ids are slot indices and must stay below ROOT_ID
        sys.exit("lexicon too large for 20-bit node ids")
    mask = (1 << bits) - 1
    empty = (1 << 64) - 1
    table = [empty] * (1 << bits)
    filter_bits = bits + 3
    bitmap = bytearray(1 << (filter_bits - 3))
    max_cost = max(-math.log(freq / total) for freq, _ in words.values() if freq > 0)
    logp_step = max_cost / 65535.0 * 1.0001  # q fits in 16 bits
    root_table = [0] * 65536
    max_probe = 0
    queue = [(ROOT_ID, cp, root[cp]) for cp in sorted(root)]
    i = 0
    while i < len(queue):
        parent, cp, (children, entry) = queue[i]
        i += 1
        h = edge_hash(parent, cp)
        slot = h & mask
        probe = 0
        while table[slot] != empty:
            slot = (slot + 1) & mask
            probe += 1
        max_probe = max(max_probe, probe)
        word, tag, q = 0, 0, 0
        if entry is not None:
            word, tag, q = 1, entry[1], min(65535, round(-entry[0] / logp_step))
        table[slot] = cp | (parent << 21) | (tag << 42) | (word << 47) | (q << 48)
        if parent == ROOT_ID:
            if cp < 65536:
                root_table[cp] = (table[slot] & ~((1 << 42) - 1)) | (slot + 1)
        else:
            bit = ((h * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - filter_bits)
            bitmap[bit >> 3] |= 1 << (bit & 7)
        for c in sorted(children):
            queue.append((slot, c, children[c]))

    states = "BMES"
    start = load_table(os.path.join(jieba_dir, "finalseg", "prob_start.py"))
    trans = load_table(os.path.join(jieba_dir, "finalseg", "prob_trans.py"))
    emit = load_table(os.path.join(jieba_dir, "finalseg", "prob_emit.py"))
    floor = -1e30
    chars = sorted({ord(c) for s in states for c in emit[s]})

    out = bytearray()
    out += b"VOCLEX01"
    out += struct.pack("<IIII", 4, bits, filter_bits, len(chars))
    out += struct.pack("<ff", math.log(1.0 / total), logp_step)
    out += struct.pack("<4f", *[max(start[s], floor) for s in states])
    out += struct.pack("<16f", *[trans[a].get(b, floor) for a in states for b in states])
    out += struct.pack("<II", max_probe, 0)
    out += struct.pack("<65536Q", *root_table)
    out += struct.pack(f"<{len(table)}Q", *table)
    out += bitmap
    for cp in chars:
        c = chr(cp)
        out += struct.pack("<I4f", cp, *[emit[s].get(c, floor) for s in states])
    tmp = out_path + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, out_path)
    print(f"lexicon: {len(words)} words, {len(queue)} trie nodes, {len(out) / 1e6:.1f} MB -> {out_path}")


if __name__ == "__main__":
    main()
