#!/usr/bin/env python3
"""Compiles voc's segmentation lexicon (run at build time by data/lexicon.cmake).

Inputs: jieba's dict.txt (Debian python3-jieba, MIT: "word freq tag" per line), voc's own
domain word list (data/lexicon/domain_words.txt: "word [freq] [tag]") and jieba's HMM tables
(jieba/finalseg/prob_*.py) for unknown words. Output: one little-endian binary file that the
segmenter maps read-only (src/text/lexicon.h documents the layout):

  header   "VOCLEX01", u32 version, u32 node_count, u32 root_count, u32 emit_count,
           f32 unknown_logp, f32 start[4], f32 trans[4][4]      (states B, M, E, S)
  root     u32[65536]: node index + 1 of each BMP first character (0 = none)
  nodes    node_count x {u32 cp, u32 first_child, f32 logp, u16 child_count, u8 tag, u8 flags}
           breadth-first; the root's children are nodes [0, root_count), sorted by code point,
           and every node's children are contiguous and sorted; flags bit 0 = a word ends here
  emit     emit_count x {u32 cp, f32 logp[4]} sorted by code point
  edges    u32 edge_bits, then 2^edge_bits x {u32 parent, u32 cp | tag << 21 | word << 26,
           u32 child, f32 logp}: an open-addressing hash of every non-root edge carrying the
           child's word data (parent 0xFFFFFFFF = empty slot; linear probing; the hash is
           EdgeHash in src/text/lexicon.h), so one memory access replaces a binary search
  filter   u32 filter_bits, then 2^filter_bits bits (bytes, LSB first): bit EdgeFilterBit set for
           every edge, so most failing lookups are answered from a table that stays in cache

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

    # Breadth-first layout: the children of each node are contiguous and sorted.
    nodes = []  # [cp, first_child, logp, child_count, tag, flags]
    queue = []
    for cp in sorted(root):
        nodes.append([cp, 0, 0.0, 0, 0, 0, root[cp]])
    root_count = len(nodes)
    i = 0
    while i < len(nodes):
        n = nodes[i]
        children, entry = n[6]
        if entry is not None:
            n[2], n[4], n[5] = entry[0], entry[1], 1
        n[1] = len(nodes)
        n[3] = len(children)
        if n[3] > 65535:
            sys.exit("trie node with too many children")
        for cp in sorted(children):
            nodes.append([cp, 0, 0.0, 0, 0, 0, children[cp]])
        n[6] = None
        i += 1

    root_table = [0] * 65536
    for idx in range(root_count):
        cp = nodes[idx][0]
        if cp < 65536:
            root_table[cp] = idx + 1

    states = "BMES"
    start = load_table(os.path.join(jieba_dir, "finalseg", "prob_start.py"))
    trans = load_table(os.path.join(jieba_dir, "finalseg", "prob_trans.py"))
    emit = load_table(os.path.join(jieba_dir, "finalseg", "prob_emit.py"))
    floor = -1e30
    chars = sorted({ord(c) for s in states for c in emit[s]})

    out = bytearray()
    out += b"VOCLEX01"
    out += struct.pack("<IIII", 3, len(nodes), root_count, len(chars))
    out += struct.pack("<f", math.log(1.0 / total))
    out += struct.pack("<4f", *[max(start[s], floor) for s in states])
    out += struct.pack("<16f", *[trans[a].get(b, floor) for a in states for b in states])
    out += struct.pack("<65536I", *root_table)
    pack = struct.Struct("<IIfHBB").pack
    for n in nodes:
        out += pack(n[0], n[1], n[2], n[3], n[4], n[5])
    for cp in chars:
        c = chr(cp)
        out += struct.pack("<I4f", cp, *[emit[s].get(c, floor) for s in states])
    edges = [(i, c) for i in range(len(nodes)) for c in range(nodes[i][1], nodes[i][1] + nodes[i][3])]
    bits = 10
    while (1 << bits) < len(edges) * 2:
        bits += 1
    mask = (1 << bits) - 1
    empty = (0xFFFFFFFF, 0, 0, 0.0)
    table = [empty] * (1 << bits)
    filter_bits = bits + 3
    bitmap = bytearray(1 << (filter_bits - 3))
    for parent, child in edges:
        cp, tag, word, logp = nodes[child][0], nodes[child][4], nodes[child][5], nodes[child][2]
        h = edge_hash(parent, cp)
        slot = h & mask
        while table[slot][0] != 0xFFFFFFFF:
            slot = (slot + 1) & mask
        table[slot] = (parent, cp | (tag << 21) | (word << 26), child, logp)
        bit = ((h * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - filter_bits)
        bitmap[bit >> 3] |= 1 << (bit & 7)
    out += struct.pack("<I", bits)
    slot_pack = struct.Struct("<IIIf").pack
    out += b"".join(slot_pack(*t) for t in table)
    out += struct.pack("<I", filter_bits)
    out += bitmap
    tmp = out_path + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, out_path)
    print(f"lexicon: {len(words)} words, {len(nodes)} trie nodes, {len(out) / 1e6:.1f} MB -> {out_path}")


if __name__ == "__main__":
    main()
