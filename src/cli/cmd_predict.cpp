// `hebblab predict`: a trained model's class probabilities for one image file of the model's input size (28 x 28 for
// MNIST, 16 x 16 for a 16 x 16 data set; PGM or PNG, grey or colour, read as grey). MNIST digits are white on black,
// as the model was trained. The only place stb_image is compiled.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

// Static: stb's functions stay private to this file, so no other stb_image copy can clash with them at link time.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STBI_ONLY_PNG
#define STBI_ONLY_PNM
#include <stb/stb_image.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/nn/model_file.h"

namespace hebblab {
namespace {

const char* const kPredictUsage =
    "usage: hebblab predict --load FILE IMAGE [--json]\n"
    "\n"
    "Prints the class probabilities that the model in FILE (from hebblab train --save) gives the image IMAGE: a PGM\n"
    "or PNG of the model's input size (28 x 28 for MNIST; another size is refused), read as grey values 0..255 and\n"
    "divided by 255 as in training. MNIST digits are white on a black background. One probability per class of the\n"
    "model (10 for MNIST). --json prints one JSON object with the prediction, the probabilities and the inference\n"
    "time. Exit code 2 on bad input.\n";

// The image as the model's input (1, H, W, 1), grey values / 255.
bool load_image(const std::string& path, const Shape& input, Tensor<float>* x, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  if (input.size() != 3 || input[2] != 1) {
    *error = "the model takes " + shape_text(input, true) + ", not grey images";
    return false;
  }
  int w = 0, h = 0, channels = 0;
  stbi_uc* pixels = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &channels, 1);
  if (!pixels) {
    *error = path + ": not a PNG or PGM image (" + stbi_failure_reason() + ")";
    return false;
  }
  const bool fits = h == input[0] && w == input[1];
  if (fits) {
    x->resize(with_batch(1, input));
    for (int i = 0; i < w * h; ++i) (*x)[i] = static_cast<float>(pixels[i]) / 255.0f;
  } else {
    *error = path + " is " + std::to_string(w) + " x " + std::to_string(h) + " pixels; the model takes " +
             std::to_string(input[1]) + " x " + std::to_string(input[0]);
  }
  stbi_image_free(pixels);
  return fits;
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
  const int classes = static_cast<int>(p.size());
  const int best = static_cast<int>(std::max_element(p.data.begin(), p.data.end()) - p.data.begin());

  if (json) {
    JsonWriter j;
    j.begin_object().key("prediction").value(best).key("probabilities").array(p.data);
    j.key("inference_ms").value(ms).end_object();
    std::printf("%s\n", j.str().c_str());
    return 0;
  }
  for (int k = 0; k < classes; ++k) std::printf("%d: %.4f%s\n", k, p[k], k == best ? "  <-" : "");
  std::printf("prediction: %d (%.2f%%), inference %.2f ms\n", best, 100.0 * p[best], ms);
  return 0;
}

}  // namespace hebblab
