// The train job: parses its files once when made (so bad data is refused at once), then trains batch by batch with
// Training and tests in chunks, each step bounded by one batch or one test chunk.
#include "train_job.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/config_text.h"
#include "core/limits.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "core/nn/model_spec.h"

namespace hebblab {
namespace {

constexpr int kTestChunk = 256;  // test images per step
constexpr int kTrainCost = 3;    // a training sample costs about three inference ones (forward + backward)

class TrainJob final : public Job {
 public:
  TrainJob(Sequential model, Dataset train, Dataset test, const TrainJobConfig& c)
      : model_(std::move(model)),
        train_data_(std::move(train)),
        test_data_(std::move(test)),
        test_(test_data_.view().head(c.test_limit ? c.test_limit : test_data_.size())),
        training_(model_, train_data_.view().head(c.limit ? c.limit : train_data_.size()), train_config(c)),
        train_samples_(c.limit ? std::min(c.limit, train_data_.size()) : train_data_.size()),
        epochs_(c.epochs) {}

  bool step() override {
    if (phase_ == "training") {
      const TrainProgress before = training_.progress();
      const bool more = training_.step();
      note_batch(before, training_.progress());
      if (more) return true;
      if (training_.history().status == History::Status::Failed) {
        phase_ = "failed";
        error_ = training_.history().error;
        return false;
      }
      phase_ = "testing";
      return test_.count > 0 || finish();
    }
    if (phase_ == "testing") {
      const DataView chunk = test_.slice(tested_, kTestChunk);
      std::vector<uint8_t> classes;
      const Evaluation e = model_.evaluate(chunk, 32, &classes);
      for (uint8_t c : classes) predicted_ += char('0' + c);
      if (!std::isfinite(e.loss)) {  // outputs that overflow: an error, not a "nan" in the report
        phase_ = "failed";
        error_ = "the test loss is not a finite number: the model's outputs overflow on the test images";
        return false;
      }
      test_loss_sum_ += e.loss * chunk.count;
      test_correct_ += std::lround(e.accuracy * chunk.count);
      tested_ += chunk.count;
      return tested_ < test_.count || finish();
    }
    return false;
  }

  double progress() const override {
    if (phase_ == "done") return 1;
    const double train_work = double(train_samples_) * epochs_ * kTrainCost;
    const double done = training_.progress().fraction() * train_work + tested_;
    return std::min(1.0, done / std::max(1.0, train_work + test_.count));
  }

  std::string result() const override {
    const TrainProgress& p = training_.progress();
    const std::vector<EpochLog>& history = training_.history().epochs;
    std::string out = "phase=" + phase_ + " epoch=" + std::to_string(history.size()) +
                      " epochs=" + std::to_string(epochs_) + " seen=" + std::to_string(p.seen) +
                      " samples=" + std::to_string(p.samples) + " loss=" + format_double(p.loss) +
                      " accuracy=" + format_double(p.accuracy);
    out += " batches=" + std::to_string(p.batches);
    if (batch_samples_ > 0)
      out += " batch_loss=" + format_double(batch_loss_) + " batch_accuracy=" + format_double(batch_accuracy_);
    for (size_t i = 0; i < history.size(); ++i) {
      const EpochLog& h = history[i];
      out += (i ? "," : " history=") + format_double(h.loss) + ":" + format_double(h.accuracy);
      if (!std::isnan(h.val_loss)) out += ":" + format_double(h.val_loss) + ":" + format_double(h.val_accuracy);
    }
    out += " tested=" + std::to_string(tested_) + " test_samples=" + std::to_string(test_.count);
    if (tested_ > 0)
      out += " test_loss=" + format_double(test_loss_sum_ / tested_) +
             " test_accuracy=" + format_double(double(test_correct_) / tested_) + " predicted=" + predicted_;
    if (!fingerprint_.empty()) out += " fingerprint=" + fingerprint_;
    if (!error_.empty()) out += "\nerror=" + error_;
    return out;
  }

  // While training: the weights (a model file without the optimiser's state), when a batch has changed them since the
  // last take and every one is finite, so the lab always holds the last good weights, even of a run that diverges.
  // Once done: the whole model file, optimiser state included, to go on training from.
  Bytes take_payload() override {
    if (phase_ == "done") return std::exchange(output_, {});
    const int64_t batches = training_.progress().batches;
    if (batches == sent_batches_ || !weights_finite()) return {};
    sent_batches_ = batches;
    return save_model(model_, false);
  }

  // False with the reason when the training cannot start (a given model that does not fit the data).
  bool ready(std::string* error) const {
    if (training_.history().status != History::Status::Failed) return true;
    *error = training_.history().error;
    return false;
  }

 private:
  static TrainConfig train_config(const TrainJobConfig& c) {
    TrainConfig t;
    t.epochs = c.epochs;
    t.batch_size = c.batch_size;
    t.seed = c.seed;
    t.validation_split = c.validation_split;
    t.threads = c.threads;
    t.numerics = c.reproducible ? Numerics::Reproducible : Numerics::Fast;
    return t;
  }
  bool finish() {
    phase_ = "done";
    fingerprint_ = fingerprint_text(weights_fingerprint(model_));
    output_ = save_model(model_);
    return false;
  }
  // The last training batch's own loss and accuracy, from the running means before and after it (a validation step
  // or a step that ended the run changes nothing).
  void note_batch(const TrainProgress& before, const TrainProgress& after) {
    if (after.validating || after.batches == before.batches) return;
    const bool same_epoch = after.epoch == before.epoch && after.seen > before.seen;
    const int n = same_epoch ? after.seen - before.seen : after.seen;
    if (n <= 0) return;
    const double prior = same_epoch ? before.seen : 0;
    batch_loss_ = (after.loss * after.seen - (same_epoch ? before.loss * prior : 0)) / n;
    batch_accuracy_ = (after.accuracy * after.seen - (same_epoch ? before.accuracy * prior : 0)) / n;
    batch_samples_ = n;
  }
  bool weights_finite() const {
    for (const Tensor<float>* w : model_.weights())
      for (float v : w->data)
        if (!std::isfinite(v)) return false;
    return true;
  }

  Sequential model_;
  Dataset train_data_, test_data_;
  DataView test_;
  Training training_;
  int train_samples_, epochs_;
  std::string phase_ = "training", error_;
  int tested_ = 0;
  double test_loss_sum_ = 0;
  int64_t test_correct_ = 0;
  std::string predicted_;  // each tested sample's class as a digit
  std::string fingerprint_;  // of the final weights, once done
  double batch_loss_ = 0, batch_accuracy_ = 0;
  int batch_samples_ = 0;
  Bytes output_;
  int64_t sent_batches_ = 0;
};

}  // namespace

std::string format_train_job_config(const TrainJobConfig& c) {
  return "epochs=" + std::to_string(c.epochs) + " batch_size=" + std::to_string(c.batch_size) +
         " limit=" + std::to_string(c.limit) + " test_limit=" + std::to_string(c.test_limit) +
         " seed=" + std::to_string(c.seed) + " validation_split=" + format_double(c.validation_split) +
         " threads=" + std::to_string(c.threads) + " reproducible=" + (c.reproducible ? "1" : "0");
}

bool parse_train_job_config(std::string_view text, TrainJobConfig* out, std::string* error) {
  TrainJobConfig c;
  const auto visit = [&](const std::string& key, std::string_view value) {
    bool ok = true;
    if (key == "epochs") ok = parse_int(value, &c.epochs) && c.epochs >= 0;
    else if (key == "batch_size")
      ok = parse_int(value, &c.batch_size) && c.batch_size >= 1 && c.batch_size <= limits::kMaxBatchSize;
    else if (key == "limit") ok = parse_int(value, &c.limit) && c.limit >= 0;
    else if (key == "test_limit") ok = parse_int(value, &c.test_limit) && c.test_limit >= 0;
    else if (key == "seed") ok = parse_int(value, &c.seed);
    else if (key == "validation_split")
      ok = parse_double(value, &c.validation_split) && c.validation_split >= 0 && c.validation_split < 1;
    else if (key == "threads") ok = parse_int(value, &c.threads) && c.threads >= 1 && c.threads <= limits::kMaxThreads;
    else if (key == "reproducible") {
      ok = value == "0" || value == "1";
      c.reproducible = value == "1";
    } else return KeyValue::UnknownKey;
    return ok ? KeyValue::Ok : KeyValue::BadValue;
  };
  if (!parse_key_values(text, "train config", visit, error)) return false;
  *out = c;
  return true;
}

std::unique_ptr<Job> make_train_job(const TrainJobConfig& config, JobFiles files, std::string* error) {
  auto fail = [&](const std::string& message) -> std::unique_ptr<Job> {
    if (error) *error = "train job: " + message;
    return nullptr;
  };
  auto has = [&](const char* name) { return files.count(name) > 0; };
  const char* train_images = mnist_images_file(MnistSplit::Train);
  const char* train_labels = mnist_labels_file(MnistSplit::Train);
  const char* test_images = mnist_images_file(MnistSplit::Test);
  const char* test_labels = mnist_labels_file(MnistSplit::Test);
  if (has(test_images) != has(test_labels)) return fail("the test images and labels come together or not at all");
  // Only testing a given model (no epochs) needs no training files.
  const bool test_only = config.epochs == 0 && has("model") && has(test_images) && !has(train_images) &&
                         !has(train_labels);
  if (!test_only)
    for (const char* name : {train_images, train_labels})
      if (!has(name)) return fail(std::string("the file ") + name + " is missing");

  std::string message;
  Sequential model;
  if (has("model")) {
    const Bytes& bytes = files["model"];
    if (!load_model(bytes.data(), bytes.size(), &model, &message)) return fail("model: " + message);
  }
  Dataset train, test;
  if (!test_only && !mnist_dataset(MnistSplit::Train, files[train_images], files[train_labels], &train, &message))
    return fail(message);
  if (test_only) {
    // The classes are the model's: every test label must be one of them.
    const Shape& out = model.output_shape();
    if (!mnist_dataset(MnistSplit::Test, files[test_images], files[test_labels], &test, &message,
                       out.size() == 1 ? out[0] : 0))
      return fail(message);
    train.sample_shape = test.sample_shape;  // nothing to train on
    train.num_classes = test.num_classes;
  } else if (has(test_images)) {
    if (!mnist_dataset(MnistSplit::Test, files[test_images], files[test_labels], &test, &message, train.num_classes))
      return fail(message);
    if (test.sample_shape != train.sample_shape)
      return fail(std::string(test_images) + ": the test images are " + std::to_string(test.sample_shape[0]) + " x " +
                  std::to_string(test.sample_shape[1]) + ", the training images " +
                  std::to_string(train.sample_shape[0]) + " x " + std::to_string(train.sample_shape[1]));
  }
  test.sample_shape = train.sample_shape;  // an absent test set is an empty one of the right shape
  test.num_classes = train.num_classes;

  // The model follows the data: its input the images' shape, its last layer one unit per class.
  if (has("model")) {
    message = model_data_mismatch(model, train.sample_shape, train.num_classes);
    if (!message.empty()) return fail("model: " + message);
    if (!model.compiled() && !model.compile(Loss::CategoricalCrossentropy, Adam(), &message))
      return fail("model: " + message);
  } else {
    SpecError why;
    if (!build_model(preset_spec(ModelPreset::Lecture), train.sample_shape, train.num_classes, config.seed, &model,
                     &why))
      return fail("the lecture's model cannot take " + std::to_string(train.sample_shape[0]) + " x " +
                  std::to_string(train.sample_shape[1]) + " images: " +
                  (why.layer >= 0 ? "layer " + std::to_string(why.layer + 1) + ": " : "") + why.message);
    model.compile(Loss::CategoricalCrossentropy, Adam());
  }
  files.clear();  // the datasets hold copies of what they need; the IDX bytes can go now

  auto job = std::make_unique<TrainJob>(std::move(model), std::move(train), std::move(test), config);
  if (!job->ready(&message)) return fail(message);
  return job;
}

bool parse_train_report(std::string_view text, TrainReport* out) {
  TrainReport r;
  const size_t newline = text.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view rest = text.substr(newline + 1);
    if (rest.substr(0, 6) != "error=") return false;
    r.error = std::string(rest.substr(6));
    text = text.substr(0, newline);
  }
  const auto visit = [&](const std::string& key, std::string_view value) {
    bool ok = true;
    if (key == "phase") {
      r.phase = std::string(value);
      ok = value == "training" || value == "testing" || value == "done" || value == "failed";
    } else if (key == "epoch") ok = parse_int(value, &r.epoch);
    else if (key == "epochs") ok = parse_int(value, &r.epochs);
    else if (key == "seen") ok = parse_int(value, &r.seen);
    else if (key == "samples") ok = parse_int(value, &r.samples);
    else if (key == "loss") ok = parse_double(value, &r.loss);
    else if (key == "accuracy") ok = parse_double(value, &r.accuracy);
    else if (key == "tested") ok = parse_int(value, &r.tested);
    else if (key == "test_samples") ok = parse_int(value, &r.test_samples);
    else if (key == "test_loss") ok = parse_double(value, &r.test_loss);
    else if (key == "test_accuracy") ok = parse_double(value, &r.test_accuracy);
    else if (key == "batches") ok = parse_int(value, &r.batches);
    else if (key == "fingerprint") r.fingerprint = std::string(value);
    else if (key == "batch_loss") ok = parse_double(value, &r.batch_loss);
    else if (key == "batch_accuracy") ok = parse_double(value, &r.batch_accuracy);
    else if (key == "predicted") {
      r.predicted.clear();
      for (char c : value) {
        ok = ok && c >= '0' && c <= '9';
        r.predicted.push_back(uint8_t(c - '0'));
      }
    } else if (key == "history") {
      for (const std::string_view item : split(value, ',')) {
        const std::vector<std::string_view> parts = split(item, ':');
        EpochLog log;
        ok = ok && (parts.size() == 2 || parts.size() == 4) && parse_double(parts[0], &log.loss) &&
             parse_double(parts[1], &log.accuracy);
        if (ok && parts.size() == 4)
          ok = parse_double(parts[2], &log.val_loss) && parse_double(parts[3], &log.val_accuracy);
        r.history.push_back(log);
      }
    } else {
      return KeyValue::UnknownKey;
    }
    return ok ? KeyValue::Ok : KeyValue::BadValue;
  };
  if (!parse_key_values(text, "train report", visit, nullptr) || r.phase.empty()) return false;
  *out = std::move(r);
  return true;
}

}  // namespace hebblab
