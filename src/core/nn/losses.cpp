// Categorical cross-entropy from logits and categorical accuracy. exp and log are the project's own (portable_math.h):
// the same logits give the same loss and gradient bits in every build.
#include "losses.h"

#include <algorithm>
#include <cmath>

#include "core/nn/portable_math.h"

namespace hebblab {

const char* loss_name(Loss) { return "categorical_crossentropy"; }

template <typename T>
double categorical_crossentropy(int n, int k, const T* logits, const T* targets, T* dlogits, int batch) {
  const int divisor = batch ? batch : n;
  double total = 0;
  for (int r = 0; r < n; ++r) {
    const T* z = logits + int64_t(r) * k;
    const T* y = targets + int64_t(r) * k;
    const double top = *std::max_element(z, z + k);
    double sum_exp = 0, sum_y = 0, dot = 0;
    for (int i = 0; i < k; ++i) {
      sum_exp += portable_exp(double(z[i]) - top);
      sum_y += y[i];
      dot += double(y[i]) * z[i];
    }
    const double log_sum_exp = top + portable_log(sum_exp);
    total += sum_y * log_sum_exp - dot;
    if (!dlogits) continue;
    T* d = dlogits + int64_t(r) * k;
    for (int i = 0; i < k; ++i)
      d[i] = static_cast<T>((portable_exp(double(z[i]) - log_sum_exp) * sum_y - y[i]) / divisor);
  }
  return total / n;
}

template <typename T>
int count_correct(int n, int k, const T* outputs, const T* targets) {
  int correct = 0;
  for (int r = 0; r < n; ++r) {
    const T* o = outputs + int64_t(r) * k;
    const T* y = targets + int64_t(r) * k;
    correct += std::max_element(o, o + k) - o == std::max_element(y, y + k) - y;
  }
  return correct;
}

template double categorical_crossentropy<float>(int, int, const float*, const float*, float*, int);
template double categorical_crossentropy<double>(int, int, const double*, const double*, double*, int);
template int count_correct<float>(int, int, const float*, const float*);
template int count_correct<double>(int, int, const double*, const double*);

}  // namespace hebblab
