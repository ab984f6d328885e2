#!/usr/bin/env bash
# Fuzzing: runs every libFuzzer harness of tests/fuzz (ASan + UBSan, the sanitize preset) for N seconds each, starting
# from its seeds in tests/fuzz/corpus/NAME. Prints per harness the executions, exec/s, CPU seconds and any crash;
# exits 1 if one crashed, leaked, failed a check, timed out or allocated without bound.
#   scripts/fuzz.sh                      every harness for 20 s, one after the other
#   scripts/fuzz.sh --jobs 2             two harnesses at a time (scripts/test.sh, on 2 cores)
#   scripts/fuzz.sh --seconds 3600       the long run
#   scripts/fuzz.sh --only model_file    one harness (repeatable)
# New inputs that reach new code go to build/sanitize/fuzz/corpus/NAME (kept between runs, never committed); crash
# inputs to build/sanitize/fuzz/crashes/NAME/, logs to build/sanitize/fuzz/NAME.log. README "Fuzzing and sanitizers"
# says how a crash becomes a corpus file and a test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
seconds=20
jobs=1
only=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N] [--jobs N] [--only NAME ...]" >&2; exit 2 ;;
  esac
done

build=build/sanitize
if [ ! -f $build/build.ninja ]; then cmake --preset sanitize >/dev/null; fi
cmake --build $build --target fuzzers

names=("${only[@]}")
[ ${#names[@]} -gt 0 ] || names=($(cd tests/fuzz/corpus && ls))
out=$build/fuzz

# fuzz NAME: one harness; its line of the table goes to $out/NAME.result, "failed" to $out/NAME.failed.
fuzz() {
  local name=$1 log=$out/$1.log status=0
  mkdir -p "$out/corpus/$name" "$out/crashes/$name"
  rm -f "$out/$name.failed"
  local before; before=$(ls "$out/crashes/$name" | wc -l)
  # 2 GiB for one allocation or the whole process: far above what any input within limits.h costs, so reaching it
  # means an unbounded allocation. -timeout: one input taking that long is a finding too.
  TIMEFORMAT='%U %S'
  { time ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$build/bin/fuzz_$name" \
      -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=25 -print_final_stats=1 \
      -artifact_prefix="$out/crashes/$name/" "$out/corpus/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  } 2>"$out/$name.cpu"
  local cpu runs rate result=ok
  cpu=$(awk '{printf "%.1f", $1 + $2}' "$out/$name.cpu")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ $status != 0 ]; then
    result="FAILED (exit $status): $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|fuzz check failed|ERROR: libFuzzer' "$log" || true)"
    [ "$(ls "$out/crashes/$name" | wc -l)" -gt "$before" ] &&
      result+=" -> $out/crashes/$name/$(ls -t "$out/crashes/$name" | head -n 1)"
    touch "$out/$name.failed"
  fi
  printf '%-12s %12s %9s %8s  %s\n' "$name" "${runs:-?}" "${rate:-?}" "$cpu" "$result" >"$out/$name.result"
}

mkdir -p "$out"
for name in "${names[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz "$name" &
done
wait
printf '%-12s %12s %9s %8s  %s\n' harness executions exec/s cpu_s result
failed=()
for name in "${names[@]}"; do
  cat "$out/$name.result"
  [ ! -f "$out/$name.failed" ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (logs: $out/NAME.log)"
  exit 1
fi
