// The IDX format of MNIST (and Fashion-MNIST), read from bytes: a magic number 00 00 08 D (unsigned bytes, D
// dimensions), D big-endian uint32 sizes, then the values row-major. Images and labels become a Dataset.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/dataset.h"

namespace hebblab {

struct IdxArray {
  std::vector<int> dims;      // outermost first: (60000, 28, 28) for MNIST's training images
  std::vector<uint8_t> data;  // row-major
};

// False with a message for a wrong magic number (including a still-gzipped file), an element type other than
// unsigned bytes, a truncated header or data, or bytes after the data.
bool parse_idx(const uint8_t* bytes, size_t size, IdxArray* out, std::string* error);

// images (N, H, W) or (N, H, W, C) and labels (N) -> samples of shape (H, W, C), C = 1 for 3-D images (the lecture's
// reshape to (N, 28, 28, 1)). False with a message for other ranks, counts that differ, or a label that is not one of
// the num_classes classes; `out` is then untouched.
bool make_dataset(IdxArray images, IdxArray labels, int num_classes, Dataset* out, std::string* error);

}  // namespace hebblab
