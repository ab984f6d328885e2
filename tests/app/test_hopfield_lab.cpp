// The Hopfield lab on its own, under ImGui with no renderer (as test_convolution_lab.cpp runs its lab): the overlap
// bars' geometry, and the capacity experiment with "use my stored patterns": the field shows the grid's N, the axis
// fits the stored patterns, each kind of pattern keeps its own curve on its own axis, and the hint names the sub-tab
// whose mode and seed it uses.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // GImGui->LogBuffer: the text a frame drew

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "app/ui_hopfield.h"
#include "core/settings.h"
#include "app_test_util.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::contains;

// m from -1 to +1 around the centre of [100, 300]: the bar grows right for positive m, left for negative.
TEST(BarSpan, GrowsFromTheCentreLine) {
  EXPECT_EQ(bar_span(-1.0, 100, 300), (std::pair<float, float>{100, 200}));
  EXPECT_EQ(bar_span(0.0, 100, 300), (std::pair<float, float>{200, 200}));
  EXPECT_EQ(bar_span(1.0, 100, 300), (std::pair<float, float>{200, 300}));
  EXPECT_EQ(bar_span(0.5, 100, 300), (std::pair<float, float>{200, 250}));
  EXPECT_EQ(bar_span(-0.25, 100, 300), (std::pair<float, float>{175, 200}));
  EXPECT_EQ(bar_span(3.0, 100, 300), (std::pair<float, float>{200, 300}));  // clamped
}

class HopfieldLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::start_imgui();
    host.jobs = &jobs;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame with the lab filling the screen, after the job runner's events (as App::frame routes them); returns
  // the text it drew when asked (ImGui's log of rendered text).
  std::string frame(bool capture_text = false) {
    for (const JobEvent& e : jobs.poll()) lab.on_job_event(e);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("lab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    if (capture_text) ImGui::LogToBuffer();
    widgets.begin_frame();
    lab.draw(host, widgets, status);
    std::string text;
    if (capture_text) {
      text = GImGui->LogBuffer.c_str();
      ImGui::LogFinish();
    }
    ImGui::End();
    ImGui::Render();
    return text;
  }
  void click(const std::string& widget) {
    frame();
    frame();
    const auto it = widgets.rects().find(widget);
    ASSERT_NE(it, widgets.rects().end()) << widget << " not drawn";
    const WidgetRect& r = it->second;
    test::press_at(r.x + std::min(r.w, r.h) / 2, r.y + r.h / 2, [&] { frame(); });  // a checkbox's box
  }
  void run_experiment() {
    click("capacity.start");
    for (int i = 0; i < 20 && !contains(json(), "\"status\":\"Done\""); ++i) frame();
    ASSERT_TRUE(contains(json(), "\"status\":\"Done\"")) << json();
  }
  // The plotted curve's P values, from the test hook's "points": [[P, fraction], ...].
  std::vector<int> plotted_p() const {
    const std::string j = json();
    const size_t at = j.find("\"points\":[");
    std::vector<int> ps;
    if (at == std::string::npos) return ps;
    for (size_t i = at + 10; j[i] == '['; ) {
      ps.push_back(std::stoi(j.substr(i + 1)));
      i = j.find(']', i) + 1;
      if (j[i] == ',') ++i;
    }
    return ps;
  }
  std::string json() const { return test::lab_json(lab); }

  test::SteppingJobs jobs;
  Host host;
  WidgetRegistry widgets;
  std::string status;
  HopfieldLab lab;
};

// Two stored letters on the 5 x 5 grid (N = 25) and a random-pattern experiment for N = 16, P up to 3.
TEST_F(HopfieldLabTest, EachKindOfPatternKeepsItsOwnCurveAndAxis) {
  Settings s;
  s.set("capacity.config", "n=16 p_max=3 noise=0.1 trials=2 seed=1 mode=sync max_steps=10");
  s.set("hopfield.patterns", "# A\nOOOOO\nOOOOO\nOOOOO\nOOOOO\nOOOOO\n\n# B\nXXXXX\nXOOOX\nXOOOX\nXOOOX\nXXXXX\n");
  std::string error;
  ASSERT_TRUE(lab.load(s, &error)) << error;
  ASSERT_TRUE(contains(json(), "\"patterns\":2,")) << json();
  click("hopfield.tab_capacity");
  run_experiment();
  EXPECT_TRUE(contains(json(), "\"n\":16,\"axis_n\":16,\"axis_p_max\":3,")) << json();
  EXPECT_EQ(plotted_p(), (std::vector<int>{1, 2, 3})) << json();

  // With the stored patterns: the field shows the grid's 25, the axis ends at the 2 stored patterns (not at Largest
  // P), and the random curve is not drawn on it.
  click("capacity.user_patterns");
  EXPECT_TRUE(contains(json(), "\"user_patterns\":true,")) << json();
  EXPECT_TRUE(contains(json(), "\"n\":25,\"axis_n\":25,\"axis_p_max\":2,")) << json();
  EXPECT_TRUE(plotted_p().empty()) << json();
  run_experiment();
  EXPECT_TRUE(contains(json(), "\"n\":25,\"axis_n\":25,\"axis_p_max\":2,")) << json();
  EXPECT_EQ(plotted_p(), (std::vector<int>{1, 2})) << json();

  // Back to random patterns: their curve, on its own axis, is still there.
  click("capacity.user_patterns");
  EXPECT_TRUE(contains(json(), "\"n\":16,\"axis_n\":16,\"axis_p_max\":3,")) << json();
  EXPECT_EQ(plotted_p(), (std::vector<int>{1, 2, 3})) << json();
}

// The capacity tab's hint names where the update mode and seed it uses are set (the other sub-tab), with their values.
TEST_F(HopfieldLabTest, CapacityHintNamesTheRecallTab) {
  Settings s;
  s.set("hopfield.mode", "async");
  s.set_int("hopfield.seed", 7);
  std::string error;
  ASSERT_TRUE(lab.load(s, &error)) << error;
  click("hopfield.tab_capacity");
  const std::string text = frame(true);
  EXPECT_TRUE(contains(text, "Recall's update mode (asynchronous) and seed (7) are set on the \"Store and recall\" tab."))
      << text;
}

}  // namespace
}  // namespace hebblab
