// `hebblab bench`: the core's speed figure, synchronous Hopfield steps per second for N = 1024. The same source
// runs natively and, as bin/hebblab_bench.js, as wasm under node, so the two figures are directly comparable.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/hopfield.h"
#include "core/json_writer.h"

namespace hebblab {

int cmd_bench(int argc, char** argv) {
  bool json = false;
  double min_seconds = 1.0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json")) {
      json = true;
    } else if (!std::strcmp(argv[i], "--seconds")) {
      char* end = nullptr;
      const char* value = i + 1 < argc ? argv[++i] : "";
      min_seconds = std::strtod(value, &end);
      if (end == value || *end || !std::isfinite(min_seconds) || min_seconds <= 0) {
        std::fprintf(stderr, "hebblab bench: --seconds takes a positive number of seconds\n");
        return 2;
      }
    } else if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::puts("usage: hebblab bench [--seconds S] [--json]\n\nTimes synchronous Hopfield steps for N = 1024 "
                "neurons, P = 50 random patterns, for at least S seconds (default 1).");
      return 0;
    } else {
      std::fprintf(stderr, "hebblab bench: unknown option '%s' (see hebblab bench --help)\n", argv[i]);
      return 2;
    }
  }
  const int n = 1024, p = 50;
  std::vector<State> patterns;
  for (int mu = 0; mu < p; ++mu) patterns.push_back(random_state(n, 1000 + uint64_t(mu)));
  const HebbianWeights w = hebbian_weights(patterns, n);
  State x = step_synchronous(w, random_state(n, 1));  // warms the caches with the weights

  // Batches keep the clock reads out of the measurement; each step's input is the last one's output.
  using clock = std::chrono::steady_clock;
  const clock::time_point t0 = clock::now();
  long steps = 0;
  double seconds = 0;
  do {
    for (int k = 0; k < 16; ++k) x = step_synchronous(w, x);
    steps += 16;
    seconds = std::chrono::duration<double>(clock::now() - t0).count();
  } while (seconds < min_seconds);
  const double rate = double(steps) / seconds;

  if (json) {
    JsonWriter j;
    j.begin_object().key("hopfield_sync_steps_per_second").value(rate).end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("hopfield sync step N=%d: %.0f steps/s\n", n, rate);
  }
  return 0;
}

}  // namespace hebblab
