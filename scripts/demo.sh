#!/usr/bin/env bash
# The quick-start job: sets up, builds voc in Release and runs it on the bundled sample
# feedback (data/samples, May–September 2026): ingest into a SQLite store, analyse, then walk
# the closed loop on the top issue — complaints that 退货审批 is slow become an owned task, the
# fix ships on 2026-07-15, verification shows the drop, the consenting complainers are queued
# for follow-up and the task is closed. Writes out/demo.db (the store) and out/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

build="${VOC_BUILD_DIR:-$root/build-release}"  # override to reuse an existing build tree

bash scripts/setup.sh
if [ -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" >/dev/null  # an existing tree keeps its own options (tests ...)
else
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVOC_BUILD_TESTS=OFF \
    -DVOC_BUILD_BENCHMARKS=OFF -DVOC_BUILD_EXAMPLES=OFF -DVOC_BUILD_PYTHON=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target voc_cli voc_data >/dev/null

voc="$build/voc"
db=out/demo.db
mkdir -p out
rm -f "$db" "$db-wal" "$db-shm"

step() { printf '\n== %s\n' "$*"; }

step "ingest the sample feedback and customers"
"$voc" ingest --db "$db" --customers data/samples/customers.jsonl data/samples/feedback.jsonl

step "analyse (sentiment, emotion, intent, effort, journey stages, themes)"
"$voc" --now 2026-07-14T00:00:00Z analyze --db "$db" | sed -n '3,$p'

step "the customer journey: where it hurts, and who owns it (journey curve: out/journey.svg)"
"$voc" journey --db "$db" --to 2026-07-14 --svg out/journey.svg | sed -n '1p;/^pain moments/,/^ 3\./p'

step "insights on 2026-07-14 (last 60 days), highest priority first"
"$voc" insights --db "$db" --now 2026-07-14T00:00:00Z --window 60d --limit 5
key=$("$voc" insights --db "$db" --now 2026-07-14T00:00:00Z --window 60d --limit 50 |
  awk '$1 ~ /^service\.returns_refunds/ && key == "" {key = $1} END {print key}')  # reads all: no SIGPIPE

step "turn the returns insight into an owned task with a measurable target"
task=$("$voc" task create --db "$db" --now 2026-07-14T09:00:00Z --actor li.manager \
  --from-insight "$key" --insight-window 60d --title "退货审批太慢（审批慢、流程繁琐）" | awk 'NR == 1 {print $1}')
"$voc" task assign "$task" --db "$db" --now 2026-07-14T09:05:00Z --actor li.manager \
  --owner zhang.dev --department 电商技术部 --deadline 2026-08-13 \
  --metric negative_rate --direction down --change 50% --window 60d
"$voc" task move "$task" start --db "$db" --now 2026-07-14T10:00:00Z --actor zhang.dev --role owner
"$voc" task move "$task" implement --db "$db" --now 2026-07-15T18:00:00Z --actor zhang.dev \
  --role owner --shipped-at 2026-07-15 --change-note "退货申请改为自动审批，提交后几分钟内完成"

step "two months later: verify the effect"
"$voc" verify "$task" --db "$db" --now 2026-09-30T00:00:00Z --actor li.manager

step "tell the customers who complained (outbox for the host product to deliver)"
"$voc" followup "$task" --db "$db" --now 2026-09-30T01:00:00Z --actor li.manager
"$voc" outbox list --db "$db" --task "$task" >out/outbox.txt
head -3 out/outbox.txt
"$voc" task move "$task" close --db "$db" --now 2026-10-01T00:00:00Z --actor li.manager \
  --root-cause "退货审批依赖人工，排队时间长"

step "report"
"$voc" --now 2026-10-01T00:00:00Z analyze --db "$db" --report out/report.html | tail -1
printf '\nThe store is %s; open out/report.html in a browser.\n' "$db"
