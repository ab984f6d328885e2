// A fixed team of threads that run one function on part indices together, for the data-parallel training steps:
// run(parts, fn) calls fn(0) on the calling thread and fn(1), ..., fn(parts - 1) on the team's threads (started on
// first need and kept, so a training step starts no thread), and returns when every call has returned. In a build
// without threads (wasm) the parts run one after another on the caller.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hebblab {

class WorkerTeam {
 public:
  WorkerTeam() = default;
  WorkerTeam(const WorkerTeam&) = delete;
  WorkerTeam& operator=(const WorkerTeam&) = delete;
  ~WorkerTeam();
  void run(int parts, const std::function<void(int)>& fn);

 private:
  void work(int part, int64_t seen);  // runs part `part` of each job after generation `seen`

  std::vector<std::thread> threads_;  // thread k runs part k + 1
  std::mutex mutex_;
  std::condition_variable start_, done_;
  const std::function<void(int)>* job_ = nullptr;
  int parts_ = 0, pending_ = 0;
  int64_t generation_ = 0;
  bool stop_ = false;
};

}  // namespace hebblab
