// The project's own exp, log and tanh (portable_math.h) against the C library's: within a few units in the last place
// of double over the ranges training meets, and the special values.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/nn/portable_math.h"
#include "core/rng.h"

namespace hebblab {
namespace {

// |a - b| in units of the last place of b.
double ulps(double a, double b) {
  if (a == b) return 0;
  return std::fabs(a - b) / (std::nextafter(std::fabs(b), std::numeric_limits<double>::infinity()) - std::fabs(b));
}

TEST(PortableMath, CloseToTheLibrarysOverTheRangesTrainingMeets) {
  Rng rng(3);
  double worst_exp = 0, worst_log = 0, worst_tanh = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = (rng.uniform() * 2 - 1) * 700;  // exp: the whole range short of overflow
    worst_exp = std::max(worst_exp, ulps(portable_exp(x), std::exp(x)));
    const double small = (rng.uniform() * 2 - 1) * 30;  // softmax and loss arguments, tanh's interesting part
    worst_exp = std::max(worst_exp, ulps(portable_exp(small), std::exp(small)));
    worst_tanh = std::max(worst_tanh, ulps(portable_tanh(small), std::tanh(small)));
    const double tiny = (rng.uniform() * 2 - 1) * 0.05;  // tanh's series and the switch to exp
    worst_tanh = std::max(worst_tanh, ulps(portable_tanh(tiny), std::tanh(tiny)));
    const double y = std::ldexp(rng.uniform() + 0.5, int(rng.below(200)) - 100);  // log: 2^-100 .. 2^100
    worst_log = std::max(worst_log, ulps(portable_log(y), std::log(y)));
  }
  EXPECT_LE(worst_exp, 4);
  EXPECT_LE(worst_log, 4);
  EXPECT_LE(worst_tanh, 4);
}

TEST(PortableMath, SpecialValues) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(portable_exp(0), 1.0);
  EXPECT_EQ(portable_exp(1000), inf);
  EXPECT_EQ(portable_exp(-inf), 0.0);
  EXPECT_EQ(portable_exp(inf), inf);
  EXPECT_TRUE(std::isnan(portable_exp(nan)));
  EXPECT_GT(portable_exp(-740), 0.0);  // a subnormal, not zero
  EXPECT_EQ(portable_log(1), 0.0);
  EXPECT_EQ(portable_log(0), -inf);
  EXPECT_EQ(portable_log(inf), inf);
  EXPECT_TRUE(std::isnan(portable_log(-1)));
  EXPECT_NEAR(portable_log(std::numeric_limits<double>::denorm_min()), -744.44007192138126, 1e-12);
  EXPECT_EQ(portable_tanh(0), 0.0);
  EXPECT_EQ(portable_tanh(50), 1.0);
  EXPECT_EQ(portable_tanh(-50), -1.0);
  EXPECT_TRUE(std::signbit(portable_tanh(-0.0)));
}

}  // namespace
}  // namespace hebblab
