// The test hook: named widgets record where they were drawn this frame, so end-to-end tests (Playwright on the
// page, xdotool under Xvfb) click real buttons at real positions and then read the app state back as JSON.
// It also knows the labs' panels (the columns of a lab, side by side or stacked), so F6 / Ctrl+Tab can move the
// keyboard focus from one panel to the next, and which named widget has the keyboard focus.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

struct ImGuiWindow;

namespace hebblab {

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;  // in window coordinates (CSS pixels in the browser)
  bool visible = true;               // wholly inside what its window (or table column) shows, not cut off
  bool enabled = true;               // not greyed out (ImGui::BeginDisabled)
  bool fits_width = true;            // within its window's (or column's) width: nothing cut that no scrolling shows
};

// The label of the item the keyboard focus is on, as ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE) saw it drawn,
// without its "##id" part; "" when the focus is on nothing or on an item without a label.
std::string focused_item_label();

class WidgetRegistry {
 public:
  // Call once a frame, inside the frame (after ImGui::NewFrame): applies a focus move asked for since the last one.
  void begin_frame();
  // Record the last ImGui item under a name.
  void record_last_item(const std::string& name);
  void record(const std::string& name, ImVec2 min, ImVec2 max);
  const std::map<std::string, WidgetRect>& rects() const { return rects_; }

  // The next named widgets belong to a new panel (in the order the keyboard visits them).
  void begin_panel();
  // Move the keyboard focus to the first named widget of the next (+1) or previous (-1) panel, during the next frame.
  void request_panel_focus(int direction) { focus_request_ = direction; }
  // The named widget with the keyboard focus ("" for none or an unnamed one), and the focus ring's rectangle.
  const std::string& focused() const { return focused_; }
  int focused_panel() const { return focused_panel_; }
  int panel_count() const { return static_cast<int>(panels_.size()); }
  WidgetRect focus_rect() const;
  // The named widget under the mouse this frame, and the last one a mouse click landed on (with a running count).
  const std::string& hovered() const { return hovered_; }
  const std::string& clicked() const { return clicked_; }
  int clicks() const { return clicks_; }
  // Scroll the named widget into view the next time it is drawn.
  void request_reveal(const std::string& name) { reveal_ = name; }

 private:
  void place(const std::string& name, ImVec2 min, ImVec2 max);  // the rectangle, its visibility, a reveal asked for
  void pointer(bool hovered, const std::string& name);          // under the pointer, clicked
  struct Panel {
    ImGuiID first = 0;            // the first named widget that can take the focus
    ImGuiWindow* window = nullptr;
    ImVec2 min, max;              // its rectangle, to scroll it into view
  };
  std::map<std::string, WidgetRect> rects_;
  std::vector<Panel> panels_, drawn_panels_;  // this frame's and the last complete frame's
  int focus_request_ = 0;
  int focused_panel_ = -1;
  std::string focused_, hovered_, clicked_, reveal_;
  int clicks_ = 0;
};

}  // namespace hebblab
