// Keras's activations, applied over rows: relu, softmax (over the last axis: classes, or channels of an image),
// sigmoid, tanh and linear, with their backward passes written in terms of the output y.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace hebblab {

enum class Activation { Linear, Relu, Sigmoid, Tanh, Softmax };

const char* activation_name(Activation a);  // Keras's names: "linear", "relu", "sigmoid", "tanh", "softmax"
std::optional<Activation> activation_from_name(std::string_view name);

// z (R, K) -> y (R, K); softmax normalises each row of K values (computed with the row maximum subtracted).
template <typename T>
void activation_forward(Activation a, int64_t rows, int k, const T* z, T* y);
// dz = dL/dz from y = f(z) and dy = dL/dy, all (R, K): relu 1[y > 0], sigmoid y(1 - y), tanh 1 - y^2,
// softmax y_i (dy_i - sum_j dy_j y_j) per row.
template <typename T>
void activation_backward(Activation a, int64_t rows, int k, const T* y, const T* dy, T* dz);

}  // namespace hebblab
