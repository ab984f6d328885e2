// exp, log and tanh that give the same bits in every build. The C library's do not: glibc (natively) and musl
// (Emscripten) round some results differently, which a training run carries into every weight. These use only
// +, -, *, / and exact scaling by powers of two, in one fixed order, compiled without fused multiply-adds
// (-ffp-contract=off), so they are IEEE-exact operations everywhere; within a few ulp of the true value in double.
#pragma once

namespace hebblab {

double portable_exp(double x);
double portable_log(double x);  // NaN below 0, -inf at 0
double portable_tanh(double x);

}  // namespace hebblab
