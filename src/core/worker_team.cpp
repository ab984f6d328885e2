#include "worker_team.h"

namespace hebblab {

WorkerTeam::~WorkerTeam() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerTeam::work(int part, int64_t seen) {
  for (;;) {
    const std::function<void(int)>* job;
    int parts;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_, job = job_, parts = parts_;
    }
    if (part < parts) (*job)(part);
    std::lock_guard<std::mutex> lock(mutex_);
    if (--pending_ == 0) done_.notify_one();
  }
}

void WorkerTeam::run(int parts, const std::function<void(int)>& fn) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  for (int t = 0; t < parts; ++t) fn(t);  // no pthreads in this build
#else
  if (parts <= 1) {
    if (parts == 1) fn(0);
    return;
  }
  while (static_cast<int>(threads_.size()) < parts - 1) {
    const int part = static_cast<int>(threads_.size()) + 1;
    threads_.emplace_back([this, part, seen = generation_] { work(part, seen); });  // waits for the next job
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = &fn, parts_ = parts, pending_ = static_cast<int>(threads_.size());
    ++generation_;
  }
  start_.notify_all();
  fn(0);
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return pending_ == 0; });
#endif
}

}  // namespace hebblab
