// The app frame: menu bar, one tab per lab, status bar; settings restored at start and saved when they change.
#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/strings.h"
#include "app/theme.h"
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

void App::setup_style(float scale) const {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  apply_theme(theme_, &style);
  const bool touch = host_.shell && host_.shell->coarse_pointer();
  set_touch_ui(touch);
  if (touch) {
    // A finger needs targets of at least 44 CSS pixels: frames (buttons, fields, tabs) that tall, and room between.
    // (The font is already built at this scale; the style's sizes are scaled below.)
    const ImGuiIO& io = ImGui::GetIO();
    const float text =
        io.Fonts->Fonts.empty() ? kBaseFontPixels : io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale / scale;
    style.FramePadding = ImVec2(10.0f, std::ceil((44.0f - text) / 2.0f));
    style.ItemSpacing = ImVec2(10.0f, 8.0f);
    style.GrabMinSize = 28.0f;
    style.ScrollbarSize = 22.0f;
  }
  style.ScaleAllSizes(scale);
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
  if (const std::optional<Theme> theme = theme_from_name(s.get("ui.theme", "light"))) theme_ = *theme;
  else if (error.empty()) error = "ui.theme";
  debug_overlay_ = s.get_int("ui.debug", 0) != 0;
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
  s.set("ui.theme", theme_name(theme_));
  s.set_int("ui.debug", debug_overlay_ ? 1 : 0);
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
  widgets_.begin_panel();
  ImGui::TextUnformatted(tr(Str::AppTitle));
  // The subtitle only where it leaves room for the menus (on a phone the menus come first).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float menus = ImGui::CalcTextSize(tr(Str::Settings)).x + ImGui::CalcTextSize(tr(Str::MenuLanguage)).x +
                      ImGui::CalcTextSize(tr(Str::MenuHelp)).x + style.ItemSpacing.x * 6 + style.FramePadding.x * 6;
  if (ImGui::GetContentRegionAvail().x > ImGui::CalcTextSize(tr(Str::AppSubtitle)).x + menus)
    ImGui::TextDisabled("%s", tr(Str::AppSubtitle));
  if (ImGui::BeginMenu(label(Str::Settings))) {
    float scale = ui_scale_;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::SliderFloat(label(Str::UiScale), &scale, 0.75f, 2.0f, "%.2f")) {
      ui_scale_ = scale;
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) font_rebuild_ = true;
    widgets_.record_last_item("menu.text_size");
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr(Str::MenuTheme));
    const Str names[] = {Str::ThemeLight, Str::ThemeDark, Str::ThemeHighContrast};
    for (Theme t : kThemes) {
      if (ImGui::MenuItem(label(names[static_cast<int>(t)]), nullptr, theme_ == t) && theme_ != t) {
        theme_ = t;
        font_rebuild_ = true;  // the style is rebuilt with the fonts
      }
      widgets_.record_last_item(std::string("menu.theme_") + theme_name(t));
    }
    ImGui::Separator();
    ImGui::MenuItem(label(Str::DebugOverlay), nullptr, &debug_overlay_);
    widgets_.record_last_item("menu.debug");
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
  draw_help_menu();
  ImGui::EndMenuBar();
}

// Help: every key the app answers to, for keyboard users and presenters.
void App::draw_help_menu() {
  if (ImGui::BeginMenu(label(Str::MenuHelp))) {
    ImGui::TextUnformatted(tr(Str::HelpShortcuts));
    ImGui::Separator();
    const Str keys[][2] = {{Str::KeyArrows, Str::KeyArrowsDoes}, {Str::KeyActivate, Str::KeyActivateDoes},
                           {Str::KeyPanels, Str::KeyPanelsDoes},  {Str::KeyTab, Str::KeyTabDoes},
                           {Str::KeyEscape, Str::KeyEscapeDoes},  {Str::KeyGrid, Str::KeyGridDoes},
                           {Str::KeyUndo, Str::KeyUndoDoes},      {Str::KeyPages, Str::KeyPagesDoes}};
    if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const auto& k : keys) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(k[0]));
        ImGui::TableNextColumn();
        // Wrapped to fit a phone's width as well as a desktop's.
        const float wrap = std::min(ImGui::GetFontSize() * 22, ImGui::GetMainViewport()->WorkSize.x * 0.9f -
                                                                    ImGui::GetFontSize() * 8);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(wrap, ImGui::GetFontSize() * 8));
        ImGui::TextUnformatted(tr(k[1]));
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTable();
    }
    ImGui::EndMenu();
  }
  widgets_.record_last_item("menu.help");
}

// For developers: the frame counter and frame time, in a corner, over everything.
void App::draw_debug_overlay() {
  if (!debug_overlay_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 8, vp->WorkPos.y + vp->WorkSize.y - 8),
                          ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowBgAlpha(0.8f);
  if (ImGui::Begin("debug", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                       ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs)) {
    ImGui::Text(tr(Str::FrameCounter), static_cast<unsigned long long>(frames_));
    ImGui::Text("%.1f ms", 1000.0f * ImGui::GetIO().DeltaTime);
  }
  ImGui::End();
}

void App::draw_status_bar() {
  ImGui::Separator();
  widgets_.begin_panel();
  if (host_.shell && host_.shell->update_ready()) {
    ImGui::TextUnformatted(tr(Str::SiteUpdateReady));
    flow(button_width(label(Str::SiteUpdate)));
    if (ImGui::SmallButton(label(Str::SiteUpdate))) host_.shell->apply_update();
    widgets_.record_last_item("site.update");
  }
  if (!status_.empty()) {
    if (host_.shell && host_.shell->update_ready()) ImGui::SameLine();
    ImGui::TextUnformatted(status_.c_str());
  }
}

// Screen-reader users hear what sighted users see change: the control the keyboard reached, the status line, and how
// recall ended.
void App::announce_changes() {
  if (!host_.shell) return;
  const std::string focus = focused_item_label();
  const std::string outcome = hopfield_.outcome_message();
  using Pair = std::pair<const std::string*, std::string*>;
  for (auto [now, said] : {Pair{&focus, &announced_focus_}, Pair{&status_, &announced_status_},
                           Pair{&outcome, &announced_outcome_}}) {
    if (*now == *said) continue;
    *said = *now;
    if (now->empty()) continue;
    host_.shell->announce(*now);
    last_announcement_ = *now;
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
  ImGui::PushStyleColor(ImGuiCol_Text, theme_colour(ThemeColour::Formula));
  ImGui::SetWindowFontScale(1.2f);
  ImGui::TextWrapped("%s", step.formula);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();
  ImGui::BeginDisabled(lesson_ == 0);
  if (ImGui::Button(label(Str::LessonPrevious))) open_lesson(lesson_ - 1);
  widgets_.record_last_item("lesson.previous");
  ImGui::EndDisabled();
  flow(button_width(label(Str::LessonShowMe)));
  if (ImGui::Button(label(Str::LessonShowMe))) show_lesson();
  widgets_.record_last_item("lesson.show_me");
  flow(button_width(label(Str::LessonNext)));
  ImGui::BeginDisabled(lesson_ + 1 >= count);
  if (ImGui::Button(label(Str::LessonNext))) open_lesson(lesson_ + 1);
  widgets_.record_last_item("lesson.next");
  ImGui::EndDisabled();
  flow(button_width(label(Str::LessonClose)));
  if (ImGui::Button(label(Str::LessonClose))) lesson_ = -1;
  widgets_.record_last_item("lesson.close");
  flow(ImGui::CalcTextSize(tr(Str::LessonKeys)).x);
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
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows, Space, Enter, Escape (Help lists them)
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.TestEngineHookItems = true;  // the focused item's label, see test_hook.h
  // ImGui 1.86 presses a button with Space only; Enter only opens a field for typing. Enter presses buttons too (a
  // field still opens for typing: it asks for the "input" activation, which stays set).
  if (g.NavActivateInputId != 0 && g.NavActivateId == 0 && g.ActiveId == 0)
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId;
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
  if (!io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false))
      open_lesson(std::min(lesson_ + 1, static_cast<int>(lesson_step_count()) - 1));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false) && lesson_ > 0) open_lesson(lesson_ - 1);
  }
  // On a wide screen the open lesson step stays above the labs; on a narrow one it would leave the lab a sliver of
  // the screen, so it scrolls with the lab instead (drawn first inside it).
  const bool stacked = panels_stack(ImGui::GetMainViewport()->WorkSize.x, ImGui::GetFontSize());
  if (lesson_ >= 0 && !stacked) {
    widgets_.begin_panel();
    draw_lesson_bar();
  }

  const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  widgets_.begin_panel();
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
      // Flattened: the arrow keys go from the tabs into the lab and back as if the lab were part of this window.
      ImGui::BeginChild("lab", ImVec2(0, -status_height), false, ImGuiWindowFlags_NavFlattened);
      if (lesson_ >= 0 && stacked) {
        widgets_.begin_panel();
        draw_lesson_bar();
      }
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
  draw_debug_overlay();
  announce_changes();

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
  j.key("theme").value(theme_name(theme_));
  j.key("stacked").value(panels_stack(ImGui::GetMainViewport()->WorkSize.x, ImGui::GetFontSize()));
  j.key("focus").begin_object();
  j.key("name").value(widgets_.focused());
  j.key("label").value(focused_item_label());
  j.key("panel").value(widgets_.focused_panel());
  j.key("panels").value(widgets_.panel_count());
  const WidgetRect f = widgets_.focus_rect();
  j.key("rect").begin_array().value(static_cast<double>(f.x)).value(static_cast<double>(f.y));
  j.value(static_cast<double>(f.w)).value(static_cast<double>(f.h)).end_array();
  j.end_object();
  j.key("announced").value(last_announcement_);
  j.key("popup").value(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  j.key("pointer").begin_object();
  j.key("hovered").value(widgets_.hovered()).key("clicked").value(widgets_.clicked());
  j.key("clicks").value(widgets_.clicks());
  j.end_object();
  j.key("texture_uploads").value(host_.textures ? host_.textures->value_uploads() : 0);
  hopfield_.write_json(j);
  convolution_.write_json(j);
  cnn_.write_json(j);
  j.key("widgets").begin_object();
  for (const auto& [name, r] : widgets_.rects()) {
    j.key(name).begin_array().value(static_cast<double>(r.x)).value(static_cast<double>(r.y));
    j.value(static_cast<double>(r.w)).value(static_cast<double>(r.h)).value(r.visible ? 1 : 0).value(r.enabled ? 1 : 0);
    j.value(r.fits_width ? 1 : 0).end_array();
  }
  j.end_object();
  j.end_object();
  return j.str();
}

}  // namespace hebblab
