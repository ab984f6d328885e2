// The app frame: menu bar, one tab per lab, status bar; settings restored at start and saved when they change.
#include "app/app.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include <imgui.h>

#include "app/strings.h"
#include "app/widgets.h"
#include "core/json_writer.h"

namespace hebblab {
namespace {

constexpr float kBaseFontPixels = 16.0f;
constexpr int kSaveEveryFrames = 30;  // compare settings with the saved copy twice a second at 60 fps

Tab lab_tab(Lab lab) {
  switch (lab) {
    case Lab::Hopfield: return Tab::Hopfield;
    case Lab::Convolution: return Tab::Convolution;
    case Lab::Cnn: return Tab::Cnn;
  }
  return Tab::Hopfield;
}

const char* tab_name(Tab t) {
  switch (t) {
    case Tab::Lessons: return "lessons";
    case Tab::Hopfield: return "hopfield";
    case Tab::Convolution: return "convolution";
    case Tab::Cnn: return "cnn";
    case Tab::About: return "about";
  }
  return "hopfield";
}

}  // namespace

App::App(Host host) : host_(host) {
  load_settings();
  follow_fragment();
}

App::~App() { flush_settings(); }

void App::setup_fonts(const std::string& ttf_bytes, float pixel_density, float ui_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar ranges[] = {
#include "app/glyph_ranges.inc"
      0};
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
  std::string error;
  Settings s = text ? Settings::parse(*text, &error) : Settings();
  // The language: as chosen in the menu, else the first of the system's preferred languages that HebbLab speaks.
  std::optional<Language> chosen = language_from_tag(s.get("ui.language"));
  if (!s.get("ui.language").empty() && !chosen && error.empty()) error = "ui.language";
  if (!chosen && host_.shell)
    for (const std::string& tag : host_.shell->preferred_languages())
      if ((chosen = language_from_tag(tag))) break;
  set_ui_language(chosen.value_or(Language::English));
  if (!text) return;
  std::string tab = s.get("ui.tab", "hopfield");
  for (Tab t : {Tab::Lessons, Tab::Hopfield, Tab::Convolution, Tab::Cnn, Tab::About})
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
  s.set("ui.language", language_code(language()));
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

void App::set_ui_language(Language language) {
  set_language(language);
  if (host_.shell) host_.shell->set_document_language(language_code(language));
}

void App::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextUnformatted(tr(Str::AppTitle));
  ImGui::TextDisabled("%s", tr(Str::AppSubtitle));
  if (ImGui::BeginMenu(label(Str::Settings))) {
    float scale = ui_scale_;
    if (ImGui::SliderFloat(label(Str::UiScale), &scale, 0.75f, 2.0f, "%.2f")) {
      ui_scale_ = scale;
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) font_rebuild_ = true;
    ImGui::EndMenu();
  }
  widgets_.record_last_item("menu.settings");
  if (ImGui::BeginMenu(label(Str::MenuLanguage))) {
    for (Language l : kLanguages) {
      if (ImGui::MenuItem(label(l == Language::Polish ? Str::LanguagePolish : Str::LanguageEnglish), nullptr,
                          language() == l))
        set_ui_language(l);
      widgets_.record_last_item(l == Language::Polish ? "menu.language_pl" : "menu.language_en");
    }
    ImGui::EndMenu();
  }
  widgets_.record_last_item("menu.language");
  ImGui::EndMenuBar();
}

void App::draw_status_bar() {
  ImGui::Separator();
  ImGui::TextDisabled(tr(Str::FrameCounter), static_cast<unsigned long long>(frames_));
  if (host_.shell && host_.shell->update_ready()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(Str::SiteUpdateReady));
    ImGui::SameLine();
    if (ImGui::SmallButton(label(Str::SiteUpdate))) host_.shell->apply_update();
    widgets_.record_last_item("site.update");
  }
  if (!status_.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(status_.c_str());
  }
}

void App::draw_about() {
  ImGui::TextWrapped("%s", tr(Str::AboutText));
  section_title(tr(Str::AboutStart));
  ImGui::TextWrapped("%s", tr(Str::AboutStartText));
  ImGui::TextWrapped("%s", tr(Str::AboutSaved));
  ImGui::TextWrapped("%s", tr(Str::AboutLanguageSample));
  section_title(tr(Str::SiteOffline));
  std::string message;
  const Shell::Offline offline = host_.shell ? host_.shell->offline(&message) : Shell::Offline::NotApplicable;
  switch (offline) {
    case Shell::Offline::NotApplicable: ImGui::TextWrapped("%s", tr(Str::SiteOfflineDesktop)); break;
    case Shell::Offline::Unsupported: ImGui::TextWrapped("%s", tr(Str::SiteOfflineUnsupported)); break;
    case Shell::Offline::InsecureOrigin: ImGui::TextWrapped("%s", tr(Str::SiteOfflineInsecure)); break;
    case Shell::Offline::Installing: ImGui::TextWrapped("%s", tr(Str::SiteOfflineInstalling)); break;
    case Shell::Offline::Ready: ImGui::TextWrapped("%s", tr(Str::SiteOfflineReady)); break;
    case Shell::Offline::Failed: ImGui::TextWrapped(tr(Str::SiteOfflineFailed), message.c_str()); break;
  }
  section_title(tr(Str::Notices));
  ImGui::TextWrapped("%s", tr(Str::NoticesText));
}

// [SECTION] lessons ---------------------------------------------------------------------------------------------------

void App::open_lesson(int index) {
  if (index < 0 || index >= static_cast<int>(lesson_step_count())) return;
  lesson_ = index;
  tab_ = lab_tab(lesson_steps()[index].lab);
  tab_pending_ = true;
  fragment_ = std::string("lesson/") + lesson_steps()[index].id;
  if (host_.shell) host_.shell->set_fragment(fragment_);
}

void App::show_lesson() {
  if (lesson_ < 0) return;
  const LessonStep& step = lesson_steps()[lesson_];
  switch (step.lab) {
    case Lab::Hopfield: hopfield_.show(step.action); break;
    case Lab::Convolution: convolution_.show(step.action); break;
    case Lab::Cnn: cnn_.show(step.action, host_); break;
  }
  tab_ = lab_tab(step.lab);
  tab_pending_ = true;
  ++lessons_shown_;
}

// A link to a step (#lesson/energy) opens it, at start and whenever the fragment changes (a pasted link, Back).
void App::follow_fragment() {
  if (!host_.shell) return;
  const std::string fragment = host_.shell->fragment();
  if (fragment == fragment_) return;
  fragment_ = fragment;
  const int index = lesson_step_index(fragment);
  if (index >= 0 && index != lesson_) open_lesson(index);
}

void App::draw_lessons_tab() {
  ImGui::TextWrapped("%s", tr(Str::LessonsIntro));
  section_title(tr(Str::LessonsContents));
  Str chapter = Str::Count;
  for (size_t i = 0; i < lesson_step_count(); ++i) {
    const LessonStep& step = lesson_steps()[i];
    if (step.chapter != chapter) {
      chapter = step.chapter;
      ImGui::Spacing();
      ImGui::TextUnformatted(tr(chapter));
    }
    ImGui::Indent();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(tr(step.title), lesson_ == static_cast<int>(i))) open_lesson(static_cast<int>(i));
    widgets_.record_last_item((std::string("lesson.contents.") + step.id).c_str());
    ImGui::PopID();
    ImGui::Unindent();
  }
}

// The open step above the labs: where it is in the lecture, its text and formula, and the buttons a teacher needs.
void App::draw_lesson_bar() {
  if (lesson_ < 0) return;
  const LessonStep& step = lesson_steps()[lesson_];
  const int count = static_cast<int>(lesson_step_count());
  ImGui::TextDisabled("%s", tr(step.chapter));
  ImGui::SameLine();
  ImGui::TextDisabled(tr(Str::LessonStepOf), lesson_ + 1, count);
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(step.title));
  ImGui::TextWrapped("%s", tr(step.text));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(20, 60, 140, 255));
  ImGui::SetWindowFontScale(1.2f);
  ImGui::TextWrapped("%s", step.formula);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();
  ImGui::BeginDisabled(lesson_ == 0);
  if (ImGui::Button(label(Str::LessonPrevious))) open_lesson(lesson_ - 1);
  widgets_.record_last_item("lesson.previous");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(label(Str::LessonShowMe))) show_lesson();
  widgets_.record_last_item("lesson.show_me");
  ImGui::SameLine();
  ImGui::BeginDisabled(lesson_ + 1 >= count);
  if (ImGui::Button(label(Str::LessonNext))) open_lesson(lesson_ + 1);
  widgets_.record_last_item("lesson.next");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(label(Str::LessonClose))) lesson_ = -1;
  widgets_.record_last_item("lesson.close");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr(Str::LessonKeys));
  ImGui::Separator();
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
  if (frames_ % 15 == 0) follow_fragment();
  // Presenter clickers send PageDown / PageUp: they step through the lecture unless a text field has the keyboard.
  if (!ImGui::GetIO().WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false))
      open_lesson(std::min(lesson_ + 1, static_cast<int>(lesson_step_count()) - 1));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false) && lesson_ > 0) open_lesson(lesson_ - 1);
  }
  draw_lesson_bar();

  const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  if (ImGui::BeginTabBar("labs")) {
    struct Item { Tab tab; Str label; const char* hook; };
    const Item items[] = {{Tab::Lessons, Str::TabLessons, "tab.lessons"},
                          {Tab::Hopfield, Str::TabHopfield, "tab.hopfield"},
                          {Tab::Convolution, Str::TabConvolution, "tab.convolution"},
                          {Tab::Cnn, Str::TabCnn, "tab.cnn"},
                          {Tab::About, Str::TabAbout, "tab.about"}};
    for (const Item& item : items) {
      ImGuiTabItemFlags flags = (tab_pending_ && item.tab == tab_) ? ImGuiTabItemFlags_SetSelected : 0;
      bool open = ImGui::BeginTabItem(label(item.label), nullptr, flags);
      widgets_.record_last_item(item.hook);
      if (!open) continue;
      if (!tab_pending_) tab_ = item.tab;
      ImGui::BeginChild("lab", ImVec2(0, -status_height));
      switch (item.tab) {
        case Tab::Hopfield: hopfield_.draw(host_, widgets_, status_); break;
        case Tab::Convolution: convolution_.draw(host_, widgets_); break;
        case Tab::Cnn: cnn_.draw(host_, widgets_, status_); break;
        case Tab::Lessons: draw_lessons_tab(); break;
        case Tab::About: draw_about(); break;
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
  j.key("language").value(language_code(language()));
  j.key("lesson").begin_object();
  j.key("index").value(lesson_);
  j.key("id").value(lesson_ >= 0 ? lesson_steps()[lesson_].id : "");
  j.key("count").value(static_cast<int>(lesson_step_count()));
  j.key("shown").value(lessons_shown_);
  j.key("fragment").value(fragment_);
  j.end_object();
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
