// Gradient checks in double precision: every layer's backward pass (input and weight gradients) against central
// finite differences of L = sum(r * y) for a random r, and the fused softmax + cross-entropy loss against finite
// differences of the loss. Passes when |analytic - numeric| <= 1e-6 * max(1, |analytic| + |numeric|).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>

#include "core/nn/layers.h"
#include "core/nn/losses.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

constexpr double kStep = 1e-6;
constexpr double kTolerance = 1e-6;

void expect_gradient(double analytic, double numeric, const std::string& what) {
  EXPECT_NEAR(analytic, numeric, kTolerance * std::max(1.0, std::abs(analytic) + std::abs(numeric))) << what;
}

// Central difference of f at *v.
double numeric_derivative(double* v, const std::function<double()>& f) {
  const double saved = *v;
  *v = saved + kStep;
  const double up = f();
  *v = saved - kStep;
  const double down = f();
  *v = saved;
  return (up - down) / (2 * kStep);
}

// Builds the layer for (input_shape), draws Glorot weights (and random biases, so they matter), and checks dx and
// every weight's gradient, of the training-mode forward (which backward follows). Dropout's mask comes from a fresh
// Rng(seed) on every forward, so it is the same mask.
void check_layer(Layer<double>& layer, const Shape& input_shape) {
  std::string error;
  ASSERT_TRUE(layer.build(input_shape, &error)) << error;
  Rng init(5);
  layer.initialize(init);
  for (size_t k = 1; k < layer.weights().size(); ++k)
    layer.weights()[k] = test::random_tensor<double>(layer.weights()[k].shape, 6);
  Tensor<double> x = test::random_tensor<double>(with_batch(2, input_shape), 7);
  const Tensor<double> r = test::random_tensor<double>(with_batch(2, layer.output_shape()), 8);

  Tensor<double> y;
  auto loss = [&] {
    Rng mask_rng(9);
    layer.forward(x, &y, &mask_rng);
    double sum = 0;
    for (int64_t i = 0; i < y.size(); ++i) sum += r[i] * y[i];
    return sum;
  };
  loss();
  Tensor<double> dx;
  layer.backward(x, y, r, GradOf::Output, &dx);
  ASSERT_EQ(dx.shape, x.shape);
  const std::vector<Tensor<double>> grads = layer.gradients();

  for (int64_t i = 0; i < x.size(); ++i)
    expect_gradient(dx[i], numeric_derivative(&x[i], loss), "dx[" + std::to_string(i) + "]");
  for (size_t k = 0; k < layer.weights().size(); ++k)
    for (int64_t i = 0; i < layer.weights()[k].size(); ++i)
      expect_gradient(grads[k][i], numeric_derivative(&layer.weights()[k][i], loss),
                      "weight " + std::to_string(k) + "[" + std::to_string(i) + "]");
}

TEST(NnGradients, Conv2dValid) {
  Conv2D<double> layer(3, {3, 2}, Activation::Linear);
  check_layer(layer, {5, 4, 2});
}

TEST(NnGradients, Conv2dSame) {
  Conv2D<double> layer(2, {3, 3}, Activation::Linear, Padding::Same);
  check_layer(layer, {4, 5, 3});
}

TEST(NnGradients, Conv2dStridedSameEvenKernel) {
  Conv2D<double> layer(2, {2, 4}, Activation::Linear, Padding::Same, {2, 3});
  check_layer(layer, {5, 7, 2});
}

TEST(NnGradients, Conv2dStridedValidWithRelu) {
  Conv2D<double> layer(3, {3, 3}, Activation::Relu, Padding::Valid, {2, 2});
  check_layer(layer, {7, 6, 2});
}

TEST(NnGradients, MaxPooling2d) {
  MaxPooling2D<double> layer({2, 2});
  check_layer(layer, {4, 6, 3});
}

TEST(NnGradients, MaxPooling2dOverlappingSame) {
  MaxPooling2D<double> layer({3, 3}, {2, 2}, Padding::Same);
  check_layer(layer, {5, 5, 2});
}

TEST(NnGradients, Dense) {
  Dense<double> layer(4);
  check_layer(layer, {6});
}

TEST(NnGradients, EachActivation) {
  for (Activation a : {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                       Activation::Softmax}) {
    SCOPED_TRACE(activation_name(a));
    Dense<double> dense(5, a);
    check_layer(dense, {4});
    Conv2D<double> conv(3, {2, 2}, a);  // softmax over the channels of each pixel
    check_layer(conv, {3, 3, 2});
  }
}

TEST(NnGradients, DropoutWithAFixedMask) {
  Dropout<double> layer(0.4);
  check_layer(layer, {3, 4, 2});
  // The mask really dropped some inputs and scaled the rest by 1 / (1 - rate).
  Tensor<double> x(Shape{1, 100}), y;
  for (double& v : x.data) v = 1;
  Dropout<double> d(0.4);
  std::string error;
  ASSERT_TRUE(d.build({100}, &error));
  Rng rng(1);
  d.forward(x, &y, &rng);
  int dropped = 0;
  for (double v : y.data) {
    if (v == 0) ++dropped;
    else EXPECT_DOUBLE_EQ(v, 1 / 0.6);
  }
  EXPECT_GT(dropped, 20);
  EXPECT_LT(dropped, 60);
  d.forward(x, &y, nullptr);  // inference: unchanged
  EXPECT_EQ(y.data, x.data);
}

TEST(NnGradients, Flatten) {
  Flatten<double> layer;
  check_layer(layer, {2, 3, 2});
}

TEST(NnGradients, PreActivationGradientSkipsTheActivation) {
  // GradOf::PreActivation hands the layer dL/dz: its weight gradients are then those of L = sum(r * z).
  Dense<double> layer(3, Activation::Softmax), linear(3);
  std::string error;
  ASSERT_TRUE(layer.build({4}, &error) && linear.build({4}, &error));
  Rng a(1), b(1);
  layer.initialize(a);
  linear.initialize(b);
  const Tensor<double> x = test::random_tensor<double>({2, 4}, 2), r = test::random_tensor<double>({2, 3}, 3);
  Tensor<double> y, y_linear, dx, dx_linear;
  layer.forward(x, &y, nullptr);
  linear.forward(x, &y_linear, nullptr);
  layer.backward(x, y, r, GradOf::PreActivation, &dx);
  linear.backward(x, y_linear, r, GradOf::Output, &dx_linear);
  EXPECT_EQ(layer.gradients()[0].data, linear.gradients()[0].data);
  EXPECT_EQ(dx.data, dx_linear.data);
  EXPECT_EQ(layer.preactivation()->data, y_linear.data);
}

TEST(NnGradients, CategoricalCrossentropyFromLogits) {
  const int n = 3, k = 5;
  Tensor<double> z = test::random_tensor<double>({n, k}, 11);
  for (double& v : z.data) v *= 4;
  // One-hot rows and one soft row.
  Tensor<double> y(Shape{n, k});
  y[2] = 1;
  y[k + 4] = 1;
  for (int i = 0; i < k; ++i) y[2 * k + i] = 0.2;
  Tensor<double> dz(Shape{n, k});
  categorical_crossentropy(n, k, z.ptr(), y.ptr(), dz.ptr());
  auto loss = [&] { return categorical_crossentropy<double>(n, k, z.ptr(), y.ptr(), nullptr); };
  for (int64_t i = 0; i < z.size(); ++i)
    expect_gradient(dz[i], numeric_derivative(&z[i], loss), "dz[" + std::to_string(i) + "]");
}

TEST(NnGradients, CrossEntropyIsStableForExtremeLogits) {
  // Logits this large overflow exp() and make a naive softmax give 0 * log(0): the fused loss stays finite.
  const float z[] = {1000.0f, -1000.0f, 0.0f, -80.0f, 90.0f, 100.0f};
  const float y[] = {0, 1, 0, 1, 0, 0};
  float dz[6];
  const double loss = categorical_crossentropy(2, 3, z, y, dz);
  EXPECT_NEAR(loss, (2000.0 + (100.0 + 80.0 + std::log1p(std::exp(-10.0)))) / 2, 1e-3);
  for (float g : dz) EXPECT_TRUE(std::isfinite(g));
  EXPECT_NEAR(dz[0], 0.5, 1e-6);  // (p - y) / N
  EXPECT_NEAR(dz[1], -0.5, 1e-6);
}

TEST(NnGradients, AccuracyCountsArgmaxMatches) {
  const float out[] = {0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f, 0.3f, 0.3f, 0.4f};
  const float y[] = {0, 1, 0, 0, 0, 1, 0, 0, 1};
  EXPECT_EQ(count_correct(3, 3, out, y), 2);
}

}  // namespace
}  // namespace hebblab
