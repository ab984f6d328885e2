// The lecture's data files and model.
#include "mnist.h"

#include "core/nn/idx.h"
#include "core/nn/model_spec.h"

namespace hebblab {

const char* mnist_images_file(MnistSplit split) {
  return split == MnistSplit::Train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
}

const char* mnist_labels_file(MnistSplit split) {
  return split == MnistSplit::Train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte";
}

bool mnist_dataset(MnistSplit split, const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels,
                   Dataset* out, std::string* error, int num_classes) {
  const std::string images_file = mnist_images_file(split), labels_file = mnist_labels_file(split);
  auto fail = [&](const std::string& file, const std::string& message) {
    if (error) *error = file + ": " + message;
    return false;
  };
  std::string message;
  std::vector<int> dims;
  if (!parse_idx_dims(images.data(), images.size(), &dims, &message)) return fail(images_file, message);
  message = check_image_dims(dims);
  if (!message.empty()) return fail(images_file, message);
  IdxArray x, y;
  if (!parse_idx(labels.data(), labels.size(), &y, &message)) return fail(labels_file, message);
  if (num_classes == 0) {
    num_classes = label_classes(y, &message);
    if (num_classes == 0) return fail(labels_file, message);
  } else {
    for (size_t i = 0; i < y.data.size(); ++i)
      if (y.data[i] >= num_classes)
        return fail(labels_file, "label " + std::to_string(y.data[i]) + " of sample " + std::to_string(i) +
                                     " is not one of the training set's " + std::to_string(num_classes) +
                                     " classes 0.." + std::to_string(num_classes - 1));
  }
  if (!parse_idx(images.data(), images.size(), &x, &message)) return fail(images_file, message);
  if (!make_dataset(std::move(x), std::move(y), num_classes, out, &message))
    return fail(images_file + " and " + labels_file, message);
  return true;
}

std::string model_data_mismatch(const Sequential& model, const Shape& sample_shape, int classes) {
  if (model.size() == 0) return "the model has no layers";
  if (model.input_shape() != sample_shape) {
    std::string images = std::to_string(sample_shape.size() > 0 ? sample_shape[0] : 0) + " x " +
                         std::to_string(sample_shape.size() > 1 ? sample_shape[1] : 0);
    if (sample_shape.size() > 2 && sample_shape[2] != 1) images += " x " + std::to_string(sample_shape[2]);
    return "the model takes " + shape_text(model.input_shape(), true) + " but the images are " + images;
  }
  const Shape& out = model.output_shape();
  if (out.size() != 1)
    return "the model outputs " + shape_text(out, true) +
           ", not one probability per class (its last layer must be Dense)";
  if (out[0] != classes)
    return "the model has " + std::to_string(out[0]) + " outputs but the labels have " + std::to_string(classes) +
           " classes";
  return "";
}

Sequential lecture_model(uint64_t seed, const Shape& input, int classes) {
  Sequential model;
  build_model(preset_spec(ModelPreset::Lecture), input, classes, seed, &model, nullptr);
  model.compile(Loss::CategoricalCrossentropy, Adam());
  return model;
}

}  // namespace hebblab
