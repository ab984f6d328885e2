// Desktop job runner: each job runs its steps on a std::thread; progress goes into a queue that the UI polls once a
// frame, and cancel is checked between steps.
#include <atomic>
#include <mutex>
#include <thread>

#include "core/job.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

class ThreadJobRunner final : public JobRunner {
 public:
  ~ThreadJobRunner() override { stop_current(); }

  int start(const std::string& kind, const std::string& config) override {
    stop_current();
    const int id = ++last_id_;
    std::string error;
    std::unique_ptr<Job> job = make_job(kind, config, &error);
    if (!job) {
      push({id, JobEvent::Type::Error, 0, error});
      return id;
    }
    cancel_requested_ = false;
    worker_ = std::thread([this, id, job = std::move(job)] {
      bool more = true;
      while (more) {
        if (cancel_requested_) {
          push({id, JobEvent::Type::Cancelled, job->progress(), job->result()});
          return;
        }
        more = job->step();
        push({id, more ? JobEvent::Type::Progress : JobEvent::Type::Done, job->progress(), job->result()});
      }
    });
    return id;
  }

  void cancel(int id) override {
    if (id == last_id_) cancel_requested_ = true;
  }

  std::vector<JobEvent> poll() override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<JobEvent> out;
    out.swap(events_);
    return out;
  }

 private:
  void push(JobEvent e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(e));
  }
  void stop_current() {
    cancel_requested_ = true;
    if (worker_.joinable()) worker_.join();
  }

  std::thread worker_;
  std::atomic<bool> cancel_requested_{false};
  int last_id_ = 0;
  std::mutex mutex_;
  std::vector<JobEvent> events_;
};

}  // namespace

std::unique_ptr<JobRunner> make_job_runner() { return std::make_unique<ThreadJobRunner>(); }

}  // namespace hebblab
