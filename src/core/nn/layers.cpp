// The layers: shape rules and Keras's initialisers here, the arithmetic in kernels.cpp and activations.cpp. Each
// layer keeps its workspaces (im2col columns, pre-activations, masks) between batches, so no buffer is allocated
// again once the first full batch has passed.
#include "layers.h"

#include <algorithm>
#include <cmath>

namespace hebblab {
namespace {

// Bounds on a config's sizes, so no shape arithmetic can overflow an int.
constexpr int kMaxSize = 1 << 16;
bool valid_size(int v) { return v >= 1 && v <= kMaxSize; }
bool valid_size2(Size2 s) { return valid_size(s.h) && valid_size(s.w); }

bool need_image_input(const Shape& input, std::string* error) {
  if (input.size() == 3) return true;
  *error = "needs an input of shape (None, H, W, C), got " + shape_text(input, true);
  return false;
}

std::string window_misfit(Size2 window, const Shape& input) {
  return "the " + std::to_string(window.h) + "x" + std::to_string(window.w) + " window does not fit the " +
         std::to_string(input[0]) + "x" + std::to_string(input[1]) + " input with padding='valid'";
}

// Where the layer's window (kernel or pool) sits over its input (H, W, C) for a batch of n.
Window2D window_over(const Shape& input, int n, Size2 window, const LayerConfig& c) {
  return make_window(n, input[0], input[1], input[2], window.h, window.w, c.strides.h, c.strides.w, c.padding);
}

// Keras's glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out)), drawn in the tensor's row-major order. The
// draw is in double and rounded once, so native and wasm start from bit-identical weights.
template <typename T>
void glorot_uniform(Tensor<T>* w, int64_t fan_in, int64_t fan_out, Rng& rng) {
  const double limit = std::sqrt(6.0 / double(fan_in + fan_out));
  for (T& v : w->data) v = static_cast<T>((2.0 * rng.uniform() - 1.0) * limit);
}

LayerConfig conv2d_config(int filters, Size2 kernel_size, Activation activation, Padding padding, Size2 strides) {
  LayerConfig c;
  c.type = LayerType::Conv2D;
  c.filters = filters;
  c.kernel_size = kernel_size;
  c.activation = activation;
  c.padding = padding;
  c.strides = strides;
  return c;
}

LayerConfig max_pooling2d_config(Size2 pool_size, Size2 strides, Padding padding) {
  LayerConfig c;
  c.type = LayerType::MaxPooling2D;
  c.pool_size = pool_size;
  c.strides = strides;
  c.padding = padding;
  return c;
}

LayerConfig dropout_config(double rate) {
  LayerConfig c;
  c.type = LayerType::Dropout;
  c.rate = rate;
  return c;
}

LayerConfig flatten_config() {
  LayerConfig c;
  c.type = LayerType::Flatten;
  return c;
}

LayerConfig dense_config(int units, Activation activation) {
  LayerConfig c;
  c.type = LayerType::Dense;
  c.units = units;
  c.activation = activation;
  return c;
}

}  // namespace

// --- ActivatedLayer ------------------------------------------------------------------------------------------------

template <typename T>
T* ActivatedLayer<T>::z_buffer(Tensor<T>* y, const Shape& shape) {
  Tensor<T>& z = keeps_z() ? z_ : *y;
  z.resize(shape);
  return z.ptr();
}

template <typename T>
void ActivatedLayer<T>::activate(Tensor<T>* y) const {
  const Activation a = this->config_.activation;
  if (a == Activation::Linear || fuses_relu()) return;  // y is z, or the kernels applied ReLU as they stored it
  const Tensor<T>& z = keeps_z() ? z_ : *y;
  y->resize(z.shape);
  const int k = z.shape.back();
  activation_forward(a, z.size() / k, k, z.ptr(), y->ptr());  // in place unless z is kept
}

template <typename T>
const Tensor<T>& ActivatedLayer<T>::gradient_at_z(const Tensor<T>& y, const Tensor<T>& grad, GradOf of) {
  const Activation a = this->config_.activation;
  if (of == GradOf::PreActivation || a == Activation::Linear) return grad;
  dz_.resize(grad.shape);
  const int k = grad.shape.back();
  activation_backward(a, grad.size() / k, k, y.ptr(), grad.ptr(), dz_.ptr());
  return dz_;
}

// --- Conv2D ----------------------------------------------------------------------------------------------------------

template <typename T>
Conv2D<T>::Conv2D(int filters, Size2 kernel_size, Activation activation, Padding padding, Size2 strides)
    : ActivatedLayer<T>(conv2d_config(filters, kernel_size, activation, padding, strides)) {}

template <typename T>
bool Conv2D<T>::build_shapes(std::vector<Shape>* weight_shapes, std::string* error) {
  const LayerConfig& c = this->config_;
  if (!valid_size(c.filters) || !valid_size2(c.kernel_size) || !valid_size2(c.strides)) {
    *error = "filters, kernel size and strides must be between 1 and " + std::to_string(kMaxSize);
    return false;
  }
  if (!need_image_input(this->input_shape_, error)) return false;
  const Window2D g = window_over(this->input_shape_, 1, c.kernel_size, c);
  if (g.oh <= 0 || g.ow <= 0) {
    *error = window_misfit(c.kernel_size, this->input_shape_);
    return false;
  }
  this->output_shape_ = {g.oh, g.ow, c.filters};
  *weight_shapes = {{c.kernel_size.h, c.kernel_size.w, this->input_shape_[2], c.filters}, {c.filters}};
  return true;
}

template <typename T>
void Conv2D<T>::initialize(Rng& rng) {
  const LayerConfig& c = this->config_;
  const int64_t area = int64_t(c.kernel_size.h) * c.kernel_size.w;
  glorot_uniform(&this->weights_[0], area * this->input_shape_[2], area * c.filters, rng);
  std::fill(this->weights_[1].data.begin(), this->weights_[1].data.end(), T(0));
}

template <typename T>
void Conv2D<T>::forward(const Tensor<T>& x, Tensor<T>* y, Rng*) {
  const Window2D g = window_over(this->input_shape_, x.dim(0), this->config_.kernel_size, this->config_);
  T* z = this->z_buffer(y, with_batch(g.n, this->output_shape_));
  cols_.resize(size_t(conv2d_workspace(g, this->config_.filters, this->numerics_)));
  cache_.resize(size_t(conv2d_cache_size<T>(g, this->config_.filters, this->numerics_)));
  conv2d_forward(g, this->config_.filters, x.ptr(), this->weights_[0].ptr(), this->weights_[1].ptr(), cols_.data(), z,
                 this->numerics_, cache_.data(), this->fuses_relu());
  this->activate(y);
}

template <typename T>
void Conv2D<T>::backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) {
  const Window2D g = window_over(this->input_shape_, x.dim(0), this->config_.kernel_size, this->config_);
  const Tensor<T>& dz = this->gradient_at_z(y, grad, of);
  if (dx) dx->resize(x.shape);
  conv2d_backward(g, this->config_.filters, x.ptr(), this->weights_[0].ptr(), dz.ptr(), cols_.data(),
                  this->gradients_[0].ptr(), this->gradients_[1].ptr(), dx ? dx->ptr() : nullptr, this->numerics_);
}

// --- MaxPooling2D ----------------------------------------------------------------------------------------------------

template <typename T>
MaxPooling2D<T>::MaxPooling2D(Size2 pool_size, Size2 strides, Padding padding)
    : Layer<T>(max_pooling2d_config(pool_size, strides, padding)) {}

template <typename T>
bool MaxPooling2D<T>::build_shapes(std::vector<Shape>*, std::string* error) {
  const LayerConfig& c = this->config_;
  if (!valid_size2(c.pool_size) || !valid_size2(c.strides)) {
    *error = "pool size and strides must be between 1 and " + std::to_string(kMaxSize);
    return false;
  }
  if (!need_image_input(this->input_shape_, error)) return false;
  const Window2D g = window_over(this->input_shape_, 1, c.pool_size, c);
  if (g.oh <= 0 || g.ow <= 0) {
    *error = window_misfit(c.pool_size, this->input_shape_);
    return false;
  }
  this->output_shape_ = {g.oh, g.ow, this->input_shape_[2]};
  return true;
}

template <typename T>
void MaxPooling2D<T>::forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) {
  const Window2D g = window_over(this->input_shape_, x.dim(0), this->config_.pool_size, this->config_);
  y->resize(with_batch(g.n, this->output_shape_));
  if (!training_rng) return max_pool2d_forward(g, x.ptr(), y->ptr(), static_cast<int32_t*>(nullptr));  // no backward
  argmax_.resize(size_t(y->size()));
  max_pool2d_forward(g, x.ptr(), y->ptr(), argmax_.data());
}

template <typename T>
void MaxPooling2D<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& grad, GradOf, Tensor<T>* dx) {
  if (!dx) return;
  dx->resize(x.shape);
  max_pool2d_backward(window_over(this->input_shape_, x.dim(0), this->config_.pool_size, this->config_), grad.ptr(),
                      argmax_.data(), dx->ptr());
}

// --- Dropout ---------------------------------------------------------------------------------------------------------

template <typename T>
Dropout<T>::Dropout(double rate) : Layer<T>(dropout_config(rate)) {}

template <typename T>
bool Dropout<T>::build_shapes(std::vector<Shape>*, std::string* error) {
  if (!(this->config_.rate >= 0 && this->config_.rate < 1)) {
    *error = "the rate must be at least 0 and below 1";
    return false;
  }
  this->output_shape_ = this->input_shape_;
  return true;
}

template <typename T>
void Dropout<T>::forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) {
  y->resize(x.shape);
  masked_ = training_rng && this->config_.rate > 0;
  if (!masked_) {
    std::copy(x.data.begin(), x.data.end(), y->data.begin());
    return;
  }
  // input (N, ...) -> output (N, ...): x * mask, mask = 0 with probability rate, else 1 / (1 - rate).
  const double rate = this->config_.rate;
  const T keep = static_cast<T>(1.0 / (1.0 - rate));
  mask_.resize(x.data.size());
  for (size_t i = 0; i < mask_.size(); ++i) {
    mask_[i] = training_rng->uniform() < rate ? T(0) : keep;
    y->data[i] = x.data[i] * mask_[i];
  }
}

template <typename T>
void Dropout<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& grad, GradOf, Tensor<T>* dx) {
  if (!dx) return;
  dx->resize(x.shape);
  if (!masked_) {
    std::copy(grad.data.begin(), grad.data.end(), dx->data.begin());
    return;
  }
  for (size_t i = 0; i < mask_.size(); ++i) dx->data[i] = grad.data[i] * mask_[i];
}

// --- Flatten ---------------------------------------------------------------------------------------------------------

template <typename T>
Flatten<T>::Flatten() : Layer<T>(flatten_config()) {}

template <typename T>
bool Flatten<T>::build_shapes(std::vector<Shape>*, std::string*) {
  this->output_shape_ = {static_cast<int>(shape_size(this->input_shape_))};
  return true;
}

// (N, H, W, C) -> (N, H*W*C): the same row-major values, so both passes are copies.
template <typename T>
void Flatten<T>::forward(const Tensor<T>& x, Tensor<T>* y, Rng*) {
  y->resize(with_batch(x.dim(0), this->output_shape_));
  std::copy(x.data.begin(), x.data.end(), y->data.begin());
}

template <typename T>
void Flatten<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& grad, GradOf, Tensor<T>* dx) {
  if (!dx) return;
  dx->resize(x.shape);
  std::copy(grad.data.begin(), grad.data.end(), dx->data.begin());
}

// --- Dense -----------------------------------------------------------------------------------------------------------

template <typename T>
Dense<T>::Dense(int units, Activation activation) : ActivatedLayer<T>(dense_config(units, activation)) {}

template <typename T>
bool Dense<T>::build_shapes(std::vector<Shape>* weight_shapes, std::string* error) {
  const int units = this->config_.units;
  if (!valid_size(units)) {
    *error = "units must be between 1 and " + std::to_string(kMaxSize);
    return false;
  }
  if (this->input_shape_.size() != 1) {
    *error = "needs a flat input (None, D), got " + shape_text(this->input_shape_, true) + ": add Flatten() before it";
    return false;
  }
  this->output_shape_ = {units};
  *weight_shapes = {{this->input_shape_[0], units}, {units}};
  return true;
}

template <typename T>
void Dense<T>::initialize(Rng& rng) {
  glorot_uniform(&this->weights_[0], this->input_shape_[0], this->config_.units, rng);
  std::fill(this->weights_[1].data.begin(), this->weights_[1].data.end(), T(0));
}

template <typename T>
void Dense<T>::forward(const Tensor<T>& x, Tensor<T>* y, Rng*) {
  const int n = x.dim(0), d = this->input_shape_[0], u = this->config_.units;
  T* z = this->z_buffer(y, {n, u});
  dense_forward(n, d, u, x.ptr(), this->weights_[0].ptr(), this->weights_[1].ptr(), z, this->numerics_,
                this->fuses_relu());
  this->activate(y);
}

template <typename T>
void Dense<T>::backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) {
  const int n = x.dim(0), d = this->input_shape_[0], u = this->config_.units;
  const Tensor<T>& dz = this->gradient_at_z(y, grad, of);
  if (dx) dx->resize(x.shape);
  dense_backward(n, d, u, x.ptr(), this->weights_[0].ptr(), dz.ptr(), this->gradients_[0].ptr(),
                 this->gradients_[1].ptr(), dx ? dx->ptr() : nullptr, this->numerics_);
}

// --------------------------------------------------------------------------------------------------------------------

template <typename T>
std::unique_ptr<Layer<T>> make_layer(const LayerConfig& config) {
  switch (config.type) {
    case LayerType::Conv2D: return std::make_unique<Conv2D<T>>(config);
    case LayerType::MaxPooling2D: return std::make_unique<MaxPooling2D<T>>(config);
    case LayerType::Dropout: return std::make_unique<Dropout<T>>(config);
    case LayerType::Flatten: return std::make_unique<Flatten<T>>(config);
    case LayerType::Dense: return std::make_unique<Dense<T>>(config);
  }
  return nullptr;
}

#define HEBBLAB_LAYERS(T)                                                                                            \
  template class ActivatedLayer<T>;                                                                                  \
  template class Conv2D<T>;                                                                                          \
  template class MaxPooling2D<T>;                                                                                    \
  template class Dropout<T>;                                                                                         \
  template class Flatten<T>;                                                                                         \
  template class Dense<T>;                                                                                           \
  template std::unique_ptr<Layer<T>> make_layer<T>(const LayerConfig&);
HEBBLAB_LAYERS(float)
HEBBLAB_LAYERS(double)
#undef HEBBLAB_LAYERS

}  // namespace hebblab
