// Helpers shared by the network engine's tests: random tensors, IDX bytes, small labelled data sets, and a
// bit-level fingerprint of a model's weights.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/nn/dataset.h"
#include "core/nn/sequential.h"
#include "core/rng.h"

namespace hebblab::test {

// Uniform values in [-1, 1).
template <typename T>
std::vector<T> random_values(int64_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<T> v(static_cast<size_t>(n));
  for (T& x : v) x = static_cast<T>(2 * rng.uniform() - 1);
  return v;
}

template <typename T>
Tensor<T> random_tensor(const Shape& shape, uint64_t seed) {
  Tensor<T> t(shape);
  t.data = random_values<T>(t.size(), seed);
  return t;
}

// An IDX file of unsigned bytes: 00 00 08 D, D big-endian sizes, the values.
inline std::vector<uint8_t> idx_bytes(const std::vector<int>& dims, const std::vector<uint8_t>& values) {
  std::vector<uint8_t> out = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (int d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(uint32_t(d) >> shift));
  out.insert(out.end(), values.begin(), values.end());
  return out;
}

// n images (side x side x 1) of `classes` easy classes: class k lights up horizontal band k of the image (the rest is
// faint noise), so a small network learns them in an epoch or two.
inline Dataset banded_dataset(int n, int side, int classes, uint64_t seed) {
  Dataset d;
  d.sample_shape = {side, side, 1};
  d.num_classes = classes;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    const int label = static_cast<int>(rng.below(uint32_t(classes)));
    d.y.push_back(static_cast<uint8_t>(label));
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c)
        d.x.push_back(r * classes / side == label ? uint8_t(200 + rng.below(56)) : uint8_t(rng.below(40)));
  }
  return d;
}

// fit's settings for a test run (shuffle on, no validation split).
inline TrainConfig train_config(int epochs, int batch_size, uint64_t seed = 1) {
  TrainConfig c;
  c.epochs = epochs;
  c.batch_size = batch_size;
  c.seed = seed;
  return c;
}

}  // namespace hebblab::test
