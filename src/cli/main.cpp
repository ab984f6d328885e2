// `hebblab`: the native command line over the core. With no subcommand (or `gui`) it opens the desktop app.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "platform/gui.h"

namespace {

void print_usage() {
  std::puts(
      "HebbLab: an interactive lab for the lecture \"Introduction to neural networks\".\n"
      "\n"
      "usage: hebblab [gui] [--settings FILE] [--hook-file FILE] [--window WxH]\n"
      "       hebblab hopfield [PATTERN_FILE] [--probe I] [--flip K --seed S | --start FILE]\n"
      "                        [--mode sync|async] [--max-steps N] [--json]\n"
      "       hebblab train [--epochs N] [--batch-size N] [--limit N] [--test-limit N] [--seed S]\n"
      "                     [--validation-split F] [--threads N] [--load FILE] [--save FILE] [--data DIR] [--json]\n"
      "       hebblab predict --load FILE IMAGE [--json]\n"
      "       hebblab convolve (--kernel NAME | --kernel-values \"v1 v2 ...\") [--stride S] [--padding valid|same]\n"
      "                        [--normalise] [--scale S] IMAGE -o OUT\n"
      "       hebblab bench [--seconds S] [--json]\n"
      "       hebblab --help | --version\n"
      "\n"
      "gui        the desktop app (default). --settings: settings file (default ~/.config/hebblab/settings.txt);\n"
      "           --hook-file: write the app state as JSON every 10 frames (for tests)\n"
      "hopfield   store patterns with Hebb's rule, deform one and recall it, printing every step and its energy\n"
      "train      the lecture's Keras CNN on MNIST: shapes, summary, Keras's progress bar, test score\n"
      "predict    a trained model's class probabilities for a 28 x 28 PGM or PNG image\n"
      "convolve   an image through a lecture kernel (or your own 3 x 3 / 5 x 5) to a colour-mapped PNG or a .npy\n"
      "bench      speed figures of the core (Hopfield synchronous steps per second for N = 1024)");
}

int run_gui_command(int argc, char** argv) {
  hebblab::GuiOptions options;
  for (int i = 0; i < argc; ++i) {
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "hebblab: %s needs a value\n", name);
        return nullptr;
      }
      return argv[++i];
    };
    if (!std::strcmp(argv[i], "--settings")) {
      const char* v = value("--settings");
      if (!v) return 2;
      options.settings_path = v;
    } else if (!std::strcmp(argv[i], "--hook-file")) {
      const char* v = value("--hook-file");
      if (!v) return 2;
      options.hook_file = v;
    } else if (!std::strcmp(argv[i], "--window")) {
      const char* v = value("--window");
      if (!v || std::sscanf(v, "%dx%d", &options.width, &options.height) != 2 || options.width < 320 ||
          options.height < 240) {
        std::fprintf(stderr, "hebblab: --window takes WIDTHxHEIGHT, at least 320x240\n");
        return 2;
      }
    } else {
      std::fprintf(stderr, "hebblab: unknown option '%s' (see hebblab --help)\n", argv[i]);
      return 2;
    }
  }
  return hebblab::run_gui(options);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {
    if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
      print_usage();
      return 0;
    }
    if (argc >= 2 && !std::strcmp(argv[1], "--version")) {
      std::puts("hebblab " HEBBLAB_VERSION);
      return 0;
    }
    return run_gui_command(argc - 1, argv + 1);
  }
  const std::string command = argv[1];
  if (command == "gui") return run_gui_command(argc - 2, argv + 2);
  if (command == "hopfield") return hebblab::cmd_hopfield(argc - 1, argv + 1);
  if (command == "train") return hebblab::cmd_train(argc - 1, argv + 1);
  if (command == "predict") return hebblab::cmd_predict(argc - 1, argv + 1);
  if (command == "convolve") return hebblab::cmd_convolve(argc - 1, argv + 1);
  if (command == "bench") return hebblab::cmd_bench(argc - 1, argv + 1);
  if (command == "help") {
    print_usage();
    return 0;
  }
  std::fprintf(stderr, "hebblab: unknown command '%s' (see hebblab --help)\n", command.c_str());
  return 2;
}
