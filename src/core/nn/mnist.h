// The lecture's MNIST script: the four IDX files it trains and tests on, and its model, built and compiled exactly as
// in the lecture (600,810 parameters).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/dataset.h"
#include "core/nn/sequential.h"

namespace hebblab {

enum class MnistSplit { Train, Test };
// "train-images-idx3-ubyte" / "t10k-images-idx3-ubyte" and the labels' "...-labels-idx1-ubyte".
const char* mnist_images_file(MnistSplit split);
const char* mnist_labels_file(MnistSplit split);

// One split from its two IDX files' bytes (raw: a gzipped file is refused with "unpack it first"): images (N, H, W)
// or (N, H, W, 1), each side 1..limits::kMaxSampleSide (checked from the header, before anything is copied) -> samples
// (H, W, 1); MNIST's (N, 28, 28) -> (28, 28, 1). num_classes 0 (the training split): the labels' own classes, the
// largest label + 1, which must be kMinClasses..kMaxClasses (MNIST: 10); else (the test split) the training set's,
// which every label must be below. Errors name the file ("train-labels-idx1-ubyte: truncated ...",
// "train-labels-idx1-ubyte: the labels go up to 10: 11 classes, ..."); `out` is untouched then.
bool mnist_dataset(MnistSplit split, const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels,
                   Dataset* out, std::string* error, int num_classes = 0);

// "" when `model` can train on samples of `sample_shape` with `classes` classes: its input is the sample shape and
// its output one unit per class; else why not ("the model takes (None, 28, 28, 1) but the images are 16 x 16",
// "the model has 10 outputs but the labels have 3 classes").
std::string model_data_mismatch(const Sequential& model, const Shape& sample_shape, int classes);

// Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)), Conv2D(32, (3, 3), activation='relu'),
// MaxPooling2D(pool_size=(2, 2)), Dropout(0.25), Flatten(), Dense(128, activation='relu'), Dropout(0.5),
// Dense(10, activation='softmax'); compile(loss='categorical_crossentropy', optimizer='adam'). Another dataset's
// sample shape and class count (2..10) replace (28, 28, 1) and the 10 (an input too small for it gives an empty model).
Sequential lecture_model(uint64_t seed, const Shape& input = {28, 28, 1}, int classes = 10);

}  // namespace hebblab
