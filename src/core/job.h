// Heavy work that must not block the UI: a Job runs in bounded steps (on a std::thread natively, in a dedicated Web
// Worker in the browser) so its runner can report progress and cancel between steps. Jobs are made from text so the
// same request crosses the worker boundary unchanged.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace hebblab {

class Job {
 public:
  virtual ~Job() = default;
  // Do one bounded piece of work; false once the job is finished.
  virtual bool step() = 0;
  virtual double progress() const = 0;  // 0..1
  // The result so far as text (partial while running, final after the last step).
  virtual std::string result() const = 0;
};

// kind "capacity": config in format_capacity_config's text form. Null with a message for an unknown kind or a bad
// configuration.
std::unique_ptr<Job> make_job(std::string_view kind, std::string_view config, std::string* error);

}  // namespace hebblab
