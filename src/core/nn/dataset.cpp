// Batches from byte samples: the lecture's float32 / 255 and one-hot labels, written into reused buffers.
#include "dataset.h"

#include <algorithm>

namespace hebblab {
namespace {

// One-hot row (num_classes) for a label below num_classes.
void one_hot(uint8_t label, int num_classes, float* row) {
  std::fill(row, row + num_classes, 0.0f);
  row[label] = 1.0f;
}

}  // namespace

DataView DataView::slice(int begin, int n) const {
  DataView out = *this;
  begin = std::clamp(begin, 0, count);
  out.count = std::clamp(n, 0, count - begin);
  out.x = x + int64_t(begin) * sample_size();
  out.y = y + begin;
  return out;
}

Tensor<float> to_categorical(const std::vector<uint8_t>& labels, int num_classes) {
  Tensor<float> out({static_cast<int>(labels.size()), num_classes});
  for (size_t i = 0; i < labels.size(); ++i) one_hot(labels[i], num_classes, out.ptr() + i * size_t(num_classes));
  return out;
}

void load_batch(const DataView& data, const int* indices, int count, Tensor<float>* x, Tensor<float>* y) {
  const int64_t size = data.sample_size();
  x->resize(with_batch(count, data.sample_shape));
  y->resize({count, data.num_classes});
  for (int b = 0; b < count; ++b) {
    const int64_t i = indices ? indices[b] : b;
    const uint8_t* in = data.x + i * size;
    float* out = x->ptr() + b * size;
    // numpy's X.astype('float32') / 255: a correctly rounded float division, so the same values as the lecture's.
    for (int64_t k = 0; k < size; ++k) out[k] = static_cast<float>(in[k]) / 255.0f;
    one_hot(data.y[i], data.num_classes, y->ptr() + int64_t(b) * data.num_classes);
  }
}

}  // namespace hebblab
