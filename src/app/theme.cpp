// Colour themes, see theme.h.
#include "app/theme.h"

#include <algorithm>
#include <cmath>

namespace hebblab {
namespace {

Theme g_theme = Theme::Light;

ImVec4 rgb(int r, int g, int b) { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, 1.0f); }

double linear(float c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double luminance(const ImVec4& c) { return 0.2126 * linear(c.x) + 0.7152 * linear(c.y) + 0.0722 * linear(c.z); }

// Dark: ImGui's dark colours with the greys lifted so muted text still reads at 4.5:1.
void dark(ImGuiStyle* style) {
  ImGui::StyleColorsDark(style);
  ImVec4* c = style->Colors;
  c[ImGuiCol_Text] = rgb(235, 235, 235);
  c[ImGuiCol_TextDisabled] = rgb(165, 165, 170);
  c[ImGuiCol_WindowBg] = rgb(28, 28, 32);
  c[ImGuiCol_ChildBg] = rgb(28, 28, 32);
  c[ImGuiCol_PopupBg] = rgb(36, 36, 42);
  c[ImGuiCol_MenuBarBg] = rgb(40, 40, 46);
  c[ImGuiCol_FrameBg] = rgb(52, 56, 66);
  c[ImGuiCol_FrameBgHovered] = rgb(62, 70, 88);
  c[ImGuiCol_FrameBgActive] = rgb(70, 80, 104);
  c[ImGuiCol_Button] = rgb(45, 78, 120);
  c[ImGuiCol_ButtonHovered] = rgb(56, 96, 148);
  c[ImGuiCol_ButtonActive] = rgb(36, 64, 104);
  c[ImGuiCol_Header] = rgb(45, 78, 120);
  c[ImGuiCol_HeaderHovered] = rgb(56, 96, 148);
  c[ImGuiCol_HeaderActive] = rgb(36, 64, 104);
  c[ImGuiCol_Tab] = rgb(40, 56, 80);
  c[ImGuiCol_TabHovered] = rgb(56, 96, 148);
  c[ImGuiCol_TabActive] = rgb(45, 78, 120);
  c[ImGuiCol_TabUnfocused] = rgb(40, 56, 80);
  c[ImGuiCol_TabUnfocusedActive] = rgb(45, 78, 120);
  c[ImGuiCol_NavHighlight] = rgb(255, 200, 60);
}

// High contrast: black on white, thick black outlines, a saturated focus ring.
void high_contrast(ImGuiStyle* style) {
  ImGui::StyleColorsLight(style);
  ImVec4* c = style->Colors;
  const ImVec4 black = rgb(0, 0, 0), white = rgb(255, 255, 255), pale = rgb(230, 236, 255);
  c[ImGuiCol_Text] = black;
  c[ImGuiCol_TextDisabled] = rgb(60, 60, 60);
  for (ImGuiCol i : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg, ImGuiCol_FrameBg,
                     ImGuiCol_TableRowBg})
    c[i] = white;
  c[ImGuiCol_TableRowBgAlt] = rgb(242, 242, 242);
  for (ImGuiCol i : {ImGuiCol_Button, ImGuiCol_Header, ImGuiCol_Tab, ImGuiCol_TabUnfocused}) c[i] = pale;
  for (ImGuiCol i : {ImGuiCol_ButtonHovered, ImGuiCol_HeaderHovered, ImGuiCol_TabHovered, ImGuiCol_FrameBgHovered})
    c[i] = rgb(200, 214, 255);
  for (ImGuiCol i : {ImGuiCol_ButtonActive, ImGuiCol_HeaderActive, ImGuiCol_TabActive, ImGuiCol_TabUnfocusedActive,
                     ImGuiCol_FrameBgActive})
    c[i] = rgb(176, 196, 255);
  c[ImGuiCol_Border] = black;
  c[ImGuiCol_Separator] = black;
  c[ImGuiCol_CheckMark] = black;
  c[ImGuiCol_SliderGrab] = black;
  c[ImGuiCol_SliderGrabActive] = black;
  c[ImGuiCol_NavHighlight] = rgb(200, 0, 120);
  style->FrameBorderSize = 1.0f;
  style->TabBorderSize = 1.0f;
}

}  // namespace

const char* theme_name(Theme theme) {
  switch (theme) {
    case Theme::Light: return "light";
    case Theme::Dark: return "dark";
    case Theme::HighContrast: return "contrast";
  }
  return "light";
}

std::optional<Theme> theme_from_name(std::string_view name) {
  for (Theme t : kThemes)
    if (name == theme_name(t)) return t;
  return std::nullopt;
}

double theme_min_contrast(Theme theme) {
  switch (theme) {
    case Theme::Light: return 4.5;
    case Theme::Dark: return 4.5;
    case Theme::HighContrast: return 7.0;
  }
  return 4.5;
}

void apply_theme(Theme theme, ImGuiStyle* style) {
  g_theme = theme;
  switch (theme) {
    case Theme::Light:
      ImGui::StyleColorsLight(style);
      // ImGui's light muted grey (0.6) reads at 2.6:1; the lab's teaching text is muted, and must read.
      style->Colors[ImGuiCol_TextDisabled] = rgb(95, 95, 95);
      style->Colors[ImGuiCol_NavHighlight] = rgb(200, 90, 0);
      break;
    case Theme::Dark: dark(style); break;
    case Theme::HighContrast: high_contrast(style); break;
  }
  style->FrameBorderSize = theme == Theme::HighContrast ? 1.0f : 0.0f;
}

ImVec4 theme_colour_vec(Theme theme, ThemeColour colour) {
  const bool dark = theme == Theme::Dark;
  switch (colour) {
    case ThemeColour::Formula:
      return dark ? rgb(140, 190, 255) : theme == Theme::Light ? rgb(20, 60, 140) : rgb(0, 40, 120);
    case ThemeColour::Error: return dark ? rgb(255, 140, 130) : rgb(170, 20, 20);
    case ThemeColour::Success: return dark ? rgb(120, 220, 150) : rgb(0, 100, 50);
    case ThemeColour::PlotBackground: return dark ? rgb(20, 20, 24) : rgb(255, 255, 255);
    case ThemeColour::PlotLine: return dark ? rgb(86, 180, 233) : rgb(0, 114, 178);
  }
  return rgb(0, 0, 0);
}

ImU32 theme_colour(ThemeColour colour) { return ImGui::ColorConvertFloat4ToU32(theme_colour_vec(g_theme, colour)); }

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace hebblab
