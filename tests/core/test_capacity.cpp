// Tests for the capacity experiment: the lecture's curve (near-perfect recall well below 0.138 N, failure well
// above), reproducibility and independence of each P value, user patterns, and the text forms.
#include "core/capacity.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/letters.h"

namespace hebblab {
namespace {

std::vector<CapacityPoint> run(CapacityExperiment& e) {
  while (e.step()) {
  }
  return e.points();
}

CapacityConfig lecture_config() {
  CapacityConfig c;
  c.n_neurons = 100;
  c.noise = 0.10;
  c.trials = 200;
  c.mode = UpdateMode::Asynchronous;
  c.seed = 1;
  return c;
}

// N = 100, 10% of the pixels flipped, asynchronous recall, 200 trials per P.
TEST(Capacity, RecallIsReliableAtFivePatternsAndFailsAtTwentyFive) {
  CapacityConfig c = lecture_config();
  c.p_max = 25;
  CapacityExperiment full(c);
  const std::vector<CapacityPoint> points = run(full);
  ASSERT_EQ(points.size(), 25u);
  EXPECT_EQ(points[4].p, 5);
  EXPECT_GE(points[4].recalled, 0.95);
  EXPECT_EQ(points[24].p, 25);
  EXPECT_LE(points[24].recalled, 0.25);

  // Each P value is seeded on its own: a shorter run gives the same first points.
  c.p_max = 5;
  CapacityExperiment part(c);
  const std::vector<CapacityPoint> first = run(part);
  ASSERT_EQ(first.size(), 5u);
  for (size_t k = 0; k < first.size(); ++k) {
    EXPECT_EQ(first[k].p, points[k].p);
    EXPECT_EQ(first[k].recalled, points[k].recalled) << "P=" << first[k].p;
  }
}

TEST(Capacity, SameSeedSameCurveOtherSeedOtherCurve) {
  CapacityConfig c;
  c.n_neurons = 36;
  c.p_max = 8;
  c.trials = 40;
  c.noise = 0.15;
  c.mode = UpdateMode::Synchronous;
  c.seed = 5;
  CapacityExperiment a(c), b(c);
  const std::vector<CapacityPoint> pa = run(a), pb = run(b);
  c.seed = 6;
  CapacityExperiment other(c);
  const std::vector<CapacityPoint> po = run(other);
  bool any_different = false;
  for (size_t k = 0; k < pa.size(); ++k) {
    EXPECT_EQ(pa[k].recalled, pb[k].recalled);
    any_different |= pa[k].recalled != po[k].recalled;
  }
  EXPECT_TRUE(any_different);
}

// Pinned: the same configuration must give this curve natively and in wasm.
TEST(Capacity, CurveIsPinned) {
  CapacityConfig c;
  c.n_neurons = 36;
  c.p_max = 6;
  c.trials = 50;
  c.seed = 3;
  c.noise = 0.2;
  CapacityExperiment e(c);
  EXPECT_EQ(format_capacity_points(run(e)), "1:1 2:1 3:1 4:0.96 5:0.82 6:0.82");
}

TEST(Capacity, StepsOnePValueAtATimeWithProgress) {
  CapacityConfig c;
  c.n_neurons = 25;
  c.p_max = 3;
  c.trials = 10;
  CapacityExperiment e(c);
  EXPECT_EQ(e.progress(), 0.0);
  EXPECT_FALSE(e.done());
  EXPECT_TRUE(e.step());
  EXPECT_NEAR(e.progress(), 1.0 / 3.0, 1e-12);
  ASSERT_EQ(e.points().size(), 1u);
  EXPECT_EQ(e.points()[0].p, 1);
  EXPECT_TRUE(e.step());
  EXPECT_FALSE(e.step());
  EXPECT_TRUE(e.done());
  EXPECT_EQ(e.progress(), 1.0);
  EXPECT_FALSE(e.step());
  EXPECT_EQ(e.points().size(), 3u);
}

TEST(Capacity, UserPatternsAreUsedInOrderAndCapPMax) {
  CapacityConfig c;
  c.n_neurons = 25;
  c.p_max = 10;
  c.noise = 0.08;  // 2 of 25 pixels: every such deformation of A or Z is recalled
  c.trials = 50;
  c.user_patterns = {lecture_letter_a().cells, lecture_letter_z().cells};
  CapacityExperiment e(c);
  EXPECT_EQ(e.config().p_max, 2);
  const std::vector<CapacityPoint> points = run(e);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].recalled, 1.0);
  EXPECT_EQ(points[1].recalled, 1.0);
}

TEST(Capacity, NoNoiseAndOnePatternAlwaysRecalls) {
  CapacityConfig c;
  c.n_neurons = 50;
  c.p_max = 1;
  c.noise = 0;
  c.trials = 20;
  CapacityExperiment e(c);
  EXPECT_EQ(run(e)[0].recalled, 1.0);
}

TEST(Capacity, LectureLimits) {
  EXPECT_NEAR(capacity_limit_hebbian(100), 13.8, 1e-12);
  EXPECT_NEAR(capacity_limit_perfect(100), 100.0 / (2.0 * std::log(100.0)), 1e-12);
  EXPECT_NEAR(capacity_limit_perfect(1024), 73.87, 0.01);
}

TEST(Capacity, ConfigTextMatchesTheDocumentedForm) {
  EXPECT_EQ(format_capacity_config(CapacityConfig{}),
            "n=100 p_max=25 noise=0.1 trials=200 seed=1 mode=async max_steps=50");
  CapacityConfig c;
  c.n_neurons = 3;
  c.mode = UpdateMode::Synchronous;
  c.seed = 18446744073709551615ull;
  c.user_patterns = {{1, -1, 1}, {-1, -1, 1}};
  EXPECT_EQ(format_capacity_config(c),
            "n=3 p_max=25 noise=0.1 trials=200 seed=18446744073709551615 mode=sync max_steps=50 user=XOX,OOX");
}

TEST(Capacity, ConfigRoundTrip) {
  CapacityConfig c;
  c.n_neurons = 4;
  c.p_max = 3;
  c.noise = 0.123456789;
  c.trials = 17;
  c.seed = 99;
  c.mode = UpdateMode::Synchronous;
  c.max_steps = 7;
  c.user_patterns = {{1, 1, -1, -1}, {-1, 1, -1, 1}, {1, 1, 1, 1}};
  CapacityConfig back;
  std::string error;
  ASSERT_TRUE(parse_capacity_config(format_capacity_config(c), &back, &error)) << error;
  EXPECT_EQ(back.n_neurons, c.n_neurons);
  EXPECT_EQ(back.p_max, c.p_max);
  EXPECT_EQ(back.noise, c.noise);
  EXPECT_EQ(back.trials, c.trials);
  EXPECT_EQ(back.seed, c.seed);
  EXPECT_EQ(back.mode, c.mode);
  EXPECT_EQ(back.max_steps, c.max_steps);
  EXPECT_EQ(back.user_patterns, c.user_patterns);
  // Keys in any order, lowercase states, missing keys keep their defaults.
  ASSERT_TRUE(parse_capacity_config("user=xo,Ox  n=2\n", &back, &error)) << error;
  EXPECT_EQ(back.n_neurons, 2);
  EXPECT_EQ(back.user_patterns, (std::vector<State>{{1, -1}, {-1, 1}}));
  EXPECT_EQ(back.trials, 200);
}

TEST(Capacity, ConfigParseRejectsGarbageWithAMessage) {
  for (const char* text :
       {"hello", "=5", "n=", "n=abc", "n=0", "n=12x", "n=100000", "p_max=0", "noise=1.5", "noise=-0.1", "noise=nan",
        "trials=0", "seed=-1", "seed=1.5", "mode=fast", "max_steps=0", "bogus=1", "n=5 n=5", "n=3 user=XXA",
        "n=3 user=XXXX", "n=3 user=", "n=3 user=XXX,", "n=+5"}) {
    CapacityConfig c;
    c.trials = 7;
    std::string error;
    EXPECT_FALSE(parse_capacity_config(text, &c, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
    EXPECT_EQ(c.trials, 7) << text << ": the output was touched";
  }
  CapacityConfig c;
  EXPECT_FALSE(parse_capacity_config("mode=fast", &c, nullptr));
}

TEST(Capacity, PointsRoundTripAndRejectGarbage) {
  const std::vector<CapacityPoint> points = {{1, 1.0}, {2, 0.995}, {3, 1.0 / 3.0}, {4, 0.0}};
  const std::string text = format_capacity_points(points);
  EXPECT_EQ(text.substr(0, 12), "1:1 2:0.995 ");
  const std::vector<CapacityPoint> back = parse_capacity_points(text);
  ASSERT_EQ(back.size(), points.size());
  for (size_t k = 0; k < points.size(); ++k) {
    EXPECT_EQ(back[k].p, points[k].p);
    EXPECT_EQ(back[k].recalled, points[k].recalled);
  }
  EXPECT_TRUE(parse_capacity_points("").empty());
  for (const char* bad : {"1:x", "abc", "1:2", "0:0.5", "1:0.5 2", "1:0.5 :3", "1:-0.1"})
    EXPECT_TRUE(parse_capacity_points(bad).empty()) << bad;
}

}  // namespace
}  // namespace hebblab
