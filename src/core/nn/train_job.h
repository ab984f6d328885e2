// The "train" job: the lecture's MNIST training (then its test) as a Job, one batch per step, so the UI can train in
// a thread or a Web Worker, show progress and cancel between batches. The data comes in as JobFiles (bytes); the
// model comes out as Job::take_payload(), a model file: its weights while training, all of it once done.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/job.h"
#include "core/nn/sequential.h"

namespace hebblab {

struct TrainJobConfig {
  int epochs = 1;
  int batch_size = 32;
  int limit = 0;       // train on the first N training images; 0: all
  int test_limit = 0;  // test on the first N test images; 0: all
  uint64_t seed = 1;   // initial weights, shuffle order, dropout masks
  double validation_split = 0;  // as Keras's fit: this fraction of the (limited) training samples, from the end
  int threads = 1;              // TrainConfig::threads, 1..limits::kMaxThreads
  bool reproducible = false;    // Numerics::Reproducible: the same weights on every platform
};

// "epochs=1 batch_size=32 limit=0 test_limit=0 seed=1 validation_split=0 threads=1 reproducible=0"; parsing takes
// any subset of the keys, in any order.
std::string format_train_job_config(const TrainJobConfig& c);
bool parse_train_job_config(std::string_view text, TrainJobConfig* out, std::string* error);

// files: "train-images-idx3-ubyte" and "train-labels-idx1-ubyte" (required); "t10k-images-idx3-ubyte" and
// "t10k-labels-idx1-ubyte" (together or not at all: the test after training); "model" (optional: a model file to go
// on training, instead of a new lecture model for the data drawn from the seed). With epochs=0 and a model, the test
// files alone are enough (testing a model). Null with a message naming the file when one is missing, damaged, or
// does not fit the model.
std::unique_ptr<Job> make_train_job(const TrainJobConfig& config, JobFiles files, std::string* error);

// The job's text result, read back. Its first line is key=value pairs:
//   phase=training|testing|done|failed epoch=E epochs=N seen=S samples=M loss=L accuracy=A batches=B
//   [batch_loss=L batch_accuracy=A] [history=loss:accuracy[:val_loss:val_accuracy],...] tested=T test_samples=U
//   [test_loss=L test_accuracy=A predicted=DIGITS] [fingerprint=HEX, once done]
// (epoch counts finished epochs; seen the samples done in the epoch of the last batch, loss and accuracy their running
// means; batches the training batches of the whole run and batch_loss/accuracy the last one's own; predicted each
// tested sample's class, one digit a sample), and a failed job adds a line "error=...".
struct TrainReport {
  std::string phase;
  int epoch = 0, epochs = 0, seen = 0, samples = 0;
  double loss = 0, accuracy = 0;
  std::vector<EpochLog> history;  // loss and accuracy of each finished epoch
  int64_t batches = 0;
  double batch_loss = kNoValue, batch_accuracy = kNoValue;
  int tested = 0, test_samples = 0;
  double test_loss = kNoValue, test_accuracy = kNoValue;
  std::vector<uint8_t> predicted;
  std::string fingerprint;  // once done: weights_fingerprint of the final weights, as fingerprint_text
  std::string error;
};
bool parse_train_report(std::string_view text, TrainReport* out);

}  // namespace hebblab
