"""An analyst's first session: ingest the bundled sample feedback, analyse it, and look at the
most negative themes.   python3 examples/python/quickstart.py [/tmp/quickstart.db]"""
import collections
import json
import os
import sys

import voc

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "data", "samples")


def main(path):
    if os.path.exists(path):
        os.remove(path)
    with voc.Store(path) as store, voc.Analyzer() as analyzer:
        with open(os.path.join(SAMPLES, "customers.jsonl"), encoding="utf-8") as f:
            print("customers:", store.upsert_customers([json.loads(line) for line in f]))
        report = store.ingest_file(os.path.join(SAMPLES, "feedback.jsonl"))
        print(f"stored {report.stored} records, {len(report.errors)} rejected")
        print("analysed", store.analyze(analyzer))
        negative = collections.Counter()
        for row in store.query():
            for theme in row.get("analysis", {}).get("themes", []):
                if theme["polarity"] == "negative":
                    negative[theme["theme"]] += 1
        for theme, n in negative.most_common(5):
            print(f"{theme:28s} {n:4d} negative mentions")
        # Ad-hoc texts, one call for the whole list:
        for r in analyzer.analyze_many(["物流很快但是客服态度很差", "发票怎么开？"]):
            print(r["polarity"], r["intent"], [t["theme"] for t in r["themes"]])
    return 0 if report.stored > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "quickstart.db"))
