// The capacity experiment and its text forms. Every trial's randomness comes from a seed derived from
// (config.seed, P, trial), so a curve is reproducible and each P value can be run on its own.
#include "capacity.h"

#include <algorithm>
#include <cmath>

#include "config_text.h"
#include "limits.h"
#include "rng.h"

namespace hebblab {
namespace {

// Each Rng(x).next_u64() is a bijective mix of x, so chaining it gives well-spread, independent seeds.
uint64_t trial_seed(uint64_t seed, int p, int trial) {
  uint64_t h = Rng(seed).next_u64();
  h = Rng(h ^ uint64_t(p)).next_u64();
  return Rng(h ^ uint64_t(trial)).next_u64();
}

constexpr int kMaxNeurons = limits::kMaxHopfieldSide * limits::kMaxHopfieldSide;

bool parse_user_patterns(std::string_view text, int n, std::vector<State>* out, std::string* error) {
  for (const std::string_view item : split(text, ',')) {
    if (out->size() == size_t(limits::kMaxPatterns)) {
      *error = "more than " + std::to_string(limits::kMaxPatterns) + " user patterns (HebbLab's limit)";
      return false;
    }
    const std::string which = "user pattern " + std::to_string(out->size() + 1);
    State s;
    for (char c : item) {
      if (c == 'X' || c == 'x') s.push_back(1);
      else if (c == 'O' || c == 'o') s.push_back(-1);
      else {
        *error = which + ": unexpected character '" + std::string(1, c) + "' (states are made of X and O)";
        return false;
      }
    }
    if (static_cast<int>(s.size()) != n) {
      *error = which + " has " + std::to_string(s.size()) + " cells, n=" + std::to_string(n);
      return false;
    }
    out->push_back(std::move(s));
  }
  return true;
}

}  // namespace

CapacityExperiment::CapacityExperiment(CapacityConfig config) : config_(std::move(config)) {
  if (!config_.user_patterns.empty())
    config_.p_max = std::min(config_.p_max, static_cast<int>(config_.user_patterns.size()));
  config_.p_max = std::max(config_.p_max, 0);
}

bool CapacityExperiment::step() {
  if (done()) return false;
  const int p = static_cast<int>(points_.size()) + 1;
  const int n = config_.n_neurons;
  const int flips = static_cast<int>(std::lround(config_.noise * n));
  const bool user = !config_.user_patterns.empty();
  std::vector<State> patterns;
  HebbianWeights w;
  if (user) {
    // The user's patterns are the same in every trial: one set of weights serves them all.
    patterns.assign(config_.user_patterns.begin(), config_.user_patterns.begin() + p);
    w = hebbian_weights(patterns, n);
  }
  int recalled = 0;
  for (int trial = 0; trial < config_.trials; ++trial) {
    Rng rng(trial_seed(config_.seed, p, trial));
    if (!user) {
      patterns.clear();
      for (int mu = 0; mu < p; ++mu) patterns.push_back(random_state(n, rng.next_u64()));
      w = hebbian_weights(patterns, n);
    }
    const State& probe = patterns[rng.below(static_cast<uint32_t>(p))];
    const State start = deform(probe, flips, rng.next_u64());
    RecallConfig rc;
    rc.mode = config_.mode;
    rc.max_steps = config_.max_steps;
    rc.seed = rng.next_u64();
    if (recall(w, patterns, start, rc).states.back() == probe) ++recalled;
  }
  points_.push_back({p, config_.trials > 0 ? double(recalled) / config_.trials : 0.0});
  return !done();
}

bool CapacityExperiment::done() const { return static_cast<int>(points_.size()) >= config_.p_max; }

double CapacityExperiment::progress() const {
  return config_.p_max > 0 ? double(points_.size()) / config_.p_max : 1.0;
}

double capacity_limit_hebbian(int n) { return 0.138 * n; }

double capacity_limit_perfect(int n) { return n >= 2 ? n / (2.0 * std::log(double(n))) : 0.0; }

std::string format_capacity_config(const CapacityConfig& c) {
  std::string out = "n=" + std::to_string(c.n_neurons) + " p_max=" + std::to_string(c.p_max) +
                    " noise=" + format_double(c.noise) + " trials=" + std::to_string(c.trials) +
                    " seed=" + std::to_string(c.seed) +
                    " mode=" + (c.mode == UpdateMode::Synchronous ? "sync" : "async") +
                    " max_steps=" + std::to_string(c.max_steps);
  for (size_t k = 0; k < c.user_patterns.size(); ++k) {
    out += k == 0 ? " user=" : ",";
    for (int8_t v : c.user_patterns[k]) out += v > 0 ? 'X' : 'O';
  }
  return out;
}

bool parse_capacity_config(std::string_view text, CapacityConfig* out, std::string* error) {
  std::string local_error;
  std::string& err = error ? *error : local_error;
  CapacityConfig c;
  std::string_view user_text;
  bool has_user = false;
  const auto visit = [&](const std::string& key, std::string_view value) {
    bool ok = true;
    if (key == "n") ok = parse_int(value, &c.n_neurons) && c.n_neurons >= 1 && c.n_neurons <= kMaxNeurons;
    else if (key == "p_max") ok = parse_int(value, &c.p_max) && c.p_max >= 1 && c.p_max <= limits::kMaxPatterns;
    else if (key == "noise") ok = parse_double(value, &c.noise) && c.noise >= 0 && c.noise <= 1;
    else if (key == "trials") ok = parse_int(value, &c.trials) && c.trials >= 1;
    else if (key == "seed") ok = parse_int(value, &c.seed);
    else if (key == "mode") {
      ok = value == "sync" || value == "async";
      c.mode = value == "sync" ? UpdateMode::Synchronous : UpdateMode::Asynchronous;
    } else if (key == "max_steps") ok = parse_int(value, &c.max_steps) && c.max_steps >= 1;
    else if (key == "user") {
      user_text = value;
      has_user = true;
    } else {
      return KeyValue::UnknownKey;
    }
    return ok ? KeyValue::Ok : KeyValue::BadValue;
  };
  if (!parse_key_values(text, "capacity config", visit, &err)) return false;
  // n may come after user=, so the patterns are checked once every key is known.
  if (has_user && !parse_user_patterns(user_text, c.n_neurons, &c.user_patterns, &err)) {
    err = "capacity config: " + err;
    return false;
  }
  *out = std::move(c);
  return true;
}

std::string format_capacity_points(const std::vector<CapacityPoint>& points) {
  std::string out;
  for (const CapacityPoint& pt : points) {
    if (!out.empty()) out += ' ';
    out += std::to_string(pt.p) + ":" + format_double(pt.recalled);
  }
  return out;
}

std::vector<CapacityPoint> parse_capacity_points(std::string_view text) {
  // All or nothing: a damaged result yields no points rather than a curve with holes.
  std::vector<CapacityPoint> points;
  for (const std::string_view token : split_words(text)) {
    const size_t colon = token.find(':');
    CapacityPoint pt;
    if (colon == std::string_view::npos || !parse_int(token.substr(0, colon), &pt.p) || pt.p < 1 ||
        !parse_double(token.substr(colon + 1), &pt.recalled) || pt.recalled < 0 || pt.recalled > 1)
      return {};
    points.push_back(pt);
  }
  return points;
}

}  // namespace hebblab
