// `hebblab_bench.js`: `hebblab bench` built as wasm for node, so the browser's speed can be measured without a
// browser (node --no-experimental-fetch bin/hebblab_bench.js [--seconds S] [--json]).
#include "cli/commands.h"

int main(int argc, char** argv) { return hebblab::cmd_bench(argc, argv); }
