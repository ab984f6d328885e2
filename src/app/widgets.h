// Small reusable ImGui widgets for the labs: teaching text, binary grids, plots with axes, colour-mapped heatmaps.
#pragma once
#include <string>
#include <vector>

#include <imgui.h>

#include "app/host.h"
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

// A plot area with axes, tick labels at both ends and axis titles; map() turns data coordinates into screen ones.
// Reserve it with begin_plot, draw into ImGui::GetWindowDrawList(), then call end_plot.
struct PlotFrame {
  ImVec2 origin, size, a, b;  // whole widget; plot area from a (top left) to b (bottom right)
  double x0, x1, y0, y1;
  ImVec2 map(double x, double y) const;
};
PlotFrame begin_plot(ImVec2 size, double x0, double x1, double y0, double y1, const char* x_label,
                     const char* y_label);
void end_plot(const PlotFrame& frame);

// A colour-mapped image of signed values through the core's diverging table, with its scale beside it. The
// values are uploaded only when set() is called; the colours are applied on the GPU.
class Heatmap {
 public:
  ~Heatmap();
  // values: (height, width) row-major, drawn on [-scale, scale].
  void set(TextureHost* textures, const std::vector<float>& values, int width, int height, double scale);
  // Draw at the cursor; returns the hovered cell (row-major index) or -1.
  int draw(float max_side);
  double scale() const { return scale_; }

 private:
  TextureHost* textures_ = nullptr;
  ImTextureID texture_ = nullptr;
  int width_ = 0, height_ = 0, texture_width_ = 0, texture_height_ = 0;
  double scale_ = 1.0;
};

}  // namespace hebblab
