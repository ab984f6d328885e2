// The lecture's data files and model.
#include "mnist.h"

#include "core/nn/idx.h"

namespace hebblab {

const char* mnist_images_file(MnistSplit split) {
  return split == MnistSplit::Train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
}

const char* mnist_labels_file(MnistSplit split) {
  return split == MnistSplit::Train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte";
}

bool mnist_dataset(MnistSplit split, const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels,
                   Dataset* out, std::string* error) {
  std::string message;
  IdxArray x, y;
  if (!parse_idx(images.data(), images.size(), &x, &message)) {
    if (error) *error = std::string(mnist_images_file(split)) + ": " + message;
    return false;
  }
  if (!parse_idx(labels.data(), labels.size(), &y, &message)) {
    if (error) *error = std::string(mnist_labels_file(split)) + ": " + message;
    return false;
  }
  if (!make_dataset(std::move(x), std::move(y), 10, out, &message)) {
    if (error) *error = std::string(mnist_images_file(split)) + " and " + mnist_labels_file(split) + ": " + message;
    return false;
  }
  return true;
}

Sequential lecture_model(uint64_t seed) {
  Sequential model(seed);
  model.add(Input{{28, 28, 1}});
  model.add(Conv2D(32, {3, 3}, Activation::Relu));
  model.add(Conv2D(32, {3, 3}, Activation::Relu));
  model.add(MaxPooling2D({2, 2}));
  model.add(Dropout(0.25));
  model.add(Flatten());
  model.add(Dense(128, Activation::Relu));
  model.add(Dropout(0.5));
  model.add(Dense(10, Activation::Softmax));
  model.compile(Loss::CategoricalCrossentropy, Adam());
  return model;
}

}  // namespace hebblab
