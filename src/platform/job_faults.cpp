// A job's exception as a reason, and the test-only fault jobs (job_faults.h).
#include "platform/job_faults.h"

#include <cstdlib>
#include <exception>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

namespace hebblab {

std::string job_exception_reason() {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown exception";
  }
}

namespace {

// fault.oom fails while the job is made (as a job that takes its buffers first would), the others in their first step.
class FaultJob final : public Job {
 public:
  explicit FaultJob(std::string_view kind) : kind_(kind) {
    // Blocks of a quarter of the address space, kept: wasm32's heap (at most 2 GB) takes the first and runs out on
    // the second, a 64-bit process runs out on the first. Never touched, so no real memory is used. The size is read
    // at run time: clang refuses so large an array size when it is a constant.
    volatile size_t block = std::numeric_limits<size_t>::max() / 4;
    while (kind_ == "fault.oom") blocks_.emplace_back(new char[block]);
  }

  bool step() override {
    if (kind_ == "fault.throw") throw std::runtime_error("fault.throw: a test fault");
    std::abort();  // fault.abort
  }
  double progress() const override { return 0; }
  std::string result() const override { return ""; }

 private:
  std::string kind_;
  std::vector<std::unique_ptr<char[]>> blocks_;
};

}  // namespace

std::unique_ptr<Job> make_fault_job(std::string_view kind) {
  if (kind != "fault.throw" && kind != "fault.abort" && kind != "fault.oom") return nullptr;
  return std::make_unique<FaultJob>(kind);
}

}  // namespace hebblab
