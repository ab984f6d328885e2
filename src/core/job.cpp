// The job factory: every kind of background work the labs can start.
#include "job.h"

#include "capacity.h"
#include "nn/train_job.h"

namespace hebblab {
namespace {

class CapacityJob final : public Job {
 public:
  explicit CapacityJob(CapacityConfig config) : experiment_(std::move(config)) {}
  bool step() override { return experiment_.step(); }
  double progress() const override { return experiment_.progress(); }
  std::string result() const override { return format_capacity_points(experiment_.points()); }

 private:
  CapacityExperiment experiment_;
};

}  // namespace

std::unique_ptr<Job> make_job(std::string_view kind, std::string_view config, std::string* error) {
  return make_job(kind, config, JobFiles{}, error);
}

std::unique_ptr<Job> make_job(std::string_view kind, std::string_view config, JobFiles files, std::string* error) {
  if (kind == "train") {
    TrainJobConfig c;
    if (!parse_train_job_config(config, &c, error)) return nullptr;
    return make_train_job(c, std::move(files), error);
  }
  if (kind == "capacity") {
    CapacityConfig c;
    if (!parse_capacity_config(config, &c, error)) return nullptr;
    return std::make_unique<CapacityJob>(std::move(c));
  }
  if (error) *error = "unknown job kind '" + std::string(kind) + "'";
  return nullptr;
}

}  // namespace hebblab
