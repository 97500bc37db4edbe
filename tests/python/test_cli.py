"""The `voc` command-line contracts: help, exit codes, `analyze --format jsonl`, ingest, loop.

Runs the binary named by VOC_CLI (set by ctest); skipped when it is not set.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

VOC = os.environ.get("VOC_CLI")


def run(args, stdin=b"", now=None):
    cmd = [VOC] + (["--now", now] if now else []) + args
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


@unittest.skipUnless(VOC, "VOC_CLI is not set")
class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="voc_cli_")
        self.db = os.path.join(self.dir, "t.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_help_version_and_usage_errors(self):
        rc, out, _ = run(["--help"])
        self.assertEqual(rc, 0)
        for command in ("ingest", "analyze", "version", "task", "verify", "followup", "tick"):
            self.assertIn(command, out)
        rc, out, _ = run(["version"])
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"\d+\.\d+\.\d+")
        rc, _, err = run(["analyze", "--format", "jsonl", "--no-such-flag"])
        self.assertEqual(rc, 2)
        self.assertIn("no-such-flag", err)
        rc, _, err = run(["no-such-command"])
        self.assertEqual(rc, 2)
        self.assertIn("no-such-command", err)

    def test_analyze_jsonl_contract(self):
        lines = [
            {"id": "a", "text": "物流很快，但是客服态度很差"},
            {"id": 7, "text": "东西很好，下次还来"},
            {"id": "empty", "text": ""},
            {"id": "emoji", "text": "😡😡😡"},
        ]
        stdin = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines)
        stdin += "not json\n"
        stdin += json.dumps({"id": "last", "text": "太失望了，不会再买"}, ensure_ascii=False) + "\n"
        rc, out, _ = run(["analyze", "--format", "jsonl"], stdin.encode("utf-8"))
        self.assertEqual(rc, 1)  # one line could not be analysed
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertEqual(len(rows), 6)  # exactly one output line per input line, same order
        self.assertEqual([r.get("id") for r in rows], ["a", 7, "empty", "emoji", None, "last"])
        self.assertIn("error", rows[4])
        self.assertEqual(rows[4]["line"], 5)
        for r in rows[:4] + rows[5:]:
            for field in ("polarity", "score", "intensity", "emotion", "emotions", "intent",
                          "effort", "clauses", "stages", "themes"):
                self.assertIn(field, r, r)
            self.assertGreaterEqual(r["score"], -1)
            self.assertLessEqual(r["score"], 1)
        self.assertLess(rows[5]["score"], 0)
        self.assertGreater(rows[1]["score"], 0)
        themes = {t["theme"]: t["polarity"] for t in rows[0]["themes"]}
        self.assertEqual(themes.get("logistics.speed"), "positive")
        self.assertEqual(themes.get("service.attitude"), "negative")
        text = lines[0]["text"].encode("utf-8")
        for t in rows[0]["themes"]:  # offsets are UTF-8 byte offsets into the text
            self.assertTrue(0 <= t["start"] < t["end"] <= len(text))
            text[t["start"]:t["end"]].decode("utf-8")

    def test_themes_command_reports_what_analyze_reports(self):
        texts = ["申通快递走了一周多", "物流很快但是客服态度很差", "这次有活动，买了三盒",
                 "价格评价格式", "", "请问什么时候发货"]
        stdin = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                        for i, t in enumerate(texts)).encode("utf-8")
        rc, analysed, _ = run(["analyze", "--format", "jsonl"], stdin)
        self.assertEqual(rc, 0)
        rc, themes, _ = run(["themes"], stdin)
        self.assertEqual(rc, 0)
        analysed = [json.loads(l) for l in analysed.splitlines()]
        themes = [json.loads(l) for l in themes.splitlines()]
        self.assertEqual(len(themes), len(texts))
        for a, t in zip(analysed, themes):
            self.assertEqual(a["id"], t["id"])
            self.assertEqual(a["themes"], t["themes"])
        rc, _, err = run(["themes", "--sentiment-model", os.path.join(self.dir, "none.model")], stdin)
        self.assertEqual(rc, 1)
        self.assertIn("none.model", err)

    def test_analyze_threads_give_the_same_output(self):
        texts = ["物流很快", "客服态度很差", "退货审批太慢了", "", "价格实惠，包装完好", "not json"]
        stdin = "".join((t if t == "not json" else json.dumps({"id": i, "text": t},
                                                                ensure_ascii=False)) + "\n"
                        for i, t in enumerate(texts * 700)).encode("utf-8")  # > one 4096 chunk
        rc1, one, _ = run(["analyze", "--format", "jsonl"], stdin)
        rc3, three, _ = run(["analyze", "--format", "jsonl", "--threads", "3"], stdin)
        self.assertEqual(rc1, 1)
        self.assertEqual(rc3, 1)
        self.assertEqual(one, three)
        self.assertEqual(len(one.splitlines()), len(texts) * 700)
        rc, _, err = run(["analyze", "--format", "jsonl", "--threads", "x"])
        self.assertEqual(rc, 2)
        self.assertIn("--threads", err)

    def test_analyze_rejects_invalid_utf8_per_line(self):
        stdin = b'{"id":"ok","text":"\xe5\xa5\xbd"}\n{"id":"bad","text":"\xff\xfe"}\n'
        rc, out, _ = run(["analyze", "--format", "jsonl"], stdin)
        self.assertEqual(rc, 1)
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertEqual(len(rows), 2)
        self.assertNotIn("error", rows[0])
        self.assertIn("error", rows[1])

    def test_analyze_refuses_texts_over_max_text_bytes(self):
        stdin = '{"id":"a","text":"物流很快"}\n{"id":"b","text":"物流很快啊"}\n'.encode()
        rc, out, _ = run(["analyze", "--max-text-bytes", "12"], stdin)
        self.assertEqual(rc, 1)
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertNotIn("error", rows[0])
        self.assertEqual(rows[1]["id"], "b")
        self.assertIn("15 bytes", rows[1]["error"])
        self.assertIn("limit of 12", rows[1]["error"])
        rc, out, _ = run(["analyze", "--max-text-bytes", "0"], stdin)
        self.assertEqual(rc, 0)
        rc, _, err = run(["analyze", "--max-text-bytes", "-1"], stdin)
        self.assertEqual(rc, 2)
        self.assertIn("--max-text-bytes", err)
        rc, _, err = run(["analyze", "--db", self.db, "--max-text-bytes", "12"])
        self.assertEqual(rc, 2)
        self.assertIn("--db", err)

    def test_ingest_strict_and_lenient(self):
        good = {"id": "f1", "channel": "survey", "created_at": "2026-05-01T08:00:00Z",
                "text": "客服态度很好", "rating": {"scale": "nps", "value": 9}}
        bad = {"id": "f2", "channel": "survey", "created_at": "2026-05-01T09:00:00Z",
               "text": "退货太慢", "rating": {"scale": "nps", "value": 11}}
        path = self.write("in.jsonl", json.dumps(good, ensure_ascii=False) + "\n" +
                          json.dumps(bad, ensure_ascii=False) + "\n")
        rc, _, err = run(["ingest", "--db", self.db, path])
        self.assertEqual(rc, 1)
        self.assertIn("f2", err)
        self.assertIn("rating", err)
        rc, out, _ = run(["ingest", "--db", self.db, "--lenient", "--json", path])
        self.assertEqual(rc, 1)  # rejected records make the exit code 1 even when lenient
        rc, out, _ = run(["ingest", "--db", self.db, "--on-duplicate", "skip", path, "--lenient"])
        self.assertIn("skipped 1", out)
        rc, _, err = run(["ingest", "--db", self.db, os.path.join(self.dir, "missing.jsonl")])
        self.assertEqual(rc, 1)
        self.assertIn("missing.jsonl", err)

    def test_stored_analyses_name_their_library_and_models(self):
        import sqlite3
        path = self.write("in.jsonl", json.dumps({"id": "m1", "created_at": "2026-05-01",
                                                  "text": "物流很快"}, ensure_ascii=False) + "\n")
        rc, _, err = run(["ingest", "--db", self.db, path])
        self.assertEqual(rc, 0, err)
        rc, _, err = run(["analyze", "--db", self.db])
        self.assertEqual(rc, 0, err)
        rc, version, _ = run(["version"])
        with sqlite3.connect(self.db) as db:
            (mv,), = db.execute("SELECT DISTINCT model_version FROM analysis").fetchall()
        self.assertRegex(mv, r"^voc-\d+\.\d+\.\d+\+[0-9a-f]{16}$")
        self.assertIn(mv.split("+")[0][4:], version)
        # Another sentiment model is another fingerprint.
        model = os.path.join(self.dir, "s.model")
        data = self.write("s.jsonl", "".join(json.dumps({"text": t, "label": l}, ensure_ascii=False) + "\n"
                                             for t, l in [("很好", "positive"), ("很差", "negative")] * 5))
        rc, _, err = run(["train-sentiment", "--data", data, "--out", model, "--hash-bits", "12",
                          "--epochs", "1"])
        self.assertEqual(rc, 0, err)
        rc, _, err = run(["analyze", "--db", self.db, "--all", "--sentiment-model", model])
        self.assertEqual(rc, 0, err)
        with sqlite3.connect(self.db) as db:
            (mv2,), = db.execute("SELECT DISTINCT model_version FROM analysis").fetchall()
        self.assertNotEqual(mv2, mv)

    def test_a_damaged_store_reads_without_crashing(self):
        import sqlite3
        rows = [{"id": "d%d" % i, "created_at": "2026-05-%02d" % (i % 28 + 1),
                 "text": "退货审批太慢了，客服态度很差"} for i in range(40)]
        path = self.write("in.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        self.assertEqual(run(["ingest", "--db", self.db, path])[0], 0)
        self.assertEqual(run(["analyze", "--db", self.db])[0], 0)
        # Out-of-range numbers where voc writes offsets and polarities (an edited or damaged file).
        bad = json.dumps({"emotions": {"anger": 1e308}, "key_phrases": [1, None],
                          "clauses": [{"start": 1e300, "end": -5, "polarity": 1e300, "score": 0.5,
                                       "evidence": [[-1, 1e20], [3]]}],
                          "effort_evidence": [[1e19, 2]]})
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE analysis SET polarity = 7, details = ?", (bad,))
            db.execute("UPDATE analysis_theme SET polarity = 9, span_start = -1, span_end = 1e12")
            db.execute("UPDATE analysis_stage SET span_start = 99999999999, span_end = -3")
        for args in (["analyze", "--db", self.db, "--json", "--report", os.path.join(self.dir, "r.html")],
                     ["insights", "--db", self.db, "--json"],
                     ["journey", "--db", self.db, "--format", "json"]):
            rc, _, err = run(args, now="2026-06-01T00:00:00Z")
            self.assertEqual(rc, 0, (args, err))

    def test_task_refusals_have_their_own_exit_codes(self):
        rc, out, err = run(["task", "create", "--db", self.db, "--actor", "li", "--role", "manager",
                            "--title", "发票开具太慢"], now="2026-06-01T00:00:00Z")
        self.assertEqual(rc, 0, err)
        task = out.split()[0]
        rc, _, err = run(["task", "move", task, "implement", "--db", self.db, "--actor", "li",
                          "--role", "manager", "--shipped-at", "2026-06-02"],
                         now="2026-06-02T00:00:00Z")
        self.assertEqual(rc, 3)
        self.assertIn("draft", err)
        rc, _, err = run(["task", "assign", task, "--db", self.db, "--actor", "li", "--role",
                          "manager", "--owner", "wang", "--deadline", "2026-07-01",
                          "--metric", "negative_rate", "--direction", "down", "--change", "50%",
                          "--window", "30d", "--expect-version", "99"], now="2026-06-02T00:00:00Z")
        self.assertEqual(rc, 4)
        rc, _, err = run(["task", "show", "T-999", "--db", self.db])
        self.assertEqual(rc, 1)
        self.assertIn("T-999", err)
        rc, out, _ = run(["tick", "--db", self.db], now="2026-06-03T00:00:00Z")
        self.assertEqual(rc, 0)
        # A role that may not make the move is neither a runtime nor a state failure.
        rc, _, err = run(["task", "create", "--db", self.db, "--actor", "guest", "--role",
                          "viewer", "--title", "x"], now="2026-06-03T00:00:00Z")
        self.assertEqual(rc, 5, err)
        self.assertIn("viewer", err)

    def test_a_directory_is_not_an_input_file(self):
        for args in (["ingest", "--db", self.db, self.dir],
                     ["ingest", "--db", self.db, "--customers", self.dir, self.write("e.jsonl", "")],
                     ["themes", "--input", self.dir],
                     ["discover-themes", "--input", self.dir],
                     ["discover-words", self.dir],
                     ["classify", "--format", "jsonl", "--lexicon", self.dir]):
            rc, _, err = run(args)
            self.assertEqual(rc, 1, args)
            self.assertIn("is a directory", err, args)
        rc, _, err = run(["discover-themes", "--all", "--themes", os.path.join(self.dir, "no.json")],
                         b'{"id":1,"text":"x"}\n')
        self.assertNotEqual(rc, 0)
        self.assertIn("no.json", err)

    def test_nul_bytes_in_theme_input_are_errors_not_crashes(self):
        # A raw NUL once ended fgets' line early and read line.back() of an empty string.
        stdin = b'{"id":1,"text":"a\x00b"}\n\x00\n{"id":2,"text":"\xe7\x89\xa9\xe6\xb5\x81\xe5\xbe\x88\xe5\xbf\xab"}\n'
        for args in (["discover-themes", "--clusters", "2"], ["themes"]):
            rc, out, err = run(args, stdin)
            self.assertEqual(rc, 1, args)
            self.assertIn("line 1", err, args)
        rc, out, _ = run(["themes"], stdin)
        self.assertIn("logistics.speed", out)  # the good line is still analysed

    def test_training_flags_are_checked(self):
        rows = [{"text": "太生气了", "label": "anger"}, {"text": "好开心", "label": "joy"},
                {"text": "真让人失望", "label": "sadness"}, {"text": "吓死我了", "label": "fear"}] * 5
        data = self.write("emo.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        out = os.path.join(self.dir, "e.model")
        # --tune-bias splits its own copy of the flag (it once read freed memory).
        rc, _, err = run(["train-emotion", "--data", data, "--out", out, "--hash-bits", "12",
                          "--epochs", "1", "--tune-bias", "0", "--tune-fraction", "0.5"])
        self.assertEqual(rc, 0, err)
        for flag, value in (("--lr", "nan"), ("--lr", "1e308"), ("--l2", "nan"), ("--holdout", "nan")):
            rc, _, err = run(["train-sentiment", "--data", data, "--out", out, flag, value])
            self.assertEqual(rc, 2, (flag, value))
            self.assertIn(flag, err)

    def test_task_create_keeps_its_note(self):
        rc, out, err = run(["task", "create", "--db", self.db, "--title", "发票开具太慢",
                            "--note", "来自三月的投诉", "--json"])
        self.assertEqual(rc, 0, err)
        task = json.loads(out)["id"]
        rc, out, _ = run(["task", "show", task, "--db", self.db, "--json"])
        self.assertEqual(rc, 0)
        self.assertIn("来自三月的投诉", out)


if __name__ == "__main__":
    unittest.main()
