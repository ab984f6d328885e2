// The Sequential model and its stepwise training. All per-batch buffers live in the model and are resized (never
// shrunk), so after the first full batch the training loop allocates no buffer again (only Eigen's GEMM takes its
// packing blocks per product, shapes are small vectors, and with more than one thread a few small vectors per batch;
// the threads are started once).
#include "sequential.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "core/config_text.h"

namespace hebblab {
namespace {

// Keras's print_summary for a sequential model: columns end at 29, 55 and 65 characters, and a field that does not
// fit its column is cut at the column's end.
std::string summary_row(const std::string& a, const std::string& b, const std::string& c) {
  const size_t ends[] = {29, 55, 65};
  const std::string fields[] = {a, b, c};
  std::string line;
  for (int i = 0; i < 3; ++i) {
    line += fields[i];
    line.resize(ends[i], ' ');
  }
  line.erase(line.find_last_not_of(' ') + 1);
  return line + "\n";
}

}  // namespace

int training_samples(int count, double validation_split) {
  return static_cast<int>(std::floor(count * (1.0 - validation_split)));
}

double TrainProgress::fraction() const {
  if (epochs <= 0) return 1;
  return std::min(1.0, (epoch + (samples ? double(seen) / samples : 0.0)) / epochs);
}

// --- building --------------------------------------------------------------------------------------------------------

bool Sequential::add(const Input& input, std::string* error) {
  std::string message;
  // The size of one sample, multiplied only while it is within the limit (3 sides of 2^31 would overflow 64 bits).
  const bool positive = std::all_of(input.shape.begin(), input.shape.end(), [](int d) { return d > 0; });
  int64_t values = 1;
  for (int d : input.shape)
    if (positive && values <= limits::kMaxSampleActivations) values *= d;
  if (!layers_.empty()) message = "Input must come before the first layer";
  else if (input.shape.empty() || input.shape.size() > 3 || !positive)
    message = "Input shape " + shape_text(input.shape, true) + " must have 1 to 3 positive dimensions";
  else if (values > limits::kMaxSampleActivations)
    message = "Input shape " + shape_text(input.shape, true) + " has more than HebbLab's limit of " +
              format_thousands(limits::kMaxSampleActivations) + " values";
  if (!message.empty()) {
    if (error) *error = message;
    return false;
  }
  input_shape_ = input.shape;
  return true;
}

bool Sequential::add(std::unique_ptr<Layer<float>> layer, std::string* error) {
  if (input_shape_.empty()) {
    if (error) *error = "add an Input(shape) before the first layer, as in Keras's input_shape=(28, 28, 1)";
    return false;
  }
  if (size() >= limits::kMaxLayers) {
    if (error) *error = "a model has at most " + std::to_string(limits::kMaxLayers) + " layers";
    return false;
  }
  if (!layer->build(output_shape(), error, limits::kMaxParameters - count_params())) return false;
  if (sample_activations() + shape_size(layer->output_shape()) > limits::kMaxSampleActivations) {
    if (error)
      *error = describe(layer->config()) + ": the layers' outputs for one sample would exceed HebbLab's limit of " +
               format_thousands(limits::kMaxSampleActivations) + " values";
    return false;
  }
  layer->initialize(init_rng_);
  layer->set_numerics(numerics_);
  const char* base = layer_base_name(layer->config().type);
  const int same = static_cast<int>(std::count_if(layers_.begin(), layers_.end(), [&](const auto& l) {
    return layer_base_name(l->config().type) == std::string(base);
  }));
  names_.push_back(same ? std::string(base) + "_" + std::to_string(same) : std::string(base));
  layers_.push_back(std::move(layer));
  pass_.outputs.resize(layers_.size());
  replicas_.clear();
  optimizer_.reset();  // the weights changed: compile again
  return true;
}

const Shape& Sequential::output_shape() const {
  return layers_.empty() ? input_shape_ : layers_.back()->output_shape();
}

int64_t Sequential::count_params() const {
  int64_t n = 0;
  for (const auto& l : layers_) n += l->count_params();
  return n;
}

int64_t Sequential::sample_activations() const {
  int64_t n = 0;
  for (const auto& l : layers_) n += shape_size(l->output_shape());
  return n;
}

int64_t Sequential::training_bytes(int batch_size, int threads) const {
  const int64_t parameter_copies = 4 + 2 * int64_t(threads - 1);
  const int64_t per_sample = shape_size(input_shape_) + 3 * sample_activations();
  return int64_t(sizeof(float)) * (parameter_copies * count_params() + int64_t(batch_size) * per_sample);
}

std::string Sequential::summary() const {
  const std::string rule(65, '_'), double_rule(65, '=');
  std::string out = "Model: \"sequential\"\n" + rule + "\n" + summary_row("Layer (type)", "Output Shape", "Param #") +
                    double_rule + "\n";
  for (int i = 0; i < size(); ++i) {
    out += summary_row(names_[size_t(i)] + " (" + layer_type_name(layer(i).config().type) + ")",
                       shape_text(layer(i).output_shape(), true), std::to_string(layer(i).count_params()));
    out += (i + 1 < size() ? rule : double_rule) + "\n";
  }
  const std::string total = format_thousands(count_params());
  return out + "Total params: " + total + "\nTrainable params: " + total + "\nNon-trainable params: 0\n" + rule + "\n";
}

std::vector<Tensor<float>*> Sequential::weights() {
  std::vector<Tensor<float>*> out;
  for (auto& l : layers_)
    for (Tensor<float>& w : l->weights()) out.push_back(&w);
  return out;
}

std::vector<const Tensor<float>*> Sequential::weights() const {
  std::vector<const Tensor<float>*> out;
  for (const auto& l : layers_)
    for (const Tensor<float>& w : l->weights()) out.push_back(&w);
  return out;
}

bool Sequential::compile(Loss loss, std::unique_ptr<Optimizer> optimizer, std::string* error) {
  std::string message;
  if (layers_.empty()) message = "compile needs a model with layers";
  else if (layers_.back()->config().activation != Activation::Softmax)
    message = std::string(loss_name(loss)) + " needs a softmax output; the last layer is " +
              describe(layers_.back()->config());
  else if (!optimizer) message = "compile needs an optimizer";
  else message = optimizer->settings_error();
  if (!message.empty()) {
    if (error) *error = message;
    return false;
  }
  loss_ = loss;
  weight_ptrs_ = weights();
  gradient_ptrs_.clear();
  std::vector<Shape> shapes;
  for (auto& l : layers_)
    for (Tensor<float>& g : l->gradients()) gradient_ptrs_.push_back(&g), shapes.push_back(g.shape);
  optimizer->build(shapes);
  optimizer_ = std::move(optimizer);
  return true;
}

void Sequential::set_numerics(Numerics numerics) {
  numerics_ = numerics;
  for (auto& l : layers_) l->set_numerics(numerics);
  for (Replica& r : replicas_)
    for (auto& l : r.layers) l->set_numerics(numerics);
}

uint64_t weights_fingerprint(const Sequential& model) {
  uint64_t h = 1469598103934665603ull;
  for (const Tensor<float>* t : model.weights())
    for (float v : t->data) {
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      for (int k = 0; k < 4; ++k) h = (h ^ ((bits >> (8 * k)) & 0xff)) * 1099511628211ull;
    }
  return h;
}

std::string fingerprint_text(uint64_t fingerprint) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, fingerprint >>= 4) text[size_t(i)] = kDigits[fingerprint & 15];
  return text;
}

// --- running ---------------------------------------------------------------------------------------------------------

bool Sequential::fits(const DataView& data, std::string* error) const {
  const Shape& out = output_shape();
  std::string message;
  if (layers_.empty()) message = "the model has no layers";
  else if (data.sample_shape != input_shape_)
    message = "the samples are " + shape_text(data.sample_shape, true) + ", the model takes " +
              shape_text(input_shape_, true);
  else if (out.size() != 1 || out[0] != data.num_classes)
    message = "the samples have " + std::to_string(data.num_classes) + " classes, the model outputs " +
              shape_text(out, true);
  if (!message.empty() && error) *error = message;
  return message.empty();
}

namespace {

void run_layers(std::vector<std::unique_ptr<Layer<float>>>& layers, std::vector<Tensor<float>>& outputs,
                const Tensor<float>& x, Rng* training_rng) {
  const Tensor<float>* in = &x;
  for (size_t i = 0; i < layers.size(); ++i) {
    layers[i]->forward(*in, &outputs[i], training_rng);
    in = &outputs[i];
  }
}

}  // namespace

void Sequential::forward(const Tensor<float>& x, Rng* training_rng) {
  run_layers(layers_, pass_.outputs, x, training_rng);
}

Sequential::BatchResult Sequential::run_pass(Layers& layers, Pass& pass, const DataView& data, const int* indices,
                                             int count, Rng* training_rng, int batch) const {
  load_batch(data, indices, count, &pass.x, &pass.targets);
  run_layers(layers, pass.outputs, pass.x, training_rng);
  const int classes = data.num_classes;
  BatchResult r;
  r.correct = count_correct(count, classes, pass.outputs.back().ptr(), pass.targets.ptr());
  const Tensor<float>* logits = layers.back()->preactivation();
  if (!logits || layers.back()->config().activation != Activation::Softmax) {
    r.loss = kNoValue;
    return r;
  }
  if (!training_rng) {
    r.loss = categorical_crossentropy(count, classes, logits->ptr(), pass.targets.ptr(), static_cast<float*>(nullptr));
    return r;
  }
  pass.dlogits.resize(logits->shape);
  r.loss = categorical_crossentropy(count, classes, logits->ptr(), pass.targets.ptr(), pass.dlogits.ptr(), batch);
  const Tensor<float>* grad = &pass.dlogits;
  GradOf of = GradOf::PreActivation;  // the fused loss hands the softmax layer dL/dz
  for (size_t i = layers.size(); i-- > 0;) {
    Tensor<float>* dx = i ? &pass.grads[i % 2] : nullptr;
    layers[i]->backward(i ? pass.outputs[i - 1] : pass.x, pass.outputs[i], *grad, of, dx);
    grad = dx;
    of = GradOf::Output;
  }
  return r;
}

Sequential::BatchResult Sequential::forward_batch(const DataView& data, const int* indices, int count) {
  return run_pass(layers_, pass_, data, indices, count, nullptr, count);
}

Sequential::BatchResult Sequential::train_batch(const DataView& data, const int* indices, int count, Rng& rng,
                                                int threads) {
  const int per_part = (count + threads - 1) / threads, parts = (count + per_part - 1) / per_part;
  parts_ = 1;
  if (parts == 1) return run_pass(layers_, pass_, data, indices, count, &rng, count);
  while (static_cast<int>(replicas_.size()) < parts - 1) {
    Replica r;
    for (const auto& l : layers_) {
      r.layers.push_back(make_layer<float>(l->config()));
      r.layers.back()->build(l->input_shape(), nullptr);
      r.layers.back()->set_numerics(numerics_);
    }
    r.pass.outputs.resize(layers_.size());
    replicas_.push_back(std::move(r));
  }
  // Each part draws its dropout masks from its own Rng, seeded from the run's in part order.
  std::vector<Rng> part_rngs;
  for (int t = 0; t < parts; ++t) part_rngs.emplace_back(rng.next_u64());
  std::vector<BatchResult> results(static_cast<size_t>(parts));
  if (!team_) team_ = std::make_unique<WorkerTeam>();
  team_->run(parts, [&](int t) {
    Layers& layers = t ? replicas_[size_t(t - 1)].layers : layers_;
    Pass& pass = t ? replicas_[size_t(t - 1)].pass : pass_;
    for (size_t i = 0; t && i < layers.size(); ++i)  // the model's weights, copied by the part's own thread
      for (size_t k = 0; k < layers[i]->weights().size(); ++k)
        layers[i]->weights()[k].data = layers_[i]->weights()[k].data;
    const int begin = t * per_part, size = std::min(per_part, count - begin);
    const DataView part = indices ? data : data.slice(begin, size);
    results[size_t(t)] =
        run_pass(layers, pass, part, indices ? indices + begin : nullptr, size, &part_rngs[size_t(t)], count);
  });
  parts_ = parts;
  BatchResult total;
  for (int t = 0; t < parts; ++t) {
    total.loss += results[size_t(t)].loss * std::min(per_part, count - t * per_part);
    total.correct += results[size_t(t)].correct;
  }
  total.loss /= count;
  return total;
}

void Sequential::apply_update() {
  if (parts_ == 1) return optimizer_->apply_gradients(weight_ptrs_, gradient_ptrs_);
  optimizer_->begin_step();
  // Each thread takes one slice of every weight: it adds the gradients of parts 2, 3, ... to the first part's (which
  // layers_ holds), in part order, then updates the slice, all while it is in its cache.
  team_->run(parts_, [&](int t) {
    for (size_t i = 0; i < layers_.size(); ++i)
      for (size_t w = 0; w < layers_[i]->gradients().size(); ++w) {
        float* sum = layers_[i]->gradients()[w].ptr();
        const int64_t size = layers_[i]->gradients()[w].size(), first = size * t / parts_,
                      last = size * (t + 1) / parts_;
        for (int r = 1; r < parts_; ++r) {
          const float* g = replicas_[size_t(r - 1)].layers[i]->gradients()[w].ptr();
          for (int64_t e = first; e < last; ++e) sum[e] += g[e];
        }
      }
    optimizer_->update(weight_ptrs_, gradient_ptrs_, t, parts_);
  });
}

History Sequential::fit(const DataView& data, const TrainConfig& config, const FitCallbacks& callbacks) {
  Training training(*this, data, config);
  int64_t batches = 0;
  size_t logged = 0;
  bool more = true;
  while (more) {
    more = training.step();
    const TrainProgress& p = training.progress();
    if (p.batches > batches) {
      batches = p.batches;
      if (callbacks.on_batch_end && !callbacks.on_batch_end(p)) {
        training.cancel();
        more = false;
      }
    }
    for (; logged < training.history().epochs.size(); ++logged)
      if (callbacks.on_epoch_end) callbacks.on_epoch_end(int(logged), training.history().epochs[logged]);
  }
  return training.history();
}

Evaluation Sequential::evaluate(const DataView& data, int batch_size, std::vector<uint8_t>* predicted) {
  if (!fits(data, nullptr) || data.count == 0 || batch_size < 1) return {kNoValue, kNoValue};
  double loss = 0;
  int64_t correct = 0;
  if (predicted) predicted->clear();
  for (int begin = 0; begin < data.count; begin += batch_size) {
    const DataView batch = data.slice(begin, batch_size);
    const BatchResult r = forward_batch(batch, nullptr, batch.count);
    loss += r.loss * batch.count;
    correct += r.correct;
    if (predicted) {
      // outputs (B, K): the first maximum of each row, as count_correct takes it
      const Tensor<float>& out = pass_.outputs.back();
      const int k = out.dim(1);
      for (int i = 0; i < batch.count; ++i) {
        const float* row = out.ptr() + int64_t(i) * k;
        predicted->push_back(uint8_t(std::max_element(row, row + k) - row));
      }
    }
  }
  return {loss / data.count, double(correct) / data.count};
}

Tensor<float> Sequential::predict(const Tensor<float>& x, int batch_size) {
  if (layers_.empty() || x.shape.size() != input_shape_.size() + 1 ||
      !std::equal(input_shape_.begin(), input_shape_.end(), x.shape.begin() + 1) || batch_size < 1)
    return {};
  const int n = x.dim(0);
  const int64_t in_size = shape_size(input_shape_), out_size = shape_size(output_shape());
  Tensor<float> out(with_batch(n, output_shape()));
  for (int begin = 0; begin < n; begin += batch_size) {
    const int count = std::min(batch_size, n - begin);
    pass_.x.resize(with_batch(count, input_shape_));
    std::copy(x.ptr() + begin * in_size, x.ptr() + (begin + count) * in_size, pass_.x.ptr());
    forward(pass_.x, nullptr);
    std::copy(pass_.outputs.back().data.begin(), pass_.outputs.back().data.end(), out.ptr() + begin * out_size);
  }
  return out;
}

const std::vector<Tensor<float>>& Sequential::activations(const Tensor<float>& x) {
  static const std::vector<Tensor<float>> none;
  if (layers_.empty() || x.size() != shape_size(input_shape_)) return none;
  pass_.x.resize(with_batch(1, input_shape_));
  std::copy(x.data.begin(), x.data.end(), pass_.x.data.begin());
  forward(pass_.x, nullptr);
  return pass_.outputs;
}

// --- Training --------------------------------------------------------------------------------------------------------

Training::Training(Sequential& model, const DataView& data, const TrainConfig& config)
    : model_(model), config_(config), rng_(config.seed) {
  progress_.epochs = config.epochs;
  const bool split_ok = config.validation_split >= 0 && config.validation_split < 1;
  const int split_at = training_samples(data.count, split_ok ? config.validation_split : 0);
  train_ = data.head(split_at);
  validation_ = data.slice(split_at, data.count - split_at);
  std::string error;
  if (!model.compiled()) error = "compile the model before fit";
  else if (!model.fits(data, &error)) {
  } else if (config.batch_size < 1 || config.batch_size > limits::kMaxBatchSize)
    error = "the batch size must be 1 to " + std::to_string(limits::kMaxBatchSize);
  else if (config.threads < 1 || config.threads > limits::kMaxThreads)
    error = "the number of threads must be 1 to " + std::to_string(limits::kMaxThreads);
  else if (model.training_bytes(config.batch_size, config.threads) > limits::kMaxTrainingBytes)
    error = "training this model with batches of " + std::to_string(config.batch_size) + " on " +
            std::to_string(config.threads) + " thread(s) would take about " +
            std::to_string(model.training_bytes(config.batch_size, config.threads) >> 20) +
            " MiB, over HebbLab's limit of " + limits::bytes_text(limits::kMaxTrainingBytes) +
            ": use smaller batches, fewer threads or a smaller model";
  else if (config.epochs < 0) error = "the number of epochs cannot be negative";
  else if (!split_ok)
    error = "the validation split must be at least 0 and below 1";
  else if (train_.count == 0 && config.epochs > 0) error = "there are no samples to train on";
  if (!error.empty()) {
    fail(error);
    return;
  }
  model.set_numerics(config.numerics);
  order_.resize(size_t(train_.count));
  std::iota(order_.begin(), order_.end(), 0);
  progress_.samples = train_.count;
  if (config.epochs == 0) history_.status = History::Status::Completed;
}

void Training::fail(const std::string& message) {
  history_.status = History::Status::Failed;
  history_.error = message;
}

void Training::cancel() {
  if (history_.status == History::Status::Running) history_.status = History::Status::Cancelled;
}

bool Training::step() {
  if (history_.status != History::Status::Running) return false;
  const int batch = config_.batch_size;
  if (!validating_) {
    if (position_ == 0) {
      progress_.epoch = static_cast<int>(history_.epochs.size());
      loss_sum_ = 0;
      correct_ = 0;
      // Fisher-Yates with the run's Rng: a new order every epoch, the same orders for the same seed.
      if (config_.shuffle)
        for (size_t i = order_.size() - 1; i > 0; --i) std::swap(order_[i], order_[rng_.below(uint32_t(i + 1))]);
    }
    const int count = std::min(batch, train_.count - position_);
    const Sequential::BatchResult r =
        model_.train_batch(train_, order_.data() + position_, count, rng_, config_.threads);
    if (!std::isfinite(r.loss) || r.loss > kDivergedLoss) {
      const std::string what = std::isnan(r.loss)   ? "nan"
                               : std::isinf(r.loss) ? "infinite"
                                                    : format_double(r.loss);
      fail("training diverged: the loss became " + what + " in epoch " + std::to_string(progress_.epoch + 1) +
           " at sample " + std::to_string(position_ + 1) +
           " (try a lower learning rate); the weights are those before that batch");
      return false;
    }
    model_.apply_update();
    loss_sum_ += r.loss * count;
    correct_ += r.correct;
    position_ += count;
    progress_.seen = position_;
    progress_.loss = loss_sum_ / position_;
    progress_.accuracy = double(correct_) / position_;
    progress_.validating = false;
    ++progress_.batches;
    if (position_ == train_.count) {
      position_ = 0;
      if (validation_.count > 0) validating_ = true;
      else end_epoch();
    }
  } else {
    const DataView part = validation_.slice(position_, batch);
    const Sequential::BatchResult r = model_.forward_batch(part, nullptr, part.count);
    val_loss_sum_ += r.loss * part.count;
    val_correct_ += r.correct;
    position_ += part.count;
    progress_.validating = true;
    if (position_ == validation_.count) {
      position_ = 0;
      validating_ = false;
      end_epoch();
    }
  }
  return history_.status == History::Status::Running;
}

void Training::end_epoch() {
  EpochLog log;
  log.loss = loss_sum_ / train_.count;
  log.accuracy = double(correct_) / train_.count;
  if (validation_.count > 0) {
    log.val_loss = val_loss_sum_ / validation_.count;
    log.val_accuracy = double(val_correct_) / validation_.count;
  }
  val_loss_sum_ = 0;
  val_correct_ = 0;
  history_.epochs.push_back(log);
  if (static_cast<int>(history_.epochs.size()) >= config_.epochs) history_.status = History::Status::Completed;
}

}  // namespace hebblab
