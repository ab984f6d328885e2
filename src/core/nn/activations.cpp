// The activations' forward and backward passes; elementwise (and row-wise for softmax), so one plain kernel each.
// exp and tanh are the project's own (portable_math.h), so that the same inputs give the same bits in every build.
#include "activations.h"

#include <algorithm>
#include <cmath>

#include "core/nn/portable_math.h"

namespace hebblab {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::Relu: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::Softmax: return "softmax";
  }
  return "linear";
}

std::optional<Activation> activation_from_name(std::string_view name) {
  for (Activation a : {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                       Activation::Softmax})
    if (name == activation_name(a)) return a;
  return std::nullopt;
}

template <typename T>
void activation_forward(Activation a, int64_t rows, int k, const T* z, T* y) {
  const int64_t n = rows * k;
  switch (a) {
    case Activation::Linear: std::copy(z, z + n, y); break;
    case Activation::Relu:
      // Mostly in place (y == z): there clang's vectoriser, which checks that z and y do not overlap, would take its
      // scalar loop (in wasm a tenth of a CNN lab inference), so the in-place loop reads y alone.
      if (y == z) {
        for (int64_t i = 0; i < n; ++i) y[i] = y[i] > T(0) ? y[i] : T(0);
      } else {
        for (int64_t i = 0; i < n; ++i) y[i] = z[i] > T(0) ? z[i] : T(0);
      }
      break;
    case Activation::Sigmoid:
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(1.0 / (1.0 + portable_exp(-double(z[i]))));
      break;
    case Activation::Tanh:
      for (int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(portable_tanh(double(z[i])));
      break;
    case Activation::Softmax:
      for (int64_t r = 0; r < rows; ++r) {
        const T* zr = z + r * k;
        T* yr = y + r * k;
        const T top = *std::max_element(zr, zr + k);
        T sum = 0;
        for (int i = 0; i < k; ++i) sum += yr[i] = static_cast<T>(portable_exp(double(zr[i] - top)));
        for (int i = 0; i < k; ++i) yr[i] /= sum;
      }
      break;
  }
}

template <typename T>
void activation_backward(Activation a, int64_t rows, int k, const T* y, const T* dy, T* dz) {
  const int64_t n = rows * k;
  switch (a) {
    case Activation::Linear: std::copy(dy, dy + n, dz); break;
    case Activation::Relu:
      for (int64_t i = 0; i < n; ++i) dz[i] = y[i] > T(0) ? dy[i] : T(0);
      break;
    case Activation::Sigmoid:
      for (int64_t i = 0; i < n; ++i) dz[i] = dy[i] * y[i] * (T(1) - y[i]);
      break;
    case Activation::Tanh:
      for (int64_t i = 0; i < n; ++i) dz[i] = dy[i] * (T(1) - y[i] * y[i]);
      break;
    case Activation::Softmax:
      for (int64_t r = 0; r < rows; ++r) {
        const T* yr = y + r * k;
        const T* gr = dy + r * k;
        T dot = 0;
        for (int i = 0; i < k; ++i) dot += gr[i] * yr[i];
        for (int i = 0; i < k; ++i) dz[r * k + i] = yr[i] * (gr[i] - dot);
      }
      break;
  }
}

template void activation_forward<float>(Activation, int64_t, int, const float*, float*);
template void activation_forward<double>(Activation, int64_t, int, const double*, double*);
template void activation_backward<float>(Activation, int64_t, int, const float*, const float*, float*);
template void activation_backward<double>(Activation, int64_t, int, const double*, const double*, double*);

}  // namespace hebblab
