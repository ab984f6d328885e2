// The "train" job: its text configuration, the files it needs and the errors for missing or damaged ones, and a run
// in steps on MNIST-shaped synthetic data that ends with a report and a model file identical to a direct fit.
#include "core/nn/train_job.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "job_test_util.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

// The four MNIST files for synthetic 28 x 28 data: n training and m test images.
JobFiles synthetic_mnist(int n, int m) {
  const Dataset train = test::banded_dataset(n, 28, 10, 1), test_set = test::banded_dataset(m, 28, 10, 2);
  JobFiles files;
  files["train-images-idx3-ubyte"] = test::idx_bytes({n, 28, 28}, train.x);
  files["train-labels-idx1-ubyte"] = test::idx_bytes({n}, train.y);
  files["t10k-images-idx3-ubyte"] = test::idx_bytes({m, 28, 28}, test_set.x);
  files["t10k-labels-idx1-ubyte"] = test::idx_bytes({m}, test_set.y);
  return files;
}

// The four files for a data set of n training and m test images of side x side pixels and `classes` classes (class
// k lights up band k of the image).
JobFiles synthetic_set(int n, int m, int side, int classes) {
  const Dataset train = test::banded_dataset(n, side, classes, 1), test_set = test::banded_dataset(m, side, classes, 2);
  JobFiles files;
  files["train-images-idx3-ubyte"] = test::idx_bytes({n, side, side}, train.x);
  files["train-labels-idx1-ubyte"] = test::idx_bytes({n}, train.y);
  files["t10k-images-idx3-ubyte"] = test::idx_bytes({m, side, side}, test_set.x);
  files["t10k-labels-idx1-ubyte"] = test::idx_bytes({m}, test_set.y);
  return files;
}

TEST(NnTrainJob, ConfigText) {
  TrainJobConfig c;
  c.epochs = 2;
  c.batch_size = 16;
  c.limit = 5000;
  c.test_limit = 1000;
  c.seed = 7;
  c.validation_split = 0.25;
  c.threads = 2;
  c.reproducible = true;
  EXPECT_EQ(format_train_job_config(c), "epochs=2 batch_size=16 limit=5000 test_limit=1000 seed=7 "
                                        "validation_split=0.25 threads=2 reproducible=1");
  TrainJobConfig back;
  std::string error;
  ASSERT_TRUE(parse_train_job_config(format_train_job_config(c), &back, &error)) << error;
  EXPECT_EQ(format_train_job_config(back), format_train_job_config(c));
  ASSERT_TRUE(parse_train_job_config("seed=3", &back, &error));
  EXPECT_EQ(back.epochs, 1);
  EXPECT_FALSE(parse_train_job_config("epochs=-1", &back, &error));
  EXPECT_NE(error.find("bad value '-1' for epochs"), std::string::npos) << error;
  EXPECT_FALSE(parse_train_job_config("batch_size=0", &back, &error));
  EXPECT_FALSE(parse_train_job_config("learning_rate=1", &back, &error));
  EXPECT_NE(error.find("unknown key 'learning_rate'"), std::string::npos) << error;
  EXPECT_FALSE(parse_train_job_config("seed=1 seed=2", &back, &error));
  EXPECT_FALSE(parse_train_job_config("validation_split=1", &back, &error));
  EXPECT_FALSE(parse_train_job_config("threads=0", &back, &error));
  EXPECT_FALSE(parse_train_job_config("threads=33", &back, &error));  // limits::kMaxThreads
  EXPECT_FALSE(parse_train_job_config("reproducible=yes", &back, &error));
}

// A reproducible run reports its weights' fingerprint once done, the same as the model it hands back.
TEST(NnTrainJob, AReproducibleRunReportsItsFingerprint) {
  std::string error;
  std::unique_ptr<Job> job =
      make_job("train", "epochs=1 batch_size=4 threads=2 reproducible=1", synthetic_mnist(16, 4), &error);
  ASSERT_NE(job, nullptr) << error;
  while (job->step()) {
  }
  TrainReport r;
  ASSERT_TRUE(parse_train_report(job->result(), &r)) << job->result();
  ASSERT_EQ(r.phase, "done");
  const Bytes model_file = job->take_payload();
  Sequential model;
  ASSERT_TRUE(load_model(model_file.data(), model_file.size(), &model, &error)) << error;
  EXPECT_EQ(r.fingerprint, fingerprint_text(weights_fingerprint(model)));
}

TEST(NnTrainJob, MissingOrDamagedFilesAreRefusedByName) {
  std::string error;
  EXPECT_EQ(make_job("train", "epochs=1", &error), nullptr);
  EXPECT_NE(error.find("train-images-idx3-ubyte is missing"), std::string::npos) << error;
  JobFiles files = synthetic_mnist(8, 4);
  files.erase("t10k-labels-idx1-ubyte");
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("together"), std::string::npos) << error;
  files = synthetic_mnist(8, 4);
  files["train-labels-idx1-ubyte"].pop_back();
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("train-labels-idx1-ubyte: truncated"), std::string::npos) << error;
  files = synthetic_mnist(8, 4);
  files["train-labels-idx1-ubyte"] = test::idx_bytes({7}, std::vector<uint8_t>(7, 1));
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("8 images but 7 labels"), std::string::npos) << error;
  files = synthetic_mnist(8, 4);
  files["model"] = {1, 2, 3};
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("model: not a HebbLab model file"), std::string::npos) << error;
  // A model that does not take 28 x 28 images.
  Sequential small;
  small.add(Input{{8, 8, 1}});
  small.add(Flatten());
  small.add(Dense(10, Activation::Softmax));
  files["model"] = save_model(small);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("(None, 8, 8, 1)"), std::string::npos) << error;
}

TEST(NnTrainJob, RunsInStepsAndMatchesADirectFit) {
  std::string error;
  std::unique_ptr<Job> job =
      make_job("train", "epochs=2 batch_size=16 limit=40 test_limit=300 seed=3", synthetic_mnist(48, 300), &error);
  ASSERT_NE(job, nullptr) << error;
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  EXPECT_EQ(report.phase, "training");
  EXPECT_EQ(job->progress(), 0.0);
  const int steps = test::run_job(*job, 100, [&](int) {
    ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  });
  EXPECT_EQ(steps, 2 * 3 + 2);  // 3 batches of 40 samples per epoch, then 300 test images in chunks of 256
  EXPECT_EQ(job->progress(), 1.0);
  EXPECT_EQ(report.phase, "done");
  EXPECT_EQ(report.epoch, 2);
  EXPECT_EQ(report.samples, 40);
  ASSERT_EQ(report.history.size(), 2u);
  EXPECT_EQ(report.tested, 300);
  EXPECT_EQ(report.test_samples, 300);
  EXPECT_GE(report.test_accuracy, 0);
  EXPECT_LE(report.test_accuracy, 1);

  // The same training done directly gives the same model, bit for bit.
  const Dataset train = test::banded_dataset(48, 28, 10, 1);
  Sequential direct = lecture_model(3);
  TrainConfig config = test::train_config(2, 16, 3);
  const History h = direct.fit(train.view().head(40), config);
  EXPECT_EQ(h.epochs.back().loss, report.history.back().loss);
  const Bytes model_file = job->take_payload();  // done: the whole model, optimiser state included
  EXPECT_TRUE(job->take_payload().empty());     // taken once
  Sequential trained;
  ASSERT_TRUE(load_model(model_file.data(), model_file.size(), &trained, &error)) << error;
  EXPECT_EQ(weights_fingerprint(trained), weights_fingerprint(direct));
  const Evaluation e = direct.evaluate(test::banded_dataset(300, 28, 10, 2).view());
  EXPECT_NEAR(report.test_accuracy, e.accuracy, 1e-12);
  EXPECT_NEAR(report.test_loss, e.loss, 1e-9);

  // Handed back as "model" with no epochs, the job only tests it, and gets the same score.
  JobFiles again = synthetic_mnist(48, 300);
  again["model"] = model_file;
  job = make_job("train", "epochs=0 test_limit=300", std::move(again), &error);
  ASSERT_NE(job, nullptr) << error;
  test::run_job(*job, 100);
  ASSERT_TRUE(parse_train_report(job->result(), &report));
  EXPECT_EQ(report.history.size(), 0u);
  EXPECT_NEAR(report.test_accuracy, e.accuracy, 1e-12);
  // Testing alone needs no training files.
  JobFiles test_only = synthetic_mnist(8, 300);
  test_only.erase("train-images-idx3-ubyte");
  test_only.erase("train-labels-idx1-ubyte");
  test_only["model"] = model_file;
  job = make_job("train", "epochs=0", std::move(test_only), &error);
  ASSERT_NE(job, nullptr) << error;
  test::run_job(*job, 100);
  TrainReport tested_only;
  ASSERT_TRUE(parse_train_report(job->result(), &tested_only));
  EXPECT_EQ(tested_only.tested, 300);
  EXPECT_EQ(tested_only.test_accuracy, report.test_accuracy);
  // Each test image's class, for the confusion matrix: as many as tested, and as many right as the accuracy says.
  ASSERT_EQ(report.predicted.size(), 300u);
  const Dataset tested = test::banded_dataset(300, 28, 10, 2);
  int right = 0;
  for (size_t i = 0; i < 300; ++i) right += report.predicted[i] == tested.y[i];
  EXPECT_NEAR(right / 300.0, e.accuracy, 1e-12);
}

TEST(NnTrainJob, WeightSnapshotsWhileTraining) {
  // After a batch the payload is the model's weights (without the optimiser's state), bit-exact; taken again without a new
  // batch it is empty; the per-batch loss is reported beside the running mean.
  std::string error;
  std::unique_ptr<Job> job =
      make_job("train", "epochs=1 batch_size=16 limit=48 validation_split=0.25 seed=5", synthetic_mnist(48, 0), &error);
  ASSERT_NE(job, nullptr) << error;
  EXPECT_TRUE(job->take_payload().empty());  // nothing trained yet
  ASSERT_TRUE(job->step());
  const Bytes snapshot = job->take_payload();
  ASSERT_FALSE(snapshot.empty());
  EXPECT_TRUE(job->take_payload().empty());
  Sequential from_snapshot;
  ASSERT_TRUE(load_model(snapshot.data(), snapshot.size(), &from_snapshot, &error)) << error;
  Sequential direct = lecture_model(5);
  TrainConfig config = test::train_config(1, 16, 5);
  config.validation_split = 0.25;
  const Dataset train = test::banded_dataset(48, 28, 10, 1);
  Training training(direct, train.view(), config);
  ASSERT_TRUE(training.step());
  EXPECT_EQ(weights_fingerprint(from_snapshot), weights_fingerprint(direct));
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  EXPECT_EQ(report.batches, 1);
  EXPECT_DOUBLE_EQ(report.batch_loss, report.loss);  // the first batch of an epoch is its own mean
  test::run_job(*job, 100);
  EXPECT_GT(job->take_payload().size(), snapshot.size());  // done: Adam's state comes with the weights
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  ASSERT_EQ(report.history.size(), 1u);
  EXPECT_FALSE(std::isnan(report.history[0].val_loss));  // 12 samples validate
  EXPECT_GE(report.history[0].val_accuracy, 0);
}

TEST(NnTrainJob, AnExplodingButFiniteLossStopsTheRunToo) {
  // Adam with learning rate 10 (the lab's example): losses of 1e8 and more that never become NaN; the run stops at
  // the first batch over kDivergedLoss, and the weights sent last are finite.
  Sequential model = lecture_model(1);
  model.compile(Loss::CategoricalCrossentropy, Adam(AdamConfig{10.0}));
  JobFiles files = synthetic_mnist(256, 0);
  files["model"] = save_model(model);
  std::string error;
  std::unique_ptr<Job> job = make_job("train", "epochs=1 batch_size=16", std::move(files), &error);
  ASSERT_NE(job, nullptr) << error;
  int steps = 0;
  Bytes last;
  while (job->step() && ++steps < 100) {
    Bytes b = job->take_payload();
    if (!b.empty()) last = std::move(b);
  }
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  EXPECT_EQ(report.phase, "failed");
  EXPECT_NE(report.error.find("diverged"), std::string::npos) << report.error;
  EXPECT_LT(steps, 16) << "it stopped before the epoch's end";
  if (!last.empty()) {
    Sequential kept;
    ASSERT_TRUE(load_model(last.data(), last.size(), &kept, &error)) << error;
    for (const Tensor<float>* w : kept.weights())
      for (float v : w->data) ASSERT_TRUE(std::isfinite(v));
  }
}

// Input (28, 28, 1), Flatten, Dense(10, softmax): the smallest model a train job takes for MNIST.
Sequential pixels_to_softmax() {
  Sequential model;
  model.add(Input{{28, 28, 1}});
  model.add(Flatten());
  model.add(Dense(10, Activation::Softmax));
  return model;
}

// Found by fuzz_job's long run: a model whose outputs overflow on the test images reported "test_loss=-nan" (which
// the report's reader then refused) instead of failing with the reason.
TEST(NnTrainJob, ATestLossThatIsNotFiniteFailsTheJob) {
  Sequential model = pixels_to_softmax();
  for (Tensor<float>* w : model.weights())
    for (size_t i = 0; i < w->data.size(); ++i) w->data[i] = i % 2 ? 3e38f : -3e38f;
  JobFiles files = synthetic_mnist(8, 4);
  files.erase("train-images-idx3-ubyte");
  files.erase("train-labels-idx1-ubyte");
  files["model"] = save_model(model);
  std::string error;
  std::unique_ptr<Job> job = make_job("train", "epochs=0", std::move(files), &error);
  ASSERT_NE(job, nullptr) << error;
  test::run_job(*job, 100);
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  EXPECT_EQ(report.phase, "failed");
  EXPECT_NE(report.error.find("the test loss is not a finite number"), std::string::npos) << report.error;
}

TEST(NnTrainJob, ReportsADivergedRun) {
  // A model whose optimiser is set to blow up (logits past float's range after a step or two): the job ends
  // "failed" with the reason on its own line.
  Sequential model = pixels_to_softmax();
  model.compile(Loss::CategoricalCrossentropy, SGD(SGDConfig{3e38}));
  JobFiles files = synthetic_mnist(64, 0);
  files.erase("t10k-images-idx3-ubyte");
  files.erase("t10k-labels-idx1-ubyte");
  files["model"] = save_model(model);
  std::string error;
  std::unique_ptr<Job> job = make_job("train", "epochs=3 batch_size=8", std::move(files), &error);
  ASSERT_NE(job, nullptr) << error;
  test::run_job(*job, 100);
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  EXPECT_EQ(report.phase, "failed");
  EXPECT_NE(report.error.find("diverged"), std::string::npos) << report.error;
  // The last good weights only: a diverged model's non-finite weights are never sent.
  const Bytes last = job->take_payload();
  if (!last.empty()) {
    Sequential kept;
    ASSERT_TRUE(load_model(last.data(), last.size(), &kept, &error)) << error;
    for (const Tensor<float>* w : kept.weights())
      for (float v : w->data) ASSERT_TRUE(std::isfinite(v));
  }
  EXPECT_FALSE(parse_train_report("phase=done\nsomething else", &report));
  EXPECT_FALSE(parse_train_report("epoch=1", &report));
}

// A data set other than MNIST: 3 classes of 16 x 16 images. The new model is the lecture's for (16, 16, 1) and 3
// classes, trained exactly as a direct fit would, and it learns the set.
TEST(NnTrainJob, TrainsAThreeClassSixteenBySixteenSet) {
  std::string error;
  std::unique_ptr<Job> job = make_job("train", "epochs=3 batch_size=16 seed=4", synthetic_set(300, 60, 16, 3), &error);
  ASSERT_NE(job, nullptr) << error;
  test::run_job(*job, 1000);
  TrainReport report;
  ASSERT_TRUE(parse_train_report(job->result(), &report)) << job->result();
  ASSERT_EQ(report.phase, "done") << report.error;
  EXPECT_EQ(report.tested, 60);
  EXPECT_GT(report.test_accuracy, 0.8);
  for (uint8_t c : report.predicted) EXPECT_LT(c, 3);
  const Bytes model_file = job->take_payload();
  Sequential trained;
  ASSERT_TRUE(load_model(model_file.data(), model_file.size(), &trained, &error)) << error;
  EXPECT_EQ(trained.input_shape(), (Shape{16, 16, 1}));
  EXPECT_EQ(trained.output_shape(), (Shape{3}));

  Sequential direct = lecture_model(4, {16, 16, 1}, 3);
  const History h = direct.fit(test::banded_dataset(300, 16, 3, 1).view(), test::train_config(3, 16, 4));
  ASSERT_EQ(h.status, History::Status::Completed) << h.error;
  EXPECT_EQ(weights_fingerprint(trained), weights_fingerprint(direct));

  // Handed back with its data it goes on training; with MNIST-shaped data or another class count it is refused.
  JobFiles again = synthetic_set(300, 60, 16, 3);
  again["model"] = model_file;
  EXPECT_NE(make_job("train", "epochs=1", std::move(again), &error), nullptr) << error;
  again = synthetic_mnist(48, 0);
  again["model"] = model_file;
  EXPECT_EQ(make_job("train", "epochs=1", std::move(again), &error), nullptr);
  EXPECT_EQ(error, "train job: model: the model takes (None, 16, 16, 1) but the images are 28 x 28");
  again = synthetic_set(100, 0, 16, 4);
  again["model"] = model_file;
  EXPECT_EQ(make_job("train", "epochs=1", std::move(again), &error), nullptr);
  EXPECT_EQ(error, "train job: model: the model has 3 outputs but the labels have 4 classes");
}

TEST(NnTrainJob, AModelThatDoesNotFitTheDataIsRefused) {
  std::string error;
  JobFiles files = synthetic_set(40, 10, 16, 3);
  files["model"] = save_model(lecture_model(1));
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_EQ(error, "train job: model: the model takes (None, 28, 28, 1) but the images are 16 x 16");
  files["model"] = save_model(lecture_model(1, {16, 16, 1}, 10));
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_EQ(error, "train job: model: the model has 10 outputs but the labels have 3 classes");
  Sequential no_dense;  // its output is an image (None, 14, 14, 3), not one unit per class
  no_dense.add(Input{{16, 16, 1}});
  no_dense.add(Conv2D(3, {3, 3}, Activation::Relu));
  files["model"] = save_model(no_dense);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("train job: model: the model outputs (None, 14, 14, 3), not one probability per class"),
            std::string::npos)
      << error;
  files["model"] = save_model(lecture_model(1, {16, 16, 1}, 3));
  EXPECT_NE(make_job("train", "epochs=1", files, &error), nullptr) << error;
}

TEST(NnTrainJob, DataSetsOutsideTheLimitsAreRefused) {
  std::string error;
  // 11 classes (labels up to 10) and 1 class (every label 0).
  JobFiles files = synthetic_set(200, 10, 16, 11);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_EQ(error, "train job: train-labels-idx1-ubyte: the labels go up to 10: 11 classes, more than the 10 HebbLab "
                   "trains (labels 0..9)");
  files = synthetic_set(20, 10, 16, 1);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("train job: train-labels-idx1-ubyte: every label is 0: one class"), std::string::npos)
      << error;
  // Test labels beyond the training set's classes; test images of another size.
  files = synthetic_set(40, 10, 16, 3);
  files["t10k-labels-idx1-ubyte"] = test::idx_bytes({10}, std::vector<uint8_t>(10, 3));
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("t10k-labels-idx1-ubyte: label 3 of sample 0 is not one of the training set's 3 classes"),
            std::string::npos)
      << error;
  files = synthetic_set(40, 10, 16, 3);
  const Dataset other = test::banded_dataset(10, 20, 3, 2);
  files["t10k-images-idx3-ubyte"] = test::idx_bytes({10, 20, 20}, other.x);
  files["t10k-labels-idx1-ubyte"] = test::idx_bytes({10}, other.y);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_EQ(error, "train job: t10k-images-idx3-ubyte: the test images are 20 x 20, the training images 16 x 16");
  // Images too small for the lecture's model (two 3 x 3 convolutions and a 2 x 2 pooling need 6 x 6).
  files = synthetic_set(40, 0, 5, 3);
  EXPECT_EQ(make_job("train", "epochs=1", files, &error), nullptr);
  EXPECT_NE(error.find("train job: the lecture's model cannot take 5 x 5 images: layer 3"), std::string::npos)
      << error;
  EXPECT_NE(make_job("train", "epochs=1", synthetic_set(40, 0, 6, 3), &error), nullptr) << error;
}

}  // namespace
}  // namespace hebblab
