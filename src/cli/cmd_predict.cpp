// `hebblab predict`: a trained model's class probabilities for one image file of the model's input size (28 x 28 for
// MNIST, 16 x 16 for a 16 x 16 data set; PGM, PNG or JPEG, grey or colour, read as grey). MNIST digits are white on
// black, as the model was trained. Images go through the core's one decoder (decode_gray_image).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/image_io.h"
#include "core/json_writer.h"
#include "core/nn/model_file.h"

namespace hebblab {
namespace {

const char* const kPredictUsage =
    "usage: hebblab predict --load FILE IMAGE [--json]\n"
    "\n"
    "Prints the class probabilities that the model in FILE (from hebblab train --save) gives the image IMAGE: a PGM\n"
    "(P5), PNG or JPEG of the model's input size (28 x 28 for MNIST; another size is refused), read as grey values\n"
    "0..255 and divided by 255 as in training. MNIST digits are white on a black background. One probability per\n"
    "class of the model (10 for MNIST); a model whose last layer is not a softmax has no probabilities, and its raw\n"
    "outputs are printed as such. --json prints one JSON object with the prediction, the probabilities (or\n"
    "\"outputs\") and the inference time. Exit code 2 on bad input.\n";

// The image as the model's input (1, H, W, 1), grey values / 255.
bool load_image(const std::string& path, const Shape& input, Tensor<float>* x, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  if (input.size() != 3 || input[2] != 1) {
    *error = "the model takes " + shape_text(input, true) + ", not grey images";
    return false;
  }
  GrayImage image;
  if (!decode_gray_image(bytes.data(), bytes.size(), &image, error)) {
    *error = path + ": " + *error;
    return false;
  }
  if (image.height != input[0] || image.width != input[1]) {
    *error = path + " is " + std::to_string(image.width) + " x " + std::to_string(image.height) +
             " pixels; the model takes " + std::to_string(input[1]) + " x " + std::to_string(input[0]);
    return false;
  }
  x->resize(with_batch(1, input));
  std::copy(image.pixels.begin(), image.pixels.end(), x->data.begin());
  return true;
}

}  // namespace

int cmd_predict(int argc, char** argv) {
  std::string model_path, image_path, error;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kPredictUsage, stdout);
      return 0;
    }
    if (arg == "--json") json = true;
    else if (arg == "--load") {
      if (i + 1 >= argc) return fail("predict", "--load needs a model file");
      model_path = argv[++i];
    } else if (arg.rfind("--", 0) == 0) {
      return fail("predict", "unknown option '" + arg + "' (see hebblab predict --help)");
    } else if (!image_path.empty()) {
      return fail("predict", "more than one image given ('" + arg + "')");
    } else {
      image_path = arg;
    }
  }
  if (model_path.empty() || image_path.empty())
    return fail("predict", "needs --load FILE and an IMAGE (see hebblab predict --help)");

  Sequential model;
  std::vector<uint8_t> bytes;
  if (!read_file(model_path, &bytes, &error) || !load_model(bytes.data(), bytes.size(), &model, &error))
    return fail("predict", model_path + ": " + error);
  Tensor<float> x;
  if (!load_image(image_path, model.input_shape(), &x, &error)) return fail("predict", error);

  const auto t0 = std::chrono::steady_clock::now();
  const Tensor<float> p = model.predict(x);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!std::all_of(p.data.begin(), p.data.end(), [](float v) { return std::isfinite(v); }))
    return fail("predict", model_path + ": the model's outputs for this image are not finite numbers");
  const int classes = static_cast<int>(p.size());
  const int best = static_cast<int>(std::max_element(p.data.begin(), p.data.end()) - p.data.begin());
  // Only a softmax makes probabilities; anything else is shown as what it is.
  const bool softmax = model.layer(model.size() - 1).config().activation == Activation::Softmax;

  if (json) {
    JsonWriter j;
    j.begin_object().key("prediction").value(best).key(softmax ? "probabilities" : "outputs").array(p.data);
    j.key("inference_ms").value(ms).end_object();
    std::printf("%s\n", j.str().c_str());
    return 0;
  }
  if (!softmax) std::printf("raw outputs (the model's last layer is not a softmax, so these are no probabilities):\n");
  for (int k = 0; k < classes; ++k) std::printf("%d: %.4f%s\n", k, p[k], k == best ? "  <-" : "");
  if (softmax) std::printf("prediction: %d (%.2f%%), inference %.2f ms\n", best, 100.0 * p[best], ms);
  else std::printf("prediction: %d (the largest output), inference %.2f ms\n", best, ms);
  return 0;
}

}  // namespace hebblab
