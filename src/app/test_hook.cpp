// Widget positions for the test hook.
#include "test_hook.h"

namespace hebblab {

void WidgetRegistry::record_last_item(const std::string& name) {
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  rects_[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

}  // namespace hebblab
