// Widget positions for the test hook.
#include "test_hook.h"

namespace hebblab {

void WidgetRegistry::record_last_item(const std::string& name) {
  record(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace hebblab
