// `hebblab bench` built as wasm, so the browser's speed can be measured: as node programs (node --no-experimental-fetch
// bin/hebblab_bench.js [--threads N] [--seconds S] [--json], and bin/hebblab_bench_mt.js with pthreads) and as the
// modules whose main() web/bench-worker.js calls in a browser Worker (bench/hebblab_bench_worker.js and _mt).
#include "cli/commands.h"

int main(int argc, char** argv) { return hebblab::cmd_bench(argc, argv); }
