// A job request as the job runners receive it (a std::thread natively, the Web Worker in the page): kind and
// configuration text, then the files (fuzz_util.h's parts; the head's first line is the kind). make_job must refuse
// or build; a built job then runs its first steps and reports.
#include <algorithm>

#include "core/capacity.h"
#include "core/job.h"
#include "core/nn/train_job.h"
#include "fuzz_util.h"

using namespace hebblab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<fuzz::Part> parts = fuzz::split_parts(data, size);
  const std::string head(as_text(parts[0].bytes));
  const size_t newline = std::min(head.find('\n'), head.size());
  const std::string kind = head.substr(0, newline);
  const std::string config = head.substr(std::min(newline + 1, head.size()));
  JobFiles files;
  for (size_t i = 1; i < parts.size(); ++i) files[parts[i].name] = std::move(parts[i].bytes);

  std::string error;
  std::unique_ptr<Job> job = make_job(kind, config, std::move(files), &error);
  if (!job) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  // A capacity step is one P value with all its trials: the user sets its cost (n^2 x max_steps x trials), so only
  // cheap ones run here, or each input would take seconds.
  CapacityConfig capacity;
  const bool cheap = kind != "capacity" || (parse_capacity_config(config, &capacity, &error) &&
                                            capacity.n_neurons <= 100 && capacity.trials <= 10 &&
                                            capacity.max_steps <= 50);
  for (int i = 0; cheap && i < 2 && job->step(); ++i) {
    const double progress = job->progress();
    FUZZ_CHECK(progress >= 0 && progress <= 1);
  }
  const std::string result = job->result();
  if (kind == "train") {
    TrainReport report;
    FUZZ_CHECK(parse_train_report(result, &report));
  }
  job->take_payload();
  return 0;
}
