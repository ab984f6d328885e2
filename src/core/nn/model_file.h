// HebbLab's model file (.hebbmodel): one versioned binary format for a Sequential's architecture and weights, and
// optionally its compile settings and optimiser state, read and written as bytes (the CLI and the platform own files).
//
// Format version 1. Integers are little-endian; u32/i32 4 bytes, u64/f64 8 bytes, f32 IEEE-754 binary32 (LE).
//   magic      8 bytes  "HEBBLABM"
//   version    u32      1 (a reader refuses versions newer than its own)
//   flags      u32      bit 0: compile settings follow the weights; bit 1: optimiser state follows those
//   input      u32 R (1..3), then R x u32: the per-sample input shape, e.g. 3: 28 28 1
//   layers     u32 L (1..64, limits::kMaxLayers), then L records of 52 bytes:
//                u32 type (1 Conv2D, 2 MaxPooling2D, 3 Dropout, 4 Flatten, 5 Dense),
//                u32 activation (0 linear, 1 relu, 2 sigmoid, 3 tanh, 4 softmax), u32 padding (0 valid, 1 same),
//                i32 filters, i32 kernel_h, i32 kernel_w, i32 strides_h, i32 strides_w, i32 pool_h, i32 pool_w,
//                i32 units, f64 rate (fields a type does not use are written as Keras's defaults)
//   weights    for every weight, layer by layer (kernel, then bias), a tensor:
//                u32 rank, rank x u32 dims (must be the shape the architecture implies), then the f32 values row-major
//                (Conv2D kernel (KH, KW, C, F), Dense kernel (D, U), biases (F) / (U))
//   compile    (flag bit 0) u32 loss (0 categorical_crossentropy), u32 optimiser (0 Adam, 1 SGD), 4 x f64:
//                Adam learning_rate, beta_1, beta_2, epsilon; SGD learning_rate, momentum, nesterov (0/1), 0
//   state      (flag bit 1) u64 iterations, u32 slot count S, S tensors as above (Adam: m for every weight, then v;
//                SGD with momentum: the velocities)
//   nothing after that: trailing bytes are an error.
// The round trip is bit-exact. MNIST's lecture model takes 2.4 MB, 7.2 MB with Adam's state.
// Loading refuses, before allocating, a model over limits::kMaxParameters or kMaxSampleActivations, and refuses
// weights and optimizer state that are not finite numbers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/sequential.h"

namespace hebblab {

constexpr uint32_t kModelFileVersion = 1;

// Keras's model.save(): architecture + weights, and the compile settings and optimiser state when the model is
// compiled and include_optimizer is set.
std::vector<uint8_t> save_model(const Sequential& model, bool include_optimizer = true);

// Keras's load_model(): the model the file describes, compiled when the file holds compile settings. False with a
// message (wrong magic, newer version, truncated, malformed, trailing bytes); `out` is then untouched.
bool load_model(const uint8_t* bytes, size_t size, Sequential* out, std::string* error);

// Keras's model.load_weights(): the file's weights into a model of the same architecture (input shape and layer
// configs). False with a message, the model untouched, on any mismatch or damage. The optimiser state stays as it is.
bool load_weights(Sequential& model, const uint8_t* bytes, size_t size, std::string* error);

}  // namespace hebblab
