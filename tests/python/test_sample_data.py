"""Checks the sample data written by scripts/make_samples.py and that it is reproducible.

The generator is run into a temporary directory and the story checks run on that output; the
bundled data/samples files are compared byte for byte with it. (While a second generator,
scripts/gen_samples.py, also writes data/samples, that comparison is skipped, not failed, when
the bundled files come from the other generator; the lead keeps one of the two.)

The story checks use plain phrase matching on purpose: they test the data, not voc's analysis.
"""
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("VOC_SOURCE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                         "..", "..")
SAMPLES = os.path.join(SOURCE, "data", "samples")
SCRIPT = os.path.join(SOURCE, "scripts", "make_samples.py")

CHANNELS = {"survey", "app_review", "call_center", "chat", "email", "social", "forum", "store",
            "other"}
SCALES = {"nps": (0, 10), "csat": (1, 5), "stars": (1, 5)}
FIX_DATE = dt.date(2026, 7, 15)
SPIKE_START, SPIKE_END = dt.date(2026, 8, 18), dt.date(2026, 8, 24)

RETURNS_SLOW = re.compile("退货审批|审批慢|审批太慢|审核要等|流程繁琐|退货流程太麻烦|一直在审核中|还在审核中"
                          "|審批太慢")
LOGISTICS = re.compile("物流|快递|配送|发货|送货|到货")
LOGISTICS_NEG = re.compile("慢|延误|爆仓|不发货|没到|没更新|催|等了|待出库|卡在|卡住|还在路上")


def load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def generate(out):
    subprocess.run([sys.executable, SCRIPT, "--out", out], check=True, stdout=subprocess.DEVNULL)


def day(record):
    return dt.datetime.strptime(record["created_at"], "%Y-%m-%dT%H:%M:%SZ").date()


class SampleDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = cls.tmp.name
        generate(cls.out)
        cls.feedback = load(cls.out, "feedback.jsonl")
        cls.customers = load(cls.out, "customers.jsonl")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_volume_span_channels(self):
        self.assertGreaterEqual(len(self.feedback), 600)
        days = sorted(day(r) for r in self.feedback)
        self.assertGreaterEqual((days[-1] - days[0]).days, 120)
        self.assertEqual({r["channel"] for r in self.feedback}, CHANNELS)

    def test_ids_unique_and_customers_known(self):
        ids = [r["id"] for r in self.feedback]
        self.assertEqual(len(ids), len(set(ids)))
        known = {c["id"] for c in self.customers}
        self.assertGreaterEqual(len(known), 150)
        self.assertEqual(len(known), len(self.customers))
        for r in self.feedback:
            if "customer_id" in r:
                self.assertIn(r["customer_id"], known, r["id"])
        self.assertGreater(sum("customer_id" in r for r in self.feedback), len(self.feedback) // 2)

    def test_fields(self):
        for r in self.feedback:
            self.assertRegex(r["created_at"], r"^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            self.assertTrue(10 <= len(r["text"]) <= 150, (r["id"], len(r["text"])))
            self.assertIsInstance(r["contact_ok"], bool)
            for k, v in r.get("attributes", {}).items():
                self.assertIsInstance(v, str, (r["id"], k))
        share = sum(r["contact_ok"] for r in self.feedback) / len(self.feedback)
        self.assertTrue(0.6 <= share <= 0.8, share)
        for c in self.customers:
            self.assertIn(c["tier"], ("standard", "silver", "gold", "vip"))
            self.assertGreater(c["lifetime_value"], 0)

    def test_ratings_inside_scales(self):
        rated = [r for r in self.feedback if "rating" in r]
        self.assertGreater(len(rated), 200)
        self.assertEqual({r["rating_scale"] for r in rated}, set(SCALES))
        for r in rated:
            low, high = SCALES[r["rating_scale"]]
            self.assertTrue(low <= r["rating"] <= high, r["id"])

    def test_return_complaints_fall_after_fix(self):
        days = [day(r) for r in self.feedback if RETURNS_SLOW.search(r["text"])]
        first, last = min(day(r) for r in self.feedback), max(day(r) for r in self.feedback)
        before = sum(d < FIX_DATE for d in days) / ((FIX_DATE - first).days / 7.0)
        after = sum(d >= FIX_DATE for d in days) / (((last - FIX_DATE).days + 1) / 7.0)
        self.assertGreaterEqual(before, 5)
        self.assertLessEqual(after, 0.3 * before, (before, after))
        praise = [r for r in self.feedback if re.search("退货很快|退款秒到账|退货很方便|自动审批太方便",
                                                        r["text"])]
        self.assertTrue(praise and min(day(r) for r in praise) >= FIX_DATE)

    def test_logistics_spike(self):
        counts = {}
        for r in self.feedback:
            if LOGISTICS.search(r["text"]) and LOGISTICS_NEG.search(r["text"]):
                counts[(day(r) - SPIKE_START).days // 7] = counts.get((day(r) - SPIKE_START).days // 7, 0) + 1
        first = (dt.date(2026, 5, 1) - SPIKE_START).days // 7 + 1  # full 7-day bins only
        last = (dt.date(2026, 9, 30) - SPIKE_START).days // 7 - 1
        weekly = [counts.get(b, 0) for b in range(first, last + 1)]
        self.assertGreaterEqual(counts.get(0, 0), 2.5 * statistics.median(weekly), weekly)

    def test_invoice_questions_every_week(self):
        weeks = {(day(r) - dt.date(2026, 5, 1)).days // 7 for r in self.feedback
                 if re.search("发票|發票", r["text"])}
        self.assertTrue(set(range(21)) <= weeks)

    def test_customers_with_journeys(self):
        dates = {}
        for r in self.feedback:
            if "customer_id" in r:
                dates.setdefault(r["customer_id"], set()).add(day(r))
        self.assertGreaterEqual(sum(len(d) >= 2 for d in dates.values()), 20)
        # Breakpoint: product-page complaints followed by setup complaints from the same customer.
        page, setup = {}, {}
        for r in self.feedback:
            cid = r.get("customer_id")
            if cid and re.search("详情页|商品介绍|图片与实物不符", r["text"]):
                page.setdefault(cid, day(r))
            if cid and re.search("安装太复杂|说明书看不懂|不会设置", r["text"]):
                setup[cid] = day(r)
        self.assertGreaterEqual(sum(c in setup and setup[c] > page[c] for c in page), 25)

    def test_pii_and_traditional_present(self):
        self.assertTrue(any(re.search(r"1[3-9]\d{9}", r["text"]) for r in self.feedback))
        self.assertTrue(any("@" in r["text"] for r in self.feedback))
        self.assertTrue(any(re.search("[這還麼們讚質發貨]", r["text"]) for r in self.feedback))

    def test_generator_reproduces_bytes(self):
        with tempfile.TemporaryDirectory() as out:
            generate(out)
            for name in ("feedback.jsonl", "customers.jsonl"):
                with open(os.path.join(out, name), "rb") as a, \
                        open(os.path.join(self.out, name), "rb") as b:
                    self.assertTrue(a.read() == b.read(), name + " differs between two runs")

    def test_bundled_files_match_generator(self):
        for name in ("feedback.jsonl", "customers.jsonl"):
            with open(os.path.join(self.out, name), "rb") as a, \
                    open(os.path.join(SAMPLES, name), "rb") as b:
                fresh, bundled = a.read(), b.read()
            if fresh != bundled and b'"cu-1' not in bundled[:4000]:
                self.skipTest("data/samples was written by another generator (gen_samples.py)")
            self.assertTrue(fresh == bundled, name + " differs from a fresh make_samples.py run")


if __name__ == "__main__":
    unittest.main()
