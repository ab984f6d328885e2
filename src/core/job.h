// Heavy work that must not block the UI: a Job runs in bounded steps (on a std::thread natively, in a dedicated Web
// Worker in the browser) so its runner can report progress and cancel between steps. Jobs are made from text and
// bytes, so the same request crosses the worker boundary unchanged.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace hebblab {

class Job {
 public:
  virtual ~Job() = default;
  // Do one bounded piece of work; false once the job is finished.
  virtual bool step() = 0;
  virtual double progress() const = 0;  // 0..1
  // The result so far as text (partial while running, final after the last step).
  virtual std::string result() const = 0;
  // Bytes beside the text, moved out: what changed since the last take, or empty when nothing did. The train job
  // gives its model file (the weights while training, with the optimiser's state once done). Runners take it at most
  // a few times a second while the job runs, and once when it is done.
  virtual Bytes take_payload() { return {}; }
};

// Named byte blobs handed to a job with its text configuration: data that does not fit the text (the train job's
// MNIST files, a model to go on training). Moved in, so 55 MB of images are not copied on the way.
using JobFiles = std::map<std::string, Bytes>;

// kind "capacity": config in format_capacity_config's text form.
// kind "train": config in format_train_job_config's text form, files as make_train_job takes them (train_job.h).
// Null with a message for an unknown kind, a bad configuration or bad files.
std::unique_ptr<Job> make_job(std::string_view kind, std::string_view config, JobFiles files, std::string* error);
// The same without files.
std::unique_ptr<Job> make_job(std::string_view kind, std::string_view config, std::string* error);

}  // namespace hebblab
