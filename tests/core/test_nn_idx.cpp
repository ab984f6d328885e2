// IDX files from bytes, each way they can be wrong, and the lecture's preprocessing: reshape to (N, 28, 28, 1),
// float32 / 255, to_categorical.
#include "core/nn/idx.h"

#include <gtest/gtest.h>

#include "nn_test_util.h"

namespace hebblab {
namespace {

std::string parse_error(const std::vector<uint8_t>& bytes) {
  IdxArray a;
  std::string error;
  EXPECT_FALSE(parse_idx(bytes.data(), bytes.size(), &a, &error));
  return error;
}

TEST(NnIdx, ParsesDimensionsBigEndianAndValues) {
  const std::vector<uint8_t> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const std::vector<uint8_t> bytes = test::idx_bytes({2, 3, 2}, values);
  EXPECT_EQ(bytes.size(), 4u + 12u + 12u);
  IdxArray a;
  std::string error;
  ASSERT_TRUE(parse_idx(bytes.data(), bytes.size(), &a, &error)) << error;
  EXPECT_EQ(a.dims, (std::vector<int>{2, 3, 2}));
  EXPECT_EQ(a.data, values);
  // A dimension above 255 exercises all four bytes of the big-endian size.
  const std::vector<uint8_t> big = test::idx_bytes({70000}, std::vector<uint8_t>(70000, 7));
  ASSERT_TRUE(parse_idx(big.data(), big.size(), &a, &error)) << error;
  EXPECT_EQ(a.dims, (std::vector<int>{70000}));
}

TEST(NnIdx, WrongMagic) {
  std::vector<uint8_t> bytes = test::idx_bytes({2}, {1, 2});
  bytes[1] = 0x10;
  EXPECT_NE(parse_error(bytes).find("not an IDX file"), std::string::npos);
  EXPECT_NE(parse_error({0x1f, 0x8b, 0x08, 0x08, 0, 0}).find("gzip"), std::string::npos);
  EXPECT_NE(parse_error({0, 0}).find("2 bytes"), std::string::npos);
  bytes = test::idx_bytes({2}, {1, 2});
  bytes[2] = 0x0d;
  EXPECT_NE(parse_error(bytes).find("0x0d"), std::string::npos);
  bytes[2] = 0x08;
  bytes[3] = 0;
  EXPECT_NE(parse_error(bytes).find("0 dimensions"), std::string::npos);
}

TEST(NnIdx, Truncation) {
  const std::vector<uint8_t> bytes = test::idx_bytes({3, 2, 2}, std::vector<uint8_t>(12, 1));
  for (size_t n = 4; n < bytes.size(); ++n) {
    const std::string error = parse_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + long(n)));
    EXPECT_NE(error.find("truncated"), std::string::npos) << n << ": " << error;
  }
  EXPECT_NE(parse_error(std::vector<uint8_t>(bytes.begin(), bytes.end() - 1)).find("3 x 2 x 2 = 12 bytes"),
            std::string::npos);
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_NE(parse_error(longer).find("1 bytes after"), std::string::npos);
}

TEST(NnIdx, ImagesAndLabelsMakeADataset) {
  IdxArray images{{2, 2, 3}, {0, 51, 102, 153, 204, 255, 1, 2, 3, 4, 5, 6}};
  IdxArray labels{{2}, {7, 3}};
  Dataset d;
  std::string error;
  ASSERT_TRUE(make_dataset(images, labels, 10, &d, &error)) << error;
  EXPECT_EQ(d.sample_shape, (Shape{2, 3, 1}));  // the lecture's reshape to (N, H, W, 1)
  EXPECT_EQ(d.size(), 2);
  // The lecture's preprocessing per batch: float32 / 255 and one-hot labels, in the order asked for.
  Tensor<float> x, y;
  const int order[] = {1, 0};
  load_batch(d.view(), order, 2, &x, &y);
  EXPECT_EQ(x.shape, (Shape{2, 2, 3, 1}));
  EXPECT_EQ(x[0], 1.0f / 255.0f);
  EXPECT_EQ(x[6], 0.0f);
  EXPECT_EQ(x[7], 0.2f);
  EXPECT_EQ(x[11], 1.0f);
  EXPECT_EQ(y.shape, (Shape{2, 10}));
  EXPECT_EQ(y[3], 1.0f);
  EXPECT_EQ(y[10 + 7], 1.0f);
  float sum = 0;
  for (float v : y.data) sum += v;
  EXPECT_EQ(sum, 2.0f);
}

TEST(NnIdx, DatasetErrors) {
  Dataset d;
  d.num_classes = 99;  // untouched by every failure below
  std::string error;
  EXPECT_FALSE(make_dataset(IdxArray{{3, 2, 2}, std::vector<uint8_t>(12)}, IdxArray{{2}, {1, 2}}, 10, &d, &error));
  EXPECT_NE(error.find("3 images but 2 labels"), std::string::npos) << error;
  EXPECT_FALSE(make_dataset(IdxArray{{1, 2, 2}, std::vector<uint8_t>(4)}, IdxArray{{1}, {10}}, 10, &d, &error));
  EXPECT_NE(error.find("label 10 of sample 0"), std::string::npos) << error;
  EXPECT_FALSE(make_dataset(IdxArray{{4}, std::vector<uint8_t>(4)}, IdxArray{{4}, {0, 1, 2, 3}}, 10, &d, &error));
  EXPECT_NE(error.find("images must be"), std::string::npos) << error;
  EXPECT_FALSE(make_dataset(IdxArray{{1, 1, 1}, {0}}, IdxArray{{1, 1}, {0}}, 10, &d, &error));
  EXPECT_NE(error.find("labels must be"), std::string::npos) << error;
  EXPECT_EQ(d.num_classes, 99);
}

TEST(NnIdx, ToCategoricalAndSlices) {
  const Tensor<float> y = to_categorical({5, 0, 4}, 10);
  EXPECT_EQ(y.shape, (Shape{3, 10}));
  EXPECT_EQ(y[5], 1.0f);
  EXPECT_EQ(y[10], 1.0f);
  EXPECT_EQ(y[24], 1.0f);
  const Dataset d = test::banded_dataset(10, 4, 2, 1);
  const DataView tail = d.view().slice(7, 100);
  EXPECT_EQ(tail.count, 3);
  EXPECT_EQ(tail.y, d.y.data() + 7);
  EXPECT_EQ(tail.x, d.x.data() + 7 * 16);
  EXPECT_EQ(d.view().head(0).count, 0);
  EXPECT_EQ(d.view().slice(20, 5).count, 0);
}

}  // namespace
}  // namespace hebblab
