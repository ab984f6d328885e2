// The app under ImGui with no renderer (as imgui_impl_null does): frames run, the test hook reports widget
// positions, a synthetic click on a real button changes state, settings survive a restart, and a job started from
// the UI reports progress and can be cancelled.
#include <gtest/gtest.h>
#include <imgui.h>

#include <optional>
#include <string>

#include "app/app.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::MemorySettings;
using test::SteppingJobs;

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    App::setup_fonts("", 1.0f, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void frame(App& app) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
  }
  // Press and release the left button at the centre of a named widget, as a user would: after the widget has
  // been on screen for a couple of frames (tab bars lay out their tabs a frame late), a frame apart.
  void click(App& app, const std::string& widget) {
    frame(app);
    frame(app);
    std::string json = app.state_json();
    auto at = json.find("\"" + widget + "\":[");
    ASSERT_NE(at, std::string::npos) << widget << " not drawn";
    float x = 0, y = 0, w = 0, h = 0;
    ASSERT_EQ(std::sscanf(json.c_str() + at + widget.size() + 4, "%f,%f,%f,%f", &x, &y, &w, &h), 4);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x + w / 2, y + h / 2);
    frame(app);
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
  }
  Host host() {
    Host h;
    h.settings = &settings;
    h.jobs = &jobs;
    return h;
  }
  MemorySettings settings;
  SteppingJobs jobs;
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

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

}  // namespace
}  // namespace hebblab
