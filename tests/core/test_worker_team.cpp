// The worker team runs every part of every job exactly once while the team grows and shrinks between jobs, and a job
// sees the writes of the jobs before it.
#include "core/worker_team.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace hebblab {
namespace {

TEST(WorkerTeam, EveryPartOnceInEveryJob) {
  WorkerTeam team;
  for (int parts : {1, 3, 2, 5, 1, 4, 8, 2}) {
    std::vector<int> ran(static_cast<size_t>(parts), 0);  // each part writes only its own slot
    team.run(parts, [&](int t) { ++ran[size_t(t)]; });
    for (int t = 0; t < parts; ++t) EXPECT_EQ(ran[size_t(t)], 1) << "parts " << parts << ", part " << t;
  }
}

TEST(WorkerTeam, ManyShortJobsInTurn) {
  WorkerTeam team;
  std::vector<long> sums(3, 0);
  std::atomic<int> calls{0};
  for (int job = 0; job < 2000; ++job)
    team.run(3, [&](int t) {
      sums[size_t(t)] += job;  // adds to what the previous jobs left
      ++calls;
    });
  EXPECT_EQ(calls.load(), 6000);
  for (long s : sums) EXPECT_EQ(s, 1999L * 2000 / 2);
}

}  // namespace
}  // namespace hebblab
