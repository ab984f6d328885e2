// The GUI entry shared by both targets: SDL2 window + GL context, Dear ImGui backends, and the main loop that drives
// the app (ImGui's example_sdl2_opengl3 pattern, with emscripten's main-loop shim in the browser).
#pragma once
#include <string>

namespace hebblab {

struct GuiOptions {
  std::string settings_path;  // desktop: settings file (default $XDG_CONFIG_HOME/hebblab/settings.txt)
  std::string hook_file;      // desktop: write the test-hook state JSON here every few frames (tests only)
  int width = 1280, height = 800;
};

int run_gui(const GuiOptions& options);

class App;
// The running app (null before run_gui has created it); for the test hook.
App* current_app();

}  // namespace hebblab
