// Keras's Sequential model: add layers after an Input, summary(), compile(loss, optimizer), fit, evaluate, predict,
// and every layer's activations for one input (the UI's feature maps). fit also runs in bounded steps (Training), one
// batch each, for a job runner that reports progress and cancels between batches. Randomness comes from Rng only:
// one seed gives the same weights and losses on every run.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/limits.h"
#include "core/nn/dataset.h"
#include "core/nn/layers.h"
#include "core/nn/losses.h"
#include "core/nn/optimizers.h"
#include "core/rng.h"
#include "core/worker_team.h"

namespace hebblab {

// Keras's Input(shape=(28, 28, 1)): the per-sample shape, added before the first layer.
struct Input {
  Shape shape;
};

struct TrainConfig {
  int epochs = 10;
  int batch_size = 32;
  bool shuffle = true;          // a new order every epoch
  double validation_split = 0;  // as Keras: this fraction of the samples, from the end, before shuffling
  uint64_t seed = 1;            // the shuffle order and the dropout masks
  // Training threads, data-parallel: each batch is cut into `threads` contiguous parts of ceil(B / threads) samples
  // (fewer parts when B is smaller); part t runs forward and backward on its own copy of the layers, and the parts'
  // gradients are summed in part order. The same seed and thread count give the same bits; 1 is the plain loop.
  // Without pthreads (the wasm build) the parts run one after another and give what running them in parallel would.
  int threads = 1;
  // Reproducible: the same bits on every platform too, natively, under node and in the browser, for the same seed,
  // thread count and data (kernels.h); slower natively. The model keeps it after the run (Sequential::numerics).
  Numerics numerics = Numerics::Fast;
};

// Keras's validation split: how many of `count` samples are trained on; the rest, from the end, validate.
int training_samples(int count, double validation_split);

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A batch loss above this (for 10 classes, over 400 times the loss of guessing uniformly, ln 10 = 2.3) means the run
// has diverged as surely as a NaN: training stops there, like Keras's TerminateOnNaN, and says so. Learning rate 10
// with Adam reaches losses of 1e8 that stay finite.
constexpr double kDivergedLoss = 1000;

struct EpochLog {
  double loss = 0, accuracy = 0;                        // means over the epoch's training batches (dropout on)
  double val_loss = kNoValue, val_accuracy = kNoValue;  // on the validation split, when there is one
};

struct History {
  enum class Status { Running, Completed, Cancelled, Failed };
  Status status = Status::Running;
  std::string error;  // for Failed: a configuration that does not fit the model, or a diverging loss
  std::vector<EpochLog> epochs;
};

struct TrainProgress {
  int epoch = 0, epochs = 0;     // the epoch of the last step (0-based) and how many there are
  int seen = 0, samples = 0;     // training samples done in that epoch, and per epoch
  double loss = 0, accuracy = 0; // running means over this epoch's batches so far
  bool validating = false;       // the last step was a validation batch
  int64_t batches = 0;           // training batches done in the whole run
  double fraction() const;       // of the whole run, 0..1
};

struct Evaluation {
  double loss = 0, accuracy = 0;  // Keras's evaluate(): [loss, accuracy]
};

class Sequential {
 public:
  // The seed draws the initial weights, layer by layer as they are added.
  explicit Sequential(uint64_t seed = 1) : init_rng_(seed) {}
  Sequential(Sequential&&) = default;
  Sequential& operator=(Sequential&&) = default;

  // Each add returns false with a message (and changes nothing) when the layer cannot follow the one before.
  bool add(const Input& input, std::string* error = nullptr);
  bool add(std::unique_ptr<Layer<float>> layer, std::string* error = nullptr);
  bool add(const LayerConfig& config, std::string* error = nullptr) { return add(make_layer<float>(config), error); }
  template <class L, class = std::enable_if_t<std::is_base_of_v<Layer<float>, L>>>
  bool add(L layer, std::string* error = nullptr) {
    return add(std::unique_ptr<Layer<float>>(new L(std::move(layer))), error);
  }

  int size() const { return static_cast<int>(layers_.size()); }
  Layer<float>& layer(int i) { return *layers_[size_t(i)]; }
  const Layer<float>& layer(int i) const { return *layers_[size_t(i)]; }
  const std::string& layer_name(int i) const { return names_[size_t(i)]; }  // "conv2d", "conv2d_1", ...
  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const;  // the last layer's (the input's while there is none)
  int64_t count_params() const;
  // Every layer's output for one sample, summed (checked against limits::kMaxSampleActivations as layers are added).
  int64_t sample_activations() const;
  // What training takes, estimated: 4 copies of the parameters (weights, gradients, Adam's m and v) and 2 more per
  // extra thread, plus per sample of a batch its input and 3 values per activation (output, gradient, the layer's
  // scratch). Checked against limits::kMaxTrainingBytes before a run starts.
  int64_t training_bytes(int batch_size, int threads) const;
  // Keras's model.summary(): layer (type), output shape and parameters per layer, then the totals.
  std::string summary() const;

  // Keras's compile(loss=..., optimizer=..., metrics=['accuracy']); accuracy is always reported. Categorical
  // cross-entropy is fused with the softmax, so the last layer must have activation softmax.
  bool compile(Loss loss, std::unique_ptr<Optimizer> optimizer, std::string* error = nullptr);
  template <class O, class = std::enable_if_t<std::is_base_of_v<Optimizer, O>>>
  bool compile(Loss loss, O optimizer, std::string* error = nullptr) {
    return compile(loss, std::unique_ptr<Optimizer>(new O(std::move(optimizer))), error);
  }
  bool compiled() const { return optimizer_ != nullptr; }
  Loss loss() const { return loss_; }
  Optimizer* optimizer() { return optimizer_.get(); }
  const Optimizer* optimizer() const { return optimizer_.get(); }

  struct FitCallbacks {
    std::function<bool(const TrainProgress&)> on_batch_end;  // after each training batch; false cancels
    std::function<void(int epoch, const EpochLog&)> on_epoch_end;
  };
  // Trains on the samples (preprocessed per batch); stops at the first non-finite loss, or one above kDivergedLoss,
  // with History::Failed.
  History fit(const DataView& data, const TrainConfig& config, const FitCallbacks& callbacks = {});
  // Inference-mode loss and accuracy over the samples, batch by batch. NaN loss if they do not fit the model.
  // predicted, when given, receives each sample's class (the output's argmax), for a confusion matrix.
  Evaluation evaluate(const DataView& data, int batch_size = 32, std::vector<uint8_t>* predicted = nullptr);
  // Probabilities (N, classes) for preprocessed inputs x (N, input_shape); empty if x's shape does not fit.
  Tensor<float> predict(const Tensor<float>& x, int batch_size = 32);
  // Every layer's output for one preprocessed input (input_shape, or (1, input_shape)), inference mode, each with a
  // batch axis of 1; empty if the shape does not fit. The model's own buffers, valid until its next pass: nothing is
  // allocated or copied once they are sized.
  const std::vector<Tensor<float>>& activations(const Tensor<float>& x);

  // How the kernels compute in every pass from now on (kernels.h); fit sets TrainConfig::numerics.
  void set_numerics(Numerics numerics);
  Numerics numerics() const { return numerics_; }

  // All weights, layer by layer (kernel, bias), for optimisers and model files.
  std::vector<Tensor<float>*> weights();
  std::vector<const Tensor<float>*> weights() const;

 private:
  friend class Training;
  struct BatchResult {
    double loss = 0;
    int correct = 0;
  };
  using Layers = std::vector<std::unique_ptr<Layer<float>>>;
  // What one pass over a batch (or a part of one) keeps between batches: the input and one-hot targets (B, ...), each
  // layer's output, the gradient at the logits, and two gradient buffers that backward alternates between.
  struct Pass {
    Tensor<float> x, targets, dlogits;
    std::vector<Tensor<float>> outputs;
    Tensor<float> grads[2];
  };
  // A training thread's own layers (the model's configuration; weights copied from the model before each batch).
  struct Replica {
    Layers layers;
    Pass pass;
  };
  bool fits(const DataView& data, std::string* error) const;
  // Inference-mode loss and correct count of the samples (indices null: the first count).
  BatchResult forward_batch(const DataView& data, const int* indices, int count);
  // Training-mode forward and backward over the samples in `threads` parts, leaving each part's gradients in its
  // layers; the loss and correct count of the whole batch.
  BatchResult train_batch(const DataView& data, const int* indices, int count, Rng& rng, int threads);
  // One optimiser step from the gradients of the last train_batch: its parts' gradients summed in part order, the
  // sum and the step cut across the same threads (the same result for any cut).
  void apply_update();
  void forward(const Tensor<float>& x, Rng* training_rng);
  // One pass of these layers over the samples: load_batch, forward (training mode when rng is given), the loss and
  // correct count; with rng also dL/dlogits divided by `batch` (the whole batch's size when this is a part of it), and
  // backward into the layers' gradients.
  BatchResult run_pass(Layers& layers, Pass& pass, const DataView& data, const int* indices, int count,
                       Rng* training_rng, int batch) const;

  Rng init_rng_;
  Shape input_shape_;
  Layers layers_;
  std::vector<std::string> names_;
  Loss loss_ = Loss::CategoricalCrossentropy;
  std::unique_ptr<Optimizer> optimizer_;
  Pass pass_;                       // buffers reused batch after batch (the first training part's too)
  std::vector<Replica> replicas_;   // training parts 2, 3, ...: made on the first batch with more than one thread
  std::unique_ptr<WorkerTeam> team_;  // their threads, started then too
  int parts_ = 1;                     // the parts of the last train_batch, whose gradients apply_update sums
  Numerics numerics_ = Numerics::Fast;
  std::vector<Tensor<float>*> weight_ptrs_, gradient_ptrs_;
};

// FNV-1a (64 bits) over the bits of every weight, layer by layer: equal fingerprints mean bit-identical weights (the
// check that a reproducible run gave the same result natively and in the browser).
uint64_t weights_fingerprint(const Sequential& model);
// A fingerprint as 16 hex digits, as the command line and the app show it.
std::string fingerprint_text(uint64_t fingerprint);

// fit in bounded steps: each step() trains on one batch or, after an epoch's last batch, evaluates one batch of the
// validation split. The model must outlive it.
class Training {
 public:
  // A configuration that does not fit (model not compiled, samples of another shape, bad sizes) makes a Training whose
  // history is Failed with the reason and whose step() does nothing.
  Training(Sequential& model, const DataView& data, const TrainConfig& config);
  // One batch; false once the run is over (completed, failed or cancelled).
  bool step();
  void cancel();
  const TrainProgress& progress() const { return progress_; }
  const History& history() const { return history_; }

 private:
  void fail(const std::string& message);
  void end_epoch();

  Sequential& model_;
  DataView train_, validation_;
  TrainConfig config_;
  Rng rng_;
  std::vector<int> order_;
  int position_ = 0;  // samples done in the current phase of the epoch
  double loss_sum_ = 0, val_loss_sum_ = 0;
  int64_t correct_ = 0, val_correct_ = 0;
  bool validating_ = false;
  TrainProgress progress_;
  History history_;
};

}  // namespace hebblab
