#!/usr/bin/env bash
# The quick-start job: sets up, builds voc in Release and runs it on the bundled sample
# feedback — ingest into a SQLite store, analyse, and print a readable summary. Writes
# out/demo.db (the store) and out/report.html (the shareable report).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/setup.sh
cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release -DVOC_BUILD_TESTS=OFF \
  -DVOC_BUILD_BENCHMARKS=OFF -DVOC_BUILD_EXAMPLES=OFF -DVOC_BUILD_PYTHON=OFF >/dev/null
cmake --build "$root/build-release" -j "$jobs" --target voc_cli voc_data >/dev/null

voc="$root/build-release/voc"
mkdir -p out
rm -f out/demo.db out/demo.db-wal out/demo.db-shm
"$voc" ingest --db out/demo.db --customers data/samples/customers.jsonl data/samples/feedback.jsonl
"$voc" --now 2026-10-01T00:00:00Z analyze --db out/demo.db --report out/report.html
