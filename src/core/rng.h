// Deterministic random numbers that give the same sequence natively and in wasm (std:: distributions do not).
// SplitMix64; every seeded experiment in HebbLab draws from this.
#pragma once
#include <cstdint>

namespace hebblab {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next_u64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; the bias is below 2^-32 for n < 2^32).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next_u64() >> 32) * n) >> 32); }
  // Uniform double in [0, 1).
  double uniform() { return static_cast<double>(next_u64() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t state_;
};

}  // namespace hebblab
