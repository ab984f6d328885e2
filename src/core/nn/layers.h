// Keras's layers for the lecture's CNN: Conv2D, MaxPooling2D, Dropout, Flatten and Dense, channels-last, with
// Keras's defaults and constructors in Keras's argument order (as far as C++ allows without keywords).
// `Conv2D(32, {3, 3}, Activation::Relu)` is a Conv2D<float>; the gradient checks use the double versions.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/nn/layer.h"

namespace hebblab {

// A layer whose output is y = activation(z) of its own linear part z (Conv2D, Dense).
template <typename T>
class ActivatedLayer : public Layer<T> {
 public:
  using Layer<T>::Layer;
  const Tensor<T>* preactivation() const override { return keeps_z() ? &z_ : nullptr; }

 protected:
  // Only a softmax layer keeps z apart from y (its logits, which the fused loss reads); the other activations'
  // backward needs only y, so they map y in place: a buffer and a pass less per layer.
  bool keeps_z() const { return this->config_.activation == Activation::Softmax; }
  // ReLU is applied by the kernels as they store the sums (kernels.h): y's own pass less.
  bool fuses_relu() const { return this->config_.activation == Activation::Relu; }
  // Where forward writes z (N, output_shape), sized: z_ or y.
  T* z_buffer(Tensor<T>* y, const Shape& shape);
  // y = activation(z), over the last axis, unless the kernels did it (fuses_relu).
  void activate(Tensor<T>* y) const;
  // The gradient at z for backward: `grad` itself when it already is one, else through the activation (into dz_).
  const Tensor<T>& gradient_at_z(const Tensor<T>& y, const Tensor<T>& grad, GradOf of);
  Tensor<T> z_, dz_;  // (N, output_shape); z_ only under a softmax
};

template <typename T = float>
class Conv2D final : public ActivatedLayer<T> {
 public:
  Conv2D(int filters, Size2 kernel_size, Activation activation = Activation::Linear,
         Padding padding = Padding::Valid, Size2 strides = {1, 1});
  explicit Conv2D(const LayerConfig& config) : ActivatedLayer<T>(config) {}
  void initialize(Rng& rng) override;
  void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) override;

 private:
  bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) override;
  std::vector<T> cols_;   // the convolution kernels' workspace: conv2d_workspace() values
  std::vector<T> cache_;  // one image's transformed kernel, kept from pass to pass: conv2d_cache_size() values
};

template <typename T = float>
class MaxPooling2D final : public Layer<T> {
 public:
  // strides {0, 0} means Keras's default: the pool size.
  explicit MaxPooling2D(Size2 pool_size = {2, 2}, Size2 strides = {0, 0}, Padding padding = Padding::Valid);
  explicit MaxPooling2D(const LayerConfig& config) : Layer<T>(config) {}
  void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) override;

 private:
  bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) override;
  std::vector<int32_t> argmax_;  // (N, OH, OW, C)
};

// Inverted dropout: in training each input is zeroed with probability `rate` and the rest scaled by 1 / (1 - rate);
// in inference it passes everything unchanged.
template <typename T = float>
class Dropout final : public Layer<T> {
 public:
  explicit Dropout(double rate);
  explicit Dropout(const LayerConfig& config) : Layer<T>(config) {}
  void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) override;

 private:
  bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) override;
  std::vector<T> mask_;  // 0 or 1 / (1 - rate) per input of the last training forward
  bool masked_ = false;  // whether the last forward was a training one
};

template <typename T = float>
class Flatten final : public Layer<T> {
 public:
  Flatten();
  explicit Flatten(const LayerConfig& config) : Layer<T>(config) {}
  void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) override;

 private:
  bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) override;
};

template <typename T = float>
class Dense final : public ActivatedLayer<T> {
 public:
  explicit Dense(int units, Activation activation = Activation::Linear);
  explicit Dense(const LayerConfig& config) : ActivatedLayer<T>(config) {}
  void initialize(Rng& rng) override;
  void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of, Tensor<T>* dx) override;

 private:
  bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) override;
};

// The layer a config describes (not yet built).
template <typename T>
std::unique_ptr<Layer<T>> make_layer(const LayerConfig& config);

}  // namespace hebblab
