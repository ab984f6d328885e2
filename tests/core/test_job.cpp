// Tests for the job factory: a capacity job made from text runs in steps with rising progress and a parseable
// result; unknown kinds and bad configurations are refused with a message.
#include "core/job.h"

#include <gtest/gtest.h>

#include "core/capacity.h"
#include "job_test_util.h"

namespace hebblab {
namespace {

TEST(Job, CapacityJobStepsToCompletion) {
  CapacityConfig c;
  c.n_neurons = 25;
  c.p_max = 4;
  c.trials = 20;
  std::string error;
  std::unique_ptr<Job> job = make_job("capacity", format_capacity_config(c), &error);
  ASSERT_NE(job, nullptr) << error;
  EXPECT_EQ(job->progress(), 0.0);
  EXPECT_TRUE(parse_capacity_points(job->result()).empty());

  const int steps = test::run_job(*job, 4, [&](int step) {
    // The partial result is already a valid curve with one point per finished step.
    EXPECT_EQ(parse_capacity_points(job->result()).size(), size_t(step));
  });
  EXPECT_EQ(steps, 4);
  EXPECT_EQ(job->progress(), 1.0);

  const std::vector<CapacityPoint> points = parse_capacity_points(job->result());
  ASSERT_EQ(points.size(), 4u);
  CapacityExperiment direct(c);
  while (direct.step()) {
  }
  for (size_t k = 0; k < points.size(); ++k) {
    EXPECT_EQ(points[k].p, int(k) + 1);
    EXPECT_GE(points[k].recalled, 0.0);
    EXPECT_LE(points[k].recalled, 1.0);
    EXPECT_EQ(points[k].recalled, direct.points()[k].recalled);
  }
}

TEST(Job, UnknownKindIsRefused) {
  std::string error;
  EXPECT_EQ(make_job("tsne", "n=10", &error), nullptr);
  EXPECT_NE(error.find("tsne"), std::string::npos) << error;
  EXPECT_EQ(make_job("tsne", "n=10", nullptr), nullptr);
}

TEST(Job, BadConfigIsRefused) {
  std::string error;
  EXPECT_EQ(make_job("capacity", "n=10 noise=lots", &error), nullptr);
  EXPECT_NE(error.find("noise"), std::string::npos) << error;
  EXPECT_EQ(make_job("capacity", "garbage", nullptr), nullptr);
}

}  // namespace
}  // namespace hebblab
