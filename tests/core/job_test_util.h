// Running a Job to its end in tests, as a runner would: one step at a time, checking that progress never falls.
#pragma once
#include <gtest/gtest.h>

#include <functional>

#include "core/job.h"

namespace hebblab::test {

// Steps the job until it says it is done (at most max_steps steps); after_step(n) runs after step n (1-based).
// Returns the number of steps.
inline int run_job(Job& job, int max_steps, const std::function<void(int)>& after_step = {}) {
  double last = job.progress();
  int steps = 0;
  bool more = true;
  while (more && steps < max_steps) {
    more = job.step();
    ++steps;
    EXPECT_GE(job.progress(), last) << "step " << steps;
    last = job.progress();
    if (after_step) after_step(steps);
  }
  EXPECT_FALSE(more) << "still running after " << max_steps << " steps";
  return steps;
}

}  // namespace hebblab::test
