// The loss and the metric of the lecture's compile(): categorical cross-entropy, fused with the softmax output so it
// is computed from the logits (as Keras does for a softmax output), and categorical accuracy.
#pragma once
#include <cstdint>

namespace hebblab {

enum class Loss { CategoricalCrossentropy };
const char* loss_name(Loss loss);  // Keras's name: "categorical_crossentropy"

// logits z (N, K), targets y (N, K) (one-hot, or any distribution) -> the mean over N of
//   -sum_k y_nk log softmax(z_n)_k = sum_k y_nk (logsumexp(z_n) - z_nk),
// with logsumexp taken around the row's maximum so no exp overflows and no log sees 0. Also the gradient at the
// logits, dlogits (N, K) = (softmax(z_n) sum_k y_nk - y_n) / batch, skipped when null; batch 0 means N, else these
// rows are a part of a batch of that size (data-parallel training) and dlogits is of the whole batch's mean loss.
template <typename T>
double categorical_crossentropy(int n, int k, const T* logits, const T* targets, T* dlogits, int batch = 0);

// Keras's categorical_accuracy, as a count: rows where argmax(outputs) == argmax(targets) (the first maximum on ties).
// outputs, targets (N, K).
template <typename T>
int count_correct(int n, int k, const T* outputs, const T* targets);

}  // namespace hebblab
