// Tests for the Hopfield network: the lecture's weights, recall of the lecture's letters from every small deformation,
// energy descent (checked in exact integers), cycles, overlaps and verdicts, and the seeded randomness.
#include "core/hopfield.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "core/letters.h"
#include "core/rng.h"

namespace hebblab {
namespace {

// 2 n E = -x^T (n W) x, computed here from the stored integers independently of the code under test.
// (Raw storage rather than w.scaled(i, j) keeps the property test quick in debug builds.)
int64_t twice_scaled_energy(const HebbianWeights& w, const State& x) {
  const int32_t* s = w.scaled.data();
  const size_t n = size_t(w.size());
  int64_t q = 0;
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) q += int64_t(s[j * n + i]) * x[i] * x[j];
  return -q;
}

std::string grid(const State& x, int width) {
  std::string s;
  for (size_t i = 0; i < x.size(); ++i) {
    s += x[i] > 0 ? 'X' : 'O';
    if ((i + 1) % width == 0) s += '/';
  }
  return s;
}

std::vector<State> random_patterns(int p, int n, uint64_t seed) {
  std::vector<State> ps;
  for (int mu = 0; mu < p; ++mu) ps.push_back(random_state(n, seed * 1000 + mu));
  return ps;
}

TEST(Hopfield, ThreeNeuronExampleGivesTheLecturesWeights) {
  const State x = lecture_three_neurons().cells;
  ASSERT_EQ(x, (State{1, -1, -1}));
  const HebbianWeights w = hebbian_weights({x}, 3);
  EXPECT_EQ(w.n_patterns, 1);
  Eigen::Matrix<int32_t, 3, 3> expected;
  expected << 0, -1, -1, -1, 0, 1, -1, 1, 0;
  EXPECT_EQ(w.scaled, expected) << w.scaled;
  EXPECT_DOUBLE_EQ(w.weight(1, 2), 1.0);
  EXPECT_DOUBLE_EQ(w.weight(0, 0), 0.0);
}

TEST(Hopfield, WeightsAreTheAverageOuterProductMinusIdentity) {
  const std::vector<State> ps = random_patterns(3, 12, 7);
  const HebbianWeights w = hebbian_weights(ps, 12);
  ASSERT_EQ(w.size(), 12);
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 12; ++j) {
      double sum = 0;
      for (const State& p : ps) sum += p[i] * p[j];
      EXPECT_DOUBLE_EQ(w.weight(i, j), sum / 3.0 - (i == j ? 1.0 : 0.0)) << i << "," << j;
    }
}

TEST(Hopfield, NoPatternsGiveZeroWeightsZeroEnergyAndSgnZeroIsPlusOne) {
  const HebbianWeights w = hebbian_weights({}, 4);
  EXPECT_EQ(w.size(), 4);
  EXPECT_EQ(w.n_patterns, 0);
  EXPECT_TRUE((w.scaled.array() == 0).all());
  const State x{1, -1, -1, 1};
  EXPECT_EQ(energy(w, x), 0.0);
  // Every field is 0 and sgn(0) = +1, so one step turns everything on.
  EXPECT_EQ(step_synchronous(w, x), (State{1, 1, 1, 1}));
  EXPECT_EQ(sweep_asynchronous(w, x, 3), (State{1, 1, 1, 1}));
}

TEST(Hopfield, SynchronousStepIsSgnOfTheField) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const int n = 37;
    const HebbianWeights w = hebbian_weights(random_patterns(4, n, seed), n);
    const State x = random_state(n, seed + 100);
    State expected(n);
    for (int i = 0; i < n; ++i) {
      int64_t h = 0;
      for (int j = 0; j < n; ++j) h += int64_t(w.scaled(i, j)) * x[j];
      EXPECT_EQ(scaled_local_field(w, x, i), h);
      expected[i] = h >= 0 ? 1 : -1;
    }
    EXPECT_EQ(step_synchronous(w, x), expected);
  }
}

// With A and Z stored, every 1- and 2-pixel deformation of A must come back to A, in both modes.
TEST(Hopfield, EverySmallDeformationOfLectureARecallsA) {
  const std::vector<State> ps = {lecture_letter_a().cells, lecture_letter_z().cells};
  const HebbianWeights w = hebbian_weights(ps, 25);
  std::vector<State> starts;
  for (int i = 0; i < 25; ++i) {
    State x = ps[0];
    x[i] = static_cast<int8_t>(-x[i]);
    starts.push_back(x);
    for (int j = i + 1; j < 25; ++j) {
      State y = x;
      y[j] = static_cast<int8_t>(-y[j]);
      starts.push_back(y);
    }
  }
  ASSERT_EQ(starts.size(), 25u + 300u);
  std::vector<std::string> failures;
  for (const State& start : starts) {
    RecallConfig sync;
    sync.mode = UpdateMode::Synchronous;
    RecallResult r = recall(w, ps, start, sync);
    if (r.outcome.kind != Outcome::Kind::Pattern || r.outcome.index != 0 || r.states.back() != ps[0])
      failures.push_back("sync from " + grid(start, 5));
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      RecallConfig async;
      async.mode = UpdateMode::Asynchronous;
      async.seed = seed;
      r = recall(w, ps, start, async);
      if (r.outcome.kind != Outcome::Kind::Pattern || r.outcome.index != 0 || r.states.back() != ps[0])
        failures.push_back("async seed " + std::to_string(seed) + " from " + grid(start, 5));
    }
  }
  std::string all;
  for (const std::string& f : failures) all += f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " deformations not recalled:\n" << all;
}

// The Lyapunov property, in exact integers: no single asynchronous update and so no sweep raises the energy.
TEST(Hopfield, EnergyNeverIncreasesUnderAsynchronousUpdates) {
  int updates = 0;
  for (int n : {2, 3, 7, 16, 25, 60}) {
    for (int p : {1, 2, 3, 5, 9}) {
      for (uint64_t seed = 1; seed <= 12; ++seed) {
        const HebbianWeights w = hebbian_weights(random_patterns(p, n, seed * 31 + uint64_t(n)), n);
        State x = random_state(n, seed + 5000);
        for (int sweep = 0; sweep < 4; ++sweep) {
          const State before_sweep = x;
          const int64_t e_sweep = twice_scaled_energy(w, x);
          std::vector<int> order(n);
          std::iota(order.begin(), order.end(), 0);
          Rng rng(seed * 7 + uint64_t(sweep));
          for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng.below(uint32_t(i + 1))]);
          for (int i : order) {
            const int64_t e_before = twice_scaled_energy(w, x);
            x[i] = sgn(scaled_local_field(w, x, i));
            const int64_t e_after = twice_scaled_energy(w, x);
            ASSERT_LE(e_after, e_before) << "n=" << n << " p=" << p << " seed=" << seed << " neuron " << i;
            ++updates;
          }
          // The library's sweep is exactly these single-neuron updates in this order.
          ASSERT_EQ(sweep_asynchronous(w, before_sweep, order), x);
          ASSERT_LE(twice_scaled_energy(w, x), e_sweep);
          const State swept = sweep_asynchronous(w, x, seed * 13 + uint64_t(sweep));
          ASSERT_LE(twice_scaled_energy(w, swept), twice_scaled_energy(w, x));
          ASSERT_LE(energy(w, swept), energy(w, x));
        }
      }
    }
  }
  EXPECT_GT(updates, 10000);
}

TEST(Hopfield, AsynchronousSweepShufflesWithFisherYatesFromTheSeed) {
  const int n = 30;
  const HebbianWeights w = hebbian_weights(random_patterns(3, n, 4), n);
  const State x = random_state(n, 99);
  for (uint64_t seed : {0ull, 1ull, 2ull, 12345ull}) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed);
    for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng.below(uint32_t(i + 1))]);
    EXPECT_EQ(sweep_asynchronous(w, x, seed), sweep_asynchronous(w, x, order)) << seed;
  }
}

TEST(Hopfield, RecallSweepTUsesSeedPlusT) {
  const int n = 64;
  const std::vector<State> ps = random_patterns(6, n, 11);
  const HebbianWeights w = hebbian_weights(ps, n);
  const State start = deform(ps[2], 20, 5);
  RecallConfig c;
  c.mode = UpdateMode::Asynchronous;
  c.seed = 40;
  const RecallResult r = recall(w, ps, start, c);
  ASSERT_GE(r.states.size(), 3u);
  ASSERT_EQ(r.states.size(), r.energies.size());
  EXPECT_EQ(r.states[0], start);
  for (size_t t = 1; t < r.states.size(); ++t) {
    EXPECT_EQ(r.states[t], sweep_asynchronous(w, r.states[t - 1], c.seed + (t - 1))) << t;
    EXPECT_DOUBLE_EQ(r.energies[t], energy(w, r.states[t]));
  }
  EXPECT_EQ(recall(w, ps, start, c).states, r.states);
}

TEST(Hopfield, ConstructedSynchronousTwoCycleIsReportedAsCycle) {
  // One stored pattern [+1, -1] makes the two neurons inhibit each other; started equal they flip together forever.
  const std::vector<State> ps = {{1, -1}};
  const HebbianWeights w = hebbian_weights(ps, 2);
  RecallConfig c;
  c.mode = UpdateMode::Synchronous;
  const RecallResult r = recall(w, ps, {1, 1}, c);
  EXPECT_EQ(r.outcome.kind, Outcome::Kind::Cycle);
  EXPECT_FALSE(r.outcome.index.has_value());
  ASSERT_EQ(r.states.size(), 3u);
  EXPECT_EQ(r.states[1], (State{-1, -1}));
  EXPECT_EQ(r.states[2], (State{1, 1}));
  // The same start run asynchronously settles on the pattern or its inverse.
  c.mode = UpdateMode::Asynchronous;
  const Outcome a = recall(w, ps, {1, 1}, c).outcome;
  EXPECT_TRUE(a.kind == Outcome::Kind::Pattern || a.kind == Outcome::Kind::Inverse);
}

TEST(Hopfield, UnfinishedWhenStepsRunOut) {
  const std::vector<State> ps = {{1, -1}};
  RecallConfig c;
  c.mode = UpdateMode::Synchronous;
  c.max_steps = 1;
  const RecallResult r = recall(hebbian_weights(ps, 2), ps, {1, 1}, c);
  EXPECT_EQ(r.outcome.kind, Outcome::Kind::Unfinished);
  EXPECT_EQ(r.states.size(), 2u);
}

TEST(Hopfield, FixedPointEndsTheRunWithOneUnchangedStep) {
  const std::vector<State> ps = {lecture_letter_a().cells, lecture_letter_z().cells};
  const RecallResult r = recall(hebbian_weights(ps, 25), ps, ps[1], RecallConfig{});
  ASSERT_EQ(r.states.size(), 2u);
  EXPECT_EQ(r.outcome.kind, Outcome::Kind::Pattern);
  EXPECT_EQ(r.outcome.index, 1);
}

TEST(Hopfield, SettledNeedsTwoEqualStatesOrACycle) {
  const std::vector<State> ps = {{1, 1, -1}};
  EXPECT_FALSE(settled({}, ps).has_value());
  EXPECT_FALSE(settled({{1, 1, -1}}, ps).has_value());
  EXPECT_FALSE(settled({{1, 1, 1}, {1, 1, -1}}, ps).has_value());
  auto fixed = settled({{1, 1, 1}, {-1, -1, 1}, {-1, -1, 1}}, ps);
  ASSERT_TRUE(fixed.has_value());
  EXPECT_EQ(fixed->kind, Outcome::Kind::Inverse);
  EXPECT_EQ(fixed->index, 0);
  auto cycle = settled({{1, 1, 1}, {-1, -1, -1}, {1, 1, 1}}, ps);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(cycle->kind, Outcome::Kind::Cycle);
}

TEST(Hopfield, EnergyMatchesTheLecturesFormula) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const int n = 20;
    const HebbianWeights w = hebbian_weights(random_patterns(int(seed), n, seed), n);
    const State x = random_state(n, seed + 77);
    double e = 0;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) e += -0.5 * w.weight(i, j) * x[i] * x[j];
    EXPECT_NEAR(energy(w, x), e, 1e-9);
    EXPECT_EQ(energy(w, x), double(twice_scaled_energy(w, x)) / (2.0 * w.n_patterns));
  }
}

TEST(Hopfield, NeuronEnergiesSumToTheEnergy) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const int n = 49;
    const HebbianWeights w = hebbian_weights(random_patterns(3, n, seed), n);
    const State x = random_state(n, seed + 3);
    const std::vector<double> e = neuron_energies(w, x);
    ASSERT_EQ(e.size(), size_t(n));
    double sum = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_DOUBLE_EQ(e[i], -0.5 * x[i] * double(scaled_local_field(w, x, i)) / w.n_patterns);
      sum += e[i];
    }
    EXPECT_NEAR(sum, energy(w, x), 1e-9);
  }
}

TEST(Hopfield, OverlapsAndClassification) {
  const State a = lecture_letter_a().cells, z = lecture_letter_z().cells;
  State not_a = a;
  for (int8_t& v : not_a) v = static_cast<int8_t>(-v);
  const std::vector<State> ps = {a, z};

  const std::vector<double> m = overlaps(a, ps);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_DOUBLE_EQ(m[0], 1.0);
  EXPECT_DOUBLE_EQ(m[1], -5.0 / 25.0);  // A and Z agree on 10 pixels and differ on 15
  EXPECT_DOUBLE_EQ(overlaps(not_a, ps)[0], -1.0);
  EXPECT_DOUBLE_EQ(overlaps(deform(a, 3, 1), ps)[0], 19.0 / 25.0);

  Outcome o = classify(z, ps);
  EXPECT_EQ(o.kind, Outcome::Kind::Pattern);
  EXPECT_EQ(o.index, 1);
  o = classify(not_a, ps);
  EXPECT_EQ(o.kind, Outcome::Kind::Inverse);
  EXPECT_EQ(o.index, 0);
  o = classify(deform(a, 1, 4), ps);
  EXPECT_EQ(o.kind, Outcome::Kind::Spurious);
  EXPECT_FALSE(o.index.has_value());
  // The lowest index wins, and a stored pattern wins over the inverse of an earlier one.
  EXPECT_EQ(classify(a, {z, a, a}).index, 1);
  o = classify(not_a, {a, not_a});
  EXPECT_EQ(o.kind, Outcome::Kind::Pattern);
  EXPECT_EQ(o.index, 1);

  EXPECT_STREQ(outcome_kind_name(Outcome::Kind::Pattern), "pattern");
  EXPECT_STREQ(outcome_kind_name(Outcome::Kind::Inverse), "inverse");
  EXPECT_STREQ(outcome_kind_name(Outcome::Kind::Spurious), "spurious");
  EXPECT_STREQ(outcome_kind_name(Outcome::Kind::Cycle), "cycle");
  EXPECT_STREQ(outcome_kind_name(Outcome::Kind::Unfinished), "unfinished");
}

TEST(Hopfield, DeformFlipsExactlyKDistinctPixels) {
  const State x = random_state(40, 8);
  for (int k = -3; k <= 45; ++k) {
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      const State y = deform(x, k, seed);
      ASSERT_EQ(y.size(), x.size());
      int changed = 0;
      for (size_t i = 0; i < x.size(); ++i) changed += x[i] != y[i];
      EXPECT_EQ(changed, std::clamp(k, 0, 40)) << "k=" << k << " seed=" << seed;
      EXPECT_EQ(deform(x, k, seed), y);
    }
  }
  EXPECT_NE(deform(x, 5, 1), deform(x, 5, 2));
}

// Pinned outputs: the same seeds must give the same states natively and in wasm.
TEST(Hopfield, SeededStatesArePinned) {
  EXPECT_EQ(grid(random_state(16, 42), 16), "XOOOOXOXOXOOXXXO/");
  EXPECT_EQ(grid(deform(State(16, -1), 4, 42), 16), "OOOXOXOXOOOXOOOO/");
  const std::vector<State> ps = random_patterns(2, 16, 3);
  EXPECT_EQ(grid(sweep_asynchronous(hebbian_weights(ps, 16), random_state(16, 5), 42), 16), "OOOXOOOOOXXOXOXX/");
}

TEST(Hopfield, RandomStatesAreBalancedPlusMinusOne) {
  const State x = random_state(10000, 3);
  int plus = 0;
  for (int8_t v : x) {
    ASSERT_TRUE(v == 1 || v == -1);
    plus += v == 1;
  }
  EXPECT_NEAR(plus, 5000, 300);
  EXPECT_EQ(random_state(100, 3), random_state(100, 3));
  EXPECT_NE(random_state(100, 3), random_state(100, 4));
}

}  // namespace
}  // namespace hebblab
