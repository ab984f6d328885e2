#!/usr/bin/env bash
# The speed figures in one sitting (this machine is noisy: compare within a sitting, quote medians). Round by round:
# `hebblab bench` natively (-march=native and portable builds, 1 and 2 threads, and two 1-thread processes at once:
# their summed images/s is what two cores give at best), as wasm under node (1 thread, and 2 with pthreads) and in a
# Web Worker of headless Chromium (1 and 2 threads, scripts/bench-browser.mjs), and, given the peer harness folder (a
# copy of ../shared/bench-peers with python3-torch and libopenblas0-pthread installed), PyTorch in its best
# configuration (OpenBLAS, tuned glibc malloc) on 1 and 2 threads, and, once its prepare.sh has run, TensorFlow.js's
# wasm backend (training with the harness's shim for its missing kernel) and ONNX Runtime Web (inference) on 1
# thread. Then the peak resident memory of `hebblab train` on full MNIST (one epoch). Prints a table of medians; the
# raw lines stay in the log folder.
#   scripts/bench-sitting.sh [--rounds N] [--peers DIR]
# Needs the native-release and web-release builds (scripts/test.sh or scripts/serve.sh make them); configures and
# builds native-portable itself.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 peers=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --peers) peers=$(cd "$2" && pwd); shift 2 ;;
    *) echo "usage: scripts/bench-sitting.sh [--rounds N] [--peers DIR]" >&2; exit 2 ;;
  esac
done
cmake --build build/native-release --target hebblab >/dev/null
cmake --build build/web-release --target hebblab_bench hebblab_bench_mt bench_page >/dev/null
[ -f build/native-portable/build.ninja ] || cmake --preset native-portable >/dev/null
cmake --build build/native-portable --target hebblab >/dev/null

log=$PWD/build/bench-sitting/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$log"
raw=$log/results.txt
echo "$(date -u) $(lscpu | grep 'Model name' | tr -s ' ')" | tee "$log/machine.txt"

ours() {  # ours NAME COMMAND...: one `hebblab bench --json` line
  local name=$1; shift
  echo "$name $("$@" --seconds 3 --json)" >>"$raw"
}
torch() {  # torch NAME THREADS OMP_THREADS
  local out
  out=$(cd "$peers" && env OMP_NUM_THREADS="$3" OPENBLAS_NUM_THREADS=1 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824 \
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread \
    /usr/bin/python3 torch_bench.py --threads "$2" --blas "openblas, malloc tuned" --train-images 3200 --windows 3 \
    --warmup-batches 10 --b1-calls 300 --b256-batches 20 2>>"$log/torch.stderr" | grep '^RESULT ' | cut -c8-)
  echo "$1 $out" >>"$raw"
}
pair() {  # pair NAME COMMAND...: two 1-thread benchmarks at once, their images/s summed: what 2 cores give at best
  local name=$1; shift
  "$@" --seconds 3 --json >"$log/pair.a" & "$@" --seconds 3 --json >"$log/pair.b"; wait
  echo "$name $(python3 -c 'import json, statistics, sys
a, b = (json.loads(open(f).read().strip().splitlines()[-1]) for f in sys.argv[1:])
speed = sum(statistics.median(r["train_windows"]) for r in (a, b))
print(json.dumps({"train_windows": [speed], "inference_ms": max(a["inference_ms"], b["inference_ms"]), "threads": 2}))
' "$log/pair.a" "$log/pair.b")" >>"$raw"
}
browser() {  # browser NAME THREADS: the benchmark in a Worker of headless Chromium
  echo "$1 $(node scripts/bench-browser.mjs --threads "$2" --seconds 3)" >>"$raw"
}
peer_node() {  # peer_node NAME ARGS...: one of the harness's node peers (TF.js, ONNX Runtime Web)
  local name=$1 out; shift
  out=$(cd "$peers" && node "$@" 2>>"$log/node-peers.stderr" | grep '^RESULT ' | cut -c8-)
  echo "$name $out" >>"$raw"
}
node_peers=""
[ -n "$peers" ] && [ -d "$peers/node_modules/@tensorflow/tfjs-backend-wasm" ] && node_peers=1
for r in $(seq "$rounds"); do
  echo "round $r of $rounds"
  ours native-1t build/native-release/bin/hebblab bench --threads 1
  ours native-2t build/native-release/bin/hebblab bench --threads 2
  pair native-1t+1t build/native-release/bin/hebblab bench --threads 1
  [ -n "$peers" ] && torch pytorch-1t 1 1
  ours portable-1t build/native-portable/bin/hebblab bench --threads 1
  ours portable-2t build/native-portable/bin/hebblab bench --threads 2
  [ -n "$peers" ] && torch pytorch-2t 2 2
  ours wasm-1t node --no-experimental-fetch build/web-release/bin/hebblab_bench.js
  ours wasm-2t node --no-experimental-fetch build/web-release/bin/hebblab_bench_mt.js --threads 2
  browser chromium-1t 1
  browser chromium-2t 2
  if [ -n "$node_peers" ]; then
    peer_node tfjs-wasm-1t tfjs_bench.js --backend=wasm --shim_bpf=1 --threads=1 --train_images=960 --windows=3 \
      --warmup_batches=3 --b1_calls=300 --b256_batches=5
    peer_node ort-web-1t ort_bench.js --runtime=web --threads=1 --b256_batches=5
  fi
done
echo "peak memory: hebblab train, 1 epoch of full MNIST, 1 thread"
/usr/bin/time -v build/native-release/bin/hebblab train --epochs 1 --json >"$log/train.json" 2>"$log/train.time"
python3 - "$raw" "$log" <<'EOF'
import json, re, statistics, sys
raw, log = sys.argv[1], sys.argv[2]
runs = {}
for line in open(raw):
    name, _, js = line.partition(' ')
    if js.strip(): runs.setdefault(name, []).append(json.loads(js))
ceiling = {1: 100.6, 2: 197.5}  # single- and two-thread SGEMM GFLOP/s, ../shared/bench-peers/RESULTS.md
print(f"{'run':<13} {'train img/s (median of windows)':>32} {'GFLOP/s':>8} {'% SGEMM':>8} {'infer ms':>9}")
for name, rs in runs.items():
    windows = [w for r in rs for w in r.get('train_windows', [])]
    threads = rs[0].get('threads', 1)
    infer = statistics.median([r['inference_ms'] if 'inference_ms' in r else r['infer_b1_ms'] for r in rs])
    if not windows:  # an inference-only peer
        print(f"{name:<13} {'-':>32} {'-':>8} {'-':>8} {infer:>9.3f}")
        continue
    ips = statistics.median(windows)
    gflops = ips * 36.57e-3
    print(f"{name:<13} {ips:>32,.0f} {gflops:>8.1f} {100 * gflops / ceiling[threads]:>7.1f}% {infer:>9.3f}")
t = open(f"{log}/train.time").read()
rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1))
train = json.loads(open(f"{log}/train.json").read().strip().splitlines()[-1])
print(f"hebblab train, 1 epoch: peak RSS {rss / 1024:.0f} MB, {train['images_per_second']:,.0f} img/s, "
      f"test accuracy {train['test_accuracy']:.4f}")
EOF
echo "raw figures: $raw"
