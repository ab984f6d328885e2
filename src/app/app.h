// The HebbLab app: one ImGui frame function with a tab per lab, the app state, its persistence through the host's
// settings store, and the JSON state the test hook exports. Shared unchanged by the desktop and web builds.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "app/host.h"
#include "app/lessons.h"
#include "app/test_hook.h"
#include "app/theme.h"
#include "app/ui_cnn.h"
#include "app/ui_convolution.h"
#include "app/ui_hopfield.h"
#include "core/settings.h"

namespace hebblab {

enum class Tab { Lessons, Hopfield, Convolution, Cnn, About };

class App {
 public:
  explicit App(Host host);
  ~App();
  // Load the TTF font (bytes of a file with Latin Extended-A) at the given pixel density (framebuffer / window).
  static void setup_fonts(const std::string& ttf_bytes, float pixel_density, float ui_scale);
  // The style for the chosen theme at a size scale; larger frames where the pointer is a finger (44 px targets).
  void setup_style(float scale) const;
  // F6 / Ctrl+Tab (direction +1) and Shift+F6 / Ctrl+Shift+Tab (-1): the keyboard focus to the next panel.
  void focus_panel(int direction) { widgets_.request_panel_focus(direction); }
  // The test hook: scroll the named widget into view when it is next drawn.
  void reveal(const std::string& name) { widgets_.request_reveal(name); }
  // Draw one frame (between ImGui::NewFrame and ImGui::Render).
  void frame();
  // Write the settings now if they changed (the platform calls this on exit; frame() calls it periodically).
  void flush_settings();
  // App state for the test hook.
  std::string state_json() const;
  uint64_t frame_count() const { return frames_; }
  float ui_scale() const { return ui_scale_; }
  bool font_rebuild_needed() { bool r = font_rebuild_; font_rebuild_ = false; return r; }

 private:
  void load_settings();
  Settings collect_settings() const;
  void set_ui_language(Language language);
  void draw_menu_bar();
  void draw_status_bar();
  void draw_help_menu();
  void draw_debug_overlay();
  void announce_changes();
  void draw_about();
  // Lessons: the contents tab, the bar above the labs while a step is open, and the keys and links that move it.
  void draw_lessons_tab();
  void draw_lesson_bar();
  void open_lesson(int index);
  void show_lesson();
  void follow_fragment();
  void route_opened_files();
  void route_job_events();
  void route_assets();
  void route_slots();

  Host host_;
  Tab tab_ = Tab::Hopfield;
  int lesson_ = -1;          // the open step, -1 when the lesson bar is closed
  int lessons_shown_ = 0;    // "Show me" presses, for the test hook
  std::string fragment_;     // the location fragment last seen or set
  bool tab_pending_ = true;  // select the restored tab once
  float ui_scale_ = 1.0f;
  bool font_rebuild_ = false;
  Theme theme_ = Theme::Light;
  bool debug_overlay_ = false;  // the frame counter and frame time, for developers
  std::string announced_focus_, announced_status_, announced_outcome_, last_announcement_;
  HopfieldLab hopfield_;
  ConvolutionLab convolution_;
  CnnLab cnn_;
  WidgetRegistry widgets_;
  Settings saved_;
  std::string status_;
  uint64_t frames_ = 0;
};

}  // namespace hebblab
