// HebbLab's resource limits, stated once: every size that comes from outside (a file's header, an image's width, a
// layer's units, a batch size, a thread count) is checked against one of these before anything is allocated, in the
// CLI, the desktop app and the page alike. The wasm build has no exceptions: these checks are its only defence against
// a crafted file. README.md's "Limits" table lists them with what each costs at most.
#pragma once
#include <cstdint>
#include <string>

namespace hebblab::limits {

// A file the user opens (model, image, dataset, patterns), after gzip is unpacked. MNIST's training images: 47 MB.
constexpr int64_t kMaxFileBytes = int64_t(64) << 20;

// --- images (convolution lab, predict) -------------------------------------------------------------------------------
// Either side at most kMaxImageSide and at most kMaxImagePixels in all, checked from the header before decoding: the
// decoder's RGBA buffer then takes at most 64 MiB, the grey floats 64 MiB.
constexpr int kMaxImageSide = 8192;
constexpr int64_t kMaxImagePixels = int64_t(4096) * 4096;

// --- data sets (IDX) -------------------------------------------------------------------------------------------------
constexpr int kMaxSampleSide = 256;                  // a training image's side (MNIST: 28)
constexpr int64_t kMaxDatasetBytes = kMaxFileBytes;  // the values of one IDX file (MNIST's training images: 47 MB)

// --- models ----------------------------------------------------------------------------------------------------------
constexpr int kMaxLayers = 64;
// All weights of a model (the lecture's CNN has 600,810). Training keeps up to four copies (weights, gradients,
// Adam's m and v) plus weights and gradients per extra thread.
constexpr int64_t kMaxParameters = int64_t(1) << 22;  // 4,194,304: 16 MiB of floats
// Every layer's output for one sample, summed (the lecture's CNN: 48,266).
constexpr int64_t kMaxSampleActivations = int64_t(1) << 22;
// The estimate training_bytes() of one training run: parameter copies, and a batch's activations and their
// gradients. Fits the page's 2 GiB wasm memory with the data set beside it.
constexpr int64_t kMaxTrainingBytes = int64_t(1) << 30;
constexpr int kMaxBatchSize = 1024;
constexpr int kMaxThreads = 32;

// --- Hopfield --------------------------------------------------------------------------------------------------------
// Up to 64 x 64 = 4,096 neurons: the weight matrix is 4,096^2 floats = 64 MiB. The lab offers up to 32 x 32.
constexpr int kMaxHopfieldSide = 64;
constexpr int kMaxPatterns = 1024;

// "64 MiB", "1 GiB", "300 bytes": sizes in messages that name a limit (whole units only, as the limits are).
inline std::string bytes_text(int64_t bytes) {
  if (bytes >= (int64_t(1) << 30) && bytes % (int64_t(1) << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (int64_t(1) << 20) && bytes % (int64_t(1) << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace hebblab::limits
