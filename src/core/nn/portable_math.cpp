#include "portable_math.h"

#include <cmath>
#include <limits>

namespace hebblab {
namespace {

// ln 2 split so that k * kLn2High is exact for |k| < 2^11 (its low 32 bits are zero), as in fdlibm.
constexpr double kLn2High = 6.93147180369123816490e-01, kLn2Low = 1.90821492927058770002e-10;
constexpr double kLog2E = 1.44269504088896338700e+00;

}  // namespace

// exp(x) = 2^k exp(r), k = round(x / ln 2), |r| <= ln(2) / 2; exp(r) by its Taylor series to r^14 / 14! (the next
// term is below 2^-60 of the sum).
double portable_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  const double k = std::floor(x * kLog2E + 0.5);
  const double r = (x - k * kLn2High) - k * kLn2Low;
  double sum = 1.0;
  for (int n = 14; n >= 1; --n) sum = 1.0 + sum * r / n;  // Horner: 1 + r/1 (1 + r/2 (1 + ... (1 + r/14)))
  return std::ldexp(sum, static_cast<int>(k));  // exact (or correctly rounded into the subnormals)
}

// x = 2^e m with m in [sqrt(1/2), sqrt(2)); log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1),
// |s| <= 0.172, to s^25 / 25 (the next term is below 2^-63 of the sum).
double portable_log(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // exact: m in [0.5, 1)
  if (m < 0.70710678118654752440) m *= 2, --e;
  const double s = (m - 1) / (m + 1), s2 = s * s;
  double series = 1.0 / 25;
  for (int n = 23; n >= 1; n -= 2) series = 1.0 / n + s2 * series;
  return e * kLn2High + (2 * s * series + e * kLn2Low);
}

// tanh(x) = sign(x) (1 - e) / (1 + e), e = exp(-2|x|). Below |x| = 0.55, where 1 - e would cancel, the same with
// m = e - 1 from its own Taylor series (to t^20 / 20!, t = -2|x|): tanh = -m / (2 + m).
double portable_tanh(double x) {
  if (std::isnan(x) || x == 0) return x;
  const double a = std::fabs(x);
  if (a > 20) return std::copysign(1.0, x);
  if (a < 0.55) {
    const double t = -2 * a;
    double m = 1.0;
    for (int n = 20; n >= 2; --n) m = 1.0 + m * t / n;
    m *= t;
    return std::copysign(-m / (2 + m), x);
  }
  const double e = portable_exp(-2 * a);
  return std::copysign((1 - e) / (1 + e), x);
}

}  // namespace hebblab
