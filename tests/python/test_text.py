"""Segmentation, the journey report and theme discovery from Python."""
import os
import tempfile
import threading
import unittest

import voc


class SegmenterTest(unittest.TestCase):
    def test_words_offsets_and_tags(self):
        seg = voc.Segmenter()
        text = "物流很快，客服態度很差"
        tokens = seg.tokens(text)
        data = text.encode()
        self.assertEqual([t[0] for t in tokens], [data[s:e].decode() for _, _, s, e in tokens])
        self.assertEqual(tokens[0][:2], ("物流", "n"))
        self.assertIn("態度", [t[0] for t in tokens])  # original text, looked up as 态度

    def test_user_dictionary_takes_effect_and_round_trips(self):
        seg = voc.Segmenter()
        self.assertNotIn("小米汽车su7", seg.cut("小米汽车su7续航不错"))
        seg.add_word("小米汽车SU7")
        self.assertIn("小米汽车su7", seg.cut("小米汽车su7续航不错"))
        seg.remove_word("续航")
        self.assertNotIn("续航", seg.cut("小米汽车su7续航不错"))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "user.dict")
            seg.save_user_dict(path)
            other = voc.Segmenter(user_dict=path)
            self.assertEqual(other.cut("小米汽车su7续航不错"), seg.cut("小米汽车su7续航不错"))
        with self.assertRaises(voc.InvalidArgumentError):
            seg.add_word("")
        with self.assertRaises(voc.NotFoundError):
            voc.Segmenter(user_dict="/nonexistent/user.dict")

    def test_hostile_input(self):
        seg = voc.Segmenter()
        self.assertEqual(seg.cut(""), [])
        self.assertEqual(seg.cut("   "), [])
        self.assertEqual(seg.cut("😀👍🏻"), ["😀", "👍🏻"])
        tokens = seg.tokens(b"\xff\xfe\x00ok")  # invalid bytes become tokens; NUL separates
        self.assertEqual(tokens[0][2], 0)
        self.assertEqual(tokens[-1][:1] + tokens[-1][2:], ("ok", 3, 5))
        with self.assertRaises(TypeError):
            seg.cut(42)

    def test_threads_agree(self):
        seg = voc.Segmenter()
        texts = ["下单很顺利，但是物流太慢，客服也不理人", "退货审批要等五天", "续航还行，4S店服务差"] * 50
        expected = [seg.cut(t) for t in texts]
        results = [None] * 4

        def work(i):
            results[i] = [seg.cut(t) for t in texts]

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for r in results:
            self.assertEqual(r, expected)


class JourneyTest(unittest.TestCase):
    def test_report_over_a_store(self):
        with tempfile.TemporaryDirectory() as d:
            with voc.Store(os.path.join(d, "j.db")) as store, voc.Analyzer() as az:
                store.ingest([
                    {"id": "1", "created_at": "2026-05-01", "customer_id": "c1",
                     "text": "下单很顺利，但是物流太慢，三天还没到"},
                    {"id": "2", "created_at": "2026-05-03", "customer_id": "c1",
                     "text": "客服也不理人，退货审批拖了一周"},
                ])
                store.analyze(az)
                report, svg = store.journey(svg=True)
                stages = {s["stage"] for s in report["stages"] if s["volume"] > 0}
                self.assertTrue({"purchase", "delivery", "service"} <= stages, stages)
                self.assertTrue(svg.startswith("<svg"))
                with self.assertRaises(voc.NotFoundError):
                    store.journey(map_path="/nonexistent/map.json")


class DiscoverThemesTest(unittest.TestCase):
    def test_clusters_named_by_words_and_deterministic(self):
        texts = ["会员积分莫名其妙清零了", "我的会员积分莫名其妙没了", "积分突然清零，莫名其妙",
                 "物流很快"]
        r = voc.discover_themes(texts, clusters=1, seed=3)
        self.assertEqual(r["documents"], 4)
        self.assertEqual(r["unmatched"], 3)  # 物流很快 has a theme
        self.assertEqual(len(r["candidates"]), 1)
        c = r["candidates"][0]
        self.assertIn("莫名其妙", c["top_terms"])
        self.assertEqual(sorted(c["example_ids"]), ["1", "2", "3"])
        self.assertEqual(voc.discover_themes(texts, clusters=1, seed=3), r)
        every = voc.discover_themes([{"id": "x", "text": t} for t in texts], clusters=1, all=True)
        self.assertEqual(every["unmatched"], 4)

    def test_threads_share_the_loaded_models(self):
        # The models are loaded once per process and shared: concurrent calls agree.
        texts = ["会员积分莫名其妙清零了", "我的会员积分莫名其妙没了", "积分突然清零，莫名其妙",
                 "发票一直开不出来", "电子发票开不了", "物流很快"]
        want = voc.discover_themes(texts, clusters=2, seed=5)
        got = []

        def run():
            for _ in range(5):
                got.append(voc.discover_themes(texts, clusters=2, seed=5))

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(got), 20)
        for r in got:
            self.assertEqual(r, want)

    def test_bad_input_is_named(self):
        with self.assertRaises(TypeError):
            voc.discover_themes([{"id": 1}])
        with self.assertRaises(ValueError):
            voc.discover_themes(["好"], clusters=0)
        self.assertEqual(voc.discover_themes([])["candidates"], [])


if __name__ == "__main__":
    unittest.main()
