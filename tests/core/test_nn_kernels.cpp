// The fast kernels (im2col + GEMM) against the reference loops, on random shapes including odd sizes, strides and
// both paddings; and the window geometry against Keras's padding rules. Tolerances: float 1e-5 relative to the
// largest magnitude of the result (GEMM sums in another order), double 1e-12.
#include "core/nn/kernels.h"

#include "core/nn/activations.h"
#include "core/nn/conv2d_direct.h"
#include "core/nn/simd.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

template <typename T>
constexpr double kTolerance = std::is_same_v<T, float> ? 1e-5 : 1e-12;

template <typename T>
void expect_close(const std::vector<T>& fast, const std::vector<T>& reference, const char* what) {
  ASSERT_EQ(fast.size(), reference.size()) << what;
  double scale = 1;
  for (T v : reference) scale = std::max(scale, double(std::abs(v)));
  for (size_t i = 0; i < fast.size(); ++i)
    ASSERT_NEAR(double(fast[i]), double(reference[i]), kTolerance<T> * scale) << what << " at " << i;
}

// A forward pass with ReLU fused into its stores gives activation_forward's ReLU of the plain pass, bit for bit.
template <typename T>
void expect_relu_of(const std::vector<T>& fused, std::vector<T> plain, const char* what) {
  activation_forward(Activation::Relu, int64_t(plain.size()), 1, plain.data(), plain.data());
  ASSERT_EQ(fused.size(), plain.size()) << what;
  for (size_t i = 0; i < fused.size(); ++i) {
    ASSERT_EQ(fused[i], plain[i]) << what << " at " << i;
    ASSERT_FALSE(std::signbit(fused[i])) << what << " at " << i;  // +0, never -0
  }
}

struct ConvCase {
  int n, h, w, c, kh, kw, sh, sw, filters;
  Padding padding;
};

// Hand-picked odd cases, then random ones.
std::vector<ConvCase> conv_cases() {
  std::vector<ConvCase> cases = {
      {2, 7, 5, 3, 3, 2, 1, 1, 4, Padding::Valid}, {1, 9, 8, 2, 3, 3, 2, 2, 5, Padding::Same},
      {3, 6, 7, 1, 1, 1, 1, 1, 3, Padding::Valid}, {2, 5, 5, 4, 4, 4, 3, 3, 2, Padding::Same},
      {1, 11, 3, 3, 5, 3, 2, 1, 7, Padding::Same}, {2, 28, 28, 1, 3, 3, 1, 1, 8, Padding::Valid},
      // Large enough that the fast kernels work in chunks of images: 3 chunks of 1; chunks of 4 and 1.
      {3, 24, 24, 16, 3, 3, 1, 1, 4, Padding::Valid}, {5, 25, 23, 12, 3, 3, 2, 1, 5, Padding::Same},
  };
  Rng rng(2024);
  for (int k = 0; k < 20; ++k) {
    ConvCase c;
    c.n = 1 + int(rng.below(3)), c.h = 1 + int(rng.below(12)), c.w = 1 + int(rng.below(12));
    c.c = 1 + int(rng.below(5)), c.kh = 1 + int(rng.below(5)), c.kw = 1 + int(rng.below(5));
    c.sh = 1 + int(rng.below(3)), c.sw = 1 + int(rng.below(3)), c.filters = 1 + int(rng.below(6));
    c.padding = rng.below(2) ? Padding::Same : Padding::Valid;
    cases.push_back(c);
  }
  return cases;
}

template <typename T>
void check_conv(const ConvCase& k, uint64_t seed, Numerics numerics = Numerics::Fast) {
  const Window2D g = make_window(k.n, k.h, k.w, k.c, k.kh, k.kw, k.sh, k.sw, k.padding);
  if (g.oh <= 0 || g.ow <= 0) return;  // a 'valid' window larger than the input: no output to compare
  const int64_t in = int64_t(k.n) * k.h * k.w * k.c, out = g.out_pixels() * k.filters, ks = g.patch() * k.filters;
  const auto x = test::random_values<T>(in, seed), kernel = test::random_values<T>(ks, seed + 1);
  const auto bias = test::random_values<T>(k.filters, seed + 2), dy = test::random_values<T>(out, seed + 3);

  std::vector<T> y_ref(static_cast<size_t>(out)), y(static_cast<size_t>(out)),
      cols(static_cast<size_t>(conv2d_workspace(g, k.filters, numerics)));
  conv2d_forward_reference(g, k.filters, x.data(), kernel.data(), bias.data(), y_ref.data());
  conv2d_forward(g, k.filters, x.data(), kernel.data(), bias.data(), cols.data(), y.data(), numerics);
  expect_close(y, y_ref, "conv2d forward");
  // Both passes into one buffer: Eigen's small products round by the output's alignment.
  std::vector<T> fused(y.size());
  conv2d_forward(g, k.filters, x.data(), kernel.data(), bias.data(), cols.data(), fused.data(), numerics);
  const std::vector<T> plain = fused;
  conv2d_forward(g, k.filters, x.data(), kernel.data(), bias.data(), cols.data(), fused.data(), numerics,
                 static_cast<T*>(nullptr), true);
  expect_relu_of(fused, plain, "conv2d forward with ReLU");

  std::vector<T> dk_ref(static_cast<size_t>(ks)), db_ref(static_cast<size_t>(k.filters)),
      dx_ref(static_cast<size_t>(in));
  std::vector<T> dk(static_cast<size_t>(ks)), db(static_cast<size_t>(k.filters)),
      dx(static_cast<size_t>(in), T(123));  // dx must be overwritten
  conv2d_backward_reference(g, k.filters, x.data(), kernel.data(), dy.data(), dk_ref.data(), db_ref.data(),
                            dx_ref.data());
  conv2d_backward(g, k.filters, x.data(), kernel.data(), dy.data(), cols.data(), dk.data(), db.data(), dx.data(),
                  numerics);
  expect_close(dk, dk_ref, "conv2d dkernel");
  expect_close(db, db_ref, "conv2d dbias");
  expect_close(dx, dx_ref, "conv2d dx");
}

TEST(NnKernels, Conv2dFastMatchesReference) {
  uint64_t seed = 1;
  for (const ConvCase& k : conv_cases()) {
    SCOPED_TRACE(testing::Message() << "n=" << k.n << " h=" << k.h << " w=" << k.w << " c=" << k.c << " k=" << k.kh
                                    << "x" << k.kw << " s=" << k.sh << "x" << k.sw << " f=" << k.filters
                                    << (k.padding == Padding::Same ? " same" : " valid"));
    check_conv<float>(k, seed);
    check_conv<float>(k, seed, Numerics::Reproducible);
    check_conv<double>(k, seed);
    seed += 10;
  }
}

// The two builds of the direct kernels (conv2d_direct.h), for the test below.
struct DirectKernels {
  Numerics numerics;
  int lanes;
  bool (*applies)(const Window2D&, int);
  bool (*input_gradient_applies)(const Window2D&, int);
  bool (*winograd_forward)(const Window2D&, int);
  bool (*winograd_input_gradient)(const Window2D&, int);
  bool (*winograd_kernel_gradient)(const Window2D&, int);
};
const DirectKernels kDirect[] = {
    {Numerics::Fast, simd::kLanes, direct::applies, direct::input_gradient_applies, direct::winograd_forward,
     direct::winograd_input_gradient, direct::winograd_kernel_gradient},
    {Numerics::Reproducible, simd4::kLanes, direct4::applies, direct4::input_gradient_applies,
     direct4::winograd_forward, direct4::winograd_input_gradient, direct4::winograd_kernel_gradient},
};

// Shapes the direct float kernels take (filters and, for the input gradient, input channels in whole SIMD vectors):
// the lecture's two layers, 'same' padding, strides (input gradient by GEMM), rows left over by the register tiles,
// filters of one vector and of three; 3x3 windows with even and odd output sizes (Winograd or not), and one image
// whose output sizes are multiples of 4 (F(4x4, 3x3): the lecture's second layer in the CNN lab; 'same' padding) or of
// 3 only (F(3x3, 3x3): odd sizes, 'same' padding). For both builds.
TEST(NnKernels, Conv2dDirectMatchesReference) {
  for (const DirectKernels& kernels : kDirect) {
    SCOPED_TRACE(kernels.numerics == Numerics::Fast ? "fast" : "reproducible");
    const int v = kernels.lanes;
    const ConvCase cases[] = {
        {3, 28, 28, 1, 3, 3, 1, 1, 2 * v, Padding::Valid},  {2, 26, 26, 2 * v, 3, 3, 1, 1, 2 * v, Padding::Valid},
        {2, 9, 13, v, 3, 3, 1, 1, 3 * v, Padding::Same},    {2, 11, 10, 2 * v, 3, 2, 2, 1, v, Padding::Same},
        {1, 7, 9, v, 5, 4, 1, 1, 4 * v, Padding::Same},     {1, 6, 17, 3, 2, 5, 1, 3, 2 * v, Padding::Valid},
        {2, 8, 10, v, 3, 3, 1, 1, 2 * v, Padding::Same},    {1, 12, 6, 2 * v, 3, 3, 1, 1, v, Padding::Valid},
        {1, 9, 9, v, 3, 3, 1, 1, v, Padding::Valid},        {1, 3, 3, 2, 3, 3, 1, 1, 10 * v, Padding::Valid},
        {1, 26, 26, 2 * v, 3, 3, 1, 1, 2 * v, Padding::Valid}, {1, 11, 17, v, 3, 3, 1, 1, 3 * v, Padding::Valid},
        {1, 9, 12, 2 * v, 3, 3, 1, 1, v, Padding::Same},       {1, 8, 12, v, 3, 3, 1, 1, 2 * v, Padding::Same},
    };
    int winograd_forward = 0, winograd_input = 0;
    uint64_t seed = 500;
    for (const ConvCase& k : cases) {
      SCOPED_TRACE(testing::Message() << "n=" << k.n << " h=" << k.h << " w=" << k.w << " c=" << k.c << " k=" << k.kh
                                      << "x" << k.kw << " s=" << k.sh << "x" << k.sw << " f=" << k.filters);
      const Window2D g = make_window(k.n, k.h, k.w, k.c, k.kh, k.kw, k.sh, k.sw, k.padding);
      ASSERT_TRUE(kernels.applies(g, k.filters));
      EXPECT_EQ(kernels.input_gradient_applies(g, k.filters), k.sh == 1 && k.sw == 1 && k.c % v == 0);
      const bool winograd_shape = k.kh == 3 && k.kw == 3 && k.sh == 1 && k.sw == 1 && k.c % v == 0;
      const bool even = g.oh % 2 == 0 && g.ow % 2 == 0, thirds = k.n == 1 && g.oh % 3 == 0 && g.ow % 3 == 0;
      EXPECT_EQ(kernels.winograd_forward(g, k.filters), winograd_shape && (even || thirds));  // fourths are even
      EXPECT_EQ(kernels.winograd_input_gradient(g, k.filters), winograd_shape && k.h % 2 == 0 && k.w % 2 == 0);
      EXPECT_EQ(kernels.winograd_kernel_gradient(g, k.filters), winograd_shape && even);
      winograd_forward += kernels.winograd_forward(g, k.filters);
      winograd_input += kernels.winograd_input_gradient(g, k.filters);
      check_conv<float>(k, seed, kernels.numerics);
      seed += 10;
    }
    // 26 x 26 valid, 8 x 10 same, 12 x 6 valid; one image 26 x 26, 8 x 12 (F(4x4, 3x3)), 11 x 17, 9 x 12
    EXPECT_EQ(winograd_forward, 7);
    EXPECT_EQ(winograd_input, 5);
  }
}

// One image's forward pass keeps its transformed kernel in the caller's cache (conv2d_direct.h): the same kernel again
// gives the same bits as without a cache, and so does another kernel (if only in its last value) or a cache that the
// other build of the kernels filled; batches have no cache. 16 channels and 32 filters fill whole vectors in every
// build; the outputs, 9 x 12 and 8 x 12, take F(3x3, 3x3) and F(4x4, 3x3).
TEST(NnKernels, OneImageKeepsItsTransformedKernelWhileTheKernelIsUnchanged) {
  for (const int h : {11, 10}) {
    SCOPED_TRACE(h == 11 ? "F(3x3, 3x3)" : "F(4x4, 3x3)");
    const Window2D g = make_window(1, h, 14, 16, 3, 3, 1, 1, Padding::Valid);
    const int f = 32;
    const auto x = test::random_values<float>(h * 14 * 16, 1), bias = test::random_values<float>(f, 2);
    const auto first = test::random_values<float>(g.patch() * f, 3);
    auto second = test::random_values<float>(g.patch() * f, 4);
    std::vector<float> shared(static_cast<size_t>(std::max(conv2d_cache_size<float>(g, f, Numerics::Fast),
                                                           conv2d_cache_size<float>(g, f, Numerics::Reproducible))));
    for (const Numerics numerics : {Numerics::Fast, Numerics::Reproducible}) {
      SCOPED_TRACE(numerics == Numerics::Fast ? "fast" : "reproducible");
      ASSERT_GT(conv2d_cache_size<float>(g, f, numerics), 0);
      const Window2D batch = make_window(2, h, 14, 16, 3, 3, 1, 1, Padding::Valid);
      EXPECT_EQ(conv2d_cache_size<float>(batch, f, numerics), 0);  // training's batches keep no cache
      std::vector<float> cols(static_cast<size_t>(conv2d_workspace(g, f, numerics)));
      std::vector<float> cache(static_cast<size_t>(conv2d_cache_size<float>(g, f, numerics)));
      auto pass = [&](const std::vector<float>& kernel, float* kept) {
        std::vector<float> y(static_cast<size_t>(g.out_pixels() * f));
        conv2d_forward(g, f, x.data(), kernel.data(), bias.data(), cols.data(), y.data(), numerics, kept);
        return y;
      };
      std::vector<float> reference(static_cast<size_t>(g.out_pixels() * f));
      conv2d_forward_reference(g, f, x.data(), first.data(), bias.data(), reference.data());
      const std::vector<float> y = pass(first, cache.data());
      expect_close(y, reference, "first kernel");
      EXPECT_EQ(pass(first, cache.data()), y);
      EXPECT_EQ(pass(first, nullptr), y);
      EXPECT_EQ(pass(second, cache.data()), pass(second, nullptr));
      second.back() += 1;
      EXPECT_EQ(pass(second, cache.data()), pass(second, nullptr));
      EXPECT_EQ(pass(second, shared.data()), pass(second, nullptr));  // filled by the other build in the second round
    }
  }
}

TEST(NnKernels, Conv2dBackwardWithoutInputGradient) {
  const Window2D g = make_window(2, 6, 5, 3, 3, 3, 1, 1, Padding::Same);
  const int f = 4;
  const auto x = test::random_values<float>(2 * 6 * 5 * 3, 1), kernel = test::random_values<float>(g.patch() * f, 2);
  const auto bias = test::random_values<float>(f, 3), dy = test::random_values<float>(g.out_pixels() * f, 4);
  std::vector<float> cols(static_cast<size_t>(conv2d_workspace(g, f))), y(static_cast<size_t>(g.out_pixels() * f));
  std::vector<float> dk(static_cast<size_t>(g.patch() * f)), db(static_cast<size_t>(f)), dk_ref(dk), db_ref(db);
  conv2d_forward(g, f, x.data(), kernel.data(), bias.data(), cols.data(), y.data());
  conv2d_backward<float>(g, f, x.data(), kernel.data(), dy.data(), cols.data(), dk.data(), db.data(), nullptr);
  conv2d_backward_reference<float>(g, f, x.data(), kernel.data(), dy.data(), dk_ref.data(), db_ref.data(), nullptr);
  expect_close(dk, dk_ref, "dkernel");
  expect_close(db, db_ref, "dbias");
}

template <typename T>
void check_dense(int n, int d, int u, uint64_t seed, Numerics numerics = Numerics::Fast) {
  const auto x = test::random_values<T>(int64_t(n) * d, seed),
             kernel = test::random_values<T>(int64_t(d) * u, seed + 1);
  const auto bias = test::random_values<T>(u, seed + 2), dy = test::random_values<T>(int64_t(n) * u, seed + 3);
  std::vector<T> y_ref(static_cast<size_t>(n) * u), y(static_cast<size_t>(n) * u);
  dense_forward_reference(n, d, u, x.data(), kernel.data(), bias.data(), y_ref.data());
  dense_forward(n, d, u, x.data(), kernel.data(), bias.data(), y.data(), numerics);
  expect_close(y, y_ref, "dense forward");
  std::vector<T> fused(y.size());  // both passes into one buffer, as above
  dense_forward(n, d, u, x.data(), kernel.data(), bias.data(), fused.data(), numerics);
  const std::vector<T> plain = fused;
  dense_forward(n, d, u, x.data(), kernel.data(), bias.data(), fused.data(), numerics, true);
  expect_relu_of(fused, plain, "dense forward with ReLU");
  std::vector<T> dk_ref(static_cast<size_t>(d) * u), db_ref(static_cast<size_t>(u)), dx_ref(static_cast<size_t>(n) * d),
      dk(dk_ref), db(db_ref), dx(dx_ref);
  dense_backward_reference(n, d, u, x.data(), kernel.data(), dy.data(), dk_ref.data(), db_ref.data(), dx_ref.data());
  dense_backward(n, d, u, x.data(), kernel.data(), dy.data(), dk.data(), db.data(), dx.data(), numerics);
  expect_close(dk, dk_ref, "dense dkernel");
  expect_close(db, db_ref, "dense dbias");
  expect_close(dx, dx_ref, "dense dx");
}

TEST(NnKernels, DenseFastMatchesReference) {
  // One sample with many units (the single-pixel path of the direct kernels: 8 vectors, then single ones).
  const int shapes[][3] = {{1, 1, 1},     {3, 7, 5},      {32, 4608, 128}, {17, 33, 10},
                           {2, 129, 3},   {1, 300, 160},  {1, 4608, 128},  {2, 7, 48}};
  uint64_t seed = 100;
  for (const auto& s : shapes) {
    SCOPED_TRACE(testing::Message() << "n=" << s[0] << " d=" << s[1] << " u=" << s[2]);
    check_dense<float>(s[0], s[1], s[2], seed);
    check_dense<float>(s[0], s[1], s[2], seed, Numerics::Reproducible);
    check_dense<double>(s[0], s[1], s[2], seed);
    seed += 10;
  }
}

// One image through Dense skips the kernel rows of its zero inputs (most of them after ReLU and pooling). Inputs as
// ReLU leaves them, with a whole chunk of 512 zeros first: the result must be the reference's, and the same bits as
// the batch path's, which sums every row in the same order (a skipped zero only adds +-0).
TEST(NnKernels, OneImageDenseSkipsZeroInputsAndKeepsTheFullSumsBits) {
  const int shapes[][2] = {{4608, 128}, {1100, 48}, {700, 16}};  // units in whole vectors of every build
  uint64_t seed = 300;
  for (const auto& s : shapes)
    for (Numerics numerics : {Numerics::Fast, Numerics::Reproducible}) {
      const int d = s[0], u = s[1];
      SCOPED_TRACE(testing::Message() << "d=" << d << " u=" << u << " reproducible=" << (numerics != Numerics::Fast));
      std::vector<float> x = test::random_values<float>(d, seed++);
      for (int i = 0; i < d; ++i) x[size_t(i)] = i < 512 ? 0.0f : std::max(x[size_t(i)], 0.0f);
      const auto kernel = test::random_values<float>(int64_t(d) * u, seed++);
      const auto bias = test::random_values<float>(u, seed++);
      std::vector<float> twice(x);
      twice.insert(twice.end(), x.begin(), x.end());
      std::vector<float> one(size_t(u), 0.0f), batch(2 * size_t(u), 0.0f), reference(one);
      dense_forward(1, d, u, x.data(), kernel.data(), bias.data(), one.data(), numerics);
      dense_forward(2, d, u, twice.data(), kernel.data(), bias.data(), batch.data(), numerics);
      dense_forward_reference(1, d, u, x.data(), kernel.data(), bias.data(), reference.data());
      expect_close(one, reference, "one image");
      EXPECT_EQ(one, std::vector<float>(batch.begin(), batch.begin() + u));
    }
}

// The hand-written 4-wide GEMM against its plain twin: row-major A and A^T, overwrite and accumulate, sizes with
// leftover rows (M % 4) and columns (N % 8). Float tolerance as above.
TEST(NnKernels, Gemm4MatchesReference) {
  const int64_t shapes[][3] = {{1, 1, 1}, {4, 8, 3}, {5, 13, 7}, {33, 10, 64}, {32, 128, 300}, {7, 288, 32}};
  uint64_t seed = 500;
  for (const auto& s : shapes)
    for (bool transposed : {false, true})
      for (bool accumulate : {false, true}) {
        const int64_t m = s[0], n = s[1], k = s[2];
        SCOPED_TRACE(testing::Message() << "m=" << m << " n=" << n << " k=" << k << " transposed=" << transposed
                                        << " accumulate=" << accumulate);
        const std::vector<float> a = test::random_values<float>(m * k, seed++);
        const std::vector<float> b = test::random_values<float>(k * n, seed++);
        std::vector<float> fast = test::random_values<float>(m * n, seed++), reference = fast;
        const int64_t a_row = transposed ? 1 : k, a_col = transposed ? m : 1;
        gemm4(m, n, k, a.data(), a_row, a_col, b.data(), fast.data(), accumulate);
        gemm4_reference(m, n, k, a.data(), a_row, a_col, b.data(), reference.data(), accumulate);
        expect_close(fast, reference, "gemm4");
      }
}

TEST(NnKernels, WindowFollowsKerasPadding) {
  // 'valid': floor((n - k) / s) + 1, nothing around.
  Window2D g = make_window(1, 28, 28, 1, 3, 3, 1, 1, Padding::Valid);
  EXPECT_EQ(g.oh, 26);
  EXPECT_EQ(g.ow, 26);
  EXPECT_EQ(g.pad_top, 0);
  g = make_window(1, 7, 8, 1, 3, 3, 2, 2, Padding::Valid);
  EXPECT_EQ(g.oh, 3);
  EXPECT_EQ(g.ow, 3);
  EXPECT_EQ(make_window(1, 2, 2, 1, 3, 3, 1, 1, Padding::Valid).oh, 0);
  // 'same': ceil(n / s); of an odd total padding the extra row goes at the bottom (pad_top is the smaller half).
  g = make_window(1, 5, 6, 1, 2, 2, 2, 2, Padding::Same);
  EXPECT_EQ(g.oh, 3);  // total padding (3-1)*2 + 2 - 5 = 1: none at the top, one at the bottom
  EXPECT_EQ(g.pad_top, 0);
  EXPECT_EQ(g.ow, 3);  // (3-1)*2 + 2 - 6 = 0
  EXPECT_EQ(g.pad_left, 0);
  g = make_window(1, 7, 7, 1, 4, 3, 1, 1, Padding::Same);
  EXPECT_EQ(g.oh, 7);
  EXPECT_EQ(g.pad_top, 1);  // total 3: one above, two below
  EXPECT_EQ(g.pad_left, 1);  // total 2: one each side
}

TEST(NnKernels, MaxPoolPicksTheFirstMaximumAndRoutesItsGradient) {
  // One 4x4 channel (and a second, negated) pooled 2x2: the 9s tie in the first window, the first one wins.
  const float plane[16] = {9, 1, 2, 3, 9, 0, 4, 8, 5, 6, 7, 1, 0, 2, 3, 3};
  std::vector<float> x(32);
  for (int i = 0; i < 16; ++i) x[size_t(2 * i)] = plane[i], x[size_t(2 * i + 1)] = -plane[i];
  const Window2D g = make_window(1, 4, 4, 2, 2, 2, 2, 2, Padding::Valid);
  std::vector<float> y(8), dx(32, 5.0f);
  std::vector<int32_t> argmax(8);
  max_pool2d_forward(g, x.data(), y.data(), argmax.data());
  const std::vector<float> expected = {9, -0.0f, 8, -2, 6, 0, 7, -1};
  EXPECT_EQ(y, expected);
  EXPECT_EQ(argmax[0], 0);  // the first 9, not the one below it
  const std::vector<float> dy = {1, 2, 3, 4, 5, 6, 7, 8};
  max_pool2d_backward(g, dy.data(), argmax.data(), dx.data());
  float sum = 0;
  for (float v : dx) sum += v;
  EXPECT_EQ(sum, 36.0f);  // every gradient lands once, everything else is 0
  EXPECT_EQ(dx[0], 1.0f);
  EXPECT_EQ(dx[8], 0.0f);  // the second 9 gets nothing
}

TEST(NnKernels, MaxPoolSamePaddingNeverPicksPadding) {
  // All inputs negative: a zero from the padding would win if padding took part.
  const Window2D g = make_window(1, 3, 3, 1, 2, 2, 2, 2, Padding::Same);
  ASSERT_EQ(g.oh, 2);
  std::vector<float> x = {-1, -2, -3, -4, -5, -6, -7, -8, -9}, y(4);
  std::vector<int32_t> argmax(4);
  max_pool2d_forward(g, x.data(), y.data(), argmax.data());
  EXPECT_EQ(y, (std::vector<float>{-1, -3, -7, -9}));
}

// Without argmax (inference) the maxima are the same, on odd sizes, 'same' padding and many channels.
TEST(NnKernels, MaxPoolWithoutArgmaxGivesTheSameMaxima) {
  for (const Padding padding : {Padding::Valid, Padding::Same}) {
    const Window2D g = make_window(2, 7, 9, 19, 3, 2, 2, 2, padding);
    const auto x = test::random_values<float>(int64_t(2) * 7 * 9 * 19, 77);
    std::vector<float> with(static_cast<size_t>(g.out_pixels() * g.c)), without(with.size(), 123.0f);
    std::vector<int32_t> argmax(with.size());
    max_pool2d_forward(g, x.data(), with.data(), argmax.data());
    max_pool2d_forward(g, x.data(), without.data(), static_cast<int32_t*>(nullptr));
    EXPECT_EQ(with, without);
    for (size_t k = 0; k < with.size(); ++k) ASSERT_EQ(with[k], x[size_t(argmax[k])]);
  }
}

}  // namespace
}  // namespace hebblab
