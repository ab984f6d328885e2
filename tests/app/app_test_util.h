// ImGui with no renderer for the app tests (as imgui_impl_null does): a context with its font atlas built and a
// fixed display, and the whole app driven as a user drives it: frames, and clicks on named widgets where the test
// hook says they were drawn, pressed and released a frame apart.
#pragma once
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "app/app.h"
#include "core/json_writer.h"

namespace hebblab::test {

// A 1280 x 800 display at 60 frames per second, the app's font setup (ImGui's own font: no file is read).
inline void start_imgui() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  // The keys the SDL backend maps (the app turns keyboard navigation on, which needs them); any distinct indices.
  const ImGuiKey keys[] = {ImGuiKey_Tab,      ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                           ImGuiKey_DownArrow, ImGuiKey_PageUp,   ImGuiKey_PageDown,   ImGuiKey_Home,
                           ImGuiKey_End,      ImGuiKey_Insert,    ImGuiKey_Delete,     ImGuiKey_Backspace,
                           ImGuiKey_Space,    ImGuiKey_Enter,     ImGuiKey_Escape,     ImGuiKey_KeyPadEnter,
                           ImGuiKey_A,        ImGuiKey_C,         ImGuiKey_V,          ImGuiKey_X,
                           ImGuiKey_Y,        ImGuiKey_Z};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; ++i) io.KeyMap[keys[i]] = static_cast<int>(10 + i);
  App::setup_fonts("", 1.0f, 1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

// Press and release the left button at a point, a frame apart; `frame` draws one frame.
template <class Frame>
void press_at(float x, float y, Frame frame) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  frame();
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The subset DejaVu Sans the apps ship (HEBBLAB_UI_FONT, built by the ui_font target), as bytes; "" if missing.
inline std::string read_app_font() {
  std::ifstream in(HEBBLAB_UI_FONT, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Lay out in the app's font at text size 1, as users see it; `font` must outlive the context (the atlas reads it in
// place).
inline void use_app_font(const std::string& font) {
  App::setup_fonts(font, 1.0f, 1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

// A lab's part of the test-hook state as the app writes it, in an object of its own.
template <class Lab>
std::string lab_json(const Lab& lab) {
  JsonWriter j;
  j.begin_object();
  lab.write_json(j);
  j.end_object();
  return j.str();
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override { start_imgui(); }
  void TearDown() override { ImGui::DestroyContext(); }

  void frame(App& app) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
  }
  // A click at the centre of a named widget, after it has been on screen for a couple of frames (tab bars lay out
  // their tabs a frame late).
  void click(App& app, const std::string& widget) {
    frame(app);
    frame(app);
    const std::string json = app.state_json();
    const size_t at = json.find("\"" + widget + "\":[");
    ASSERT_NE(at, std::string::npos) << widget << " not drawn";
    float x = 0, y = 0, w = 0, h = 0;
    ASSERT_EQ(std::sscanf(json.c_str() + at + widget.size() + 4, "%f,%f,%f,%f", &x, &y, &w, &h), 4);
    press_at(x + w / 2, y + h / 2, [&] { frame(app); });
  }
};

}  // namespace hebblab::test
