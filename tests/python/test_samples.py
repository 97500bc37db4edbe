"""Checks scripts/gen_samples.py's sample data and that data/samples/ holds exactly its output.

The story checks run on a fresh run of the generator (into a temporary directory), so they hold
for whatever the script writes; test_committed_files_are_reproduced then requires the committed
files to be byte-identical. Standard library only; needs neither the voc library nor a build.
"""
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLES = os.path.join(REPO, "data", "samples")
GENERATOR = os.path.join(REPO, "scripts", "gen_samples.py")

CHANNELS = ["survey", "app_review", "call_center", "chat", "email", "social", "forum", "store", "other"]
SCALES = {"nps": (0, 10), "csat": (1, 5), "stars": (1, 5)}
FIX_DATE = dt.date(2026, 7, 15)
SPIKE = (dt.date(2026, 8, 18), dt.date(2026, 8, 24))  # inclusive
# The planted 退货审批 complaint phrases (the positive after-fix texts avoid all of them).
RETURN_COMPLAINT = re.compile("审批太慢|审批慢|审核要等|流程繁琐|流程太麻烦|一直在审核中")
LOGISTICS_COMPLAINT = re.compile("物流爆仓|快递延误|一直不发货|迟迟不发货|配送太慢|物流太慢|快递太慢|一动不动")
RETURN_PRAISE = re.compile("退货很快|退款秒到账|退货很方便|自动审批")


def load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def generate(out):
    subprocess.run([sys.executable, GENERATOR, "--out", out], check=True, stdout=subprocess.DEVNULL)


def day(record):
    return dt.datetime.strptime(record["created_at"], "%Y-%m-%dT%H:%M:%SZ").date()


class SamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        generate(cls.tmp.name)
        cls.feedback = load(cls.tmp.name, "feedback.jsonl")
        cls.customers = load(cls.tmp.name, "customers.jsonl")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_volume_and_span(self):
        self.assertGreaterEqual(len(self.feedback), 600)
        days = sorted(day(r) for r in self.feedback)
        self.assertGreaterEqual((days[-1] - days[0]).days, 120)
        self.assertGreaterEqual(len(self.customers), 150)

    def test_fields(self):
        ids = [r["id"] for r in self.feedback]
        self.assertEqual(len(ids), len(set(ids)), "duplicate feedback ids")
        self.assertEqual(sorted(set(r["channel"] for r in self.feedback)), sorted(CHANNELS))
        for r in self.feedback:
            for key in ("id", "channel", "created_at", "text", "contact_ok"):
                self.assertIn(key, r, r["id"])
            self.assertTrue(10 <= len(r["text"]) <= 150, r["id"])
            self.assertIsInstance(r["contact_ok"], bool)
            self.assertIn(r["channel"], CHANNELS)
            if "attributes" in r:
                for k, v in r["attributes"].items():
                    self.assertIsInstance(v, str, (r["id"], k))
        share = sum(r["contact_ok"] for r in self.feedback) / len(self.feedback)
        self.assertTrue(0.6 <= share <= 0.8, share)

    def test_ratings_inside_their_scales(self):
        rated = 0
        for r in self.feedback:
            self.assertEqual("rating" in r, "rating_scale" in r, r["id"])
            if "rating" in r:
                rated += 1
                lo, hi = SCALES[r["rating_scale"]]
                self.assertTrue(lo <= r["rating"] <= hi, r["id"])
        self.assertGreater(rated, 100)
        self.assertEqual(sorted(set(r["rating_scale"] for r in self.feedback if "rating_scale" in r)),
                         sorted(SCALES))

    def test_customers_exist(self):
        ids = [c["id"] for c in self.customers]
        self.assertEqual(len(ids), len(set(ids)), "duplicate customer ids")
        known = set(ids)
        for r in self.feedback:
            if "customer_id" in r:
                self.assertIn(r["customer_id"], known, r["id"])
        for c in self.customers:
            self.assertIn(c["tier"], ("standard", "silver", "gold", "vip"))
            self.assertIsInstance(c["contact_ok"], bool)

    def test_return_complaints_fall_after_the_fix(self):
        before = [r for r in self.feedback if RETURN_COMPLAINT.search(r["text"]) and day(r) < FIX_DATE]
        after = [r for r in self.feedback if RETURN_COMPLAINT.search(r["text"]) and day(r) >= FIX_DATE]
        first = min(day(r) for r in self.feedback)
        last = max(day(r) for r in self.feedback)
        rate_before = len(before) / ((FIX_DATE - first).days / 7)
        rate_after = len(after) / (((last - FIX_DATE).days + 1) / 7)
        self.assertGreaterEqual(rate_before, 4)
        self.assertGreater(len(after), 0, "a couple of complaints should remain")
        self.assertLessEqual(rate_after, 0.3 * rate_before, (rate_before, rate_after))
        praise_before = sum(1 for r in self.feedback if RETURN_PRAISE.search(r["text"]) and day(r) < FIX_DATE)
        praise_after = sum(1 for r in self.feedback if RETURN_PRAISE.search(r["text"]) and day(r) >= FIX_DATE)
        self.assertEqual(praise_before, 0)
        self.assertGreaterEqual(praise_after, 20)
        # some customers complained twice
        per_customer = collections.Counter(r["customer_id"] for r in before if "customer_id" in r)
        self.assertGreaterEqual(sum(1 for n in per_customer.values() if n >= 2), 5)

    def test_logistics_spike_week(self):
        in_spike = [r for r in self.feedback
                    if LOGISTICS_COMPLAINT.search(r["text"]) and SPIKE[0] <= day(r) <= SPIKE[1]]
        outside = [r for r in self.feedback
                   if LOGISTICS_COMPLAINT.search(r["text"]) and not SPIKE[0] <= day(r) <= SPIKE[1]]
        first = min(day(r) for r in self.feedback)
        last = max(day(r) for r in self.feedback)
        weeks_outside = ((last - first).days + 1 - 7) / 7
        self.assertGreaterEqual(len(in_spike), 3 * len(outside) / weeks_outside)
        social = sum(1 for r in in_spike if r["channel"] in ("social", "app_review"))
        self.assertGreater(social, len(in_spike) / 2)

    def test_invoice_questions_every_week(self):
        first = min(day(r) for r in self.feedback)
        weeks = collections.Counter((day(r) - first).days // 7 for r in self.feedback if "发票" in r["text"])
        self.assertEqual(sorted(weeks), list(range(0, max(weeks) + 1)))
        self.assertGreaterEqual(max(weeks), 20)

    def test_customers_with_several_dates(self):
        dates = collections.defaultdict(set)
        for r in self.feedback:
            if "customer_id" in r:
                dates[r["customer_id"]].add(day(r))
        self.assertGreaterEqual(sum(1 for d in dates.values() if len(d) >= 2), 20)

    def test_breakpoint_cohort(self):
        page = re.compile("详情页|介绍|图片与实物")
        setup = re.compile("安装太复杂|说明书看不懂|不会设置|安装步骤太多|装不了")
        first_page = {}
        for r in sorted(self.feedback, key=lambda r: r["created_at"]):
            if "customer_id" in r and page.search(r["text"]) and "建议" not in r["text"]:
                first_page.setdefault(r["customer_id"], r["created_at"])
        later_setup = set(r["customer_id"] for r in self.feedback
                          if "customer_id" in r and setup.search(r["text"])
                          and first_page.get(r["customer_id"], "9999") < r["created_at"])
        self.assertGreaterEqual(len(later_setup), 25)

    def test_pii_and_traditional_present(self):
        texts = [r["text"] for r in self.feedback]
        self.assertGreaterEqual(sum(1 for t in texts if re.search(r"1[3-9]\d{9}", t)), 3)
        self.assertGreaterEqual(sum(1 for t in texts if re.search(r"[\w.]+@[\w.]+", t)), 2)
        self.assertGreaterEqual(sum(1 for t in texts if re.search("[們這個實說對詢問處體裝師務價質發貨審頁圖會積]", t)), 5)

    def test_generator_is_deterministic(self):
        with tempfile.TemporaryDirectory() as out:
            generate(out)
            for name in ("feedback.jsonl", "customers.jsonl"):
                with open(os.path.join(out, name), "rb") as a, open(os.path.join(self.tmp.name, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), name + " differs between two runs")

    def test_committed_files_are_reproduced(self):
        for name in ("feedback.jsonl", "customers.jsonl"):
            with open(os.path.join(SAMPLES, name), "rb") as a, open(os.path.join(self.tmp.name, name), "rb") as b:
                self.assertEqual(a.read(), b.read(),
                                 name + " differs from a fresh run: python3 scripts/gen_samples.py")


if __name__ == "__main__":
    unittest.main()
