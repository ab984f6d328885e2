// The web app's entry point, the page-size glue, and the test hook exported to JavaScript
// (Module.ccall('hebblab_state', 'string') returns the app state as JSON).
#include <emscripten.h>

#include <string>

#include "app/app.h"
#include "platform/gui.h"
#include "platform/web.h"

namespace hebblab {

EM_JS(void, js_show_unsupported, (const char* what), { window.hebblab.showUnsupported([UTF8ToString(what)]); });
EM_JS(int, js_page_width, (), { return window.innerWidth; });
EM_JS(int, js_page_height, (), { return window.innerHeight; });

void web_show_unsupported(const char* what) { js_show_unsupported(what); }

void web_fit_window_to_page(SDL_Window* window) {
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  const int page_w = js_page_width(), page_h = js_page_height();
  if (page_w != w || page_h != h) SDL_SetWindowSize(window, page_w, page_h);
}

}  // namespace hebblab

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* hebblab_state() {
  static std::string json;
  const hebblab::App* app = hebblab::current_app();
  json = app ? app->state_json() : "{}";
  return json.c_str();
}

// Scroll a named widget of the test hook into view over the next frames (the tests' "scroll it into view").
EMSCRIPTEN_KEEPALIVE void hebblab_reveal(const char* name) {
  if (hebblab::App* app = hebblab::current_app()) app->reveal(name);
}

EMSCRIPTEN_KEEPALIVE double hebblab_frame_count() {
  const hebblab::App* app = hebblab::current_app();
  return app ? static_cast<double>(app->frame_count()) : 0.0;
}

}  // extern "C"

int main() {
  hebblab::GuiOptions options;
  return hebblab::run_gui(options);
}
