// The desktop job runner: lanes run side by side (a capacity run does not stop a training run), a new job in a lane
// replaces the old one, which reports Cancelled; pause holds a job between steps; payloads arrive with Done; a job
// that cannot be made reports Error with the reason; a job that throws (std::exception, std::bad_alloc) reports Error
// instead of ending the process, and its lane runs the next job.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "../core/nn_test_util.h"
#include "core/nn/train_job.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

using Clock = std::chrono::steady_clock;

// Polls until `until` holds for the events so far (collected into *all), or 20 s pass.
template <class Pred>
bool poll_until(JobRunner& jobs, std::vector<JobEvent>* all, Pred until) {
  const Clock::time_point give_up = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < give_up) {
    for (JobEvent& e : jobs.poll()) all->push_back(std::move(e));
    if (until(*all)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

bool has(const std::vector<JobEvent>& events, int id, JobEvent::Type type) {
  for (const JobEvent& e : events)
    if (e.id == id && e.type == type) return true;
  return false;
}

int count(const std::vector<JobEvent>& events, int id) {
  int n = 0;
  for (const JobEvent& e : events) n += e.id == id;
  return n;
}

// A long capacity run: 1,000 trials per P.
JobRequest long_capacity() { return {"capacity", "n=100 p_max=25 trials=1000 seed=1", {}, {}}; }

TEST(JobsNative, LanesRunSideBySideAndAReplacedJobReportsCancelled) {
  std::unique_ptr<JobRunner> jobs = make_job_runner();
  std::vector<JobEvent> events;
  const int first = jobs->start("hopfield", long_capacity());
  const int other_lane = jobs->start("cnn", long_capacity());
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return count(e, first) > 0 && count(e, other_lane) > 0; }));
  const int second = jobs->start("hopfield", long_capacity());  // replaces `first`, leaves `other_lane` running
  EXPECT_NE(second, first);
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return has(e, first, JobEvent::Type::Cancelled); }));
  const int before = count(events, other_lane);
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return count(e, other_lane) > before + 2; }));
  EXPECT_FALSE(has(events, other_lane, JobEvent::Type::Cancelled));
  jobs->cancel(second);
  jobs->cancel(other_lane);
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) {
    return has(e, second, JobEvent::Type::Cancelled) && has(e, other_lane, JobEvent::Type::Cancelled);
  }));
}

TEST(JobsNative, PauseHoldsTheJobBetweenSteps) {
  std::unique_ptr<JobRunner> jobs = make_job_runner();
  std::vector<JobEvent> events;
  const int id = jobs->start("hopfield", long_capacity());
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return count(e, id) > 0; }));
  jobs->set_paused(id, true);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a step under way may still report
  events.clear();
  for (JobEvent& e : jobs->poll()) events.push_back(std::move(e));
  events.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (JobEvent& e : jobs->poll()) events.push_back(std::move(e));
  EXPECT_EQ(count(events, id), 0) << "a paused job took steps";
  jobs->set_paused(id, false);
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return count(e, id) > 0; }));
  jobs->cancel(id);  // a paused job can be cancelled too
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return has(e, id, JobEvent::Type::Cancelled); }));
}

TEST(JobsNative, TheTrainedModelComesWithDone) {
  const Dataset data = test::banded_dataset(40, 28, 10, 1);
  JobRequest request{"train", "epochs=1 batch_size=8 seed=2", {}, {}};
  request.files["train-images-idx3-ubyte"] = test::idx_bytes({40, 28, 28}, data.x);
  request.files["train-labels-idx1-ubyte"] = test::idx_bytes({40}, data.y);
  std::unique_ptr<JobRunner> jobs = make_job_runner();
  std::vector<JobEvent> events;
  const int id = jobs->start("cnn", std::move(request));
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return has(e, id, JobEvent::Type::Done); }));
  const JobEvent& done = events.back();
  ASSERT_EQ(done.type, JobEvent::Type::Done);
  TrainReport report;
  ASSERT_TRUE(parse_train_report(done.text, &report)) << done.text;
  EXPECT_EQ(report.phase, "done");
  EXPECT_GT(done.payload.size(), 2u * 1000 * 1000);  // the lecture model with Adam's state
}

TEST(JobsNative, AJobThatCannotBeMadeReportsWhy) {
  std::unique_ptr<JobRunner> jobs = make_job_runner();
  std::vector<JobEvent> events;
  const int unknown = jobs->start("cnn", {"no such kind", "", {}, {}});
  const int missing = jobs->start("hopfield", {"train", "", {}, {{"train-images-idx3-ubyte", "no/such/asset"}}});
  ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) {
    return has(e, unknown, JobEvent::Type::Error) && has(e, missing, JobEvent::Type::Error);
  }));
  for (const JobEvent& e : events) {
    if (e.id == unknown) {
      EXPECT_NE(e.text.find("unknown job kind"), std::string::npos) << e.text;
    } else if (e.id == missing) {
      EXPECT_NE(e.text.find("no/such/asset"), std::string::npos) << e.text;
    }
  }
}

TEST(JobsNative, AJobThatThrowsReportsErrorAndTheLaneGoesOn) {
  std::unique_ptr<JobRunner> jobs = make_job_runner();
  const std::pair<const char*, const char*> faults[] = {{"fault.throw", "fault.throw: a test fault"},
                                                        {"fault.oom", "out of memory"}};
  for (const auto& [kind, reason] : faults) {
    std::vector<JobEvent> events;
    const int failed = jobs->start("hopfield", {kind, "", {}, {}});
    ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return has(e, failed, JobEvent::Type::Error); })) << kind;
    EXPECT_EQ(events.back().text, reason);
    const int next = jobs->start("hopfield", {"capacity", "n=16 p_max=3 trials=2 seed=1", {}, {}});
    ASSERT_TRUE(poll_until(*jobs, &events, [&](auto& e) { return has(e, next, JobEvent::Type::Done); })) << kind;
  }
}

}  // namespace
}  // namespace hebblab
