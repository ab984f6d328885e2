// The Hopfield network's arithmetic: Hebb's rule, exact integer fields and energies, synchronous and asynchronous
// recall, and the verdict on where a run ended. Everything random draws from hebblab::Rng so native and wasm builds
// produce the same runs.
#include "hopfield.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "rng.h"

namespace hebblab {
namespace {

// Fields are accumulated in int32 so the loops vectorise: |h_i| <= n (N - 1), exact while n * N < 2^31
// (N = 1024 neurons allows two million stored patterns).
using Field = Eigen::Matrix<int32_t, Eigen::Dynamic, 1>;

// h = (n W) x = sum_j x_j (column j), shape (N). Columns are contiguous in Eigen's column-major storage, and since
// x_j is +1 or -1 each one is added or subtracted: no multiplications (SSE2 has no 32-bit vector multiply).
Field scaled_fields(const HebbianWeights& w, const State& x) {
  const int n = w.size();
  Field h = Field::Zero(n);
  int32_t* out = h.data();
  for (int j = 0; j < n; ++j) {
    const int32_t* col = w.scaled.col(j).data();
    if (x[j] > 0) {
      for (int i = 0; i < n; ++i) out[i] += col[i];
    } else {
      for (int i = 0; i < n; ++i) out[i] -= col[i];
    }
  }
  return h;
}

// x^T (n W) x, exact.
int64_t scaled_quadratic_form(const HebbianWeights& w, const State& x) {
  const Field h = scaled_fields(w, x);
  int64_t q = 0;
  for (int i = 0; i < w.size(); ++i) q += int64_t(x[i]) * h[i];
  return q;
}

}  // namespace

HebbianWeights hebbian_weights(const std::vector<State>& patterns, int n_neurons) {
  // n W = sum_mu x^mu (x^mu)^T - n I, shape (N, N), built one column at a time: column j gains x_j^mu x^mu.
  // Plain loops rather than an Eigen product: Eigen has no fast integer kernel (these were three times faster in a
  // release build, and far faster in a debug one).
  HebbianWeights w;
  w.n_patterns = static_cast<int>(patterns.size());
  w.scaled.setZero(n_neurons, n_neurons);
  for (const State& p : patterns) {
    const int8_t* x = p.data();
    for (int j = 0; j < n_neurons; ++j) {
      int32_t* col = w.scaled.col(j).data();
      const int32_t xj = x[j];
      for (int i = 0; i < n_neurons; ++i) col[i] += xj * x[i];
    }
  }
  // The diagonal is sum_mu (x_i^mu)^2 - n = 0 exactly.
  w.scaled.diagonal().setZero();
  return w;
}

int64_t scaled_local_field(const HebbianWeights& w, const State& x, int i) {
  // Row i equals column i (W is symmetric); the column is contiguous.
  const int32_t* col = w.scaled.col(i).data();
  const int8_t* xs = x.data();
  int32_t h = 0;
  for (int j = 0; j < w.size(); ++j) h += col[j] * xs[j];
  return h;
}

double energy(const HebbianWeights& w, const State& x) {
  if (w.n_patterns == 0) return 0.0;
  return -0.5 * double(scaled_quadratic_form(w, x)) / w.n_patterns;
}

std::vector<double> neuron_energies(const HebbianWeights& w, const State& x) {
  std::vector<double> e(x.size(), 0.0);
  if (w.n_patterns == 0) return e;
  const Field h = scaled_fields(w, x);
  for (int i = 0; i < w.size(); ++i) e[i] = -0.5 * double(int64_t(x[i]) * h[i]) / w.n_patterns;
  return e;
}

State step_synchronous(const HebbianWeights& w, const State& x) {
  const Field h = scaled_fields(w, x);
  State next(x.size());
  for (int i = 0; i < w.size(); ++i) next[i] = sgn(h[i]);
  return next;
}

State sweep_asynchronous(const HebbianWeights& w, const State& x, uint64_t seed) {
  std::vector<int> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
  return sweep_asynchronous(w, x, order);
}

State sweep_asynchronous(const HebbianWeights& w, const State& x, const std::vector<int>& order) {
  // Recomputing each h_i from the current state costs O(N) per neuron, O(N^2) per sweep: the same as one
  // synchronous step, and simpler than keeping all fields up to date after every flip.
  State s = x;
  for (int i : order) s[i] = sgn(scaled_local_field(w, s, i));
  return s;
}

std::vector<double> overlaps(const State& x, const std::vector<State>& patterns) {
  std::vector<double> m;
  m.reserve(patterns.size());
  for (const State& p : patterns) {
    int64_t dot = 0;
    for (size_t i = 0; i < x.size(); ++i) dot += int64_t(x[i]) * p[i];
    m.push_back(x.empty() ? 0.0 : double(dot) / double(x.size()));
  }
  return m;
}

const char* outcome_kind_name(Outcome::Kind kind) {
  switch (kind) {
    case Outcome::Kind::Pattern: return "pattern";
    case Outcome::Kind::Inverse: return "inverse";
    case Outcome::Kind::Spurious: return "spurious";
    case Outcome::Kind::Cycle: return "cycle";
    case Outcome::Kind::Unfinished: return "unfinished";
  }
  return "unfinished";  // not reached: the switch covers every kind (compilers still want a return)
}

Outcome classify(const State& x, const std::vector<State>& patterns) {
  // A stored pattern beats an inverse: if pattern 2 happens to be the inverse of pattern 0, x == pattern 2 is
  // reported as pattern 2.
  for (size_t k = 0; k < patterns.size(); ++k)
    if (x == patterns[k]) return {Outcome::Kind::Pattern, static_cast<int>(k)};
  for (size_t k = 0; k < patterns.size(); ++k) {
    const State& p = patterns[k];
    bool inverse = x.size() == p.size();
    for (size_t i = 0; inverse && i < x.size(); ++i) inverse = x[i] == -p[i];
    if (inverse) return {Outcome::Kind::Inverse, static_cast<int>(k)};
  }
  return {Outcome::Kind::Spurious, std::nullopt};
}

std::optional<Outcome> settled(const std::vector<State>& history, const std::vector<State>& patterns) {
  const size_t t = history.size();
  if (t >= 2 && history[t - 1] == history[t - 2]) return classify(history[t - 1], patterns);
  // Asynchronous runs never cycle (the energy falls with every flip that is not a -1 -> +1 flip at h = 0), so
  // this only fires for synchronous ones.
  if (t >= 3 && history[t - 1] == history[t - 3]) return Outcome{Outcome::Kind::Cycle, std::nullopt};
  return std::nullopt;
}

RecallResult recall(const HebbianWeights& w, const std::vector<State>& patterns, const State& start,
                    const RecallConfig& config) {
  RecallResult r;
  r.states.push_back(start);
  r.energies.push_back(energy(w, start));
  for (int t = 0; t < config.max_steps; ++t) {
    const State& x = r.states.back();
    State next = config.mode == UpdateMode::Synchronous ? step_synchronous(w, x)
                                                        : sweep_asynchronous(w, x, config.seed + uint64_t(t));
    r.energies.push_back(energy(w, next));
    r.states.push_back(std::move(next));
    if (auto outcome = settled(r.states, patterns)) {
      r.outcome = *outcome;
      return r;
    }
  }
  r.outcome = Outcome{Outcome::Kind::Unfinished, std::nullopt};
  return r;
}

State deform(const State& x, int k, uint64_t seed) {
  const int n = static_cast<int>(x.size());
  k = std::clamp(k, 0, n);
  // Partial Fisher-Yates: the first k entries of a seeded shuffle of the indices are k distinct pixels.
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  Rng rng(seed);
  State y = x;
  for (int i = 0; i < k; ++i) {
    std::swap(idx[i], idx[i + rng.below(static_cast<uint32_t>(n - i))]);
    y[idx[i]] = static_cast<int8_t>(-y[idx[i]]);
  }
  return y;
}

State random_state(int n, uint64_t seed) {
  Rng rng(seed);
  State x(n);
  for (int8_t& v : x) v = (rng.next_u64() >> 63) ? 1 : -1;
  return x;
}

}  // namespace hebblab
