// `hebblab bench`: the core's speed figures. Synchronous Hopfield steps per second for N = 1024; the lecture's CNN
// (lecture_model) trained at batch 32 in images per second; and one image's inference with every layer's activations
// kept (what the CNN lab draws), in milliseconds. The same source runs natively and, as bin/hebblab_bench.js, as wasm
// under node, so the figures are directly comparable. The training data are random bytes shaped like MNIST, fed
// through the same load_batch path as real images, so the wasm build needs no files.
#include <algorithm>
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
#include "core/nn/mnist.h"
#include "core/rng.h"

namespace hebblab {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

// Synchronous steps per second for N = 1024, P = 50 random patterns, for at least `seconds`.
double bench_hopfield(double seconds) {
  const int n = 1024, p = 50;
  std::vector<State> patterns;
  for (int mu = 0; mu < p; ++mu) patterns.push_back(random_state(n, 1000 + uint64_t(mu)));
  const HebbianWeights w = hebbian_weights(patterns, n);
  State x = step_synchronous(w, random_state(n, 1));  // warms the caches with the weights
  // Batches of steps keep the clock reads out of the measurement; each step's input is the last one's output.
  const Clock::time_point t0 = Clock::now();
  long steps = 0;
  double elapsed = 0;
  do {
    for (int k = 0; k < 16; ++k) x = step_synchronous(w, x);
    steps += 16;
    elapsed = since(t0);
  } while (elapsed < seconds);
  return double(steps) / elapsed;
}

// Random MNIST-shaped samples: (count, 28, 28, 1) bytes and labels below 10.
Dataset synthetic_mnist(int count) {
  Dataset d;
  d.sample_shape = {28, 28, 1};
  d.num_classes = 10;
  Rng rng(7);
  d.x.resize(size_t(count) * 28 * 28);
  for (uint8_t& b : d.x) b = static_cast<uint8_t>(rng.below(256));
  d.y.resize(size_t(count));
  for (uint8_t& b : d.y) b = static_cast<uint8_t>(rng.below(10));
  return d;
}

struct TrainFigures {
  double images_per_second = 0;
  std::vector<double> windows;  // images per second of each timed window
};

// Batch-32 training of the lecture model: 3 warm-up batches, then windows of at least 10 batches (or a fifth of the
// budget, whichever is longer) until `seconds` are spent, at least one window; the median window. Each step is
// Training::step: load_batch from the bytes, forward, loss, backward and Adam.
TrainFigures bench_training(double seconds, int threads, Numerics numerics) {
  const int batch = 32, batches_per_epoch = 16;
  const Dataset data = synthetic_mnist(batch * batches_per_epoch);
  Sequential model = lecture_model(1);
  TrainConfig config;
  config.epochs = 1 << 20;  // never ends within the bench
  config.batch_size = batch;
  config.threads = threads;
  config.numerics = numerics;
  Training training(model, data.view(), config);
  for (int k = 0; k < 3; ++k) training.step();
  TrainFigures out;
  const Clock::time_point start = Clock::now();
  do {
    const Clock::time_point t0 = Clock::now();
    int images = 0;
    double elapsed = 0;
    do {
      for (int k = 0; k < 10; ++k) training.step();
      images += 10 * batch;
      elapsed = since(t0);
    } while (elapsed < seconds / 5 && since(start) < seconds);
    out.windows.push_back(images / elapsed);
  } while (since(start) < seconds);
  out.images_per_second = median(out.windows);
  return out;
}

// Median milliseconds of Sequential::activations on one random image (every layer's output kept), after 3 warm-up
// calls, for at least `seconds` and at least 5 calls.
double bench_inference(double seconds, Numerics numerics) {
  Sequential model = lecture_model(1);
  model.set_numerics(numerics);
  Tensor<float> image({28, 28, 1});
  Rng rng(11);
  for (float& v : image.data) v = static_cast<float>(rng.uniform());
  for (int k = 0; k < 3; ++k) model.activations(image);
  std::vector<double> ms;
  const Clock::time_point start = Clock::now();
  do {
    const Clock::time_point t0 = Clock::now();
    const std::vector<Tensor<float>>& maps = model.activations(image);
    ms.push_back(since(t0) * 1e3);
    if (maps.empty()) return kNoValue;
  } while (ms.size() < 5 || since(start) < seconds);
  return median(ms);
}

const char* const kBenchUsage =
    "usage: hebblab bench [--seconds S] [--threads N] [--reproducible] [--json]\n\n"
    "Times, within about 3 S seconds in all (default S = 1):\n"
    "  synchronous Hopfield steps for N = 1024 neurons, P = 50 random patterns (at least S seconds);\n"
    "  training the lecture's CNN at batch 32 on random MNIST-shaped bytes: images per second, the median of\n"
    "  timed windows after a warm-up (at least one window of 10 batches);\n"
    "  one image's inference with every layer's activations kept (one thread): median milliseconds per image.\n"
    "  --threads N   training threads (default 1; data-parallel, see TrainConfig::threads; hebblab_bench.js, the\n"
    "                wasm build without pthreads, runs the parts in turn, so it shows the cost of splitting, not a\n"
    "                speed-up; hebblab_bench_mt.js and the browser's threaded module run them at once)\n"
    "  --reproducible  train and infer with Numerics::Reproducible (the same bits on every platform)\n"
    "  --json        one JSON object: hopfield_sync_steps_per_second, train_images_per_second,\n"
    "                train_windows, inference_ms, threads, reproducible, mflop_per_train_image\n";

}  // namespace

int cmd_bench(int argc, char** argv) {
  bool json = false;
  double seconds = 1.0;
  int threads = 1;
  Numerics numerics = Numerics::Fast;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json")) {
      json = true;
    } else if (!std::strcmp(argv[i], "--reproducible")) {
      numerics = Numerics::Reproducible;
    } else if (!std::strcmp(argv[i], "--seconds")) {
      char* end = nullptr;
      const char* value = i + 1 < argc ? argv[++i] : "";
      seconds = std::strtod(value, &end);
      if (end == value || *end || !std::isfinite(seconds) || seconds <= 0) {
        std::fprintf(stderr, "hebblab bench: --seconds takes a positive number of seconds\n");
        return 2;
      }
    } else if (!std::strcmp(argv[i], "--threads")) {
      char* end = nullptr;
      const char* value = i + 1 < argc ? argv[++i] : "";
      const long n = std::strtol(value, &end, 10);
      if (end == value || *end || n < 1 || n > 64) {
        std::fprintf(stderr, "hebblab bench: --threads takes a whole number from 1 to 64\n");
        return 2;
      }
      threads = static_cast<int>(n);
    } else if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::fputs(kBenchUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "hebblab bench: unknown option '%s' (see hebblab bench --help)\n", argv[i]);
      return 2;
    }
  }
  const double hopfield = bench_hopfield(seconds);
  const TrainFigures train = bench_training(seconds, threads, numerics);
  const double inference = bench_inference(seconds, numerics);
  const double mflop_per_image = 36.57;  // 3 x the forward pass's 6,094,208 multiply-adds, as bench-peers counts

  if (json) {
    JsonWriter j;
    j.begin_object().key("hopfield_sync_steps_per_second").value(hopfield);
    j.key("train_images_per_second").value(train.images_per_second).key("train_windows").array(train.windows);
    j.key("inference_ms").value(inference).key("threads").value(threads);
    j.key("reproducible").value(numerics == Numerics::Reproducible);
    j.key("mflop_per_train_image").value(mflop_per_image).end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("hopfield sync step N=1024: %.0f steps/s\n", hopfield);
    std::printf("lecture CNN training, batch 32, %d thread(s): %.0f images/s (%.1f GFLOP/s; windows:", threads,
                train.images_per_second, train.images_per_second * mflop_per_image / 1e3);
    for (double w : train.windows) std::printf(" %.0f", w);
    std::printf(")\nlecture CNN inference, 1 image, all activations: %.3f ms\n", inference);
  }
  return 0;
}

}  // namespace hebblab
