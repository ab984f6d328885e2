// Reading and writing model files (format in model_file.h). Loading builds a complete new model first and only then
// hands it over, so a damaged file never leaves a half-loaded model behind.
#include "model_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>

#include "core/limits.h"

namespace hebblab {
namespace {

constexpr char kMagic[8] = {'H', 'E', 'B', 'B', 'L', 'A', 'B', 'M'};
constexpr uint32_t kCompiled = 1, kOptimizerState = 2;

// The file's codes, fixed by the format whatever the enums' order in the code.
constexpr LayerType kTypes[] = {LayerType::Conv2D, LayerType::MaxPooling2D, LayerType::Dropout, LayerType::Flatten,
                                LayerType::Dense};  // codes 1..5
constexpr Activation kActivations[] = {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                                       Activation::Softmax};  // codes 0..4

template <typename E, size_t N>
uint32_t code_of(const E (&table)[N], E value) {
  for (size_t i = 0; i < N; ++i)
    if (table[i] == value) return uint32_t(i);
  return 0;
}

class Writer {
 public:
  void bytes(const void* p, size_t n) {
    const uint8_t* b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(uint8_t(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(uint8_t(v >> (8 * i)));
  }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void tensor(const Tensor<float>& t) {
    u32(uint32_t(t.shape.size()));
    for (int d : t.shape) u32(uint32_t(d));
    for (float v : t.data) {
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      u32(bits);
    }
  }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
};

// Bounds-checked reads; the first failure sticks and names what was being read.
class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(const std::string& message) {
    if (error_.empty()) error_ = message;
  }
  bool take(size_t n, const char* what) {
    if (!ok()) return false;
    if (n > n_ - pos_) {
      fail("truncated model file: it ends at byte " + std::to_string(n_) + " while reading " + what);
      return false;
    }
    return true;
  }
  uint32_t u32(const char* what) {
    if (!take(4, what)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(p_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return v;
  }
  int32_t i32(const char* what) { return static_cast<int32_t>(u32(what)); }
  uint64_t u64(const char* what) {
    const uint64_t lo = u32(what);
    return lo | uint64_t(u32(what)) << 32;
  }
  double f64(const char* what) {
    const uint64_t bits = u64(what);
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  // A tensor whose shape must be `expected` (what the architecture implies), into `out` (already that shape).
  void tensor(Tensor<float>* out, const std::string& what) {
    const uint32_t rank = u32(what.c_str());
    Shape shape;
    for (uint32_t i = 0; i < rank && ok() && i <= out->shape.size(); ++i) shape.push_back(i32(what.c_str()));
    if (!ok()) return;
    if (shape != out->shape)
      return fail("malformed model file: " + what + " is " + shape_text(shape, false) + ", the architecture needs " +
                  shape_text(out->shape, false));
    if (!take(size_t(out->size()) * 4, what.c_str())) return;
    for (float& v : out->data) {
      uint32_t bits = 0;
      for (int i = 0; i < 4; ++i) bits |= uint32_t(p_[pos_ + i]) << (8 * i);
      std::memcpy(&v, &bits, 4);
      pos_ += 4;
    }
    // A NaN or infinite weight would make every prediction NaN ("0 (-nan%)"): refused here, not shown later.
    if (!std::all_of(out->data.begin(), out->data.end(), [](float v) { return std::isfinite(v); }))
      fail("malformed model file: " + what + " holds values that are not finite numbers (NaN or infinity)");
  }
  bool magic() {
    if (n_ < sizeof kMagic || std::memcmp(p_, kMagic, sizeof kMagic) != 0) {
      fail("not a HebbLab model file (it does not start with \"HEBBLABM\")");
      return false;
    }
    pos_ = sizeof kMagic;
    return true;
  }
  size_t remaining() const { return n_ - pos_; }

 private:
  const uint8_t* p_;
  size_t n_, pos_ = 0;
  std::string error_;
};

void write_layer(Writer& w, const LayerConfig& config) {
  const LayerConfig c = canonical(config);
  w.u32(code_of(kTypes, c.type) + 1);
  w.u32(code_of(kActivations, c.activation));
  w.u32(c.padding == Padding::Same ? 1 : 0);
  for (int v : {c.filters, c.kernel_size.h, c.kernel_size.w, c.strides.h, c.strides.w, c.pool_size.h, c.pool_size.w,
                c.units})
    w.u32(static_cast<uint32_t>(v));
  w.f64(c.rate);
}

LayerConfig read_layer(Reader& r, int index) {
  const std::string which = "layer " + std::to_string(index + 1);
  LayerConfig c;
  const uint32_t type = r.u32("a layer's type"), activation = r.u32("a layer's activation");
  const uint32_t padding = r.u32("a layer's padding");
  c.filters = r.i32("a layer's filters");
  c.kernel_size.h = r.i32("a layer's kernel size");
  c.kernel_size.w = r.i32("a layer's kernel size");
  c.strides.h = r.i32("a layer's strides");
  c.strides.w = r.i32("a layer's strides");
  c.pool_size.h = r.i32("a layer's pool size");
  c.pool_size.w = r.i32("a layer's pool size");
  c.units = r.i32("a layer's units");
  c.rate = r.f64("a layer's rate");
  if (!r.ok()) return c;
  if (type < 1 || type > std::size(kTypes))
    r.fail("malformed model file: " + which + " has unknown type " + std::to_string(type));
  else if (activation >= std::size(kActivations))
    r.fail("malformed model file: " + which + " has unknown activation " + std::to_string(activation));
  else if (padding > 1) r.fail("malformed model file: " + which + " has unknown padding " + std::to_string(padding));
  if (!r.ok()) return c;
  c.type = kTypes[type - 1];
  c.activation = kActivations[activation];
  c.padding = padding ? Padding::Same : Padding::Valid;
  return c;
}

}  // namespace

std::vector<uint8_t> save_model(const Sequential& model, bool include_optimizer) {
  const Optimizer* optimizer = model.optimizer();
  Writer w;
  w.bytes(kMagic, sizeof kMagic);
  w.u32(kModelFileVersion);
  w.u32((optimizer ? kCompiled : 0) | (optimizer && include_optimizer ? kOptimizerState : 0));
  w.u32(uint32_t(model.input_shape().size()));
  for (int d : model.input_shape()) w.u32(uint32_t(d));
  w.u32(uint32_t(model.size()));
  for (int i = 0; i < model.size(); ++i) write_layer(w, model.layer(i).config());
  for (const Tensor<float>* t : model.weights()) w.tensor(*t);
  if (!optimizer) return w.take();
  w.u32(0);  // categorical_crossentropy, the only loss so far
  if (const auto* adam = dynamic_cast<const Adam*>(optimizer)) {
    const AdamConfig& c = adam->config();
    w.u32(0);
    for (double v : {c.learning_rate, c.beta_1, c.beta_2, c.epsilon}) w.f64(v);
  } else {
    const SGDConfig& c = static_cast<const SGD*>(optimizer)->config();
    w.u32(1);
    for (double v : {c.learning_rate, c.momentum, c.nesterov ? 1.0 : 0.0, 0.0}) w.f64(v);
  }
  if (include_optimizer) {
    w.u64(uint64_t(optimizer->iterations()));
    w.u32(uint32_t(optimizer->slots().size()));
    for (const Tensor<float>& s : optimizer->slots()) w.tensor(s);
  }
  return w.take();
}

bool load_model(const uint8_t* bytes, size_t size, Sequential* out, std::string* error) {
  Reader r(bytes, size);
  Sequential model;
  auto done = [&](bool ok) {
    if (!ok && error) *error = r.error();
    return ok;
  };
  if (!r.magic()) return done(false);
  const uint32_t version = r.u32("the version");
  if (r.ok() && (version == 0 || version > kModelFileVersion))
    r.fail(version == 0 ? "malformed model file: version 0"
                        : "this model file is format version " + std::to_string(version) + ", newer than the " +
                              std::to_string(kModelFileVersion) + " this HebbLab reads: update HebbLab");
  const uint32_t flags = r.u32("the flags");
  if (r.ok() && (flags & ~(kCompiled | kOptimizerState)))
    r.fail("malformed model file: unknown flags " + std::to_string(flags));
  if (r.ok() && (flags & kOptimizerState) && !(flags & kCompiled))
    r.fail("malformed model file: optimizer state without compile settings");
  const uint32_t rank = r.u32("the input shape");
  if (r.ok() && (rank < 1 || rank > 3))
    r.fail("malformed model file: an input of " + std::to_string(rank) + " dimensions");
  Input input;
  for (uint32_t i = 0; i < rank && r.ok(); ++i) input.shape.push_back(r.i32("the input shape"));
  std::string message;
  if (r.ok() && !model.add(input, &message)) r.fail("malformed model file: " + message);
  const uint32_t layers = r.u32("the layer count");
  if (r.ok() && (layers < 1 || layers > uint32_t(limits::kMaxLayers)))
    r.fail("malformed model file: " + std::to_string(layers) + " layers (HebbLab takes 1 to " +
           std::to_string(limits::kMaxLayers) + ")");
  for (uint32_t i = 0; i < layers && r.ok(); ++i) {
    const LayerConfig c = read_layer(r, int(i));
    if (r.ok() && !model.add(c, &message))
      r.fail("malformed model file: layer " + std::to_string(i + 1) + ": " + message);
  }
  if (!r.ok()) return done(false);
  int k = 0;
  for (Tensor<float>* t : model.weights()) r.tensor(t, "weight " + std::to_string(++k));
  if (r.ok() && (flags & kCompiled)) {
    const uint32_t loss = r.u32("the loss"), kind = r.u32("the optimizer");
    double v[4];
    for (double& x : v) x = r.f64("the optimizer's settings");
    std::unique_ptr<Optimizer> optimizer;
    if (kind == 0) optimizer = std::make_unique<Adam>(AdamConfig{v[0], v[1], v[2], v[3]});
    else if (kind == 1) optimizer = std::make_unique<SGD>(SGDConfig{v[0], v[1], v[2] != 0});
    if (r.ok() && (loss != 0 || !optimizer))
      r.fail("malformed model file: unknown loss " + std::to_string(loss) + " or optimizer " + std::to_string(kind));
    if (r.ok() && !model.compile(Loss::CategoricalCrossentropy, std::move(optimizer), &message))
      r.fail("malformed model file: " + message);
  }
  if (r.ok() && (flags & kOptimizerState)) {
    const uint64_t iterations = r.u64("the optimizer's iterations");
    const uint32_t slots = r.u32("the optimizer's slot count");
    if (r.ok() && slots != model.optimizer()->slots().size())
      r.fail("malformed model file: " + std::to_string(slots) + " optimizer slots, the optimizer has " +
             std::to_string(model.optimizer()->slots().size()));
    if (r.ok() && iterations > uint64_t(INT64_MAX)) r.fail("malformed model file: optimizer iterations out of range");
    int s = 0;
    for (Tensor<float>& t : model.optimizer()->slots()) r.tensor(&t, "optimizer slot " + std::to_string(++s));
    if (r.ok()) model.optimizer()->set_iterations(int64_t(iterations));
  }
  if (r.ok() && r.remaining())
    r.fail("malformed model file: " + std::to_string(r.remaining()) + " bytes after the end of the model");
  if (!r.ok()) return done(false);
  *out = std::move(model);
  return done(true);
}

bool load_weights(Sequential& model, const uint8_t* bytes, size_t size, std::string* error) {
  Sequential loaded;
  if (!load_model(bytes, size, &loaded, error)) return false;
  std::string mismatch;
  if (loaded.input_shape() != model.input_shape())
    mismatch = "the file's model takes " + shape_text(loaded.input_shape(), true) + ", this one " +
               shape_text(model.input_shape(), true);
  else if (loaded.size() != model.size())
    mismatch = "the file's model has " + std::to_string(loaded.size()) + " layers, this one " +
               std::to_string(model.size());
  for (int i = 0; mismatch.empty() && i < model.size(); ++i)
    if (loaded.layer(i).config() != model.layer(i).config())
      mismatch = "layer " + std::to_string(i + 1) + " is " + describe(loaded.layer(i).config()) + " in the file, " +
                 describe(model.layer(i).config()) + " here";
  if (!mismatch.empty()) {
    if (error) *error = "the architectures differ: " + mismatch;
    return false;
  }
  const std::vector<Tensor<float>*> to = model.weights();
  const std::vector<Tensor<float>*> from = loaded.weights();
  for (size_t k = 0; k < to.size(); ++k) to[k]->data = from[k]->data;
  return true;
}

}  // namespace hebblab
