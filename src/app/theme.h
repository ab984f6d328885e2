// The app's colour themes: today's light one, a dark one (every text at least 4.5:1 against what it is drawn on) and
// a high-contrast one (at least 7:1), after WCAG 2's contrast ratio. The paint grids' ±1 cells are black and white in
// every theme; the colour maps (core/colormap.h) are the same in every theme and always drawn with their scale.
#pragma once
#include <optional>
#include <string_view>

#include <imgui.h>

namespace hebblab {

enum class Theme { Light, Dark, HighContrast };
constexpr Theme kThemes[] = {Theme::Light, Theme::Dark, Theme::HighContrast};

const char* theme_name(Theme theme);  // "light", "dark", "contrast": the settings' words
std::optional<Theme> theme_from_name(std::string_view name);
// The least contrast ratio a theme promises for every text colour against every background it is drawn on.
double theme_min_contrast(Theme theme);

// Set style's colours (sizes are left alone) and make the theme current for theme_colour().
void apply_theme(Theme theme, ImGuiStyle* style);

// Colours the labs draw with beyond ImGui's own, chosen per theme for contrast.
enum class ThemeColour {
  Formula,  // a lesson's formula, blue
  Error,    // a layer at fault, a failed load
  Success,  // recall settled on a stored pattern
  PlotBackground,
  PlotLine,
};
ImU32 theme_colour(ThemeColour colour);
ImVec4 theme_colour_vec(Theme theme, ThemeColour colour);

// WCAG 2 contrast ratio of two opaque colours, 1 … 21.
double contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace hebblab
