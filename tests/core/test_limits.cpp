// HebbLab's limits (core/limits.h) and the defects a hostile or careless input found: each over-budget input is
// refused with a message that names the limit, before anything is allocated. ctest also runs the Limits.* tests
// under `ulimit -v` (core_limits_under_ulimit), where an allocation of the refused size would abort the test.
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/capacity.h"
#include "core/image_io.h"
#include "core/limits.h"
#include "core/nn/idx.h"
#include "core/nn/model_file.h"
#include "core/nn/model_spec.h"
#include "core/nn/sequential.h"
#include "core/pattern_file.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

// The message mentions `part` (printed when not).
#define EXPECT_MENTIONS(text, part)                                        \
  do {                                                                     \
    const std::string text_ = (text);                                      \
    EXPECT_NE(text_.find(part), std::string::npos) << "message: " << text_; \
  } while (0)

// --- model files -----------------------------------------------------------------------------------------------------

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

// A model file up to its layer records (no weights): magic, version 1, flags, the input shape, then Dense layers of
// these units, linear (the format in model_file.h).
std::vector<uint8_t> dense_model_header(const std::vector<uint32_t>& input, const std::vector<uint32_t>& units,
                                        uint32_t flags = 0) {
  std::vector<uint8_t> out = {'H', 'E', 'B', 'B', 'L', 'A', 'B', 'M'};
  put_u32(out, 1);
  put_u32(out, flags);
  put_u32(out, uint32_t(input.size()));
  for (uint32_t d : input) put_u32(out, d);
  put_u32(out, uint32_t(units.size()));
  for (uint32_t u : units) {
    put_u32(out, 5);  // Dense
    put_u32(out, 0);  // linear
    put_u32(out, 0);  // valid
    for (int v : {0, 1, 1, 1, 1, 2, 2}) put_u32(out, uint32_t(v));  // filters, kernel, strides, pool: defaults
    put_u32(out, u);
    for (int i = 0; i < 8; ++i) out.push_back(0);  // rate 0.0
  }
  return out;
}

std::string load_error(const std::vector<uint8_t>& bytes) {
  Sequential model;
  std::string error;
  EXPECT_FALSE(load_model(bytes.data(), bytes.size(), &model, &error));
  return error;
}

// Defect: an 80-byte file (one Dense(16383) on 16384 inputs) took 2.1 GB before it was found truncated.
TEST(Limits, ModelFileOverTheParameterBudgetIsRefusedBeforeAllocating) {
  const std::vector<uint8_t> bytes = dense_model_header({16384}, {16383});
  ASSERT_EQ(bytes.size(), 80u);
  const std::string error = load_error(bytes);
  EXPECT_MENTIONS(error, "4,194,304 parameters");
  EXPECT_MENTIONS(error, "layer 1");
}

// Each layer under the budget, the two together over it: the budget is the model's, not a layer's.
TEST(Limits, TheParameterBudgetIsForTheWholeModel) {
  EXPECT_MENTIONS(load_error(dense_model_header({2048}, {2047, 2047})), "layer 2: Dense(2047)");
  std::string error;
  Sequential model;
  ASSERT_TRUE(model.add(Input{{2048}}));
  ASSERT_TRUE(model.add(dense_layer(2047, Activation::Relu), &error)) << error;  // 4,194,303 parameters
  EXPECT_FALSE(model.add(dense_layer(1, Activation::Softmax), &error));
  EXPECT_MENTIONS(error, "limit of 4,194,304 parameters");
  EXPECT_EQ(model.size(), 1);
}

TEST(Limits, ModelFileLayerCountAndActivationsAreBounded) {
  EXPECT_MENTIONS(load_error(dense_model_header({4}, std::vector<uint32_t>(1024, 4))), "1 to 64");
  // One sample's outputs over the budget without a single weight: each Dropout on a 1000 x 1000 input adds a million
  // values, and the fifth passes 4,194,304.
  std::string error;
  Sequential model;
  ASSERT_TRUE(model.add(Input{{1000, 1000, 1}}));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(model.add(dropout_layer(0.5), &error)) << error;
  EXPECT_FALSE(model.add(dropout_layer(0.5), &error));
  EXPECT_MENTIONS(error, "4,194,304 values");
}

// Found by fuzz_model_file (tests/fuzz/corpus/model_file/crash-input-shape-overflow): an input shape whose product
// overflows 64 bits (signed overflow in shape_size).
TEST(Limits, InputShapesAreMultipliedWithoutOverflow) {
  std::string error;
  Sequential model;
  EXPECT_FALSE(model.add(Input{{0x7fffffff, 0x7fffffff, 0x7fffffff}}, &error));
  EXPECT_MENTIONS(error, "more than HebbLab's limit of 4,194,304 values");
  EXPECT_FALSE(model.add(Input{{0x7fffffff, 0x7fffffff, 0}}, &error));
  EXPECT_MENTIONS(error, "positive dimensions");
  EXPECT_TRUE(model.add(Input{{2048, 2048, 1}}, &error)) << error;
}

// Defect: flags "optimizer state" without "compile settings" (byte 12 of a valid file set to 0x02) dereferenced a
// null optimizer: SIGSEGV in hebblab predict --load and train --load.
TEST(Limits, OptimizerStateWithoutCompileSettingsIsRefused) {
  Sequential model;
  ASSERT_TRUE(model.add(Input{{3}}));
  ASSERT_TRUE(model.add(dense_layer(2, Activation::Softmax)));
  std::vector<uint8_t> bytes = save_model(model);  // uncompiled: flags 0
  ASSERT_EQ(bytes[12], 0);
  bytes[12] = 0x02;
  EXPECT_MENTIONS(load_error(bytes), "optimizer state without compile settings");
}

TEST(Limits, NonFiniteWeightsAndBadLearningRatesAreRefusedAtLoad) {
  Sequential model;
  ASSERT_TRUE(model.add(Input{{3}}));
  ASSERT_TRUE(model.add(dense_layer(2, Activation::Softmax)));
  model.weights()[0]->data[4] = std::nanf("");
  EXPECT_MENTIONS(load_error(save_model(model)), "not finite");
  model.weights()[0]->data[4] = 0;
  ASSERT_TRUE(model.compile(Loss::CategoricalCrossentropy, Adam()));
  std::vector<uint8_t> bytes = save_model(model, false);
  // The Adam learning rate is the first f64 after the weights' (3 x 2 kernel, 2 bias) and the loss and optimizer codes.
  const size_t rate_at = bytes.size() - 32;
  const double negative = -0.5;
  std::memcpy(&bytes[rate_at], &negative, 8);
  EXPECT_MENTIONS(load_error(bytes), "learning rate must be a finite number above 0");
}

// --- training sizes --------------------------------------------------------------------------------------------------

// Input (6, 6, 1), Flatten, Dense(units), Dense(2, softmax).
Sequential compiled_dense(int units) {
  Sequential model;
  EXPECT_TRUE(model.add(Input{{6, 6, 1}}));
  EXPECT_TRUE(model.add(flatten_layer()));
  EXPECT_TRUE(model.add(dense_layer(units, Activation::Relu)));
  EXPECT_TRUE(model.add(dense_layer(2, Activation::Softmax)));
  EXPECT_TRUE(model.compile(Loss::CategoricalCrossentropy, Adam()));
  return model;
}

std::string training_error(Sequential& model, const DataView& data, TrainConfig config) {
  Training training(model, data, config);
  EXPECT_EQ(training.history().status, History::Status::Failed);
  return training.history().error;
}

// Defect: --threads 2147483647 died with SIGFPE, --batch-size 5000 took 2.9 GB.
TEST(Limits, BatchSizeThreadsAndTrainingMemoryAreBounded) {
  const Dataset data = test::banded_dataset(8, 6, 2, 1);
  Sequential model = compiled_dense(4);
  TrainConfig config;
  config.batch_size = 5000;
  EXPECT_MENTIONS(training_error(model, data.view(), config), "1 to 1024");
  config.batch_size = 32;
  config.threads = INT_MAX;
  EXPECT_MENTIONS(training_error(model, data.view(), config), "1 to 32");
  // A big model with big batches: within every other limit, over the training memory.
  Sequential big = compiled_dense(65536);  // 2.5 M parameters, 131,110 values per sample
  config.threads = 32;
  config.batch_size = 1024;
  EXPECT_GT(big.training_bytes(1024, 32), limits::kMaxTrainingBytes);
  EXPECT_MENTIONS(training_error(big, data.view(), config), "over HebbLab's limit of 1 GiB");
}

// Defect: an iteration count of INT64_MAX (from a model file) overflowed at the next step.
TEST(Limits, AdamIterationsSaturate) {
  Adam adam;
  adam.build({{2}});
  adam.set_iterations(INT64_MAX);
  Tensor<float> w({2}), g({2});
  g.data = {1, -1};
  adam.apply_gradients({&w}, {&g});
  EXPECT_EQ(adam.iterations(), INT64_MAX);
  EXPECT_TRUE(std::isfinite(w[0]) && std::isfinite(w[1]));
  EXPECT_LT(w[0], 0);
}

// --- IDX -------------------------------------------------------------------------------------------------------------

// Defect: 34 dimensions of 0x7fffffff then a 0 made the size check's floating-point product inf x 0 = NaN, which
// passed: std::length_error.
TEST(Limits, IdxDimensionsThatOverflowAProductAreRefused) {
  std::vector<int> dims(34, 0x7fffffff);
  dims.push_back(0);
  IdxArray out;
  std::string error;
  // A zero dimension: no values, and then anything after the header is trailing data.
  EXPECT_TRUE(parse_idx(test::idx_bytes(dims, {}).data(), test::idx_bytes(dims, {}).size(), &out, &error)) << error;
  EXPECT_FALSE(parse_idx(test::idx_bytes(dims, {1, 2}).data(), test::idx_bytes(dims, {1, 2}).size(), &out, &error));
  EXPECT_MENTIONS(error, "2 bytes after");
  // No zero: the product passes the data long before the last dimension, and the message says so without overflow.
  dims.back() = 2;
  const std::vector<uint8_t> bytes = test::idx_bytes(dims, {1, 2, 3});
  EXPECT_FALSE(parse_idx(bytes.data(), bytes.size(), &out, &error));
  EXPECT_MENTIONS(error, "= at least 4611686014132420609 bytes of data, the file has 3");
  const std::vector<uint8_t> small = test::idx_bytes({100000, 28, 28}, {1});
  EXPECT_FALSE(parse_idx(small.data(), small.size(), &out, &error));
  EXPECT_MENTIONS(error, "100000 x 28 x 28 = 78400000 bytes of data, the file has 1");
}

TEST(Limits, IdxValuesOverTheDatasetLimitAreRefused) {
  const int n = int(limits::kMaxDatasetBytes / 256) + 1;
  const std::vector<uint8_t> bytes = test::idx_bytes({n, 16, 16}, std::vector<uint8_t>(size_t(n) * 256, 1));
  IdxArray out;
  std::string error;
  EXPECT_FALSE(parse_idx(bytes.data(), bytes.size(), &out, &error));
  EXPECT_MENTIONS(error, "at most 64 MiB of values");
}

// --- images ----------------------------------------------------------------------------------------------------------

void put_u32_be(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

// A PNG's signature and IHDR chunk (8-bit grey) for these sides, then an IEND: all a decoder reads before it sizes
// its buffers. The CRCs are not checked by stb.
std::vector<uint8_t> png_header(uint32_t width, uint32_t height) {
  std::vector<uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  put_u32_be(out, 13);
  for (char c : std::string("IHDR")) out.push_back(uint8_t(c));
  put_u32_be(out, width);
  put_u32_be(out, height);
  for (uint8_t b : {8, 0, 0, 0, 0}) out.push_back(b);
  put_u32_be(out, 0);  // CRC
  put_u32_be(out, 0);
  for (char c : std::string("IEND")) out.push_back(uint8_t(c));
  put_u32_be(out, 0);
  return out;
}

std::string image_error(const std::vector<uint8_t>& bytes) {
  GrayImage image;
  std::string error;
  EXPECT_FALSE(decode_gray_image(bytes.data(), bytes.size(), &image, &error));
  return error;
}

// Defect: a 389 KB 20000 x 20000 PNG peaked at 19.5 GB in hebblab convolve.
TEST(Limits, ImagesOverTheSizeLimitAreRefusedFromTheHeader) {
  EXPECT_MENTIONS(image_error(png_header(20000, 20000)), "up to 8192 pixels a side");
  EXPECT_MENTIONS(image_error(png_header(8192, 4097)), "16,777,216 pixels in all");
  const std::string pgm = "P5 20000 20000 255\n";
  EXPECT_MENTIONS(image_error(std::vector<uint8_t>(pgm.begin(), pgm.end())), "up to 8192 pixels a side");
}

// Defect: predict's decoder (stb's PNM) took a PGM with maxval 0 and a truncated PGM (pixels left uninitialised).
TEST(Limits, PgmWithMaxvalZeroOrMissingPixelsIsRefused) {
  const std::string zero = "P5 2 2 0\n\x01\x02\x03\x04";
  EXPECT_MENTIONS(image_error(std::vector<uint8_t>(zero.begin(), zero.end())), "bad PGM header");
  const std::string truncated = "P5 2 2 255\n\x01\x02\x03";
  EXPECT_MENTIONS(image_error(std::vector<uint8_t>(truncated.begin(), truncated.end())), "ends before");
  // Found by fuzz_image (tests/fuzz/corpus/image/crash-pgm-pixel-above-maxval): samples above maxval made pixels
  // brighter than white (7 / 5 = 1.4).
  const std::string above = "P5 3 2 5 \x07\x07\x07 \x07\x07";
  EXPECT_MENTIONS(image_error(std::vector<uint8_t>(above.begin(), above.end())), "a PGM sample of 7 above its maxval 5");
}

// Defect: Debian's stb_image 2.27 reads and writes past its Huffman tables on crafted JPEGs. A table (DHT) of 304
// codes, more than the 256 a table holds: 2.27 overruns its size list and only then fails ("bad code lengths");
// with upstream's fixes patched in, the header itself is refused.
TEST(Limits, JpegHuffmanTableOfMoreThan256CodesIsRefused) {
  std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xC4};
  const int codes = 16 * 19;
  const int length = 2 + 1 + 16 + codes;
  jpeg.push_back(uint8_t(length >> 8));
  jpeg.push_back(uint8_t(length & 0xFF));
  jpeg.push_back(0x00);  // a DC table, number 0
  for (int i = 0; i < 16; ++i) jpeg.push_back(19);
  for (int i = 0; i < codes; ++i) jpeg.push_back(uint8_t(i));
  EXPECT_MENTIONS(image_error(jpeg), "damaged image (bad DHT header)");
}

// --- Hopfield --------------------------------------------------------------------------------------------------------

// Defect: a 1000 x 1000 pattern aborted with std::bad_alloc, 200 x 200 used 6.3 GB.
TEST(Limits, PatternsOverTheGridLimitAreRefused) {
  const std::string wide(1000, 'X');
  PatternParse parsed = parse_patterns(wide + "\n");
  EXPECT_MENTIONS(parsed.error, "line 1: row has more than 64 cells");
  std::string tall;
  for (int i = 0; i < 65; ++i) tall += "XO\n";
  parsed = parse_patterns(tall);
  EXPECT_MENTIONS(parsed.error, "line 65: pattern has more than 64 rows");
  std::string many;
  for (int i = 0; i < 1025; ++i) many += "X\n\n";
  parsed = parse_patterns(many);
  EXPECT_MENTIONS(parsed.error, "more than 1024 patterns");
  std::string error;
  CapacityConfig config;
  EXPECT_FALSE(parse_capacity_config("n=4097", &config, &error));
  EXPECT_FALSE(parse_capacity_config("n=25 p_max=2000000000", &config, &error));
}

// Defect: a UTF-8 byte-order mark and CR-only line endings were refused although the file is otherwise fine.
TEST(Limits, PatternFilesWithABomOrCrLineEndingsAreRead) {
  for (const std::string text : {"\xEF\xBB\xBF# A\rXO\rOX\r\rXX\rOO\r", "# A\r\nXO\r\nOX\r\n\r\nXX\r\nOO\r\n"}) {
    const PatternParse parsed = parse_patterns(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error;
    ASSERT_EQ(parsed.patterns.size(), 2u);
    EXPECT_EQ(parsed.patterns[0].name, "A");
    EXPECT_EQ(parsed.patterns[0].cells, (State{1, -1, -1, 1}));
    EXPECT_EQ(parsed.patterns[1].cells, (State{1, 1, -1, -1}));
  }
}

}  // namespace
}  // namespace hebblab
