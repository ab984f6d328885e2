// The lecture's Hopfield network: +1/-1 neurons, Hebb's rule as an outer product, synchronous and asynchronous
// recall, energy, and the verdict on where recall ended. Weights are kept as the exact integers n*W.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace hebblab {

// A network state or a stored pattern: N values, each +1 or -1, row-major over the W x H grid.
using State = std::vector<int8_t>;

// sgn as used everywhere in HebbLab: sgn(h) = +1 for h >= 0, -1 for h < 0 (so sgn(0) = +1).
inline int8_t sgn(int64_t h) { return h >= 0 ? 1 : -1; }

enum class UpdateMode { Synchronous, Asynchronous };

// W = (1/n) sum_mu x^mu (x^mu)^T - I for n stored patterns of N neurons. Kept as the integer matrix
// scaled = n*W (N x N, symmetric, zero diagonal) so fields, energies and decisions are exact.
struct HebbianWeights {
  int n_patterns = 0;
  Eigen::Matrix<int32_t, Eigen::Dynamic, Eigen::Dynamic> scaled;  // (N, N)
  int size() const { return static_cast<int>(scaled.rows()); }
  double weight(int i, int j) const { return n_patterns ? double(scaled(i, j)) / n_patterns : 0.0; }
};

// patterns: n states of equal length N. Returns N x N weights; with n = 0 all weights are 0.
HebbianWeights hebbian_weights(const std::vector<State>& patterns, int n_neurons);

// h_i = sum_j w_ij x_j, scaled by n (exact); divide by n_patterns for the lecture's value.
int64_t scaled_local_field(const HebbianWeights& w, const State& x, int i);
// E = -1/2 sum_ij w_ij x_i x_j.
double energy(const HebbianWeights& w, const State& x);
// E_i = -1/2 x_i h_i (they sum to E).
std::vector<double> neuron_energies(const HebbianWeights& w, const State& x);

// One synchronous step x(t+1) = sgn(W x(t)).
State step_synchronous(const HebbianWeights& w, const State& x);
// One asynchronous sweep: every neuron once, in a seeded random order, each seeing the updates before it.
State sweep_asynchronous(const HebbianWeights& w, const State& x, uint64_t seed);
// The same sweep in a given order (a permutation of 0..N-1).
State sweep_asynchronous(const HebbianWeights& w, const State& x, const std::vector<int>& order);

// m_mu = (1/N) sum_i x_i xi^mu for every stored pattern.
std::vector<double> overlaps(const State& x, const std::vector<State>& patterns);

struct Outcome {
  enum class Kind { Pattern, Inverse, Spurious, Cycle, Unfinished };
  Kind kind = Kind::Unfinished;
  std::optional<int> index;  // the stored pattern for Pattern / Inverse
};
const char* outcome_kind_name(Outcome::Kind kind);  // "pattern", "inverse", "spurious", "cycle", "unfinished"

// Classify a final state: equal to a stored pattern, to its inverse, or spurious.
Outcome classify(const State& x, const std::vector<State>& patterns);

// After the last step of history (history[0] the start): the outcome if the run has settled, a fixed point
// (last two states equal, then classified) or a 2-cycle (last equals the one two before), else nothing.
std::optional<Outcome> settled(const std::vector<State>& history, const std::vector<State>& patterns);

struct RecallConfig {
  UpdateMode mode = UpdateMode::Synchronous;
  int max_steps = 100;  // sync steps or async sweeps
  uint64_t seed = 1;    // async order: sweep t uses seed + t
};
struct RecallResult {
  std::vector<State> states;     // states[0] is the start, one per step after it
  std::vector<double> energies;  // one per state
  Outcome outcome;               // Cycle when a sync run alternates between two states
};
RecallResult recall(const HebbianWeights& w, const std::vector<State>& patterns, const State& start,
                    const RecallConfig& config);

// Flip k distinct pixels chosen with the seed.
State deform(const State& x, int k, uint64_t seed);
// N random +1/-1 values.
State random_state(int n, uint64_t seed);

}  // namespace hebblab
