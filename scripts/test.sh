#!/usr/bin/env bash
# Command 2: set up, build, and run every test: the core tests natively and as wasm under node, the app smoke
# tests, the end-to-end tests of the real page in headless Chromium (Playwright), and the desktop app under Xvfb.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
cd "$here"
started=$(date +%s)
failed=()
step() { printf '\n=== %s\n' "$1"; }

step "native build (native-release)"
cmake --preset native-release >/dev/null
cmake --build --preset native-release
step "native tests (ctest)"
ctest --preset native-release || failed+=("native ctest")

# Sanitizers and fuzzing (README "Fuzzing and sanitizers"): one clang build with ASan + UBSan for the native tests
# and the fuzz harnesses, a small ThreadSanitizer build of the threaded tests alone.
step "sanitizer build (sanitize: clang-14, ASan + UBSan, fuzz harnesses)"
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize || failed+=("sanitize build")
step "native tests under ASan + UBSan (ctest), and every fuzz corpus file once"
ctest --preset sanitize || failed+=("sanitize ctest")
step "threaded tests under TSan (native-tsan)"
cmake --preset native-tsan >/dev/null
{ cmake --build --preset native-tsan --target threaded_tests &&
  build/native-tsan/bin/threaded_tests \
    --gtest_filter='WorkerTeam.*:NnSequential.*Threads*:JobsNative.*-JobsNative.AJobThatThrows*'; } ||
  failed+=("tsan")
step "fuzzing: every harness for 20 s, two at a time (scripts/fuzz.sh)"
scripts/fuzz.sh --seconds 20 --jobs 2 || failed+=("fuzz")

step "web build (web-release)"
cmake --preset web-release >/dev/null
cmake --build --preset web-release
step "wasm core tests under node (ctest)"
ctest --preset web-release || failed+=("wasm ctest")

step "end-to-end tests: the page in headless Chromium (Playwright)"
node --test --test-concurrency=1 tests/e2e/ || failed+=("e2e")

step "desktop app under Xvfb"
python3 tests/desktop/smoke.py build/native-release/bin/hebblab build/native-release/screenshots || failed+=("desktop")

printf '\n=== all tests took %ss\n' $(( $(date +%s) - started ))
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "every suite passed"
