// The capacity experiment: store P = 1..p_max patterns in an N-neuron network, start from a stored pattern with a
// fraction of its pixels flipped, and count how often recall returns exactly that pattern. Runs in bounded steps
// (one P value each) so a job runner can report progress and cancel between steps.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hopfield.h"

namespace hebblab {

struct CapacityConfig {
  int n_neurons = 100;
  int p_max = 25;
  double noise = 0.10;   // fraction of the N pixels flipped in the probe
  int trials = 200;      // per P value
  uint64_t seed = 1;
  UpdateMode mode = UpdateMode::Asynchronous;
  int max_steps = 50;
  // When non-empty, the experiment uses these patterns (the user's own, all of length n_neurons) in order instead of
  // random ones, and p_max is capped at their count.
  std::vector<State> user_patterns;
};

struct CapacityPoint {
  int p = 0;
  double recalled = 0;  // fraction of trials that ended exactly on the probed pattern
};

class CapacityExperiment {
 public:
  explicit CapacityExperiment(CapacityConfig config);
  // Run the next P value; false once all are done.
  bool step();
  bool done() const;
  double progress() const;  // 0..1
  const std::vector<CapacityPoint>& points() const { return points_; }
  const CapacityConfig& config() const { return config_; }

 private:
  CapacityConfig config_;
  std::vector<CapacityPoint> points_;
};

// The lecture's reference marks on the P axis: 0.138 N and N / (2 ln N).
double capacity_limit_hebbian(int n);     // 0.138 N
double capacity_limit_perfect(int n);     // N / (2 ln N)

// Text forms, so a configuration and a result cross the worker boundary and fit a settings file:
// "n=100 p_max=25 noise=0.1 trials=200 seed=1 mode=async max_steps=50 [user=XOXO...,OXXO...]"
std::string format_capacity_config(const CapacityConfig& c);
bool parse_capacity_config(std::string_view text, CapacityConfig* out, std::string* error);
// "1:1 2:0.995 ..." (p:fraction pairs)
std::string format_capacity_points(const std::vector<CapacityPoint>& points);
std::vector<CapacityPoint> parse_capacity_points(std::string_view text);

}  // namespace hebblab
