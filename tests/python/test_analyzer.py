"""The Python Analyzer over libvoc_c: single, batch and columnar calls; errors; threads."""
import threading
import unittest

import voc


class AnalyzerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.az = voc.Analyzer()

    @classmethod
    def tearDownClass(cls):
        cls.az.close()

    def test_two_aspects_with_opposite_polarity(self):
        r = self.az.analyze("物流很快但是客服态度很差")
        themes = {t["theme"]: t["polarity"] for t in r["themes"]}
        self.assertEqual(themes.get("logistics.speed"), "positive")
        self.assertEqual(themes.get("service.attitude"), "negative")
        text = "物流很快但是客服态度很差".encode()
        for t in r["themes"]:
            self.assertLessEqual(0, t["start"])
            self.assertLessEqual(t["end"], len(text))

    def test_theme_without_an_opinion_takes_the_texts_sentiment(self):
        # 快递 has no opinion word of its own here; the text is plainly a complaint.
        r = self.az.analyze("申通快递走了一周多")
        ship = [t for t in r["themes"] if t["theme"] == "logistics.speed"]
        self.assertEqual(len(ship), 1, r["themes"])
        self.assertEqual(ship[0]["opinion"], "")
        self.assertEqual(ship[0]["polarity"], "negative")
        self.assertLess(r["score"], 0)
        # A question has no sentiment to lend.
        r = self.az.analyze("请问什么时候发货")
        for t in r["themes"]:
            self.assertEqual(t["polarity"], "neutral", t)

    def test_batch_matches_single_calls(self):
        texts = ["包装破损，价格太贵", "", "客服回复很及时，点赞", "发票什么时候能开？"]
        batch = self.az.analyze_many(texts)
        self.assertEqual(len(batch), len(texts))
        for text, result in zip(texts, batch):
            self.assertEqual(result, self.az.analyze(text))

    def test_columns(self):
        cols = self.az.analyze_columns(["太差了", "很好"])
        self.assertEqual(len(cols["score"]), 2)
        self.assertEqual(len(cols["polarity"]), 2)
        self.assertEqual(len(cols["results"]), 2)
        self.assertEqual(cols["results"][0], self.az.analyze("太差了"))
        lean = self.az.analyze_columns(["太差了", "很好"], results=False)
        self.assertNotIn("results", lean)
        self.assertEqual(list(lean["score"]), list(cols["score"]))
        self.assertEqual(lean["polarity"], ["negative", "positive"])

    def test_invalid_utf8_is_an_error_not_a_crash(self):
        with self.assertRaises(voc.InvalidArgumentError) as ctx:
            self.az.analyze(b"\xff\xfe bad")
        self.assertIn("UTF-8", str(ctx.exception))
        batch = self.az.analyze_many([b"ok", b"\xc3"])
        self.assertIn("error", batch[1])
        self.assertNotIn("error", batch[0])

    def test_nul_bytes_and_wrong_types(self):
        self.az.analyze("物流\x00很快")  # NUL inside the text is just a character
        with self.assertRaises(TypeError):
            self.az.analyze(12)

    def test_texts_over_the_size_limit_are_refused_by_name(self):
        with voc.Analyzer(max_text_bytes=12) as az:
            az.analyze("物流很快")  # 12 bytes
            with self.assertRaises(voc.InvalidArgumentError) as ctx:
                az.analyze("物流很快啊")
            self.assertIn("15 bytes", str(ctx.exception))
            self.assertIn("limit of 12", str(ctx.exception))
            batch = az.analyze_many(["物流很快", "物流很快啊"])
            self.assertNotIn("error", batch[0])
            self.assertIn("limit of 12", batch[1]["error"])
        with voc.Analyzer(max_text_bytes=0) as az:  # no limit
            az.analyze("物流很快啊")
        with self.assertRaises(voc.InvalidArgumentError):
            self.az.analyze("a" * ((1 << 20) + 1))  # the default is 1 MiB
        with self.assertRaises(ValueError):
            voc.Analyzer(max_text_bytes=-1)
        with self.assertRaises(TypeError):
            voc.Analyzer(max_text_bytes="12")

    def test_unknown_model_path_names_the_file(self):
        with self.assertRaises(voc.VocError) as ctx:
            voc.Analyzer(themes="/nonexistent/taxonomy.json")
        self.assertIn("/nonexistent/taxonomy.json", str(ctx.exception))
        with self.assertRaises(TypeError):
            voc.Analyzer(no_such_option="x")

    def test_threads_share_one_analyzer(self):
        texts = ["物流很快但是客服态度很差", "价格实惠，包装完好"] * 50
        expected = self.az.analyze_many(texts)
        results = [None] * 4

        def work(i):
            results[i] = self.az.analyze_many(texts)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for r in results:
            self.assertEqual(r, expected)

    def test_closed_handle(self):
        az = voc.Analyzer()
        az.close()
        az.close()  # closing twice is fine
        with self.assertRaises(ValueError):
            az.analyze("x")


if __name__ == "__main__":
    unittest.main()
