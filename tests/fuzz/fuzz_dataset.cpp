// A data set's four IDX files (train images, train labels, then optionally test images and labels, as parts of one
// input: fuzz_util.h) into the training and test sets, as hebblab train --data and the train job read them.
#include "core/nn/idx.h"
#include "core/nn/mnist.h"
#include "fuzz_util.h"

using namespace hebblab;

namespace {

// What an accepted split must be: whole samples of (H, W, 1), one label each, every label one of the classes.
void check_split(const Dataset& set) {
  FUZZ_CHECK(set.sample_shape.size() == 3 && set.sample_shape[2] == 1);
  FUZZ_CHECK(set.num_classes >= kMinClasses && set.num_classes <= kMaxClasses);
  FUZZ_CHECK(set.x.size() == size_t(set.size()) * size_t(shape_size(set.sample_shape)));
  for (uint8_t label : set.y) FUZZ_CHECK(label < set.num_classes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<fuzz::Part> parts = fuzz::split_parts(data, size);
  parts.resize(4);
  Dataset train, test;
  std::string error;
  if (!mnist_dataset(MnistSplit::Train, parts[0].bytes, parts[1].bytes, &train, &error)) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  check_split(train);
  if (!mnist_dataset(MnistSplit::Test, parts[2].bytes, parts[3].bytes, &test, &error, train.num_classes)) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  check_split(test);
  FUZZ_CHECK(test.num_classes == train.num_classes);
  return 0;
}
