// The app frame: menu bar, one tab per lab, status bar; settings restored at start and saved when they change.
#include "app/app.h"

#include <cstdio>

#include <imgui.h>

#include "app/strings.h"
#include "app/widgets.h"
#include "core/json_writer.h"

namespace hebblab {
namespace {

constexpr float kBaseFontPixels = 16.0f;
constexpr int kSaveEveryFrames = 30;  // compare settings with the saved copy twice a second at 60 fps

const char* tab_name(Tab t) {
  switch (t) {
    case Tab::Hopfield: return "hopfield";
    case Tab::Convolution: return "convolution";
    case Tab::Cnn: return "cnn";
    case Tab::About: return "about";
  }
  return "hopfield";
}

}  // namespace

App::App(Host host) : host_(host) { load_settings(); }

App::~App() { flush_settings(); }

void App::setup_fonts(const std::string& ttf_bytes, float pixel_density, float ui_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Basic Latin + Latin-1 + Latin Extended-A (Polish ą ć ę ł ń ó ś ź ż) + general punctuation.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0};
  if (!ttf_bytes.empty()) {
    // Rasterise at the screen's pixel density and scale back, so text is sharp on high-DPI screens.
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    config.OversampleH = 2;
    io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(ttf_bytes.data()), static_cast<int>(ttf_bytes.size()),
                                   kBaseFontPixels * ui_scale * pixel_density, &config, ranges);
    io.FontGlobalScale = 1.0f / pixel_density;
  } else {
    io.Fonts->AddFontDefault();
    io.FontGlobalScale = ui_scale;
  }
}

void App::load_settings() {
  if (!host_.settings) return;
  auto text = host_.settings->load();
  if (!text) return;
  std::string error;
  Settings s = Settings::parse(*text, &error);
  std::string tab = s.get("ui.tab", "hopfield");
  for (Tab t : {Tab::Hopfield, Tab::Convolution, Tab::Cnn, Tab::About})
    if (tab == tab_name(t)) tab_ = t;
  ui_scale_ = static_cast<float>(s.get_double("ui.scale", 1.0));
  if (!(ui_scale_ >= 0.75f && ui_scale_ <= 2.0f)) ui_scale_ = 1.0f;
  hopfield_.load(s, &error);
  convolution_.load(s, &error);
  cnn_.load(s, &error);
  if (!error.empty()) {
    char buf[512];
    std::snprintf(buf, sizeof buf, tr(Str::StatusLoadProblem), error.c_str());
    status_ = buf;
  }
  // What was read counts as saved only if it round-trips; otherwise the next save writes the repaired form.
  saved_ = error.empty() ? collect_settings() : s;
}

Settings App::collect_settings() const {
  Settings s;
  s.set("ui.tab", tab_name(tab_));
  s.set_double("ui.scale", ui_scale_);
  hopfield_.save(s);
  convolution_.save(s);
  cnn_.save(s);
  return s;
}

void App::flush_settings() {
  if (!host_.settings) return;
  Settings now = collect_settings();
  if (now == saved_) return;
  std::string error;
  if (host_.settings->save(now.serialize(), &error)) {
    saved_ = std::move(now);
  } else {
    char buf[512];
    std::snprintf(buf, sizeof buf, tr(Str::StatusSaveFailed), error.c_str());
    status_ = buf;
  }
}

void App::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextUnformatted(tr(Str::AppTitle));
  ImGui::TextDisabled("%s", tr(Str::AppSubtitle));
  if (ImGui::BeginMenu(tr(Str::Settings))) {
    float scale = ui_scale_;
    if (ImGui::SliderFloat(tr(Str::UiScale), &scale, 0.75f, 2.0f, "%.2f")) {
      ui_scale_ = scale;
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) font_rebuild_ = true;
    ImGui::EndMenu();
  }
  widgets_.record_last_item("menu.settings");
  ImGui::EndMenuBar();
}

void App::draw_status_bar() {
  ImGui::Separator();
  ImGui::TextDisabled(tr(Str::FrameCounter), static_cast<unsigned long long>(frames_));
  if (!status_.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(status_.c_str());
  }
}

// Files the user opened or dropped go to the lab that asked for them; a dropped file to the lab on show.
void App::route_opened_files() {
  if (!host_.files) return;
  while (auto file = host_.files->take_opened()) {
    const bool drop = file->purpose == "drop";
    if (file->purpose == "patterns" || (drop && tab_ == Tab::Hopfield)) {
      hopfield_.open_file(*file, status_);
    } else if (file->purpose == "image" || (drop && tab_ == Tab::Convolution)) {
      convolution_.open_file(*file, status_);
    } else if (file->purpose == "model" || file->purpose == "dataset" || (drop && tab_ == Tab::Cnn)) {
      // A dropped file on the CNN tab: a model file by its magic number, else one of a dataset's IDX files.
      if (drop) file->purpose = as_text(file->bytes).substr(0, 8) == "HEBBLABM" ? "model" : "dataset";
      cnn_.open_file(*file, status_);
    } else {
      status_ = tr(Str::StatusDropWhere);
    }
  }
}

// Each job's events go to the lab that started it, by job id; a bundled asset to the lab that asked for it.
void App::route_job_events() {
  if (!host_.jobs) return;
  for (JobEvent& e : host_.jobs->poll()) {
    if (e.id == hopfield_.job_id()) hopfield_.on_job_event(e);
    else if (e.id == cnn_.job_id()) cnn_.on_job_event(e, status_);
  }
}

void App::route_slots() {
  if (!host_.slots) return;
  while (auto result = host_.slots->take()) cnn_.on_slot(*result, status_);
}

void App::route_assets() {
  if (!host_.assets) return;
  while (auto loaded = host_.assets->take_loaded()) {
    if (loaded->purpose == "convolution") convolution_.on_asset(*loaded, status_);
    else if (loaded->purpose == "cnn") cnn_.on_asset(*loaded, status_);
  }
}

void App::frame() {
  ++frames_;
  widgets_.begin_frame();
  route_opened_files();
  route_job_events();
  route_assets();
  route_slots();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // No background: the platform clears the screen to the window colour, and one full-screen blended quad less per
  // frame matters where the browser draws in software (SwiftShader: about a third of a frame at 1280 x 860).
  ImGui::Begin("HebbLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground);
  draw_menu_bar();

  const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  if (ImGui::BeginTabBar("labs")) {
    struct Item { Tab tab; Str label; const char* hook; };
    const Item items[] = {{Tab::Hopfield, Str::TabHopfield, "tab.hopfield"},
                          {Tab::Convolution, Str::TabConvolution, "tab.convolution"},
                          {Tab::Cnn, Str::TabCnn, "tab.cnn"},
                          {Tab::About, Str::TabAbout, "tab.about"}};
    for (const Item& item : items) {
      ImGuiTabItemFlags flags = (tab_pending_ && item.tab == tab_) ? ImGuiTabItemFlags_SetSelected : 0;
      bool open = ImGui::BeginTabItem(tr(item.label), nullptr, flags);
      widgets_.record_last_item(item.hook);
      if (!open) continue;
      if (!tab_pending_) tab_ = item.tab;
      ImGui::BeginChild("lab", ImVec2(0, -status_height));
      switch (item.tab) {
        case Tab::Hopfield: hopfield_.draw(host_, widgets_, status_); break;
        case Tab::Convolution: convolution_.draw(host_, widgets_); break;
        case Tab::Cnn: cnn_.draw(host_, widgets_, status_); break;
        case Tab::About:
          ImGui::TextWrapped("%s", tr(Str::AboutText));
          section_title(tr(Str::AboutStart));
          ImGui::TextWrapped("%s", tr(Str::AboutStartText));
          ImGui::TextWrapped("%s", tr(Str::AboutSaved));
          ImGui::TextWrapped("%s", tr(Str::AboutLanguageSample));
          section_title(tr(Str::Notices));
          ImGui::TextWrapped("%s", tr(Str::NoticesText));
          break;
      }
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    tab_pending_ = false;
    ImGui::EndTabBar();
  }
  draw_status_bar();
  ImGui::End();

  if (frames_ % kSaveEveryFrames == 0) flush_settings();
}

std::string App::state_json() const {
  JsonWriter j;
  j.begin_object();
  j.key("frame").value(static_cast<int64_t>(frames_));
  j.key("tab").value(tab_name(tab_));
  j.key("ui_scale").value(static_cast<double>(ui_scale_));
  j.key("status").value(status_);
  j.key("texture_uploads").value(host_.textures ? host_.textures->value_uploads() : 0);
  hopfield_.write_json(j);
  convolution_.write_json(j);
  cnn_.write_json(j);
  j.key("widgets").begin_object();
  for (const auto& [name, r] : widgets_.rects()) {
    j.key(name).begin_array().value(static_cast<double>(r.x)).value(static_cast<double>(r.y));
    j.value(static_cast<double>(r.w)).value(static_cast<double>(r.h)).end_array();
  }
  j.end_object();
  j.end_object();
  return j.str();
}

}  // namespace hebblab
