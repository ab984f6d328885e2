// Model files: a bit-exact round trip (weights, compile settings, optimiser state), and each kind of damage refused
// with a clear message and no change to the model: wrong magic, truncation at every length, a newer version,
// trailing bytes, nonsense fields, and load_weights into a model of another architecture.
#include "core/nn/model_file.h"

#include <gtest/gtest.h>

#include "core/nn/mnist.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

Sequential tiny_model(uint64_t seed, int units = 5) {
  Sequential model(seed);
  model.add(Input{{6, 6, 1}});
  model.add(Conv2D(2, {3, 3}, Activation::Tanh, Padding::Same, {2, 2}));
  model.add(MaxPooling2D({2, 2}, {1, 1}));
  model.add(Dropout(0.125));
  model.add(Flatten());
  model.add(Dense(units, Activation::Sigmoid));
  model.add(Dense(3, Activation::Softmax));
  return model;
}

// Trains a little, so the weights and the optimiser's slots are nothing like their starting values.
void train_a_little(Sequential& model) {
  const Dataset data = test::banded_dataset(24, 6, 3, 1);
  TrainConfig config = test::train_config(1, 8);
  ASSERT_EQ(model.fit(data.view(), config).status, History::Status::Completed);
}

std::string load_error(const std::vector<uint8_t>& bytes, Sequential* model) {
  std::string error;
  EXPECT_FALSE(load_model(bytes.data(), bytes.size(), model, &error));
  return error;
}

TEST(NnModelFile, RoundTripIsBitExact) {
  Sequential model = lecture_model(1);
  const Dataset data = test::banded_dataset(32, 28, 10, 2);
  TrainConfig config;
  config.epochs = 1;
  ASSERT_EQ(model.fit(data.view(), config).status, History::Status::Completed);
  const std::vector<uint8_t> bytes = save_model(model);
  EXPECT_EQ(bytes.size(), 16 + 16 + 4 + 8 * 52 + (4 * 600810 + 6 * 4 * 4) + 8 + 32 + 12 +
                              2 * (4 * 600810 + 6 * 4 * 4));
  Sequential loaded;
  std::string error;
  ASSERT_TRUE(load_model(bytes.data(), bytes.size(), &loaded, &error)) << error;
  EXPECT_EQ(weights_fingerprint(loaded), weights_fingerprint(model));
  ASSERT_TRUE(loaded.compiled());
  EXPECT_STREQ(loaded.optimizer()->name(), "Adam");
  EXPECT_EQ(loaded.optimizer()->iterations(), 1);
  EXPECT_EQ(loaded.summary(), model.summary());
  EXPECT_EQ(save_model(loaded), bytes);  // every byte, slots included
  // Both go on training identically.
  TrainConfig more = config;
  more.seed = 9;
  model.fit(data.view(), more);
  loaded.fit(data.view(), more);
  EXPECT_EQ(weights_fingerprint(loaded), weights_fingerprint(model));
}

TEST(NnModelFile, WithoutOptimizerStateAndUncompiled) {
  Sequential model = tiny_model(1);
  std::string error;
  Sequential loaded;
  const std::vector<uint8_t> uncompiled = save_model(model);
  ASSERT_TRUE(load_model(uncompiled.data(), uncompiled.size(), &loaded, &error)) << error;
  EXPECT_FALSE(loaded.compiled());
  ASSERT_TRUE(model.compile(Loss::CategoricalCrossentropy, SGD(SGDConfig{0.05, 0.5, true})));
  train_a_little(model);
  const std::vector<uint8_t> bytes = save_model(model, /*include_optimizer=*/false);
  ASSERT_TRUE(load_model(bytes.data(), bytes.size(), &loaded, &error)) << error;
  ASSERT_TRUE(loaded.compiled());
  const auto* sgd = dynamic_cast<const SGD*>(loaded.optimizer());
  ASSERT_NE(sgd, nullptr);
  EXPECT_EQ(sgd->config().momentum, 0.5);
  EXPECT_TRUE(sgd->config().nesterov);
  EXPECT_EQ(loaded.optimizer()->iterations(), 0);
  EXPECT_EQ(weights_fingerprint(loaded), weights_fingerprint(model));
}

TEST(NnModelFile, EveryTruncationIsRefusedAndLeavesTheModelAlone) {
  Sequential model = tiny_model(1);
  model.compile(Loss::CategoricalCrossentropy, Adam());
  train_a_little(model);
  const std::vector<uint8_t> bytes = save_model(model);
  Sequential target = tiny_model(5);
  const uint64_t before = weights_fingerprint(target);
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::string error = load_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + long(n)), &target);
    ASSERT_FALSE(error.empty()) << n;
    if (n >= 8) {
      EXPECT_NE(error.find("truncated"), std::string::npos) << n << ": " << error;
    }
  }
  EXPECT_EQ(weights_fingerprint(target), before);
  EXPECT_FALSE(target.compiled());
}

TEST(NnModelFile, WrongMagicNewerVersionTrailingBytesAndNonsense) {
  const std::vector<uint8_t> good = save_model(tiny_model(1));
  Sequential target;
  std::vector<uint8_t> bytes = good;
  bytes[0] = 'X';
  EXPECT_NE(load_error(bytes, &target).find("not a HebbLab model file"), std::string::npos);
  EXPECT_NE(load_error({'P', 'K', 3, 4}, &target).find("not a HebbLab model file"), std::string::npos);
  bytes = good;
  bytes[8] = 2;  // version 2
  const std::string newer = load_error(bytes, &target);
  EXPECT_NE(newer.find("version 2"), std::string::npos) << newer;
  EXPECT_NE(newer.find("newer"), std::string::npos) << newer;
  bytes = good;
  bytes.push_back(0);
  EXPECT_NE(load_error(bytes, &target).find("1 bytes after the end"), std::string::npos);
  bytes = good;
  bytes[16 + 16 + 4] = 9;  // the first layer's type
  EXPECT_NE(load_error(bytes, &target).find("unknown type 9"), std::string::npos);
  bytes = good;
  bytes[16 + 16 + 4 + 12] = 0;  // the first layer's filters: 0
  EXPECT_NE(load_error(bytes, &target).find("layer 1"), std::string::npos);
  bytes = good;
  bytes[16 + 4] = 7;  // the input height: 7 instead of 6 changes every shape after it
  EXPECT_FALSE(load_error(bytes, &target).empty());
  EXPECT_EQ(target.size(), 0);
}

TEST(NnModelFile, LoadWeightsNeedsTheSameArchitecture) {
  Sequential source = tiny_model(1);
  source.compile(Loss::CategoricalCrossentropy, Adam());
  train_a_little(source);
  const std::vector<uint8_t> bytes = save_model(source);

  Sequential other = tiny_model(2, /*units=*/6);
  const uint64_t before = weights_fingerprint(other);
  std::string error;
  EXPECT_FALSE(load_weights(other, bytes.data(), bytes.size(), &error));
  EXPECT_NE(error.find("architectures differ"), std::string::npos) << error;
  EXPECT_NE(error.find("layer 5"), std::string::npos) << error;
  EXPECT_NE(error.find("Dense(5, activation='sigmoid')"), std::string::npos) << error;
  EXPECT_EQ(weights_fingerprint(other), before);
  EXPECT_FALSE(load_weights(other, bytes.data(), bytes.size() - 3, &error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  EXPECT_EQ(weights_fingerprint(other), before);

  Sequential same = tiny_model(3);
  ASSERT_TRUE(load_weights(same, bytes.data(), bytes.size(), &error)) << error;
  EXPECT_EQ(weights_fingerprint(same), weights_fingerprint(source));
  EXPECT_FALSE(same.compiled());  // weights only
}

}  // namespace
}  // namespace hebblab
