// The app under ImGui with no renderer (as imgui_impl_null does): frames run, the test hook reports widget
// positions, a synthetic click on a real button changes state, settings survive a restart, and a job started from
// the UI reports progress and can be cancelled.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <optional>
#include <string>

#include "app/app.h"
#include "app/widgets.h"
#include "app_test_util.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::MemorySettings;
using test::SteppingJobs;

class AppTest : public test::AppTest {
 protected:
  Host host() {
    Host h;
    h.settings = &settings;
    h.jobs = &jobs;
    return h;
  }
  MemorySettings settings;
  SteppingJobs jobs;
};

using test::contains;

TEST_F(AppTest, FramesAdvanceAndWidgetsAreReported) {
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  EXPECT_EQ(app.frame_count(), 3u);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"frame\":3"));
  EXPECT_TRUE(contains(json, "\"hopfield.store\":["));
  EXPECT_TRUE(contains(json, "\"tab.cnn\":["));
}

TEST_F(AppTest, ClickingStoreStoresAPattern) {
  App app(host());
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"patterns\":0"));
  click(app, "hopfield.preset_a");
  click(app, "hopfield.store");
  EXPECT_TRUE(contains(app.state_json(), "\"patterns\":1"));
}

TEST_F(AppTest, SettingsSurviveARestart) {
  {
    App app(host());
    frame(app);
    click(app, "hopfield.mode_async");
    click(app, "tab.about");
    EXPECT_TRUE(contains(app.state_json(), "\"mode\":\"async\""));
  }  // the destructor saves
  ASSERT_TRUE(settings.text.has_value());
  App again(host());
  frame(again);
  EXPECT_TRUE(contains(again.state_json(), "\"mode\":\"async\""));
  EXPECT_TRUE(contains(again.state_json(), "\"tab\":\"about\""));
}

TEST_F(AppTest, DamagedSettingsKeepWhatIsReadable) {
  settings.text = "hopfield.mode=async\nthis line is damaged\nhopfield.width=7\nhopfield.height=7\n";
  App app(host());
  frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"mode\":\"async\""));
  EXPECT_TRUE(contains(json, "\"width\":7"));
  EXPECT_TRUE(contains(json, "line 2"));  // the status bar names the damaged line
}

TEST_F(AppTest, AFullQuotaIsReportedAndNothingIsLost) {
  App app(host());
  frame(app);
  settings.full = true;
  click(app, "hopfield.mode_async");
  app.flush_settings();
  EXPECT_TRUE(contains(app.state_json(), "quota full"));
  settings.full = false;
  app.flush_settings();
  EXPECT_TRUE(contains(*settings.text, "hopfield.mode=async"));
}

TEST_F(AppTest, CapacityJobReportsProgressAndCancels) {
  App app(host());
  frame(app);
  click(app, "hopfield.tab_capacity");
  click(app, "capacity.start");
  for (int i = 0; i < 3; ++i) frame(app);
  std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"running\":true"));
  EXPECT_FALSE(contains(json, "\"progress_events\":0"));
  click(app, "capacity.cancel");
  frame(app);
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"status\":\"Cancelled\""));
}

// The lecture's three neurons allow at most one flipped pixel: the count follows the grid (it stayed at 9).
TEST_F(AppTest, PixelsToFlipFollowTheGrid) {
  settings.text = "hopfield.flip=9\n";
  App app(host());
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"flip\":9")) << app.state_json();
  click(app, "hopfield.preset_three");
  EXPECT_TRUE(contains(app.state_json(), "\"flip\":1,")) << app.state_json();
}

// The convolution inspector's products: −1 × 0 prints "0.000", not "-0.000".
TEST(Printable, NoNegativeZero) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", printable(-1.0 * 0.0, 3));
  EXPECT_STREQ(buf, "0.000");
  std::snprintf(buf, sizeof buf, "%.3f", printable(-0.0004, 3));
  EXPECT_STREQ(buf, "0.000");
  std::snprintf(buf, sizeof buf, "%.3f", printable(-0.0006, 3));
  EXPECT_STREQ(buf, "-0.001");
  EXPECT_EQ(printable(2.5, 3), 2.5);
}

// Plot axes end on round numbers: "-20000", not "-1.984e+04"; no ±1e-09 for a flat energy.
TEST(RoundAxis, EndsOnRoundSteps) {
  EXPECT_EQ(round_axis(-19840, -84), std::make_pair(-20000.0, 0.0));
  EXPECT_EQ(round_axis(-150, -90), std::make_pair(-160.0, -80.0));
  EXPECT_EQ(round_axis(0, 0), std::make_pair(-1.0, 1.0));
  EXPECT_EQ(round_axis(-90, -90), std::make_pair(-91.0, -89.0));
  EXPECT_EQ(round_axis(0, 1), std::make_pair(0.0, 1.0));
  const auto [lo, hi] = round_axis(-0.37, 2.9);
  EXPECT_LE(lo, -0.37);
  EXPECT_GE(hi, 2.9);
}

}  // namespace
}  // namespace hebblab
