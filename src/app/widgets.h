// Small reusable ImGui widgets for the labs.
#pragma once
#include <vector>

#include <imgui.h>

#include "core/hopfield.h"

namespace hebblab {

// A "(?)" that shows teaching text in a tooltip (imgui_demo's HelpMarker).
void help_marker(const char* text);
// A titled separator between parts of a panel.
void section_title(const char* text);
// Wrapped explanatory text in a muted colour.
void teaching_text(const char* text);

// Draw a +1/-1 grid (black/white cells) at the cursor, cell_size pixels per cell, and advance the cursor.
void draw_binary_grid(const State& cells, int width, int height, float cell_size);

}  // namespace hebblab
