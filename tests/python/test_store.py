"""The Python Store over libvoc_c: ingest modes, errors, queries, analysis."""
import os
import shutil
import tempfile
import unittest

import voc


class StoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="voc_py_store_")
        self.path = os.path.join(self.dir, "voc.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_ingest_query_and_reopen(self):
        with voc.Store(self.path) as store:
            report = store.ingest([
                {"id": "a", "text": "物流太慢了，客服也不理人", "created_at": "2026-05-01T10:00:00Z",
                 "channel": "app_review", "customer_id": "c1", "rating": 2,
                 "rating_scale": "stars", "contact_ok": True, "attributes": {"order": "A-1"}},
                {"id": "b", "text": "电话13812345678，退货审批太慢", "created_at": 1777600000},
            ])
            self.assertEqual(report.stored, 2)
            self.assertEqual(report.errors, [])
        with voc.Store(self.path, create=False) as store:
            self.assertEqual(store.count(), 2)
            rows = store.query(channel="app_review")
            self.assertEqual([r["id"] for r in rows], ["a"])
            self.assertEqual(rows[0]["attributes"], {"order": "A-1"})
            b = store.query(customer_id=None, start=1777500000)[0]
            self.assertEqual(b["text"], "电话[PHONE]，退货审批太慢")

    def test_strict_and_lenient(self):
        with voc.Store(self.path) as store:
            bad = [{"id": "a", "text": "好", "created_at": "2026-05-01"},
                   {"id": "b", "text": "差", "created_at": "2026-05-01", "rating": 11,
                    "rating_scale": "nps"}]
            with self.assertRaises(voc.InvalidArgumentError) as ctx:
                store.ingest(bad)
            self.assertIn("record 2 (id=b): rating 11 outside nps 0..10", str(ctx.exception))
            self.assertEqual(store.count(), 0)
            report = store.ingest(bad, strict=False)
            self.assertEqual(report.stored, 1)
            self.assertEqual(len(report.errors), 1)
            err = report.errors[0]
            self.assertEqual((err.line, err.id, err.field), (2, "b", "rating"))

    def test_duplicates(self):
        with voc.Store(self.path) as store:
            rec = {"id": "a", "text": "第一版", "created_at": "2026-05-01"}
            store.ingest([rec])
            with self.assertRaises(voc.AlreadyExistsError):
                store.ingest([rec])
            self.assertEqual(store.ingest([dict(rec, text="第二版")], on_duplicate="skip").skipped, 1)
            self.assertEqual(store.ingest([dict(rec, text="第二版")], on_duplicate="update").updated, 1)
            self.assertEqual(store.query()[0]["text"], "第二版")
            with self.assertRaises(ValueError):
                store.ingest([rec], on_duplicate="merge")

    def test_csv_and_wrong_types(self):
        with voc.Store(self.path) as store:
            report = store.ingest_csv("\ufeffid,created_at,text\nx1,2026-05-01,\"a, b\"\n")
            self.assertEqual(report.stored, 1)
            report = store.ingest_jsonl('{"id":"x2","created_at":"2026-05-01","text":5}\n',
                                        strict=False)
            self.assertEqual(report.errors[0].field, "text")
            self.assertIn("text must be a string, got number", report.errors[0].message)
            with self.assertRaises(TypeError):
                store.ingest(["not a dict"])

    def test_unknown_channel(self):
        with voc.Store(self.path) as store:
            with self.assertRaises(voc.InvalidArgumentError) as ctx:
                store.query(channel="fax")
            self.assertIn("'fax'", str(ctx.exception))
            self.assertIn("app_review", str(ctx.exception))  # names the allowed ones

    def test_nul_in_paths(self):
        # A NUL would cut the path short: the C library would open another file.
        with self.assertRaises(voc.InvalidArgumentError):
            voc.Analyzer(themes=os.path.join(self.dir, "x\0y"))
        with voc.Store(self.path) as store:
            with self.assertRaises(voc.InvalidArgumentError):
                store.journey(map_path=os.path.join(self.dir, "m.json\0x"))

    def test_query_limit(self):
        with voc.Store(self.path) as store:
            store.ingest_jsonl('{"id":"q1","created_at":"2026-05-01","text":"好"}\n'
                               '{"id":"q2","created_at":"2026-05-02","text":"差"}\n')
            self.assertEqual(len(store.query(limit=1)), 1)
            self.assertEqual(len(store.query(limit=0)), 2)
            # Regression: -1 became SIZE_MAX and failed with VOC_EINTERNAL "datatype mismatch".
            with self.assertRaises(voc.InvalidArgumentError) as ctx:
                store.query(limit=-1)
            self.assertIn("limit", str(ctx.exception))

    def test_missing_store_and_bad_path(self):
        with self.assertRaises(voc.NotFoundError):
            voc.Store(os.path.join(self.dir, "nope.db"), create=False)
        with self.assertRaises(voc.StorageError):
            voc.Store(os.path.join(self.dir, "no", "such", "dir", "x.db"))

    def test_analyze_store_and_customers(self):
        with voc.Store(self.path) as store, voc.Analyzer() as az:
            store.upsert_customers([{"id": "c1", "tier": "vip", "lifetime_value": 5000}])
            store.ingest([{"id": "a", "text": "物流很快但是客服态度很差", "created_at": "2026-05-01",
                           "customer_id": "c1"}])
            self.assertEqual(store.analyze(az), 1)
            self.assertEqual(store.analyze(az), 0)  # nothing new
            self.assertEqual(store.analyze(az, reanalyze=True), 1)
            row = store.query()[0]
            themes = {t["theme"] for t in row["analysis"]["themes"]}
            self.assertIn("service.attitude", themes)


if __name__ == "__main__":
    unittest.main()


class DataFrameTest(unittest.TestCase):
    """Runs where pandas is installed (e.g. Debian's python3-pandas); skipped elsewhere."""

    def setUp(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        self.dir = tempfile.mkdtemp(prefix="voc_py_df_")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_dataframe_in_and_out(self):
        import pandas
        df = pandas.DataFrame([
            {"id": "d1", "text": "物流很快", "created_at": pandas.Timestamp("2026-05-01 10:00"),
             "rating": float("nan")},
            {"id": "d2", "text": "客服态度很差", "created_at": pandas.Timestamp("2026-05-02"),
             "rating": 2.0, "rating_scale": "stars"},
        ])
        with voc.Store(os.path.join(self.dir, "df.db")) as store, voc.Analyzer() as az:
            self.assertEqual(store.ingest(df).stored, 2)
            out = store.query(as_dataframe=True)
            self.assertEqual(list(out["id"]), ["d1", "d2"])
            analysed = az.analyze_dataframe(df)
            self.assertIn("polarity", analysed.columns)
            self.assertEqual(len(analysed), 2)
