// The optimisers' updates, elementwise in float like Keras's; scalars that depend on the step count are computed in
// double from IEEE operations only, so every platform gets the same bits.
#include "optimizers.h"

#include <cmath>

#include "core/config_text.h"

namespace hebblab {
namespace {

// b^t by squaring: only multiplications, which are exact-rounded everywhere (std::pow need not be).
double power(double b, int64_t t) {
  double result = 1;
  for (; t > 0; t >>= 1, b *= b)
    if (t & 1) result *= b;
  return result;
}

// "" for a learning rate that descends: a finite number above 0 (a large one diverges, and training says so).
std::string learning_rate_error(double rate) {
  if (std::isfinite(rate) && rate > 0) return "";
  return "the learning rate must be a finite number above 0, not " + format_double(rate);
}

}  // namespace

std::string Adam::settings_error() const {
  const AdamConfig& c = config_;
  if (!(c.beta_1 >= 0 && c.beta_1 < 1 && c.beta_2 >= 0 && c.beta_2 < 1))
    return "Adam's beta_1 and beta_2 must be at least 0 and below 1";
  if (!(std::isfinite(c.epsilon) && c.epsilon >= 0)) return "Adam's epsilon must be a finite number of at least 0";
  return learning_rate_error(c.learning_rate);
}

std::string SGD::settings_error() const {
  if (!(config_.momentum >= 0 && config_.momentum < 1)) return "SGD's momentum must be at least 0 and below 1";
  return learning_rate_error(config_.learning_rate);
}

void Optimizer::build(const std::vector<Shape>& weight_shapes) {
  iterations_ = 0;
  slots_.clear();
  for (int s = 0; s < slots_per_weight(); ++s)
    for (const Shape& shape : weight_shapes) slots_.emplace_back(shape);
}

void Adam::begin_step() {
  const int64_t t = count_step();
  alpha_ = static_cast<float>(config_.learning_rate * std::sqrt(1.0 - power(config_.beta_2, t)) /
                              (1.0 - power(config_.beta_1, t)));
}

void Adam::update(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients, int part,
                  int parts) {
  const float alpha = alpha_;
  const float one_minus_beta_1 = static_cast<float>(1.0 - config_.beta_1);
  const float one_minus_beta_2 = static_cast<float>(1.0 - config_.beta_2);
  const float epsilon = static_cast<float>(config_.epsilon);
  const size_t n = weights.size();
  for (size_t k = 0; k < n; ++k) {
    float* w = weights[k]->ptr();
    const float* g = gradients[k]->ptr();
    float* m = slots_[k].ptr();
    float* v = slots_[n + k].ptr();
    const int64_t size = weights[k]->size();
    for (int64_t i = size * part / parts, last = size * (part + 1) / parts; i < last; ++i) {
      m[i] += (g[i] - m[i]) * one_minus_beta_1;
      v[i] += (g[i] * g[i] - v[i]) * one_minus_beta_2;
      w[i] -= alpha * m[i] / (std::sqrt(v[i]) + epsilon);
    }
  }
}

void SGD::update(const std::vector<Tensor<float>*>& weights, const std::vector<Tensor<float>*>& gradients, int part,
                 int parts) {
  const float lr = static_cast<float>(config_.learning_rate);
  const float momentum = static_cast<float>(config_.momentum);
  for (size_t k = 0; k < weights.size(); ++k) {
    float* w = weights[k]->ptr();
    const float* g = gradients[k]->ptr();
    const int64_t size = weights[k]->size(), first = size * part / parts, last = size * (part + 1) / parts;
    if (slots_.empty()) {
      for (int64_t i = first; i < last; ++i) w[i] -= lr * g[i];
      continue;
    }
    float* v = slots_[k].ptr();
    for (int64_t i = first; i < last; ++i) {
      v[i] = momentum * v[i] - lr * g[i];
      w[i] += config_.nesterov ? momentum * v[i] - lr * g[i] : v[i];
    }
  }
}

}  // namespace hebblab
