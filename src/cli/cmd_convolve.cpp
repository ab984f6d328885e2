// `hebblab convolve`: the convolution lab without a window: one image through a lecture kernel (or one's own) to a
// PNG shown as the lab shows it (grey 0..1 or the diverging colours, by output_display) or a numpy array. This is
// where the image is read and the result written; the core sees bytes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/convolution.h"
#include "core/limits.h"
#include "core/image_io.h"
#include "platform/files_native.h"

namespace hebblab {
namespace {

const char* const kConvolveUsage =
    "usage: hebblab convolve (--kernel NAME | --kernel-values \"v1 v2 ...\") [--stride S] [--padding valid|same]\n"
    "                        [--normalise] [--scale S] IMAGE -o OUT\n"
    "\n"
    "Convolves a PNG, JPEG or binary PGM image, read as grey values / 255 (0..1, as the lecture scales them), with a\n"
    "3 x 3 or 5 x 5 kernel as Keras's Conv2D does (cross-correlation: the kernel is not flipped), and writes OUT:\n"
    "a .png as the lab shows the output, or a .npy float32 array. The .png of a kernel whose weights sum to 1\n"
    "(identity, sharpen, the blurs) is an image on the input's grey scale 0..1, values outside it clipped (their\n"
    "count is printed); any other kernel's (the edges, the Laplacian, magnitude) is coloured with the diverging scale\n"
    "(blue negative, white 0, red positive).\n"
    "  --kernel NAME          identity, sharpen, mean_blur, laplacian, gaussian_blur, sobel_horizontal,\n"
    "                         sobel_vertical, or magnitude (sqrt(gx^2 + gy^2) of the two Sobel kernels)\n"
    "  --kernel-values \"...\"  9 or 25 numbers, row by row from the top left\n"
    "  --stride S             1 (default) to 8192\n"
    "  --padding valid|same   valid (default): no padding, out = floor((n - k) / S) + 1;\n"
    "                         same: zeros around, out = ceil(n / S)\n"
    "  --normalise            divide the kernel by the sum of its weights (by the sum of |weights| when that is 0)\n"
    "  --scale S              the diverging PNG's colours run from -S to S (default: the largest |value|)\n"
    "Prints the sizes and the output's range. Exit code 2 on bad input.\n";

struct ConvolveOptions {
  std::string kernel_name, kernel_values, in_path, out_path;
  ConvSettings settings;
  bool normalise = false;
  double scale = 0;  // 0: the largest |value|
};

// Whitespace- or comma-separated decimals; false unless every token is a number.
bool parse_values(const std::string& text, std::vector<float>* out) {
  std::string token;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c != ' ' && c != ',' && c != '\t' && c != '\n') {
      token += c;
      continue;
    }
    if (token.empty()) continue;
    char* end = nullptr;
    const float v = std::strtof(token.c_str(), &end);
    if (*end || !std::isfinite(v)) return false;
    out->push_back(v);
    token.clear();
  }
  return true;
}

// Returns -1 when the run should go on, else the exit code (after --help or a usage error).
int parse_convolve_options(int argc, char** argv, ConvolveOptions* o) {
  OptionScan scan{"convolve", kConvolveUsage, {"--normalise"},
                  {"--kernel", "--kernel-values", "--stride", "--padding", "--scale", "-o"}};
  scan.on_flag = [&](const std::string&) { o->normalise = true; };
  scan.on_positional = [&](const std::string& arg) {
    if (!o->in_path.empty()) return "more than one image given ('" + arg + "')";
    o->in_path = arg;
    return std::string();
  };
  scan.on_value = [&](const std::string& arg, const std::string& value, std::string* message) {
    if (arg == "--kernel") o->kernel_name = value;
    else if (arg == "--kernel-values") o->kernel_values = value;
    else if (arg == "-o") o->out_path = value;
    else if (arg == "--stride") {
      *message = "--stride takes 1 to " + std::to_string(limits::kMaxImageSide) + " (the largest image side)";
      return parse_number(value.c_str(), &o->settings.stride) && o->settings.stride >= 1 &&
             o->settings.stride <= limits::kMaxImageSide;
    }
    else if (arg == "--padding") {
      o->settings.padding = value == "same" ? Padding::Same : Padding::Valid;
      return value == "valid" || value == "same";
    } else {  // --scale
      char* end = nullptr;
      o->scale = std::strtod(value.c_str(), &end);
      return end != value.c_str() && !*end && o->scale > 0 && std::isfinite(o->scale);
    }
    return true;
  };
  if (const int code = scan_options(argc, argv, scan); code >= 0) return code;
  if (o->kernel_name.empty() == o->kernel_values.empty())
    return fail("convolve", "needs either --kernel NAME or --kernel-values \"...\" (see hebblab convolve --help)");
  if (o->in_path.empty() || o->out_path.empty())
    return fail("convolve", "needs an IMAGE and -o OUT (see hebblab convolve --help)");
  return -1;
}

// The kernel the options name; false with a message.
bool choose_kernel(const ConvolveOptions& o, ConvKernel* kernel, std::string* error) {
  if (!o.kernel_values.empty()) {
    std::vector<float> values;
    if (!parse_values(o.kernel_values, &values) || (values.size() != 9 && values.size() != 25)) {
      *error = "--kernel-values takes 9 or 25 numbers (3 x 3 or 5 x 5), got '" + o.kernel_values + "'";
      return false;
    }
    *kernel = ConvKernel{"custom", values.size() == 9 ? 3 : 5, values};
  } else if (const ConvKernel* named = find_lecture_kernel(o.kernel_name)) {
    *kernel = *named;
  } else {
    std::string names;
    for (const ConvKernel& k : lecture_kernels()) names += k.name + ", ";
    *error = "unknown kernel '" + o.kernel_name + "' (one of " + names + "magnitude)";
    return false;
  }
  if (o.normalise) *kernel = normalised(*kernel);
  return true;
}

}  // namespace

int cmd_convolve(int argc, char** argv) {
  ConvolveOptions o;
  if (const int code = parse_convolve_options(argc, argv, &o); code >= 0) return code;
  const std::string extension = std::filesystem::path(o.out_path).extension().string();
  if (extension != ".png" && extension != ".npy")
    return fail("convolve", "OUT must end in .png (colour-mapped image) or .npy (numpy array): '" + o.out_path + "'");
  if (extension == ".npy" && o.scale > 0) return fail("convolve", "--scale applies to a .png output only");
  const bool magnitude = o.kernel_name == "magnitude";
  if (magnitude && o.normalise) return fail("convolve", "--normalise does not apply to --kernel magnitude");
  ConvKernel kernel;
  std::string error;
  if (!magnitude && !choose_kernel(o, &kernel, &error)) return fail("convolve", error);

  std::vector<uint8_t> bytes;
  GrayImage image;
  if (!read_file(o.in_path, &bytes, &error)) return fail("convolve", error);
  if (!decode_gray_image(bytes.data(), bytes.size(), &image, &error)) return fail("convolve", o.in_path + ": " + error);
  const GrayImage out = magnitude ? sobel_magnitude(image, o.settings) : convolve(image, kernel, o.settings);
  const std::string name = std::filesystem::path(o.in_path).filename().string();
  const std::string in_size = std::to_string(image.width) + "x" + std::to_string(image.height);
  if (out.pixels.empty())
    return fail("convolve", name + " (" + in_size + ") is smaller than the kernel: no output with 'valid' padding");

  const auto [lo, hi] = std::minmax_element(out.pixels.begin(), out.pixels.end());
  const double scale = o.scale > 0 ? o.scale : std::max(std::fabs(*lo), std::fabs(*hi));
  const bool png = extension == ".png";
  const bool gray = png && !magnitude && output_display(kernel) == OutputDisplay::Gray;
  if (gray && o.scale > 0)
    return fail("convolve", "--scale sets the diverging colours; the weights of kernel '" + kernel.name +
                                "' sum to 1, so the PNG is an image on the grey scale 0..1");
  const std::vector<uint8_t> encoded =
      !png ? encode_npy(out) : gray ? encode_gray_png(out) : encode_colormapped_png(out, scale);
  if (!write_file_atomically(o.out_path, encoded, &error))
    return fail("convolve", "cannot write '" + o.out_path + "': " + error);
  std::printf("%s %s -> %dx%d, min %.6g max %.6g\n", name.c_str(), in_size.c_str(), out.width, out.height, *lo, *hi);
  if (gray)
    std::printf("wrote %s (grey 0..1 like the input: the weights sum to 1; %zu pixels outside 0..1 clipped)\n",
                o.out_path.c_str(), count_outside_unit(out.pixels));
  else if (png) std::printf("wrote %s (colours from -%.6g to %.6g)\n", o.out_path.c_str(), scale, scale);
  else std::printf("wrote %s (float32, shape (%d, %d))\n", o.out_path.c_str(), out.height, out.width);
  return 0;
}

}  // namespace hebblab
