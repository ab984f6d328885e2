// The optimisers against updates computed by hand from Keras's (TensorFlow's) formulas, step by step.
#include "core/nn/optimizers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hebblab {
namespace {

struct Weights {
  Tensor<float> w, g;
  std::vector<Tensor<float>*> ws() { return {&w}; }
  std::vector<Tensor<float>*> gs() { return {&g}; }
};

Weights make_weights(std::vector<float> w, std::vector<float> g) {
  Weights out;
  out.w.resize({int(w.size())});
  out.w.data = std::move(w);
  out.g.resize({int(g.size())});
  out.g.data = std::move(g);
  return out;
}

TEST(NnOptimizers, AdamMatchesKerasStepByStep) {
  // Keras: alpha = lr sqrt(1 - b2^t) / (1 - b1^t); m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
  // w -= alpha m / (sqrt(v) + eps), with the defaults lr 0.001, b1 0.9, b2 0.999, eps 1e-7.
  Weights p = make_weights({0.5f, -1.0f, 2.0f, 0.0f}, {0.1f, -0.2f, 3.0f, 1e-9f});
  Adam adam;
  EXPECT_EQ(adam.config().learning_rate, 0.001);
  EXPECT_EQ(adam.config().epsilon, 1e-7);
  adam.build({{4}});
  ASSERT_EQ(adam.slots().size(), 2u);
  double w[4] = {0.5, -1.0, 2.0, 0.0}, m[4] = {}, v[4] = {};
  const double g1[4] = {0.1, -0.2, 3.0, 1e-9}, g2[4] = {-0.3, 0.1, 1.0, 2.0};
  for (int t = 1; t <= 2; ++t) {
    const double* g = t == 1 ? g1 : g2;
    if (t == 2)
      for (int i = 0; i < 4; ++i) p.g[i] = float(g2[i]);
    adam.apply_gradients(p.ws(), p.gs());
    const double alpha = 0.001 * std::sqrt(1 - std::pow(0.999, t)) / (1 - std::pow(0.9, t));
    for (int i = 0; i < 4; ++i) {
      m[i] = 0.9 * m[i] + 0.1 * double(float(g[i]));
      v[i] = 0.999 * v[i] + 0.001 * double(float(g[i])) * double(float(g[i]));
      w[i] -= alpha * m[i] / (std::sqrt(v[i]) + 1e-7);
      EXPECT_NEAR(p.w[i], w[i], 1e-6 * std::max(1.0, std::abs(w[i]))) << "t=" << t << " i=" << i;
      EXPECT_NEAR(adam.slots()[0][i], m[i], 1e-6 * std::max(1e-3, std::abs(m[i])));
      EXPECT_NEAR(adam.slots()[1][i], v[i], 1e-6 * std::max(1e-6, std::abs(v[i])));
    }
  }
  EXPECT_EQ(adam.iterations(), 2);
}

// The update cut into parts for threads (each part run on its own, in reverse order) gives the same bits as the
// whole update, for Adam and SGD with momentum, over three steps on two weights of odd sizes.
TEST(NnOptimizers, UpdateInPartsEqualsWholeUpdate) {
  auto values = [](int n, float scale) {
    std::vector<float> v(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) v[size_t(i)] = scale * std::sin(float(i) + scale);
    return v;
  };
  auto run = [&](Optimizer& opt, int parts) {
    Weights a = make_weights(values(7, 1.0f), values(7, 0.5f)), b = make_weights(values(13, 2.0f), values(13, 0.25f));
    opt.build({{7}, {13}});
    const std::vector<Tensor<float>*> ws = {&a.w, &b.w}, gs = {&a.g, &b.g};
    for (int step = 0; step < 3; ++step) {
      opt.begin_step();
      for (int part = parts; part-- > 0;) opt.update(ws, gs, part, parts);
      for (float& g : a.g.data) g = -0.5f * g + 0.1f;
    }
    std::vector<float> out = a.w.data;
    out.insert(out.end(), b.w.data.begin(), b.w.data.end());
    return out;
  };
  Adam adam_whole, adam_parts;
  EXPECT_EQ(run(adam_whole, 1), run(adam_parts, 3));
  SGD sgd_whole(SGDConfig{0.1, 0.9, true}), sgd_parts(SGDConfig{0.1, 0.9, true});
  EXPECT_EQ(run(sgd_whole, 1), run(sgd_parts, 4));
  EXPECT_NE(run(adam_whole, 1), run(sgd_whole, 1));  // the comparison sees the update at all
}

TEST(NnOptimizers, AdamFirstStepIsLearningRateTimesSign) {
  Weights p = make_weights({1.0f, 1.0f}, {50.0f, -0.01f});
  Adam adam;
  adam.build({{2}});
  adam.apply_gradients(p.ws(), p.gs());
  // t = 1: m = 0.1 g, v = 0.001 g^2, alpha = lr sqrt(0.001) / 0.1, so the step is lr g / (|g| + eps / sqrt(0.001)).
  EXPECT_NEAR(p.w[0], 1.0 - 0.001, 1e-7);
  EXPECT_NEAR(p.w[1], 1.0 + 0.001 * 0.01 / (0.01 + 1e-7 / std::sqrt(0.001)), 1e-7);
}

TEST(NnOptimizers, SgdPlainMomentumAndNesterov) {
  Weights plain = make_weights({1.0f}, {0.5f});
  SGD sgd;
  EXPECT_EQ(sgd.config().learning_rate, 0.01);
  sgd.build({{1}});
  EXPECT_TRUE(sgd.slots().empty());
  sgd.apply_gradients(plain.ws(), plain.gs());
  EXPECT_FLOAT_EQ(plain.w[0], 1.0f - 0.01f * 0.5f);

  Weights mom = make_weights({1.0f}, {0.5f}), nes = make_weights({1.0f}, {0.5f});
  SGD momentum(SGDConfig{0.1, 0.9, false}), nesterov(SGDConfig{0.1, 0.9, true});
  momentum.build({{1}});
  nesterov.build({{1}});
  double w = 1, v = 0, wn = 1, vn = 0;
  for (int t = 0; t < 3; ++t) {
    momentum.apply_gradients(mom.ws(), mom.gs());
    nesterov.apply_gradients(nes.ws(), nes.gs());
    v = 0.9 * v - 0.1 * 0.5;
    w += v;
    vn = 0.9 * vn - 0.1 * 0.5;
    wn += 0.9 * vn - 0.1 * 0.5;
    EXPECT_NEAR(mom.w[0], w, 1e-6);
    EXPECT_NEAR(nes.w[0], wn, 1e-6);
  }
}

}  // namespace
}  // namespace hebblab
