// Small reusable ImGui widgets for the labs.
#include "app/widgets.h"

namespace hebblab {

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void teaching_text(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void draw_binary_grid(const State& cells, int width, int height, float cell_size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 black = IM_COL32(20, 20, 24, 255), white = IM_COL32(240, 240, 236, 255);
  const ImU32 line = IM_COL32(128, 128, 128, 255);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      ImVec2 a(origin.x + x * cell_size, origin.y + y * cell_size);
      ImVec2 b(a.x + cell_size, a.y + cell_size);
      dl->AddRectFilled(a, b, cells[static_cast<size_t>(y * width + x)] > 0 ? black : white);
    }
  }
  if (cell_size >= 6) {
    for (int i = 0; i <= width; ++i)
      dl->AddLine(ImVec2(origin.x + i * cell_size, origin.y), ImVec2(origin.x + i * cell_size, origin.y + height * cell_size), line);
    for (int i = 0; i <= height; ++i)
      dl->AddLine(ImVec2(origin.x, origin.y + i * cell_size), ImVec2(origin.x + width * cell_size, origin.y + i * cell_size), line);
  }
  ImGui::Dummy(ImVec2(width * cell_size, height * cell_size));
}

}  // namespace hebblab
