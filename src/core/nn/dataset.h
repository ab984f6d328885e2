// Labelled samples kept as bytes, the way MNIST comes: x (N, H, W, C) uint8 and y (N) class indices. The lecture's
// preprocessing (float32, divided by 255) and to_categorical run per batch, so the 60,000 training images stay 47 MB
// in memory instead of 188 MB of floats plus 2.4 MB of one-hot labels.
#pragma once
#include <cstdint>
#include <vector>

#include "core/nn/tensor.h"

namespace hebblab {

// A non-owning window onto labelled samples (a Dataset, or the IDX bytes a job was handed).
struct DataView {
  const uint8_t* x = nullptr;  // (N, H, W, C)
  const uint8_t* y = nullptr;  // (N), each below num_classes
  int count = 0;
  Shape sample_shape;          // (H, W, C)
  int num_classes = 0;

  int64_t sample_size() const { return shape_size(sample_shape); }
  // Samples [begin, begin + n), clipped to the view.
  DataView slice(int begin, int n) const;
  DataView head(int n) const { return slice(0, n); }
};

struct Dataset {
  Shape sample_shape;
  int num_classes = 0;
  std::vector<uint8_t> x;
  std::vector<uint8_t> y;

  int size() const { return static_cast<int>(y.size()); }
  DataView view() const { return DataView{x.data(), y.data(), size(), sample_shape, num_classes}; }
};

// Keras's to_categorical: class indices (N) -> one-hot rows (N, num_classes), float32.
Tensor<float> to_categorical(const std::vector<uint8_t>& labels, int num_classes);

// One batch, preprocessed as in the lecture: x (B, H, W, C) = bytes / 255 as float32, y (B, num_classes) one-hot.
// indices picks the B samples (the shuffled order); null means the first B.
void load_batch(const DataView& data, const int* indices, int count, Tensor<float>* x, Tensor<float>* y);

}  // namespace hebblab
