// Desktop job runner: each lab's lane runs its job's steps on a std::thread of its own; events go into one queue that
// the UI polls once a frame, and cancel and pause are checked between steps. A lane reads the assets a request names
// on its own thread (the 47 MB training set never blocks the UI), and payloads move into events without a copy. A job
// that throws (std::bad_alloc included) ends with an Error event instead of ending the process.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/job.h"
#include "core/limits.h"
#include "platform/files_native.h"
#include "platform/job_faults.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

class ThreadJobRunner final : public JobRunner {
 public:
  ~ThreadJobRunner() override {
    for (auto& [name, lane] : lanes_) stop(*lane);
  }

  int start(const std::string& lane_name, JobRequest request) override {
    std::unique_ptr<Lane>& slot = lanes_[lane_name];
    if (!slot) slot = std::make_unique<Lane>();
    Lane& lane = *slot;
    stop(lane);  // the job it replaces reports Cancelled
    const int id = ++last_id_;
    lane.id = id;
    lane.cancel = false;
    lane.paused = false;
    lane.thread = std::thread([this, &lane, id, request = std::move(request)]() mutable { run(lane, id, request); });
    return id;
  }

  void cancel(int id) override {
    if (Lane* lane = find(id)) {
      std::lock_guard<std::mutex> lock(lane->mutex);
      lane->cancel = true;
      lane->wake.notify_all();
    }
  }

  void set_paused(int id, bool paused) override {
    if (Lane* lane = find(id)) {
      std::lock_guard<std::mutex> lock(lane->mutex);
      lane->paused = paused;
      lane->wake.notify_all();
    }
  }

  Threads threads() const override {
    const int cores = std::max(1, int(std::thread::hardware_concurrency()));
    return {cores, std::min(cores, limits::kMaxThreads)};
  }

  std::vector<JobEvent> poll() override {
    std::lock_guard<std::mutex> lock(events_mutex_);
    std::vector<JobEvent> out;
    out.swap(events_);
    return out;
  }

 private:
  struct Lane {
    std::thread thread;
    int id = 0;  // the lane's latest job (touched on the UI thread only)
    std::mutex mutex;
    std::condition_variable wake;
    bool cancel = false, paused = false;  // under mutex
  };

  Lane* find(int id) {
    for (auto& [name, lane] : lanes_)
      if (lane->id == id) return lane.get();
    return nullptr;
  }

  void stop(Lane& lane) {
    {
      std::lock_guard<std::mutex> lock(lane.mutex);
      lane.cancel = true;
      lane.wake.notify_all();
    }
    if (lane.thread.joinable()) lane.thread.join();
  }

  // On the lane's thread. An exception must not leave the thread (std::terminate): it becomes the job's Error.
  void run(Lane& lane, int id, JobRequest& request) {
    try {
      run_job(lane, id, request);
    } catch (...) {
      push({id, JobEvent::Type::Error, 0, job_exception_reason(), {}});
    }
  }

  // Fetch the assets, make the job, then step it until it is done or cancelled.
  void run_job(Lane& lane, int id, JobRequest& request) {
    std::string error;
    for (const auto& [key, asset] : request.assets) {
      if (!read_asset(asset, &request.files[key], &error)) {
        push({id, JobEvent::Type::Error, 0, error, {}});
        return;
      }
    }
    std::unique_ptr<Job> job = make_fault_job(request.kind);
    if (!job) job = make_job(request.kind, request.config, std::move(request.files), &error);
    if (!job) {
      push({id, JobEvent::Type::Error, 0, error, {}});
      return;
    }
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_payload = Clock::now(), last_event = Clock::time_point();
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(lane.mutex);
        lane.wake.wait(lock, [&] { return lane.cancel || !lane.paused; });
        if (lane.cancel) {
          lock.unlock();
          push({id, JobEvent::Type::Cancelled, job->progress(), job->result(), {}});
          return;
        }
      }
      const bool more = job->step();
      // At most one progress event a frame (a fast model takes hundreds of steps a second), and the last one.
      const Clock::time_point now = Clock::now();
      if (more && now - last_event < std::chrono::milliseconds(kEventIntervalMs)) continue;
      last_event = now;
      JobEvent e{id, more ? JobEvent::Type::Progress : JobEvent::Type::Done, job->progress(), job->result(), {}};
      if (!more || now - last_payload >= std::chrono::milliseconds(kPayloadIntervalMs)) {
        e.payload = job->take_payload();
        last_payload = now;
      }
      push(std::move(e));
      if (!more) return;
    }
  }

  void push(JobEvent e) {
    std::lock_guard<std::mutex> lock(events_mutex_);
    events_.push_back(std::move(e));
  }

  std::map<std::string, std::unique_ptr<Lane>> lanes_;
  int last_id_ = 0;
  std::mutex events_mutex_;
  std::vector<JobEvent> events_;
};

}  // namespace

std::unique_ptr<JobRunner> make_job_runner() { return std::make_unique<ThreadJobRunner>(); }

}  // namespace hebblab
