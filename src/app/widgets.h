// Small reusable ImGui widgets for the labs: teaching text, binary grids, plots with axes, colour-mapped heatmaps.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/host.h"
#include "app/test_hook.h"
#include "core/convolution.h"
#include "core/hopfield.h"

namespace hebblab {

// A "(?)" that shows teaching text in a tooltip (imgui_demo's HelpMarker).
void help_marker(const char* text);
// A titled separator between parts of a panel.
void section_title(const char* text);
// Wrapped explanatory text in a muted colour.
void teaching_text(const char* text);

// [SECTION] layout: one rule for every screen, from a phone to a projector

// Below this window width, in CSS pixels at text size 1 (the Settings menu's "Text size" scales it), a lab's panels
// stack into one scrolling column; at or above it they stand side by side. 768 x 1024 tablets stack, 1280 x 800
// laptops do not.
constexpr float kStackBelowCssPixels = 900.0f;
// Whether panels stack for a window `width` pixels wide whose text is `font_size` pixels high (16 at text size 1).
bool panels_stack(float width, float font_size);
// The side of a lab's main image or grid: the whole width its panel has, up to `height_fraction` of the window's
// height (so it stays on screen) and at least 8 em, but never wider than the panel.
float image_side(float height_fraction = 0.6f);

// A lab's panels: side by side in a resizable table on a wide window, one after another in one column on a narrow
// one. Each panel registers with the widget registry, so F6 / Ctrl+Tab move the keyboard focus between them.
//   Panels panels("hopfield", 3, widgets);
//   panels.next(); ...first... panels.next(); ...second... (the destructor closes the table)
class Panels {
 public:
  // weights: each panel's share of the width when side by side (nullptr: equal shares).
  Panels(const char* id, int count, WidgetRegistry& widgets, const float* weights = nullptr);
  ~Panels();
  Panels(const Panels&) = delete;
  Panels& operator=(const Panels&) = delete;
  // Start the next panel; false when the table is clipped away (nothing to draw).
  bool next();

 private:
  WidgetRegistry& widgets_;
  int count_, index_ = -1;
  bool stacked_, table_ = false, child_ = false;
};

// Whether the item just activated was pressed by the mouse (not by Space or Enter on the keyboard focus).
bool activated_by_mouse();

// Whether the UI is laid out for fingers (App::setup_style on a coarse pointer): 44 px targets, steppers on fields.
bool touch_ui();
void set_touch_ui(bool touch);

// Rows that wrap like text on narrow screens: call flow(width of the next item) where SameLine() would be; the next
// item stays on this line if it fits, else it starts the next one.
void flow(float next_width);
float button_width(const char* label);  // ImGui::Button's width for a label ("text###id" counts the text only)
float radio_width(const char* label);   // ImGui::RadioButton's or Checkbox's
float arrow_width();                     // ImGui::ArrowButton's
// A slider's, combo's or field's: its frame `frame_width` wide, then its label.
float field_width(float frame_width, const char* label);

// Draw a +1/-1 grid (black/white cells) at the cursor, cell_size pixels per cell, and advance the cursor.
void draw_binary_grid(const State& cells, int width, int height, float cell_size);

// A plot area with axes, tick labels at both ends and axis titles; map() turns data coordinates into screen ones.
// Reserve it with begin_plot, draw into ImGui::GetWindowDrawList(), then call end_plot.
struct PlotFrame {
  ImVec2 origin, size, a, b;  // whole widget; plot area from a (top left) to b (bottom right)
  double x0, x1, y0, y1;
  ImVec2 map(double x, double y) const;
};
// v as it should print with `decimals` places: a value that rounds to zero is 0, so "-0.000" never shows (−1 × 0).
double printable(double v, int decimals);
// Axis ends rounded outwards to a multiple of a round step (1, 2 or 5 times a power of ten), so the plot's labels
// read "-20000" and "0", not "-1.984e+04"; a flat range (all values equal) gets ±1 around its value.
std::pair<double, double> round_axis(double lo, double hi);
PlotFrame begin_plot(ImVec2 size, double x0, double x1, double y0, double y1, const char* x_label,
                     const char* y_label);
void end_plot(const PlotFrame& frame);

// Painting a grid from the keyboard. While the grid's item (an InvisibleButton) has the keyboard focus, the arrows move
// a cursor over its cells instead of the focus (at an edge the arrow moves the focus on, out of the grid); Space asks
// for +1 at the cursor and Enter for -1. Call update() right after the grid's item, draw() to outline the cursor.
class GridCursor {
 public:
  struct Keys {
    bool shown = false;  // the grid has the keyboard focus: draw the cursor
    int cell = -1;       // the cursor's cell, row-major
    int paint = 0;       // +1 (Space) or -1 (Enter) to paint at the cursor this frame, else 0
  };
  // step: cells an arrow moves the cursor (a fine canvas is crossed in fewer presses).
  Keys update(int width, int height, int step = 1);
  void draw(ImVec2 origin, float cell_size) const;

 private:
  int x_ = 0, y_ = 0, step_ = 1;
  bool shown_ = false;
};
// A colour-mapped image of values with its scale beside it: signed values through the core's diverging table, or
// gray levels for images. The values are uploaded only by set(); the colours are applied on the GPU, so set_scale()
// uploads nothing.
class Heatmap {
 public:
  explicit Heatmap(ColorMap map = ColorMap::Diverging) : map_(map) {}
  ~Heatmap();
  // values: (height, width) row-major; shown on [-scale, scale] (diverging) or [0, scale] (gray).
  void set(TextureHost* textures, const std::vector<float>& values, int width, int height, double scale);
  void set_scale(double scale) { scale_ = scale; }
  void set_color_map(ColorMap map) { map_ = map; }
  ColorMap color_map() const { return map_; }
  Heatmap(const Heatmap&) = delete;  // owns its texture
  Heatmap& operator=(const Heatmap&) = delete;
  // What the mouse does over the image: the hovered cell (row-major, -1 for none), the pointer in cell units, and
  // whether a button is held on it (the image is a button for the left and right mouse buttons).
  struct Pointer {
    int cell = -1;
    float x = 0, y = 0;
    bool active = false, activated = false, right = false;  // the mouse's (or a finger's) press
    GridCursor::Keys keys;  // the keyboard's cursor, when enabled
  };
  // Let the keyboard paint or pick cells: a cursor the arrows move while the image has the focus (see GridCursor).
  void set_keyboard_cursor(bool on, int step = 1) {
    keyboard_ = on;
    cursor_step_ = step;
  }
  // Draw at the cursor, at most max_side pixels on the longer side.
  Pointer draw(const char* id, float max_side);
  double scale() const { return scale_; }
  // Where the last draw put the image, and the size of one cell, for overlays and the test hook.
  ImVec2 image_min() const { return min_; }
  ImVec2 image_max() const { return ImVec2(min_.x + cell_ * width_, min_.y + cell_ * height_); }
  float cell_size() const { return cell_; }

 private:
  ColorMap map_;
  TextureHost* textures_ = nullptr;
  ImTextureID texture_ = nullptr;
  int width_ = 0, height_ = 0, texture_width_ = 0, texture_height_ = 0;
  double scale_ = 1.0;
  ImVec2 min_;
  float cell_ = 0;
  bool keyboard_ = false;
  int cursor_step_ = 1;
  GridCursor cursor_;
};

// Painting a grey image by dragging on its Heatmap with a soft round brush: the left button adds ink, the right one
// erases. Stamps follow the pointer's path half a pixel apart, so a fast stroke stays unbroken.
class BrushPainter {
 public:
  // After Heatmap::draw: paints where the pointer went since the last frame, and a stamp at the keyboard's cursor for
  // Space (ink) or Enter (erase). True when a pixel changed.
  bool paint(const Heatmap::Pointer& pointer, GrayImage* canvas, float radius);

 private:
  bool stamp(GrayImage* canvas, float x, float y, float radius) const;
  float value_ = 1.0f;
  ImVec2 last_;
};

}  // namespace hebblab
