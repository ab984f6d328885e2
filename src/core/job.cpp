// The job factory: every kind of background work the labs can start.
#include "job.h"

#include "capacity.h"

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
  if (kind == "capacity") {
    CapacityConfig c;
    if (!parse_capacity_config(config, &c, error)) return nullptr;
    return std::make_unique<CapacityJob>(std::move(c));
  }
  if (error) *error = "unknown job kind '" + std::string(kind) + "'";
  return nullptr;
}

}  // namespace hebblab
