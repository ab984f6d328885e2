// What the IDX harnesses (raw and gzipped) check on the bytes they end with.
#pragma once
#include "core/nn/idx.h"
#include "fuzz_util.h"

namespace hebblab::fuzz {

// parse_idx on the bytes, and what must hold for what it accepts: the header alone (parse_idx_dims) gives the same
// dimensions, and the values fill them exactly. Then the checks the data set loader makes next.
inline void check_idx(const uint8_t* data, size_t size) {
  IdxArray array;
  std::string error;
  if (!parse_idx(data, size, &array, &error)) {
    FUZZ_CHECK(!error.empty());
    return;
  }
  std::vector<int> dims;
  std::string dims_error;
  FUZZ_CHECK(parse_idx_dims(data, size, &dims, &dims_error));
  FUZZ_CHECK(dims == array.dims);
  size_t values = 1;
  for (int d : array.dims) {
    FUZZ_CHECK(d >= 0);
    values *= size_t(d);
  }
  FUZZ_CHECK(values == array.data.size());
  check_image_dims(array.dims);
  std::string classes_error;
  const int classes = label_classes(array, &classes_error);
  FUZZ_CHECK(classes == 0 ? !classes_error.empty() : classes >= kMinClasses && classes <= kMaxClasses);
}

}  // namespace hebblab::fuzz
