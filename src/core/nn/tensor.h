// The network engine's data: a Shape (dimensions, outermost first, channels last) and a dense row-major Tensor that
// keeps its allocation when resized, so a model's buffers are allocated once per batch size and then reused.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hebblab {

// (N, H, W, C) for a batch of images, (N, D) for flat data. A layer's per-sample shapes leave out N.
using Shape = std::vector<int>;

inline int64_t shape_size(const Shape& shape) {
  int64_t n = 1;
  for (int d : shape) n *= d;
  return n;
}

// Keras's notation: "(None, 26, 26, 32)" for a per-sample shape with the batch axis; "(60000, 28, 28)" without.
inline std::string shape_text(const Shape& shape, bool batch_axis) {
  std::string out = batch_axis ? "(None" : "(";
  for (size_t i = 0; i < shape.size(); ++i) out += (i || batch_axis ? ", " : "") + std::to_string(shape[i]);
  return out + (shape.size() == 1 && !batch_axis ? ",)" : ")");
}

// [N] + a per-sample shape.
inline Shape with_batch(int n, const Shape& sample) {
  Shape out{n};
  out.insert(out.end(), sample.begin(), sample.end());
  return out;
}

template <typename T>
struct Tensor {
  Shape shape;
  std::vector<T> data;

  Tensor() = default;
  explicit Tensor(Shape s) { resize(s); }
  // Takes a new shape; the storage only grows, so a buffer sized for a full batch serves a smaller last batch.
  void resize(const Shape& s) {
    if (shape != s) shape = s;
    data.resize(static_cast<size_t>(shape_size(s)));
  }
  int64_t size() const { return static_cast<int64_t>(data.size()); }
  int dim(size_t axis) const { return shape[axis]; }
  T* ptr() { return data.data(); }
  const T* ptr() const { return data.data(); }
  T& operator[](int64_t i) { return data[static_cast<size_t>(i)]; }
  const T& operator[](int64_t i) const { return data[static_cast<size_t>(i)]; }
};

}  // namespace hebblab
