// Browser-only glue used by the shared main loop.
#pragma once
#include <SDL.h>

namespace hebblab {

// Keep the SDL window (the canvas) the size of the page.
void web_fit_window_to_page(SDL_Window* window);
// Replace the canvas with the page's explanation of what this browser lacks (web/main.js), e.g. "WebGL2".
void web_show_unsupported(const char* what);

}  // namespace hebblab
