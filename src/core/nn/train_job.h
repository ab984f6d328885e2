// The "train" job: the lecture's MNIST training (then its test) as a Job, one batch per step, so the UI can train in
// a thread or a Web Worker, show progress and cancel between batches. The data comes in as JobFiles (bytes); the
// trained model comes out as Job::output(), a model file.
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
};

// "epochs=1 batch_size=32 limit=0 test_limit=0 seed=1"; parsing takes any subset of the keys, in any order.
std::string format_train_job_config(const TrainJobConfig& c);
bool parse_train_job_config(std::string_view text, TrainJobConfig* out, std::string* error);

// files: "train-images-idx3-ubyte" and "train-labels-idx1-ubyte" (required); "t10k-images-idx3-ubyte" and
// "t10k-labels-idx1-ubyte" (together or not at all: the test after training); "model" (optional: a model file to go
// on training, instead of a new lecture model drawn from the seed). Null with a message naming the file when one is
// missing, damaged, or does not fit the model.
std::unique_ptr<Job> make_train_job(const TrainJobConfig& config, JobFiles files, std::string* error);

// The job's text result, read back. Its first line is key=value pairs:
//   phase=training|testing|done|failed epoch=E epochs=N seen=S samples=M loss=L accuracy=A
//   [history=loss:accuracy,...] tested=T test_samples=U [test_loss=L test_accuracy=A]
// (epoch counts finished epochs; seen the samples done in the epoch of the last batch, loss and accuracy their running
// means), and a failed job adds a line "error=...".
struct TrainReport {
  std::string phase;
  int epoch = 0, epochs = 0, seen = 0, samples = 0;
  double loss = 0, accuracy = 0;
  std::vector<EpochLog> history;  // loss and accuracy of each finished epoch
  int tested = 0, test_samples = 0;
  double test_loss = kNoValue, test_accuracy = kNoValue;
  std::string error;
};
bool parse_train_report(std::string_view text, TrainReport* out);

}  // namespace hebblab
