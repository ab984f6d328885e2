// Keras's optimisers with Keras's defaults and update rules: Adam (as TensorFlow applies it, with epsilon added to
// sqrt(v) and the bias corrections folded into the step size) and SGD with optional (Nesterov) momentum.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/nn/tensor.h"

namespace hebblab {

struct AdamConfig {
  double learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
};

struct SGDConfig {
  double learning_rate = 0.01;
  double momentum = 0.0;
  bool nesterov = false;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual const char* name() const = 0;  // "Adam", "SGD"
  // "" when the settings can train; else why not (a learning rate that is not a positive finite number, ...).
  // compile refuses an optimizer with such settings, whether they come from a command line or a model file.
  virtual std::string settings_error() const = 0;
  // Sizes the state for weights of these shapes (zeros) and restarts the step count.
  void build(const std::vector<Shape>& weight_shapes);
  // One update of every weight from its gradient, in build's order.
  void apply_gradients(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients) {
    begin_step();
    update(weights, gradients, 0, 1);
  }
  // The same update cut for threads: begin_step() once, then update(..., part, parts) for every part, in any order or
  // at the same time. Part p updates elements [size * p / parts, size * (p + 1) / parts) of each weight, each from its
  // own gradient and state only, so the result does not depend on the cut.
  virtual void begin_step() = 0;
  virtual void update(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients,
                      int part, int parts) = 0;
  // Steps taken so far (Keras's optimizer.iterations); it stops at INT64_MAX, where Adam's bias corrections have long
  // been exactly 1.
  int64_t iterations() const { return iterations_; }
  void set_iterations(int64_t n) { iterations_ = n; }
  // The state per weight, for model files: Adam keeps m and v (slots 2i, 2i + 1 for weight i), SGD with momentum
  // the velocity (slot i), plain SGD nothing.
  std::vector<Tensor<float>>& slots() { return slots_; }
  const std::vector<Tensor<float>>& slots() const { return slots_; }

 protected:
  virtual int slots_per_weight() const = 0;
  // iterations + 1, saturating (a model file may hold any count up to INT64_MAX).
  int64_t count_step() { return iterations_ < INT64_MAX ? ++iterations_ : iterations_; }
  int64_t iterations_ = 0;
  std::vector<Tensor<float>> slots_;
};

class Adam final : public Optimizer {
 public:
  explicit Adam(AdamConfig config = {}) : config_(config) {}
  const char* name() const override { return "Adam"; }
  std::string settings_error() const override;
  const AdamConfig& config() const { return config_; }
  // t = iterations + 1, alpha = lr sqrt(1 - beta_2^t) / (1 - beta_1^t);
  // m += (g - m)(1 - beta_1); v += (g^2 - v)(1 - beta_2); w -= alpha m / (sqrt(v) + epsilon).
  void begin_step() override;
  void update(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients, int part,
              int parts) override;

 private:
  int slots_per_weight() const override { return 2; }
  AdamConfig config_;
  float alpha_ = 0;  // this step's
};

class SGD final : public Optimizer {
 public:
  explicit SGD(SGDConfig config = {}) : config_(config) {}
  const char* name() const override { return "SGD"; }
  std::string settings_error() const override;
  const SGDConfig& config() const { return config_; }
  // Without momentum w -= lr g; with it v = momentum v - lr g, then w += v (Nesterov: w += momentum v - lr g).
  void begin_step() override { count_step(); }
  void update(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients, int part,
              int parts) override;

 private:
  int slots_per_weight() const override { return config_.momentum != 0 ? 1 : 0; }
  SGDConfig config_;
};

}  // namespace hebblab
