// The Sequential model: the lecture's model has Keras's shapes, parameter counts and summary; adds that cannot work
// are refused without changing the model; training learns, is deterministic for a seed, reports progress, cancels
// between batches, holds out a validation split, and stops with a clear error when the loss diverges.
#include "core/nn/sequential.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/nn/mnist.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

// A small CNN for 8 x 8 inputs with `classes` outputs, quick to train.
Sequential small_model(uint64_t seed, int classes = 4) {
  Sequential model(seed);
  model.add(Input{{8, 8, 1}});
  model.add(Conv2D(4, {3, 3}, Activation::Relu));
  model.add(MaxPooling2D({2, 2}));
  model.add(Dropout(0.25));
  model.add(Flatten());
  model.add(Dense(16, Activation::Relu));
  model.add(Dense(classes, Activation::Softmax));
  model.compile(Loss::CategoricalCrossentropy, Adam(AdamConfig{0.01}));
  return model;
}

TEST(NnSequential, LectureModelHasKerasShapesAndParameters) {
  const Sequential model = lecture_model(1);
  ASSERT_EQ(model.size(), 8);
  const Shape shapes[] = {{26, 26, 32}, {24, 24, 32}, {12, 12, 32}, {12, 12, 32}, {4608}, {128}, {128}, {10}};
  const int64_t params[] = {320, 9248, 0, 0, 0, 589952, 0, 1290};
  for (int i = 0; i < model.size(); ++i) {
    EXPECT_EQ(model.layer(i).output_shape(), shapes[i]) << i;
    EXPECT_EQ(model.layer(i).count_params(), params[i]) << i;
  }
  EXPECT_EQ(shape_text(model.layer(0).output_shape(), true), "(None, 26, 26, 32)");
  EXPECT_EQ(model.count_params(), 600810);
  EXPECT_TRUE(model.compiled());
  EXPECT_STREQ(model.optimizer()->name(), "Adam");
}

TEST(NnSequential, SummaryIsLaidOutLikeKeras) {
  const std::string expected =
      "Model: \"sequential\"\n"
      "_________________________________________________________________\n"
      "Layer (type)                 Output Shape              Param #\n"
      "=================================================================\n"
      "conv2d (Conv2D)              (None, 26, 26, 32)        320\n"
      "_________________________________________________________________\n"
      "conv2d_1 (Conv2D)            (None, 24, 24, 32)        9248\n"
      "_________________________________________________________________\n"
      "max_pooling2d (MaxPooling2D) (None, 12, 12, 32)        0\n"
      "_________________________________________________________________\n"
      "dropout (Dropout)            (None, 12, 12, 32)        0\n"
      "_________________________________________________________________\n"
      "flatten (Flatten)            (None, 4608)              0\n"
      "_________________________________________________________________\n"
      "dense (Dense)                (None, 128)               589952\n"
      "_________________________________________________________________\n"
      "dropout_1 (Dropout)          (None, 128)               0\n"
      "_________________________________________________________________\n"
      "dense_1 (Dense)              (None, 10)                1290\n"
      "=================================================================\n"
      "Total params: 600,810\n"
      "Trainable params: 600,810\n"
      "Non-trainable params: 0\n"
      "_________________________________________________________________\n";
  EXPECT_EQ(lecture_model(1).summary(), expected);
}

TEST(NnSequential, GlorotUniformKernelsAndZeroBiases) {
  const Sequential model = lecture_model(3);
  const double limit = std::sqrt(6.0 / (9 * 1 + 9 * 32));  // fan_in 3*3*1, fan_out 3*3*32
  const Tensor<float>& kernel = model.layer(0).weights()[0];
  EXPECT_EQ(kernel.shape, (Shape{3, 3, 1, 32}));
  double sum = 0, largest = 0;
  for (float v : kernel.data) sum += v, largest = std::max(largest, double(std::abs(v)));
  EXPECT_LE(largest, limit);
  EXPECT_GT(largest, 0.9 * limit);
  EXPECT_LT(std::abs(sum / kernel.size()), 0.1 * limit);
  for (float v : model.layer(5).weights()[1].data) EXPECT_EQ(v, 0.0f);
}

TEST(NnSequential, InitialWeightsAreTheSameOnEveryPlatform) {
  // Drawn from Rng in double and rounded once: this fingerprint is the same natively and in wasm.
  EXPECT_EQ(weights_fingerprint(lecture_model(1)), 7025708130972586307ull);
  EXPECT_NE(weights_fingerprint(lecture_model(2)), weights_fingerprint(lecture_model(1)));
}

TEST(NnSequential, AddsThatCannotWorkAreRefusedAndChangeNothing) {
  Sequential model;
  std::string error;
  EXPECT_FALSE(model.add(Dense(3), &error));
  EXPECT_NE(error.find("Input"), std::string::npos) << error;
  ASSERT_TRUE(model.add(Input{{6, 6, 1}}, &error)) << error;
  EXPECT_FALSE(model.add(Dense(3), &error));
  EXPECT_NE(error.find("Flatten"), std::string::npos) << error;
  EXPECT_FALSE(model.add(Conv2D(4, {7, 7}), &error));
  EXPECT_NE(error.find("does not fit"), std::string::npos) << error;
  EXPECT_FALSE(model.add(Conv2D(0, {3, 3}), &error));
  EXPECT_NE(error.find("Conv2D(0, (3, 3))"), std::string::npos) << error;
  EXPECT_FALSE(model.add(Dropout(1.0), &error));
  EXPECT_NE(error.find("rate"), std::string::npos) << error;
  EXPECT_EQ(model.size(), 0);
  ASSERT_TRUE(model.add(Conv2D(2, {3, 3}, Activation::Relu), &error)) << error;
  EXPECT_FALSE(model.add(Input{{4}}, &error));
  ASSERT_TRUE(model.add(Flatten(), &error));
  EXPECT_FALSE(model.add(MaxPooling2D(), &error));
  EXPECT_EQ(model.size(), 2);
  EXPECT_EQ(model.output_shape(), (Shape{32}));
  ASSERT_TRUE(model.add(Dense(3, Activation::Relu), &error));
  EXPECT_FALSE(model.compile(Loss::CategoricalCrossentropy, Adam(), &error));
  EXPECT_NE(error.find("softmax"), std::string::npos) << error;
  EXPECT_FALSE(model.compiled());
}

TEST(NnSequential, LayersFromPlainConfigs) {
  LayerConfig c;
  c.type = LayerType::MaxPooling2D;
  c.pool_size = {3, 3};
  c.strides = {0, 0};
  c.kernel_size = {5, 5};  // not a pooling field: canonical() drops it
  Sequential model;
  ASSERT_TRUE(model.add(Input{{9, 9, 2}}));
  ASSERT_TRUE(model.add(c));
  EXPECT_EQ(model.layer(0).config().strides, (Size2{3, 3}));  // Keras's default: the pool size
  EXPECT_EQ(model.layer(0).config().kernel_size, (Size2{1, 1}));
  EXPECT_EQ(model.output_shape(), (Shape{3, 3, 2}));
  EXPECT_EQ(describe(model.layer(0).config()), "MaxPooling2D(pool_size=(3, 3))");
  EXPECT_EQ(describe(Conv2D(8, {3, 3}, Activation::Relu, Padding::Same, {2, 2}).config()),
            "Conv2D(8, (3, 3), strides=(2, 2), padding='same', activation='relu')");
}

TEST(NnSequential, FitLearnsAnEasyProblem) {
  const Dataset data = test::banded_dataset(256, 8, 4, 1);
  Sequential model = small_model(1);
  TrainConfig config = test::train_config(4, 16);
  const History h = model.fit(data.view(), config);
  ASSERT_EQ(h.status, History::Status::Completed) << h.error;
  ASSERT_EQ(h.epochs.size(), 4u);
  EXPECT_LT(h.epochs.back().loss, h.epochs.front().loss);
  const Evaluation e = model.evaluate(test::banded_dataset(128, 8, 4, 2).view());
  EXPECT_GE(e.accuracy, 0.95);
  EXPECT_LT(e.loss, 0.5);
}

TEST(NnSequential, SameSeedSameWeightsAndLosses) {
  const Dataset data = test::banded_dataset(100, 8, 4, 3);
  TrainConfig config = test::train_config(2, 8);
  auto run = [&](uint64_t seed) {
    Sequential model = small_model(seed);
    config.seed = seed;
    const History h = model.fit(data.view(), config);
    return std::make_pair(weights_fingerprint(model), h.epochs.back().loss);
  };
  const auto a = run(7), b = run(7), c = run(8);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.second, b.second);  // bit-identical
  EXPECT_NE(a.first, c.first);
}

// Data-parallel training: batches of 8 in 3 parts (3, 3, 2) and the epoch's last batch of 4 in 2 parts (2, 2), each
// part with its own dropout masks; the same seed and thread count give the same bits.
TEST(NnSequential, SameSeedAndThreadsSameWeightsAndLosses) {
  const Dataset data = test::banded_dataset(100, 8, 4, 3);
  auto run = [&](int threads) {
    Sequential model = small_model(7);
    TrainConfig config = test::train_config(2, 8, 7);
    config.threads = threads;
    const History h = model.fit(data.view(), config);
    EXPECT_EQ(h.status, History::Status::Completed) << h.error;
    return std::make_pair(weights_fingerprint(model), h.epochs.back().loss);
  };
  const auto a = run(3), b = run(3), c = run(1);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.second, b.second);  // bit-identical
  EXPECT_NE(a.first, c.first);    // other dropout masks
}

// Without dropout the parts add up to the whole batch's gradient: one SGD step on 16 samples in 3 parts (6, 6, 4)
// lands where one thread's step does, up to float rounding (the GEMMs of fewer rows round differently): tolerance 1e-6
// on weights of size ~0.5 and on the loss (~1.5).
TEST(NnSequential, ThreadsSplitTheBatchGradientExactlyUpToRounding) {
  const Dataset data = test::banded_dataset(16, 8, 4, 5);
  auto run = [&](int threads, double* loss) {
    Sequential model(3);
    model.add(Input{{8, 8, 1}});
    model.add(Conv2D(4, {3, 3}, Activation::Relu));
    model.add(MaxPooling2D({2, 2}));
    model.add(Flatten());
    model.add(Dense(4, Activation::Softmax));
    model.compile(Loss::CategoricalCrossentropy, SGD(SGDConfig{0.5}));
    TrainConfig config = test::train_config(1, 16);
    config.threads = threads;
    *loss = model.fit(data.view(), config).epochs.back().loss;
    std::vector<float> w;
    for (const Tensor<float>* t : model.weights()) w.insert(w.end(), t->data.begin(), t->data.end());
    return w;
  };
  double loss1 = 0, loss3 = 0;
  const std::vector<float> one = run(1, &loss1), three = run(3, &loss3);
  ASSERT_EQ(one.size(), three.size());
  for (size_t i = 0; i < one.size(); ++i) EXPECT_NEAR(one[i], three[i], 1e-6) << i;
  EXPECT_NEAR(loss1, loss3, 1e-6);
}

TEST(NnSequential, ProgressEveryBatchAndCancelBetweenBatches) {
  const Dataset data = test::banded_dataset(50, 8, 4, 4);
  Sequential model = small_model(1);
  TrainConfig config;
  config.epochs = 3;
  config.batch_size = 16;  // 16, 16, 16, 2
  std::vector<int> seen;
  Sequential::FitCallbacks callbacks;
  callbacks.on_batch_end = [&](const TrainProgress& p) {
    seen.push_back(p.seen);
    EXPECT_EQ(p.samples, 50);
    EXPECT_GT(p.fraction(), 0);
    return seen.size() < 6;
  };
  int epochs_ended = 0;
  callbacks.on_epoch_end = [&](int epoch, const EpochLog& log) {
    EXPECT_EQ(epoch, epochs_ended++);
    EXPECT_TRUE(std::isnan(log.val_loss));
  };
  const History h = model.fit(data.view(), config, callbacks);
  EXPECT_EQ(h.status, History::Status::Cancelled);
  EXPECT_EQ(seen, (std::vector<int>{16, 32, 48, 50, 16, 32}));
  EXPECT_EQ(epochs_ended, 1);
  EXPECT_EQ(h.epochs.size(), 1u);
}

TEST(NnSequential, ValidationSplitIsHeldOutFromTheEnd) {
  const Dataset data = test::banded_dataset(100, 8, 4, 5);
  Sequential model = small_model(1);
  TrainConfig config = test::train_config(2, 32);
  config.validation_split = 0.25;
  Training training(model, data.view(), config);
  int steps = 0;
  while (training.step()) ++steps;
  EXPECT_EQ(steps + 1, 2 * (3 + 1));  // per epoch: 75 samples in 3 batches, then 25 in one validation batch
  ASSERT_EQ(training.history().status, History::Status::Completed);
  EXPECT_EQ(training.progress().samples, 75);
  EXPECT_EQ(training_samples(100, 0.25), 75);
  const EpochLog& last = training.history().epochs.back();
  // The model in inference mode over the last 25 samples is exactly what the validation pass measured.
  const Evaluation e = model.evaluate(data.view().slice(75, 25));
  EXPECT_DOUBLE_EQ(last.val_accuracy, e.accuracy);
  EXPECT_NEAR(last.val_loss, e.loss, 1e-12);
}

TEST(NnSequential, DivergingTrainingStopsWithAClearError) {
  const Dataset data = test::banded_dataset(64, 8, 4, 6);
  Sequential model = small_model(1);
  ASSERT_TRUE(model.compile(Loss::CategoricalCrossentropy, SGD(SGDConfig{1e30})));
  TrainConfig config = test::train_config(5, 8);
  const History h = model.fit(data.view(), config);
  EXPECT_EQ(h.status, History::Status::Failed);
  EXPECT_NE(h.error.find("diverged"), std::string::npos) << h.error;
  EXPECT_NE(h.error.find("learning rate"), std::string::npos) << h.error;
}

TEST(NnSequential, TrainingRefusesWhatDoesNotFit) {
  const Dataset data = test::banded_dataset(20, 8, 4, 7);
  TrainConfig config;
  Sequential uncompiled;
  uncompiled.add(Input{{8, 8, 1}});
  uncompiled.add(Flatten());
  uncompiled.add(Dense(4, Activation::Softmax));
  EXPECT_NE(uncompiled.fit(data.view(), config).error.find("compile"), std::string::npos);
  Sequential model = small_model(1, 3);  // 3 classes, the data has 4
  EXPECT_NE(model.fit(data.view(), config).error.find("classes"), std::string::npos);
  Sequential ok = small_model(1);
  config.batch_size = 0;
  EXPECT_EQ(ok.fit(data.view(), config).status, History::Status::Failed);
  config.batch_size = 8;
  config.validation_split = 1;
  EXPECT_EQ(ok.fit(data.view(), config).status, History::Status::Failed);
  config.validation_split = 0;
  config.epochs = 0;
  EXPECT_EQ(ok.fit(data.view(), config).status, History::Status::Completed);
  EXPECT_TRUE(std::isnan(ok.evaluate(test::banded_dataset(5, 6, 4, 1).view()).loss));
}

TEST(NnSequential, PredictAndActivations) {
  const Dataset data = test::banded_dataset(5, 8, 4, 8);
  Sequential model = small_model(2);
  Tensor<float> x, y;
  load_batch(data.view(), nullptr, 5, &x, &y);
  const Tensor<float> p = model.predict(x, 2);
  ASSERT_EQ(p.shape, (Shape{5, 4}));
  for (int r = 0; r < 5; ++r) {
    double sum = 0;
    for (int k = 0; k < 4; ++k) sum += p[r * 4 + k];
    EXPECT_NEAR(sum, 1.0, 1e-6);
  }
  EXPECT_EQ(model.predict(Tensor<float>(Shape{2, 7, 8, 1})).size(), 0);

  Tensor<float> one(Shape{8, 8, 1});
  std::copy(x.ptr() + 64, x.ptr() + 128, one.ptr());
  const std::vector<Tensor<float>> maps = model.activations(one);
  ASSERT_EQ(maps.size(), size_t(model.size()));
  for (int i = 0; i < model.size(); ++i) EXPECT_EQ(maps[size_t(i)].shape, with_batch(1, model.layer(i).output_shape()));
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(maps.back()[k], p[4 + k], 1e-6);  // sample 1, computed alone
  EXPECT_TRUE(model.activations(Tensor<float>(Shape{3})).empty());
}

}  // namespace
}  // namespace hebblab
