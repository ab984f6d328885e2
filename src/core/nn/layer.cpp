// The layer interface's shared parts: names, canonical configs, descriptions, and build's checks on sizes.
#include "layer.h"

#include "core/config_text.h"

namespace hebblab {
namespace {

// Every dimension positive and the product at most `limit` (checked without overflow).
bool fits(const Shape& shape, int64_t limit) {
  double product = 1;
  for (int d : shape) {
    if (d <= 0) return false;
    product *= d;
  }
  return !shape.empty() && product <= double(limit);
}

std::string size2_text(Size2 s) { return "(" + std::to_string(s.h) + ", " + std::to_string(s.w) + ")"; }

}  // namespace

const char* layer_type_name(LayerType type) {
  switch (type) {
    case LayerType::Conv2D: return "Conv2D";
    case LayerType::MaxPooling2D: return "MaxPooling2D";
    case LayerType::Dropout: return "Dropout";
    case LayerType::Flatten: return "Flatten";
    case LayerType::Dense: return "Dense";
  }
  return "Dense";
}

const char* layer_base_name(LayerType type) {
  switch (type) {
    case LayerType::Conv2D: return "conv2d";
    case LayerType::MaxPooling2D: return "max_pooling2d";
    case LayerType::Dropout: return "dropout";
    case LayerType::Flatten: return "flatten";
    case LayerType::Dense: return "dense";
  }
  return "dense";
}

bool LayerConfig::operator==(const LayerConfig& o) const {
  return type == o.type && filters == o.filters && kernel_size == o.kernel_size && pool_size == o.pool_size &&
         strides == o.strides && padding == o.padding && activation == o.activation && rate == o.rate &&
         units == o.units;
}

LayerConfig canonical(const LayerConfig& config) {
  LayerConfig c;
  c.type = config.type;
  switch (config.type) {
    case LayerType::Conv2D:
      c.filters = config.filters;
      c.kernel_size = config.kernel_size;
      c.strides = config.strides;
      c.padding = config.padding;
      c.activation = config.activation;
      break;
    case LayerType::MaxPooling2D:
      c.pool_size = config.pool_size;
      c.strides = config.strides.h == 0 && config.strides.w == 0 ? config.pool_size : config.strides;
      c.padding = config.padding;
      break;
    case LayerType::Dropout: c.rate = config.rate; break;
    case LayerType::Flatten: break;
    case LayerType::Dense:
      c.units = config.units;
      c.activation = config.activation;
      break;
  }
  return c;
}

std::string describe(const LayerConfig& config) {
  const LayerConfig c = canonical(config);
  std::string args;
  auto arg = [&](const std::string& text) { args += (args.empty() ? "" : ", ") + text; };
  auto activation = [&] {
    if (c.activation != Activation::Linear) arg("activation='" + std::string(activation_name(c.activation)) + "'");
  };
  auto padding = [&] {
    if (c.padding == Padding::Same) arg("padding='same'");
  };
  switch (c.type) {
    case LayerType::Conv2D:
      arg(std::to_string(c.filters));
      arg(size2_text(c.kernel_size));
      if (c.strides != Size2{1, 1}) arg("strides=" + size2_text(c.strides));
      padding();
      activation();
      break;
    case LayerType::MaxPooling2D:
      arg("pool_size=" + size2_text(c.pool_size));
      if (c.strides != c.pool_size) arg("strides=" + size2_text(c.strides));
      padding();
      break;
    case LayerType::Dropout: arg(format_double(c.rate)); break;
    case LayerType::Flatten: break;
    case LayerType::Dense:
      arg(std::to_string(c.units));
      activation();
      break;
  }
  return std::string(layer_type_name(c.type)) + "(" + args + ")";
}

template <typename T>
bool Layer<T>::build(const Shape& input_shape, std::string* error, int64_t weight_budget) {
  std::string reason;
  std::vector<Shape> weight_shapes;
  input_shape_ = input_shape;
  output_shape_.clear();
  weights_.clear();
  gradients_.clear();
  built_ = false;
  bool ok = fits(input_shape, limits::kMaxSampleActivations);
  if (!ok) reason = "the input shape " + shape_text(input_shape, true) + " is empty or too large";
  ok = ok && build_shapes(&weight_shapes, &reason);
  if (ok && !fits(output_shape_, limits::kMaxSampleActivations)) {
    reason = "its output shape " + shape_text(output_shape_, true) + " is empty or too large";
    ok = false;
  }
  double total = 0;
  for (const Shape& s : weight_shapes)
    total += fits(s, limits::kMaxParameters) ? double(shape_size(s)) : double(limits::kMaxParameters) + 1;
  if (ok && total > double(weight_budget)) {
    reason = "the model would have more than HebbLab's limit of " + format_thousands(limits::kMaxParameters) +
             " parameters";
    ok = false;
  }
  if (!ok) {
    if (error) *error = describe(config_) + ": " + reason;
    return false;
  }
  for (const Shape& s : weight_shapes) {
    weights_.emplace_back(s);
    gradients_.emplace_back(s);
  }
  built_ = true;
  return true;
}

template <typename T>
int64_t Layer<T>::count_params() const {
  int64_t n = 0;
  for (const Tensor<T>& w : weights_) n += w.size();
  return n;
}

template class Layer<float>;
template class Layer<double>;

}  // namespace hebblab
