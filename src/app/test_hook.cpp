// Widget positions for the test hook, and the keyboard's moves between panels.
#include "test_hook.h"

#include <cstring>

#include <imgui_internal.h>

namespace {

ImGuiID g_focus_id = 0;
std::string g_focus_label;

}  // namespace

// ImGui's item hooks, compiled in with IMGUI_ENABLE_TEST_ENGINE (CMakeLists.txt) and switched on by the app: each
// labelled item reports its label as it is drawn, and the focused one's is kept for screen readers.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect&, ImGuiID) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (id == 0 || id != ctx->NavId || !label) return;
  g_focus_id = id;
  const char* end = std::strstr(label, "##");
  g_focus_label.assign(label, end ? static_cast<size_t>(end - label) : std::strlen(label));
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace hebblab {

std::string focused_item_label() {
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g || g->NavId == 0 || g->NavId != g_focus_id) return {};
  return g_focus_label;
}

void WidgetRegistry::record(const std::string& name, ImVec2 min, ImVec2 max) {
  place(name, min, max);
  // An area (an image, a plot) is under the pointer when its window is the one hovered (no popup over it) and the
  // pointer is inside it.
  const bool over = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  pointer(over && ImGui::IsMouseHoveringRect(min, max), name);
}

void WidgetRegistry::place(const std::string& name, ImVec2 min, ImVec2 max) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect r(min, max);
  const bool visible = window->ClipRect.Contains(r);
  const bool enabled = !(ImGui::GetCurrentContext()->CurrentItemFlags & ImGuiItemFlags_Disabled);
  // (A selectable reaches half an item spacing into the padding on each side: that is not cut.)
  const float slack = ImGui::GetStyle().ItemSpacing.x * 0.5f + 0.5f;
  const bool fits_width = r.Min.x >= window->ClipRect.Min.x - slack && r.Max.x <= window->ClipRect.Max.x + slack;
  rects_[name] = {min.x, min.y, max.x - min.x, max.y - min.y, visible, enabled, fits_width};
  if (name == reveal_) {
    if (!visible) ImGui::ScrollToRect(window, r, ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
    reveal_.clear();
  }
}

void WidgetRegistry::pointer(bool hovered, const std::string& name) {
  if (!hovered) return;
  hovered_ = name;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    clicked_ = name;
    ++clicks_;
  }
}

void WidgetRegistry::begin_frame() {
  rects_.clear();
  hovered_.clear();
  if (!panels_.empty()) drawn_panels_ = std::move(panels_);
  panels_.clear();
  focused_.clear();
  if (focus_request_ == 0 || drawn_panels_.empty()) {
    focus_request_ = 0;
    return;
  }
  const int n = static_cast<int>(drawn_panels_.size());
  int target = focused_panel_ < 0 ? (focus_request_ > 0 ? 0 : n - 1) : focused_panel_ + focus_request_;
  target = ((target % n) + n) % n;
  // A panel with nothing to focus (all disabled) is passed over.
  for (int tries = 0; tries < n && drawn_panels_[static_cast<size_t>(target)].first == 0; ++tries)
    target = ((target + focus_request_ % n) % n + n) % n;
  focus_request_ = 0;
  const Panel& p = drawn_panels_[static_cast<size_t>(target)];
  if (p.first == 0 || !p.window) return;
  ImGui::SetFocusID(p.first, p.window);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.NavDisableHighlight = false;  // show the focus ring
  g.NavDisableMouseHover = true;
  ImGui::FocusWindow(p.window);
  ImGui::ScrollToRect(p.window, ImRect(p.min, p.max), ImGuiScrollFlags_KeepVisibleEdgeY);
  focused_panel_ = target;
}

void WidgetRegistry::begin_panel() { panels_.push_back(Panel{}); }

void WidgetRegistry::record_last_item(const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  place(name, min, max);
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID id = g.LastItemData.ID;
  if (!panels_.empty() && panels_.back().first == 0 && id != 0 && !(g.LastItemData.InFlags & ImGuiItemFlags_Disabled))
    panels_.back() = Panel{id, ImGui::GetCurrentWindow(), min, max};
  pointer(ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled), name);
  if (id != 0 && g.NavId == id) {
    focused_ = name;
    if (!panels_.empty()) focused_panel_ = static_cast<int>(panels_.size()) - 1;
  }
}

WidgetRect WidgetRegistry::focus_rect() const {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.NavId == 0 || !g.NavWindow || g.NavDisableHighlight) return {};
  const ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
  return {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()};
}

}  // namespace hebblab
