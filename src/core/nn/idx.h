// The IDX format of MNIST (and Fashion-MNIST), read from bytes: a magic number 00 00 08 D (unsigned bytes, D
// dimensions), D big-endian uint32 sizes, then the values row-major. Images and labels become a Dataset.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/limits.h"
#include "core/nn/dataset.h"

namespace hebblab {

struct IdxArray {
  std::vector<int> dims;      // outermost first: (60000, 28, 28) for MNIST's training images
  std::vector<uint8_t> data;  // row-major
};

// The data sets HebbLab trains on: grey images of 1 to limits::kMaxSampleSide pixels a side, 2 to 10 classes (labels
// 0..9), at most limits::kMaxDatasetBytes of values per file.
constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 10;

// False with a message for a wrong magic number (including a still-gzipped file: "unpack it first"), an element type
// other than unsigned bytes, a truncated header or data, or bytes after the data.
bool parse_idx(const uint8_t* bytes, size_t size, IdxArray* out, std::string* error);
// The same checks, the dimensions only: nothing is copied (a header can be judged before its data is).
bool parse_idx_dims(const uint8_t* bytes, size_t size, std::vector<int>* dims, std::string* error);

// "" when images of these dimensions can be trained on: (N, H, W) or (N, H, W, 1), each side 1..limits::kMaxSampleSide;
// else why not ("images must be N x H x W ...", "the images are 0 x 0 pixels ...", "... 3 channels ...").
std::string check_image_dims(const std::vector<int>& dims);

// The classes that labels (N) make, the largest label + 1, when that is kMinClasses..kMaxClasses; else 0 with a
// message ("the labels go up to 10: 11 classes, ...", "every label is 0: ...", "there are no labels").
int label_classes(const IdxArray& labels, std::string* error);

// images (N, H, W) or (N, H, W, C) and labels (N) -> samples of shape (H, W, C), C = 1 for 3-D images (the lecture's
// reshape to (N, 28, 28, 1)). False with a message for other ranks, counts that differ, or a label that is not one of
// the num_classes classes; `out` is then untouched.
bool make_dataset(IdxArray images, IdxArray labels, int num_classes, Dataset* out, std::string* error);

}  // namespace hebblab
