// The test hook: named widgets record where they were drawn this frame, so end-to-end tests (Playwright on the
// page, xdotool under Xvfb) click real buttons at real positions and then read the app state back as JSON.
#pragma once
#include <map>
#include <string>

#include <imgui.h>

namespace hebblab {

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;  // in window coordinates (CSS pixels in the browser)
};

class WidgetRegistry {
 public:
  void begin_frame() { rects_.clear(); }
  // Record the last ImGui item under a name.
  void record_last_item(const std::string& name);
  void record(const std::string& name, ImVec2 min, ImVec2 max) { rects_[name] = {min.x, min.y, max.x - min.x, max.y - min.y}; }
  const std::map<std::string, WidgetRect>& rects() const { return rects_; }

 private:
  std::map<std::string, WidgetRect> rects_;
};

}  // namespace hebblab
