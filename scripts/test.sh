#!/usr/bin/env bash
# Sets up, builds and runs every test: once in a normal build, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the thread tests under ThreadSanitizer.
# Used by .ci/run.
#   scripts/test.sh            both runs
#   VOC_SKIP_SANITIZERS=1 ...  only the normal run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/setup.sh

run_suite() {
  local dir=$1; shift
  echo "== configure $dir ($*)"
  cmake -S "$root" -B "$dir" -DVOC_BUILD_TESTS=ON -DVOC_BUILD_BENCHMARKS=ON \
    -DVOC_BUILD_PYTHON=ON -DVOC_BUILD_EXAMPLES=ON "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; return 1; }
  echo "== build $dir"
  if ! cmake --build "$dir" -j "$jobs" >"$dir.build.log" 2>&1; then
    grep -E -A5 'error|Error' "$dir.build.log" | head -80
    tail -20 "$dir.build.log"
    return 1
  fi
  echo "== test $dir"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 600)
}

mkdir -p out
run_suite "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [[ "${VOC_SKIP_SANITIZERS:-0}" != 1 ]]; then
  # Leak checking is on; UBSan findings abort the test (-fno-sanitize-recover).
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_suite "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DVOC_SANITIZE=ON
  # The tests where threads share a segmenter, tagger, keyword extractor or journey
  # attributor (and edit a user dictionary meanwhile), under ThreadSanitizer.
  tsan="$root/build-tsan"
  echo "== configure $tsan (-DVOC_TSAN=ON, thread tests)"
  cmake -S "$root" -B "$tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVOC_TSAN=ON -DVOC_BUILD_TESTS=ON \
    -DVOC_BUILD_BENCHMARKS=OFF -DVOC_BUILD_PYTHON=OFF -DVOC_BUILD_EXAMPLES=OFF >"$tsan.configure.log" 2>&1 ||
    { cat "$tsan.configure.log"; exit 1; }
  echo "== build $tsan"
  if ! cmake --build "$tsan" -j "$jobs" --target text_test keywords_test char_tagger_test journey_test voc_data \
      >"$tsan.build.log" 2>&1; then
    grep -E -A5 'error|Error' "$tsan.build.log" | head -80
    exit 1
  fi
  echo "== test $tsan"
  (cd "$tsan" && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R 'Thread' --timeout 600)
fi
echo "== all tests passed"
