// The main loop for both targets, after imgui/examples/example_sdl2_opengl3/main.cpp: SDL2 window, GL context
// (GL 3.3 core natively, WebGL2 = GLES 3.0 in the browser), ImGui backends, and App::frame() once per frame.
#include "platform/gui.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "app/app.h"
#include "platform/gl.h"
#include "platform/platform.h"
#include "platform/textures_gl.h"

#ifdef __EMSCRIPTEN__
#include "platform/web.h"
#include <emscripten.h>
#endif

namespace hebblab {
namespace {

struct Gui {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  std::unique_ptr<Shell> shell;
  std::unique_ptr<JobRunner> jobs;
  std::unique_ptr<SettingsStore> settings;
  std::unique_ptr<FileExchange> files;
  std::unique_ptr<AssetLoader> assets;
  std::unique_ptr<ModelSlots> slots;
  GlTextures textures;
  std::unique_ptr<App> app;
  std::string font;
  float display_scale = 1.0f;  // desktop DPI / 96; 1 in the browser, where devicePixelRatio is the framebuffer's
  std::string hook_file;
  bool done = false;
  std::vector<SDL_Event> held_events;  // held for the next frame, see main_loop_iteration
  bool held_press = false;             // held_events starts with a press that waited a frame
  bool buttons[3] = {};                // left, right, middle as the events given to ImGui left them
  bool pointer_known = false;          // the pointer's last position from SDL's events, see track_pointer
  ImVec2 pointer;
};

Gui* g_gui = nullptr;

// Fonts are rasterised for the framebuffer's pixels (sharp on high-DPI screens) at the user's text size.
void build_fonts(Gui& gui) {
  int window_w = 1, drawable_w = 1, h = 0;
  SDL_GetWindowSize(gui.window, &window_w, &h);
  SDL_GL_GetDrawableSize(gui.window, &drawable_w, &h);
  const float framebuffer_scale = window_w > 0 ? static_cast<float>(drawable_w) / window_w : 1.0f;
  const float scale = gui.app->ui_scale() * gui.display_scale;
  App::setup_fonts(gui.font, framebuffer_scale, scale);
  gui.app->setup_style(scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void write_hook_file(const Gui& gui) {
  // Written to a temporary name and renamed, so a reader never sees half a file.
  std::string tmp = gui.hook_file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << gui.app->state_json();
  }
  std::rename(tmp.c_str(), gui.hook_file.c_str());
}

// F6 and Ctrl+Tab (Shift: backwards) move the keyboard focus between the app's panels. ImGui never sees them: its own
// Ctrl+Tab would open its window switcher.
bool take_panel_key(Gui& gui, const SDL_Event& event) {
  if (event.type != SDL_KEYDOWN && event.type != SDL_KEYUP) return false;
  const SDL_Keycode key = event.key.keysym.sym;
  const bool ctrl_tab = key == SDLK_TAB && (event.key.keysym.mod & KMOD_CTRL);
  if (key != SDLK_F6 && !ctrl_tab) return false;
  if (event.type == SDL_KEYDOWN) gui.app->focus_panel((event.key.keysym.mod & KMOD_SHIFT) ? -1 : +1);
  return true;
}

// ImGui closes an open menu or popup on a click outside it only at the end of that frame, after the click was
// refused to everything under it, so the click was lost: the user clicked twice. A press outside every open popup
// closes them first, and then counts.
void close_popups_under_click(const SDL_Event& event) {
  if (event.type != SDL_MOUSEBUTTONDOWN) return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.OpenPopupStack.Size == 0) return;
  const ImVec2 at(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
  for (const ImGuiPopupData& popup : g.OpenPopupStack) {
    if (!popup.Window) continue;
    if (popup.Window->Flags & ImGuiWindowFlags_Modal) return;  // a modal takes every click
    if (popup.Window->Rect().Contains(at)) return;
  }
  // The menu bar's own menu titles open menus of their own: a click there switches menus as ImGui means it to.
  const ImGuiWindow* hovered = g.HoveredWindow;
  if (hovered && (hovered->Flags & ImGuiWindowFlags_MenuBar) && hovered->MenuBarRect().Contains(at)) return;
  ImGui::ClosePopupToLevel(0, false);
}

// Where the events given to ImGui left the pointer. The ImGui 1.86 SDL backend reads SDL's pointer now instead, and
// only while SDL says the window has the mouse or keyboard focus: without a window manager (Xvfb) neither is set, and
// ImGui saw no pointer at all (a click on a tab highlighted it without selecting it).
void track_pointer(Gui& gui, const SDL_Event& event) {
  if (event.type == SDL_MOUSEMOTION) {
    gui.pointer = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
    gui.pointer_known = true;
  } else if (event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) {
    gui.pointer = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
    gui.pointer_known = true;
  } else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_LEAVE) {
    gui.pointer_known = false;
  }
}

void main_loop_iteration(void* arg) {
  Gui& gui = *static_cast<Gui*>(arg);
#ifdef __EMSCRIPTEN__
  web_fit_window_to_page(gui.window);
#endif
  // ImGui 1.86 reads the input state once a frame, so what happens between two frames can be lost:
  // - a key pressed and released (a presenter clicker's PageDown, Playwright's keyboard.press) is never seen down;
  // - a button released in the frame it was pressed (xdotool's click, a tap) is not seen held;
  // - a press where ImGui has not seen the pointer yet is refused by a tab, which wants the pointer to have hovered it
  //   a frame before (its AllowItemOverlap): under Xvfb, where the pointer is known only from the events, one click
  //   highlighted a tab without switching to it;
  // - a move after a press in the same frame would put the press where the pointer went (a stroke's first point).
  // So such a release, press or move waits for the next frame, with every event after it, in order; a held press's
  // position is the pointer's meanwhile. A press waits once at most.
  const bool press_waited = gui.held_press;
  gui.held_press = false;
  std::vector<SDL_Event> events;
  events.swap(gui.held_events);
  SDL_Event polled;
  while (SDL_PollEvent(&polled)) events.push_back(polled);
  std::vector<SDL_Scancode> pressed;
  std::vector<Uint8> clicked;
  const ImVec2 seen = ImGui::GetIO().MousePos;  // where the last frame had the pointer
  for (size_t i = 0; i < events.size(); ++i) {
    SDL_Event& event = events[i];
    const bool new_place =
        event.type == SDL_MOUSEBUTTONDOWN && !(i == 0 && press_waited) &&
        (static_cast<float>(event.button.x) != seen.x || static_cast<float>(event.button.y) != seen.y);
    const bool hold =
        new_place ||
        (event.type == SDL_KEYUP &&
         std::find(pressed.begin(), pressed.end(), event.key.keysym.scancode) != pressed.end()) ||
        (event.type == SDL_MOUSEBUTTONUP &&
         std::find(clicked.begin(), clicked.end(), event.button.button) != clicked.end()) ||
        (event.type == SDL_MOUSEMOTION && !clicked.empty());
    if (hold) {
      if (new_place) track_pointer(gui, event);
      gui.held_press = new_place;
      gui.held_events.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.end());
      break;
    }
    track_pointer(gui, event);
    if (event.type == SDL_KEYDOWN) pressed.push_back(event.key.keysym.scancode);
    if (event.type == SDL_MOUSEBUTTONDOWN) clicked.push_back(event.button.button);
    if (event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) {
      const int b = event.button.button == SDL_BUTTON_LEFT ? 0 : event.button.button == SDL_BUTTON_RIGHT ? 1
                  : event.button.button == SDL_BUTTON_MIDDLE ? 2 : -1;
      if (b >= 0) gui.buttons[b] = event.type == SDL_MOUSEBUTTONDOWN;
    }
    if (take_panel_key(gui, event)) continue;
    close_popups_under_click(event);
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) gui.done = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(gui.window))
      gui.done = true;
#ifndef __EMSCRIPTEN__
    // Opening a path on the desktop reads it at once, so a dropped file is simply an open of the dropped path.
    // (SDL reports drops by default; in the browser the page catches them itself, see files_web.cpp.)
    if (event.type == SDL_DROPFILE) {
      gui.files->request_open(event.drop.file, "drop");
      SDL_free(event.drop.file);
    }
#endif
  }
  if (gui.app->font_rebuild_needed()) build_fonts(gui);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // The pointer and the buttons as the events given to ImGui left them, not SDL's state now, which already has what
  // is held back (a stroke's first point would be lost: the press arrived where the pointer had already moved on).
  ImGuiIO& io = ImGui::GetIO();
  for (int b = 0; b < 3; ++b) io.MouseDown[b] = gui.buttons[b];
  if (gui.pointer_known) io.MousePos = gui.pointer;
  // Headless browsers with virtual time can report a zero frame time, which ImGui 1.86 asserts on.
  if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  gui.textures.begin_frame();
  gui.app->frame();
  ImGui::Render();

  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];  // the app's window draws no background
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(gui.window);
  if (!gui.hook_file.empty() && gui.app->frame_count() % 10 == 0) write_hook_file(gui);
}

}  // namespace

App* current_app() { return g_gui && g_gui->app ? g_gui->app.get() : nullptr; }

int run_gui(const GuiOptions& options) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "hebblab: cannot start SDL: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 330 core";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  static Gui gui;
  g_gui = &gui;
  gui.display_scale = display_ui_scale();
  const int w = static_cast<int>(options.width * gui.display_scale);
  const int h = static_cast<int>(options.height * gui.display_scale);
  gui.window = SDL_CreateWindow("HebbLab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (!gui.window) {
    std::fprintf(stderr, "hebblab: cannot open a window: %s\n", SDL_GetError());
    return 1;
  }
  gui.gl = SDL_GL_CreateContext(gui.window);
  if (!gui.gl) {
#ifdef __EMSCRIPTEN__
    web_show_unsupported("WebGL2");
#endif
    std::fprintf(stderr, "hebblab: cannot create an OpenGL 3.3 / WebGL2 context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(gui.window, gui.gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the app persists its own settings
  ImGui_ImplSDL2_InitForOpenGL(gui.window, gui.gl);
  ImGui_ImplOpenGL3_Init(glsl_version);

  gui.shell = make_shell();
  gui.jobs = make_job_runner();
  gui.settings = make_settings_store(options.settings_path);
  gui.files = make_file_exchange();
  gui.assets = make_asset_loader();
  gui.slots = make_model_slots(options.settings_path);
  gui.font = load_font_bytes();
  gui.hook_file = options.hook_file;
  Host host;
  host.shell = gui.shell.get();
  host.textures = &gui.textures;
  host.jobs = gui.jobs.get();
  host.settings = gui.settings.get();
  host.files = gui.files.get();
  host.assets = gui.assets.get();
  host.slots = gui.slots.get();
  gui.app = std::make_unique<App>(host);
  build_fonts(gui);

#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop_arg(main_loop_iteration, &gui, 0, true);
#else
  while (!gui.done) main_loop_iteration(&gui);
  gui.app.reset();  // saves settings, cancels nothing still needed
  gui.jobs.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gui.gl);
  SDL_DestroyWindow(gui.window);
  SDL_Quit();
#endif
  return 0;
}

}  // namespace hebblab
