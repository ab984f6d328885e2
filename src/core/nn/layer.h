// One interface for every layer (convnetjs style): a plain-data LayerConfig, build for a per-sample input shape,
// forward, backward, and the weights with their gradients held uniformly so optimisers and model files treat all
// layers alike. Templated on the scalar: float for training, double for the gradient checks.
#pragma once
#include <string>
#include <vector>

#include "core/limits.h"
#include "core/nn/activations.h"
#include "core/nn/kernels.h"
#include "core/nn/tensor.h"
#include "core/rng.h"

namespace hebblab {

enum class LayerType { Conv2D, MaxPooling2D, Dropout, Flatten, Dense };
const char* layer_type_name(LayerType type);  // Keras's class name: "Conv2D", "MaxPooling2D", ...
const char* layer_base_name(LayerType type);  // Keras's automatic layer name: "conv2d", "max_pooling2d", ...

struct Size2 {
  int h = 1, w = 1;
  bool operator==(const Size2& o) const { return h == o.h && w == o.w; }
  bool operator!=(const Size2& o) const { return !(*this == o); }
};

// A layer as plain data: what a model file stores and a UI edits. Only its type's fields count; canonical() sets the
// others to their defaults, so two configs describe the same layer exactly when they compare equal.
struct LayerConfig {
  LayerType type = LayerType::Dense;
  int filters = 0;                              // Conv2D
  Size2 kernel_size{1, 1};                      // Conv2D
  Size2 pool_size{2, 2};                        // MaxPooling2D
  Size2 strides{1, 1};                          // Conv2D, MaxPooling2D (Keras's default there: the pool size)
  Padding padding = Padding::Valid;             // Conv2D, MaxPooling2D
  Activation activation = Activation::Linear;  // Conv2D, Dense
  double rate = 0;                              // Dropout: the fraction of inputs dropped in training, [0, 1)
  int units = 0;                                // Dense
  bool operator==(const LayerConfig& o) const;
  bool operator!=(const LayerConfig& o) const { return !(*this == o); }
};
LayerConfig canonical(const LayerConfig& config);
// "Conv2D(32, (3, 3), activation='relu')" and the like, for messages.
std::string describe(const LayerConfig& config);

// What the gradient handed to backward is taken of: the layer's output y (the usual case) or its pre-activation
// values z, which the fused softmax + cross-entropy loss hands the last layer directly.
enum class GradOf { Output, PreActivation };

template <typename T>
class Layer {
 public:
  explicit Layer(const LayerConfig& config) : config_(canonical(config)) {}
  virtual ~Layer() = default;

  const LayerConfig& config() const { return config_; }
  // Fixes the per-sample input shape, checks the configuration against it and sizes the weights (to zero). False
  // with a message ("Conv2D(...): ...") when the layer cannot take that input; the layer is then unusable.
  // weight_budget: how many weights the model may still take (limits::kMaxParameters less what it has).
  bool build(const Shape& input_shape, std::string* error, int64_t weight_budget = limits::kMaxParameters);
  bool built() const { return built_; }
  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return output_shape_; }

  // Keras's initialisers: Glorot-uniform kernels, U(-l, l) with l = sqrt(6 / (fan_in + fan_out)); zero biases.
  virtual void initialize(Rng& rng) { (void)rng; }
  // x (N, input_shape) -> y (N, output_shape). training_rng is null for inference; in training Dropout draws its
  // mask from it, and the layer keeps what backward needs (backward follows only a training forward: in inference
  // MaxPooling2D keeps no argmax).
  virtual void forward(const Tensor<T>& x, Tensor<T>* y, Rng* training_rng) = 0;
  // After forward(x) gave y: grad = dL/dy (or dL/dz, see GradOf) -> the weights' gradients (overwritten) and
  // dx = dL/dx, skipped when dx is null (the first layer's input needs no gradient).
  virtual void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& grad, GradOf of,
                        Tensor<T>* dx) = 0;
  // z of the last forward where a layer keeps it apart from y = activation(z): the logits under a softmax.
  virtual const Tensor<T>* preactivation() const { return nullptr; }

  // The trainable weights in Keras's order (kernel, bias) and their gradients, same shapes.
  std::vector<Tensor<T>>& weights() { return weights_; }
  const std::vector<Tensor<T>>& weights() const { return weights_; }
  std::vector<Tensor<T>>& gradients() { return gradients_; }
  int64_t count_params() const;

  // How Conv2D's and Dense's kernels compute (kernels.h); Sequential sets it on all its layers.
  void set_numerics(Numerics numerics) { numerics_ = numerics; }
  Numerics numerics() const { return numerics_; }

 protected:
  // For input_shape_: sets output_shape_ and gives the weights' shapes (kernel, bias); false with the reason (without
  // the layer's name). build allocates the weights once the sizes are known to be sane.
  virtual bool build_shapes(std::vector<Shape>* weight_shapes, std::string* error) = 0;
  LayerConfig config_;
  Shape input_shape_, output_shape_;
  std::vector<Tensor<T>> weights_, gradients_;
  Numerics numerics_ = Numerics::Fast;

 private:
  bool built_ = false;
};

}  // namespace hebblab
