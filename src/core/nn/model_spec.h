// A model as plain data, the way the CNN lab's builder edits it and the settings keep it: the layers after the Input.
// Built for a dataset, the input shape follows its samples and the last Dense layer's units follow its classes, so
// one spec serves MNIST and a student's own 3-class 16 x 16 set. Presets: the lecture's model, a quick one and a
// Dense-only one to compare with.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/nn/sequential.h"

namespace hebblab {

// The builder's limits, checked before anything is built (a spec comes from settings or a student's typing).
constexpr int kMaxSpecLayers = 16;
constexpr int kMaxSpecFilters = 256;
constexpr int kMaxSpecUnits = 4096;
constexpr int kMaxSpecWindow = 11;  // kernel, pool and stride sides

struct ModelSpec {
  std::vector<LayerConfig> layers;
  bool operator==(const ModelSpec& o) const { return layers == o.layers; }
};

// Layer configs in Keras's argument order, for specs written in code (square kernels and pools, Keras's defaults
// for the rest: strides 1 or the pool size, valid padding).
LayerConfig conv2d_layer(int filters, int kernel, Activation activation);
LayerConfig max_pooling2d_layer(int pool);
LayerConfig dropout_layer(double rate);
LayerConfig flatten_layer();
LayerConfig dense_layer(int units, Activation activation);

enum class ModelPreset { Lecture, Quick, DenseOnly };
constexpr ModelPreset kModelPresets[] = {ModelPreset::Lecture, ModelPreset::Quick, ModelPreset::DenseOnly};
const char* preset_name(ModelPreset preset);  // "lecture", "quick", "dense"
// lecture: the lecture's Conv2D(32) Conv2D(32) MaxPooling2D Dropout(0.25) Flatten Dense(128) Dropout(0.5) Dense(10);
// quick: Conv2D(16, 5x5) MaxPooling2D Conv2D(32, 3x3) MaxPooling2D Flatten Dense(64) Dense(10), a tenth of the work;
// dense: Flatten Dense(128) Dense(10), no convolution at all.
ModelSpec preset_spec(ModelPreset preset);

// Why a spec cannot be built: the layer at fault (-1: the spec as a whole) and the reason.
struct SpecError {
  int layer = -1;
  std::string message;
};
// Checks the limits, then builds the model for samples of shape `input` (H, W, C) and `classes` classes (2..10), the
// initial weights drawn from `seed`: the last layer must be Dense, and its units become `classes`. Not compiled.
// False with the error; `out` is then untouched.
bool build_model(const ModelSpec& spec, const Shape& input, int classes, uint64_t seed, Sequential* out,
                 SpecError* error);
// The architecture of a built model, as a spec (the lab reads a loaded model file's layers this way).
ModelSpec spec_of(const Sequential& model);

// One line for the settings: layers separated by ';', each "type key=value ...", e.g.
//   "conv2d filters=32 kernel=3x3 strides=1x1 padding=valid activation=relu; max_pooling2d pool=2x2 ..."
std::string format_model_spec(const ModelSpec& spec);
bool parse_model_spec(std::string_view text, ModelSpec* out, std::string* error);

// The equivalent Keras code (the lecture's script): Sequential, the adds with input_shape on the first, compile.
std::string keras_code(const ModelSpec& spec, const Shape& input, int classes, const std::string& optimizer_code);

}  // namespace hebblab
