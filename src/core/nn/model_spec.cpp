// Model specs: presets, limits, building for a dataset, the settings line and the Keras code.
#include "model_spec.h"

#include "core/config_text.h"

namespace hebblab {
namespace {

bool window_ok(Size2 s) { return s.h >= 1 && s.w >= 1 && s.h <= kMaxSpecWindow && s.w <= kMaxSpecWindow; }

std::string check_limits(const LayerConfig& c) {
  switch (c.type) {
    case LayerType::Conv2D:
      if (c.filters < 1 || c.filters > kMaxSpecFilters)
        return "filters must be 1 to " + std::to_string(kMaxSpecFilters);
      if (!window_ok(c.kernel_size) || !window_ok(c.strides))
        return "kernel sides and strides must be 1 to " + std::to_string(kMaxSpecWindow);
      return "";
    case LayerType::MaxPooling2D:
      if (!window_ok(c.pool_size) || !window_ok(c.strides))
        return "pool sides and strides must be 1 to " + std::to_string(kMaxSpecWindow);
      return "";
    case LayerType::Dropout:
      return c.rate >= 0 && c.rate < 1 ? "" : "the rate must be at least 0 and below 1";
    case LayerType::Flatten: return "";
    case LayerType::Dense:
      return c.units >= 1 && c.units <= kMaxSpecUnits ? "" : "units must be 1 to " + std::to_string(kMaxSpecUnits);
  }
  return "unknown layer";
}

const char* padding_name(Padding p) { return p == Padding::Same ? "same" : "valid"; }

std::string size2(Size2 s) { return std::to_string(s.h) + "x" + std::to_string(s.w); }

bool parse_size2(std::string_view text, Size2* out) {
  const size_t x = text.find('x');
  return x != std::string_view::npos && parse_int(text.substr(0, x), &out->h) && parse_int(text.substr(x + 1), &out->w);
}

bool parse_activation(std::string_view text, Activation* out) {
  for (Activation a :
       {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::Softmax})
    if (text == activation_name(a)) {
      *out = a;
      return true;
    }
  return false;
}

// Whether a setting belongs to the layer type (canonical() would silently drop one that does not).
bool key_applies(LayerType type, std::string_view key) {
  switch (type) {
    case LayerType::Conv2D:
      return key == "filters" || key == "kernel" || key == "strides" || key == "padding" || key == "activation";
    case LayerType::MaxPooling2D: return key == "pool" || key == "strides" || key == "padding";
    case LayerType::Dropout: return key == "rate";
    case LayerType::Flatten: return false;
    case LayerType::Dense: return key == "units" || key == "activation";
  }
  return false;
}

}  // namespace

LayerConfig conv2d_layer(int filters, int kernel, Activation activation) {
  LayerConfig c;
  c.type = LayerType::Conv2D;
  c.filters = filters;
  c.kernel_size = {kernel, kernel};
  c.activation = activation;
  return canonical(c);
}

LayerConfig max_pooling2d_layer(int pool) {
  LayerConfig c;
  c.type = LayerType::MaxPooling2D;
  c.pool_size = {pool, pool};
  c.strides = {0, 0};  // Keras's default: the pool size
  return canonical(c);
}

LayerConfig dropout_layer(double rate) {
  LayerConfig c;
  c.type = LayerType::Dropout;
  c.rate = rate;
  return canonical(c);
}

LayerConfig flatten_layer() {
  LayerConfig c;
  c.type = LayerType::Flatten;
  return canonical(c);
}

LayerConfig dense_layer(int units, Activation activation) {
  LayerConfig c;
  c.type = LayerType::Dense;
  c.units = units;
  c.activation = activation;
  return canonical(c);
}

const char* preset_name(ModelPreset preset) {
  switch (preset) {
    case ModelPreset::Lecture: return "lecture";
    case ModelPreset::Quick: return "quick";
    case ModelPreset::DenseOnly: return "dense";
  }
  return "lecture";
}

ModelSpec preset_spec(ModelPreset preset) {
  switch (preset) {
    case ModelPreset::Lecture:
      return {{conv2d_layer(32, 3, Activation::Relu), conv2d_layer(32, 3, Activation::Relu), max_pooling2d_layer(2),
               dropout_layer(0.25), flatten_layer(), dense_layer(128, Activation::Relu), dropout_layer(0.5),
               dense_layer(10, Activation::Softmax)}};
    case ModelPreset::Quick:
      return {{conv2d_layer(16, 5, Activation::Relu), max_pooling2d_layer(2), conv2d_layer(32, 3, Activation::Relu),
               max_pooling2d_layer(2), flatten_layer(), dense_layer(64, Activation::Relu),
               dense_layer(10, Activation::Softmax)}};
    case ModelPreset::DenseOnly:
      return {{flatten_layer(), dense_layer(128, Activation::Relu), dense_layer(10, Activation::Softmax)}};
  }
  return {};
}

bool build_model(const ModelSpec& spec, const Shape& input, int classes, uint64_t seed, Sequential* out,
                 SpecError* error) {
  auto fail = [&](int layer, std::string message) {
    if (error) *error = {layer, std::move(message)};
    return false;
  };
  if (spec.layers.empty() || int(spec.layers.size()) > kMaxSpecLayers)
    return fail(-1, "a model has 1 to " + std::to_string(kMaxSpecLayers) + " layers");
  if (classes < 2 || classes > 10) return fail(-1, "the data must have 2 to 10 classes");
  if (spec.layers.back().type != LayerType::Dense)
    return fail(int(spec.layers.size()) - 1, "the last layer must be Dense (one unit per class, softmax)");
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const std::string problem = check_limits(spec.layers[i]);
    if (!problem.empty()) return fail(int(i), problem);
  }
  Sequential model(seed);
  std::string message;
  if (!model.add(Input{input}, &message)) return fail(-1, message);
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    LayerConfig c = spec.layers[i];
    if (i + 1 == spec.layers.size()) c.units = classes;
    if (!model.add(c, &message)) return fail(int(i), message);
  }
  *out = std::move(model);
  return true;
}

ModelSpec spec_of(const Sequential& model) {
  ModelSpec spec;
  for (int i = 0; i < model.size(); ++i) spec.layers.push_back(model.layer(i).config());
  return spec;
}

std::string format_model_spec(const ModelSpec& spec) {
  std::string out;
  for (const LayerConfig& c : spec.layers) {
    if (!out.empty()) out += "; ";
    out += layer_base_name(c.type);
    switch (c.type) {
      case LayerType::Conv2D:
        out += " filters=" + std::to_string(c.filters) + " kernel=" + size2(c.kernel_size) +
               " strides=" + size2(c.strides) + " padding=" + padding_name(c.padding) +
               " activation=" + activation_name(c.activation);
        break;
      case LayerType::MaxPooling2D:
        out += " pool=" + size2(c.pool_size) + " strides=" + size2(c.strides) + " padding=" + padding_name(c.padding);
        break;
      case LayerType::Dropout: out += " rate=" + format_double(c.rate); break;
      case LayerType::Flatten: break;
      case LayerType::Dense:
        out += " units=" + std::to_string(c.units) + " activation=" + activation_name(c.activation);
        break;
    }
  }
  return out;
}

bool parse_model_spec(std::string_view text, ModelSpec* out, std::string* error) {
  ModelSpec spec;
  for (std::string_view item : split(text, ';')) {
    const std::vector<std::string_view> words = split_words(item);
    if (words.empty()) continue;
    if (int(spec.layers.size()) == kMaxSpecLayers) {
      if (error) *error = "more than " + std::to_string(kMaxSpecLayers) + " layers";
      return false;
    }
    LayerConfig c;
    bool known = false;
    for (LayerType t : {LayerType::Conv2D, LayerType::MaxPooling2D, LayerType::Dropout, LayerType::Flatten,
                        LayerType::Dense})
      if (words[0] == layer_base_name(t)) {
        c.type = t;
        known = true;
      }
    if (!known) {
      if (error) *error = "unknown layer '" + std::string(words[0]) + "'";
      return false;
    }
    if (c.type == LayerType::MaxPooling2D) c.strides = {0, 0};
    for (size_t w = 1; w < words.size(); ++w) {
      const size_t eq = words[w].find('=');
      const std::string_view key = words[w].substr(0, eq == std::string_view::npos ? words[w].size() : eq);
      const std::string_view value = eq == std::string_view::npos ? std::string_view() : words[w].substr(eq + 1);
      bool ok = false;
      if (!key_applies(c.type, key)) ok = false;  // a key of another layer type (a typo would otherwise vanish)
      else if (key == "filters") ok = parse_int(value, &c.filters);
      else if (key == "kernel") ok = parse_size2(value, &c.kernel_size);
      else if (key == "pool") ok = parse_size2(value, &c.pool_size);
      else if (key == "strides") ok = parse_size2(value, &c.strides);
      else if (key == "padding") {
        ok = value == "valid" || value == "same";
        c.padding = value == "same" ? Padding::Same : Padding::Valid;
      } else if (key == "activation") ok = parse_activation(value, &c.activation);
      else if (key == "rate") ok = parse_double(value, &c.rate);
      else if (key == "units") ok = parse_int(value, &c.units);
      if (!ok) {
        if (error)
          *error = "bad setting '" + std::string(words[w]) + "' in layer " + std::to_string(spec.layers.size() + 1);
        return false;
      }
    }
    c = canonical(c);
    const std::string problem = check_limits(c);
    if (!problem.empty()) {
      if (error) *error = "layer " + std::to_string(spec.layers.size() + 1) + ": " + problem;
      return false;
    }
    spec.layers.push_back(c);
  }
  if (spec.layers.empty()) {
    if (error) *error = "no layers";
    return false;
  }
  *out = std::move(spec);
  return true;
}

std::string keras_code(const ModelSpec& spec, const Shape& input, int classes, const std::string& optimizer_code) {
  std::string out = "model = Sequential()\n";
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    LayerConfig c = spec.layers[i];
    if (i + 1 == spec.layers.size()) c.units = classes;
    std::string layer = describe(c);
    if (i == 0) {
      const bool no_arguments = layer[layer.size() - 2] == '(';
      layer.insert(layer.size() - 1,
                   (no_arguments ? "" : ", ") + std::string("input_shape=") + shape_text(input, false));
    }
    out += "model.add(" + layer + ")\n";
  }
  out += "model.compile(loss=keras.losses.categorical_crossentropy,\n              optimizer=" + optimizer_code +
         ",\n              metrics=['accuracy'])\n";
  return out;
}

}  // namespace hebblab
