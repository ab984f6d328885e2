// Every screen and every hand: the breakpoint where panels stack, every named widget inside the width of a phone, a
// tablet, a laptop and a projector, the themes' contrast, the keyboard (panels, painting a grid, Escape), touch-sized
// targets, screen-reader announcements, and the frame counter kept out of the status bar.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "app_test_util.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::contains;
using test::MemorySettings;

struct Rect {
  float x, y, w, h;
  bool fits_width;
};

// The test hook's named widgets: "name":[x,y,w,h,visible,enabled,fits_width].
std::map<std::string, Rect> widget_rects(const std::string& json) {
  std::map<std::string, Rect> out;
  size_t at = json.find("\"widgets\":{");
  if (at == std::string::npos) return out;
  at += 11;
  while (at < json.size() && json[at] == '"') {
    const size_t end = json.find('"', at + 1);
    Rect r{};
    int visible = 0;
    int enabled = 0, fits = 0;
    if (std::sscanf(json.c_str() + end + 1, ":[%f,%f,%f,%f,%d,%d,%d]", &r.x, &r.y, &r.w, &r.h, &visible, &enabled,
                    &fits) != 7)
      break;
    r.fits_width = fits != 0;
    out[json.substr(at + 1, end - at - 1)] = r;
    at = json.find(']', end) + 1;
    if (json[at] == ',') ++at;
  }
  return out;
}

std::string string_field(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\":\"");
  if (at == std::string::npos) return "";
  const size_t start = at + key.size() + 4;
  return json.substr(start, json.find('"', start) - start);
}

class ScreensTest : public test::AppTest {
 protected:
  Host host() {
    Host h;
    h.settings = &settings;
    h.shell = &shell;
    return h;
  }
  // A key pressed for one frame and released the next, as gui.cpp delivers a quick press.
  void press(App& app, ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    frame(app);
    io.KeysDown[io.KeyMap[key]] = false;
    frame(app);
  }
  void set_display(float w, float h) { ImGui::GetIO().DisplaySize = ImVec2(w, h); }
  std::string font_ = test::read_app_font();  // the atlas reads it in place
  MemorySettings settings;
  test::FakeShell shell;
};

TEST(Layout, PanelsStackBelowTheBreakpointInCssPixelsAtTheTextSize) {
  EXPECT_TRUE(panels_stack(390, 16));    // phone
  EXPECT_TRUE(panels_stack(768, 16));    // tablet, portrait
  EXPECT_FALSE(panels_stack(1280, 16));  // laptop
  EXPECT_FALSE(panels_stack(1920, 16));  // projector
  EXPECT_FALSE(panels_stack(kStackBelowCssPixels, 16));
  EXPECT_TRUE(panels_stack(1280, 32));  // text size 2: the panels would be as cramped as at 640
}

// Every named widget of every lab and every part of a lab starts and ends inside the window's width, at the four sizes
// the issue names, in the app's font, with touch-sized targets on the phone and the tablet: rows wrap and panels
// stack rather than run off the right edge (the phone's "asynchronous" button, its x = [1, -1, -1]).
TEST_F(ScreensTest, EveryNamedWidgetFitsTheWidthAtEverySize) {
  ASSERT_FALSE(font_.empty()) << HEBBLAB_UI_FONT;
  test::use_app_font(font_);
  const float sizes[][2] = {{390, 844}, {768, 1024}, {1280, 800}, {1920, 1080}};
  for (const auto& size : sizes) {
    set_display(size[0], size[1]);
    shell.coarse = size[0] < 1000;  // phones and tablets are touch screens: 44 px targets
    App app(host());
    app.setup_style(1.0f);
    for (const char* tab : {"tab.hopfield", "hopfield.tab_capacity", "tab.convolution", "tab.cnn", "cnn.tab_model",
                            "cnn.tab_train", "cnn.tab_evaluate", "tab.lessons"}) {
      click(app, tab);
      for (int i = 0; i < 3; ++i) frame(app);
      const std::string json = app.state_json();
      EXPECT_EQ(contains(json, "\"stacked\":true"), panels_stack(size[0], ImGui::GetFontSize())) << size[0];
      const auto rects = widget_rects(json);
      EXPECT_GT(rects.size(), 10u) << tab;
      for (const auto& [name, r] : rects) {
        if (name.rfind("menu.", 0) == 0) continue;  // the menu bar's items: checked by the menu test below
        EXPECT_TRUE(r.fits_width) << name << " is cut at the right at " << size[0] << " x " << size[1];
        EXPECT_GE(r.x, -0.5f) << name << " at " << size[0] << " x " << size[1];
        EXPECT_LE(r.x + r.w, size[0] + 0.5f) << name << " at " << size[0] << " x " << size[1];
      }
    }
  }
}

// The menus stay reachable on a phone: the subtitle gives way, and Settings, Language and Help stay on screen.
TEST_F(ScreensTest, TheMenusFitAPhone) {
  set_display(390, 844);
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  const auto rects = widget_rects(app.state_json());
  for (const char* menu : {"menu.settings", "menu.language", "menu.help"}) {
    ASSERT_TRUE(rects.count(menu)) << menu;
    EXPECT_LE(rects.at(menu).x + rects.at(menu).w, 390.5f) << menu;
  }
}

// The Hopfield grid takes its column: at least 80% of the width the phone gives it.
TEST_F(ScreensTest, ThePaintGridFillsItsColumn) {
  for (float w : {390.0f, 1920.0f}) {
    set_display(w, w < 1000 ? 844.0f : 1080.0f);
    App app(host());
    click(app, "tab.hopfield");
    const auto rects = widget_rects(app.state_json());
    ASSERT_TRUE(rects.count("hopfield.grid"));
    const float column = panels_stack(w, ImGui::GetFontSize()) ? w : w / 3;
    EXPECT_GE(rects.at("hopfield.grid").w, 0.8f * (column - 40)) << w;  // less the padding and a scroll bar
  }
}

TEST(Themes, EveryTextReadsAgainstWhatItIsDrawnOn) {
  ImGui::CreateContext();
  for (Theme theme : kThemes) {
    ImGuiStyle style;
    apply_theme(theme, &style);
    const ImVec4* c = style.Colors;
    const double least = theme_min_contrast(theme);
    // Backgrounds with their alpha laid over the window's colour, as ImGui draws them.
    auto over_window = [&](ImGuiCol col) {
      const ImVec4 a = c[col], w = c[ImGuiCol_WindowBg];
      return ImVec4(a.x * a.w + w.x * (1 - a.w), a.y * a.w + w.y * (1 - a.w), a.z * a.w + w.z * (1 - a.w), 1);
    };
    const struct { ImGuiCol col; const char* name; } backgrounds[] = {
        {ImGuiCol_WindowBg, "window"}, {ImGuiCol_PopupBg, "popup"}, {ImGuiCol_MenuBarBg, "menu bar"},
        {ImGuiCol_FrameBg, "field"},   {ImGuiCol_Button, "button"}, {ImGuiCol_Header, "header"},
        {ImGuiCol_Tab, "tab"},         {ImGuiCol_TabActive, "open tab"}};
    for (const auto& bg : backgrounds) {
      EXPECT_GE(contrast_ratio(c[ImGuiCol_Text], over_window(bg.col)), least) << theme_name(theme) << " text on "
                                                                              << bg.name;
    }
    // Muted text (the labs' teaching text) is drawn on the window and the panels.
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg})
      EXPECT_GE(contrast_ratio(c[ImGuiCol_TextDisabled], over_window(bg)), least) << theme_name(theme) << " muted";
    for (ThemeColour colour : {ThemeColour::Formula, ThemeColour::Error, ThemeColour::Success})
      EXPECT_GE(contrast_ratio(theme_colour_vec(theme, colour), c[ImGuiCol_WindowBg]), least)
          << theme_name(theme) << " colour " << static_cast<int>(colour);
    // A plot's line is a graphic: WCAG asks 3:1 of it against the plot.
    EXPECT_GE(contrast_ratio(theme_colour_vec(theme, ThemeColour::PlotLine),
                             theme_colour_vec(theme, ThemeColour::PlotBackground)),
              3.0)
        << theme_name(theme);
  }
  EXPECT_NEAR(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0, 1e-9);
  ImGui::DestroyContext();
}

TEST_F(ScreensTest, TheThemeIsChosenFromTheMenuAndRemembered) {
  {
    App app(host());
    frame(app);
    click(app, "menu.settings");
    click(app, "menu.theme_contrast");
    EXPECT_TRUE(contains(app.state_json(), "\"theme\":\"contrast\""));
  }
  App again(host());
  frame(again);
  EXPECT_TRUE(contains(again.state_json(), "\"theme\":\"contrast\""));
}

// F6 / Ctrl+Tab: the focus goes to the first widget of each panel in turn, around and back.
TEST_F(ScreensTest, PanelKeysMoveTheFocusFromPanelToPanel) {
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  std::vector<std::string> visited;
  for (int i = 0; i < 6; ++i) {
    app.focus_panel(+1);
    frame(app);
    frame(app);
    visited.push_back(string_field(app.state_json(), "name"));
  }
  // The menu bar, the lab tabs, the Hopfield lab's three panels (grid, deform, inspector), the status bar (empty, so
  // passed over), and around to the menu bar.
  ASSERT_EQ(visited.size(), 6u);
  EXPECT_EQ(visited[0], "menu.settings");
  EXPECT_EQ(visited[1], "tab.lessons");
  EXPECT_EQ(visited[2], "hopfield.grid");
  EXPECT_EQ(visited[3], "hopfield.flip_count");
  EXPECT_EQ(visited[5], "menu.settings");
  app.focus_panel(-1);
  frame(app);
  frame(app);
  EXPECT_EQ(string_field(app.state_json(), "name"), visited[4]);
}

// The grid painted from the keyboard: the arrows move a cursor inside the grid, Space paints +1, Enter -1.
TEST_F(ScreensTest, TheGridIsPaintedFromTheKeyboard) {
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  for (int i = 0; i < 3; ++i) {
    app.focus_panel(+1);
    frame(app);
  }
  frame(app);
  ASSERT_EQ(string_field(app.state_json(), "name"), "hopfield.grid");
  press(app, ImGuiKey_Space);  // cell 0
  press(app, ImGuiKey_RightArrow);
  press(app, ImGuiKey_DownArrow);
  press(app, ImGuiKey_Space);  // cell 6 of the 5 x 5 grid
  press(app, ImGuiKey_Enter);  // and back to -1
  press(app, ImGuiKey_RightArrow);
  press(app, ImGuiKey_Space);  // cell 7
  const std::string json = app.state_json();
  EXPECT_EQ(string_field(json, "name"), "hopfield.grid") << "the arrows stayed inside the grid";
  EXPECT_TRUE(contains(json, "\"state\":[1,-1,-1,-1,-1,-1,-1,1,-1,")) << json.substr(json.find("\"state\""), 80);
}

// The convolution lab's canvas painted from the keyboard: arrows down to it, Space stamps ink at the cursor, Enter
// erases it again.
TEST_F(ScreensTest, TheConvolutionCanvasIsPaintedFromTheKeyboard) {
  App app(host());
  frame(app);
  click(app, "tab.convolution");
  for (int i = 0; i < 6 && string_field(app.state_json(), "name") != "conv.source_draw"; ++i) {
    app.focus_panel(+1);  // to the input panel
    frame(app);
    frame(app);
  }
  ASSERT_EQ(string_field(app.state_json(), "name"), "conv.source_draw");
  auto focus_on_canvas = [&] {
    const std::string json = app.state_json();
    const Rect canvas = widget_rects(json).at("conv.canvas");
    const size_t at = json.find("\"rect\":[");
    float x = 0, y = 0;
    std::sscanf(json.c_str() + at + 8, "%f,%f", &x, &y);
    return std::abs(x - canvas.x) < 1 && std::abs(y - canvas.y) < 1;
  };
  for (int i = 0; i < 20 && !focus_on_canvas(); ++i) press(app, ImGuiKey_DownArrow);
  ASSERT_TRUE(focus_on_canvas()) << "the arrows reach the canvas";
  auto pixel = [&](int i) {
    const std::string json = app.state_json();
    const size_t at = json.find("\"input\":[");
    std::vector<float> v(static_cast<size_t>(i) + 1);
    const char* p = json.c_str() + at + 9;
    for (float& x : v) {
      x = std::strtof(p, const_cast<char**>(&p));
      ++p;
    }
    return v.back();
  };
  EXPECT_EQ(pixel(0), 0.0f);
  press(app, ImGuiKey_Space);
  EXPECT_GT(pixel(0), 0.5f) << "Space stamped ink at the cursor, the top left pixel";
  press(app, ImGuiKey_RightArrow);
  press(app, ImGuiKey_RightArrow);
  press(app, ImGuiKey_Space);
  EXPECT_GT(pixel(2), 0.5f);
  press(app, ImGuiKey_Enter);
  EXPECT_LT(pixel(2), 0.5f) << "Enter erased it";
  EXPECT_TRUE(focus_on_canvas()) << "the arrows moved the cursor, not the focus";
}

// A finger has no right button: the value the left button paints is chosen, and remembered.
TEST_F(ScreensTest, TheValueAFingerPaintsIsChosen) {
  {
    App app(host());
    frame(app);
    click(app, "hopfield.preset_a");  // the top left cell is -1, its neighbour +1
    click(app, "hopfield.paint_white");
    const auto rects = widget_rects(app.state_json());
    const Rect g = rects.at("hopfield.grid");
    test::press_at(g.x + g.w * 0.3f, g.y + g.h * 0.1f, [&] { frame(app); });  // cell 1
    EXPECT_TRUE(contains(app.state_json(), "\"state\":[-1,-1,1,1,-1,")) << "the left button painted -1";
  }
  App again(host());
  frame(again);
  const auto rects = widget_rects(again.state_json());
  const Rect g = rects.at("hopfield.grid");
  test::press_at(g.x + g.w * 0.5f, g.y + g.h * 0.1f, [&] { frame(again); });  // cell 2
  EXPECT_TRUE(contains(again.state_json(), "\"state\":[-1,-1,-1,1,-1,")) << "still -1 after a restart";
}

// Escape closes an open menu, and the click after an open menu is not swallowed.
TEST_F(ScreensTest, EscapeClosesAMenu) {
  App app(host());
  frame(app);
  click(app, "menu.settings");
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"menu.text_size\":")) << "the Settings menu is open";
  press(app, ImGuiKey_Escape);
  frame(app);
  EXPECT_FALSE(contains(app.state_json(), "\"menu.text_size\":")) << "Escape closed it";
}

// Tab goes from one cell of the custom kernel to the next, typing into each (ImGui's Tab stops at fields).
TEST_F(ScreensTest, TabMovesBetweenTheCellsOfTheCustomKernel) {
  App app(host());
  frame(app);
  click(app, "tab.convolution");
  click(app, "conv.kernel.custom");
  click(app, "conv.weight0");
  frame(app);
  EXPECT_EQ(string_field(app.state_json(), "name"), "conv.weight0");
  press(app, ImGuiKey_Tab);
  EXPECT_EQ(string_field(app.state_json(), "name"), "conv.weight1");
  press(app, ImGuiKey_Tab);
  EXPECT_EQ(string_field(app.state_json(), "name"), "conv.weight2");
}

// On a touch screen every frame (button, field, tab) is at least 44 px tall.
TEST_F(ScreensTest, TouchScreensGetTargetsOf44Pixels) {
  shell.coarse = true;
  App app(host());
  app.setup_style(1.0f);
  frame(app);
  EXPECT_GE(ImGui::GetFrameHeight(), 44.0f);
  EXPECT_TRUE(touch_ui());
  shell.coarse = false;
  app.setup_style(1.0f);
  EXPECT_LT(ImGui::GetFrameHeight(), 44.0f);
  EXPECT_FALSE(touch_ui());
}

// Screen readers hear the control the focus reaches and how recall ended, named as the pattern list names it.
TEST_F(ScreensTest, FocusAndOutcomesAreAnnounced) {
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  for (int i = 0; i < 2; ++i) {
    app.focus_panel(+1);
    frame(app);
    frame(app);
  }
  ASSERT_FALSE(shell.announcements.empty());
  EXPECT_EQ(shell.announcements.back(), "Lessons");
  click(app, "hopfield.preset_a");
  click(app, "hopfield.store");
  click(app, "hopfield.flip");
  click(app, "hopfield.run");
  for (int i = 0; i < 120; ++i) frame(app);
  bool settled = false;
  for (const std::string& a : shell.announcements) settled |= a == "Settled on stored pattern 0 (A)";
  EXPECT_TRUE(settled) << shell.announcements.back();
}

// The frame counter is a developer's: only in the debug overlay, which Settings switches on.
TEST_F(ScreensTest, TheFrameCounterIsInTheDebugOverlayOnly) {
  App app(host());
  for (int i = 0; i < 2; ++i) frame(app);
  EXPECT_EQ(ImGui::FindWindowByName("debug"), nullptr);
  click(app, "menu.settings");
  click(app, "menu.debug");
  frame(app);
  ImGuiWindow* overlay = ImGui::FindWindowByName("debug");
  ASSERT_NE(overlay, nullptr);
  EXPECT_TRUE(overlay->Active);
}

}  // namespace
}  // namespace hebblab
