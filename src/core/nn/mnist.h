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

// One split from its two IDX files' bytes: images (N, 28, 28) -> samples (28, 28, 1), 10 classes. Errors name the
// file ("train-labels-idx1-ubyte: truncated ..."); `out` is untouched then.
bool mnist_dataset(MnistSplit split, const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels,
                   Dataset* out, std::string* error);

// Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)), Conv2D(32, (3, 3), activation='relu'),
// MaxPooling2D(pool_size=(2, 2)), Dropout(0.25), Flatten(), Dense(128, activation='relu'), Dropout(0.5),
// Dense(10, activation='softmax'); compile(loss='categorical_crossentropy', optimizer='adam').
Sequential lecture_model(uint64_t seed);

}  // namespace hebblab
