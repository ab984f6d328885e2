// The train job: parses its files once when made (so bad data is refused at once), then trains batch by batch with
// Training and tests in chunks, each step bounded by one batch or one test chunk.
#include "train_job.h"

#include <algorithm>
#include <cmath>

#include "core/config_text.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"

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
      if (training_.step()) return true;
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
      const Evaluation e = model_.evaluate(chunk);
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
    for (size_t i = 0; i < history.size(); ++i)
      out += (i ? "," : " history=") + format_double(history[i].loss) + ":" + format_double(history[i].accuracy);
    out += " tested=" + std::to_string(tested_) + " test_samples=" + std::to_string(test_.count);
    if (tested_ > 0)
      out += " test_loss=" + format_double(test_loss_sum_ / tested_) +
             " test_accuracy=" + format_double(double(test_correct_) / tested_);
    if (!error_.empty()) out += "\nerror=" + error_;
    return out;
  }

  std::vector<uint8_t> output() const override { return output_; }

  // False with the reason when the training cannot start (a given model that does not take MNIST).
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
    return t;
  }
  bool finish() {
    phase_ = "done";
    output_ = save_model(model_);
    return false;
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
  std::vector<uint8_t> output_;
};

}  // namespace

std::string format_train_job_config(const TrainJobConfig& c) {
  return "epochs=" + std::to_string(c.epochs) + " batch_size=" + std::to_string(c.batch_size) +
         " limit=" + std::to_string(c.limit) + " test_limit=" + std::to_string(c.test_limit) +
         " seed=" + std::to_string(c.seed);
}

bool parse_train_job_config(std::string_view text, TrainJobConfig* out, std::string* error) {
  TrainJobConfig c;
  const auto visit = [&](const std::string& key, std::string_view value) {
    bool ok = true;
    if (key == "epochs") ok = parse_int(value, &c.epochs) && c.epochs >= 0;
    else if (key == "batch_size") ok = parse_int(value, &c.batch_size) && c.batch_size >= 1;
    else if (key == "limit") ok = parse_int(value, &c.limit) && c.limit >= 0;
    else if (key == "test_limit") ok = parse_int(value, &c.test_limit) && c.test_limit >= 0;
    else if (key == "seed") ok = parse_int(value, &c.seed);
    else return KeyValue::UnknownKey;
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
  for (const char* name : {mnist_images_file(MnistSplit::Train), mnist_labels_file(MnistSplit::Train)})
    if (!has(name)) return fail(std::string("the file ") + name + " is missing");
  if (has(mnist_images_file(MnistSplit::Test)) != has(mnist_labels_file(MnistSplit::Test)))
    return fail("the test images and labels come together or not at all");

  std::string message;
  Dataset train, test;
  if (!mnist_dataset(MnistSplit::Train, files[mnist_images_file(MnistSplit::Train)],
                     files[mnist_labels_file(MnistSplit::Train)], &train, &message))
    return fail(message);
  if (has(mnist_images_file(MnistSplit::Test)) &&
      !mnist_dataset(MnistSplit::Test, files[mnist_images_file(MnistSplit::Test)],
                     files[mnist_labels_file(MnistSplit::Test)], &test, &message))
    return fail(message);
  test.sample_shape = train.sample_shape;  // an absent test set is an empty one of the right shape
  test.num_classes = train.num_classes;

  Sequential model = lecture_model(config.seed);
  if (has("model")) {
    const std::vector<uint8_t>& bytes = files["model"];
    if (!load_model(bytes.data(), bytes.size(), &model, &message)) return fail("model: " + message);
    if (!model.compiled()) model.compile(Loss::CategoricalCrossentropy, Adam());
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
    else if (key == "history") {
      for (const std::string_view item : split(value, ',')) {
        const size_t colon = item.find(':');
        EpochLog log;
        ok = ok && colon != std::string_view::npos && parse_double(item.substr(0, colon), &log.loss) &&
             parse_double(item.substr(colon + 1), &log.accuracy);
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
