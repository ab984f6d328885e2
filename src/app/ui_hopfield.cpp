// The Hopfield lab panel. [SECTION] index: grid and painting, stored patterns, recall, capacity experiment,
// persistence and test-hook state.
#include "app/ui_hopfield.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/strings.h"
#include "app/widgets.h"
#include "core/letters.h"

namespace hebblab {
namespace {

const char* kGridSizeLabels[] = {"5 x 5", "7 x 7", "8 x 8", "10 x 10", "12 x 12", "16 x 16", "20 x 20", "24 x 24", "32 x 32"};

std::string outcome_text(const Outcome& o) {
  char buf[160];
  switch (o.kind) {
    case Outcome::Kind::Pattern: std::snprintf(buf, sizeof buf, tr(Str::HopOutcomePattern), o.index.value_or(-1)); break;
    case Outcome::Kind::Inverse: std::snprintf(buf, sizeof buf, tr(Str::HopOutcomeInverse), o.index.value_or(-1)); break;
    case Outcome::Kind::Spurious: return tr(Str::HopOutcomeSpurious);
    case Outcome::Kind::Cycle: return tr(Str::HopOutcomeCycle);
    case Outcome::Kind::Unfinished: return tr(Str::HopOutcomeRunning);
  }
  return buf;
}

}  // namespace

// [SECTION] grid and painting ---------------------------------------------------------------------------------------

void HopfieldLab::set_grid_size(int size) {
  if (size == size_) return;
  size_ = size;
  canvas_.assign(static_cast<size_t>(size * size), -1);
  // Stored patterns of another size cannot live in this network; they stay in the settings of their size.
  patterns_.clear();
  weights_ = hebbian_weights({}, size * size);
  restart_history();
}

void HopfieldLab::draw_grid(WidgetRegistry& widgets) {
  const float side = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 18.0f);
  const float cell = std::floor(side / static_cast<float>(size_));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  draw_binary_grid(canvas_, size_, size_, cell);
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("grid", ImVec2(cell * size_, cell * size_),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  widgets.record_last_item("hopfield.grid");
  if (ImGui::IsItemActivated()) paint_value_ = ImGui::IsMouseDown(ImGuiMouseButton_Right) ? -1 : 1;
  if (ImGui::IsItemActive() && paint_value_ != 0) {
    ImVec2 m = ImGui::GetIO().MousePos;
    int x = static_cast<int>((m.x - origin.x) / cell), y = static_cast<int>((m.y - origin.y) / cell);
    if (x >= 0 && y >= 0 && x < size_ && y < size_) {
      int8_t& c = canvas_[static_cast<size_t>(y * size_ + x)];
      if (c != paint_value_) {
        c = static_cast<int8_t>(paint_value_);
        running_ = false;
        restart_history();
      }
    }
  }
  if (ImGui::IsItemDeactivated()) paint_value_ = 0;
}

// [SECTION] stored patterns ------------------------------------------------------------------------------------------

void HopfieldLab::store_current() {
  Pattern p;
  p.name = "P" + std::to_string(patterns_.size());
  p.width = p.height = size_;
  p.cells = canvas_;
  patterns_.push_back(std::move(p));
  std::vector<State> states;
  for (const Pattern& q : patterns_) states.push_back(q.cells);
  weights_ = hebbian_weights(states, size_ * size_);
  restart_history();
}

void HopfieldLab::draw_patterns(WidgetRegistry& widgets) {
  int size_index = static_cast<int>(std::find(offered_grid_sizes().begin(), offered_grid_sizes().end(), size_) -
                                    offered_grid_sizes().begin());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::Combo(tr(Str::HopGridSize), &size_index, kGridSizeLabels, IM_ARRAYSIZE(kGridSizeLabels)))
    set_grid_size(offered_grid_sizes()[static_cast<size_t>(size_index)]);
  widgets.record_last_item("hopfield.size");

  auto load = [&](char c) {
    canvas_ = builtin_glyph(c, size_).cells;
    running_ = false;
    restart_history();
  };
  if (ImGui::Button(tr(Str::HopPresetA))) load('A');
  widgets.record_last_item("hopfield.preset_a");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::HopPresetZ))) load('Z');
  widgets.record_last_item("hopfield.preset_z");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::HopClear))) {
    std::fill(canvas_.begin(), canvas_.end(), int8_t{-1});
    restart_history();
  }
  widgets.record_last_item("hopfield.clear");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::HopInvert))) {
    for (int8_t& c : canvas_) c = static_cast<int8_t>(-c);
    restart_history();
  }
  widgets.record_last_item("hopfield.invert");

  if (ImGui::Button(tr(Str::HopStore))) store_current();
  widgets.record_last_item("hopfield.store");
  help_marker(tr(Str::HopHebbHelp));
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::HopForgetAll))) {
    patterns_.clear();
    weights_ = hebbian_weights({}, size_ * size_);
    restart_history();
  }
  widgets.record_last_item("hopfield.forget_all");

  if (patterns_.empty()) {
    teaching_text(tr(Str::HopNoneStored));
    return;
  }
  ImGui::Text(tr(Str::HopStored), static_cast<int>(patterns_.size()));
  const float thumb = std::max(2.0f, std::floor(ImGui::GetFontSize() * 3.0f / static_cast<float>(size_)));
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (i % 6 != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    draw_binary_grid(patterns_[i].cells, size_, size_, thumb);
    ImGui::Text("%d", static_cast<int>(i));
    ImGui::EndGroup();
  }
}

// [SECTION] recall --------------------------------------------------------------------------------------------------

void HopfieldLab::restart_history() {
  history_.assign(1, canvas_);
  energies_.assign(1, energy(weights_, canvas_));
  outcome_.reset();
}

void HopfieldLab::step_once() {
  if (history_.empty()) restart_history();
  if (outcome_) {
    running_ = false;
    return;
  }
  const State& x = history_.back();
  State next = mode_ == UpdateMode::Synchronous
                   ? step_synchronous(weights_, x)
                   : sweep_asynchronous(weights_, x, static_cast<uint64_t>(seed_) + history_.size() - 1);
  canvas_ = next;
  history_.push_back(std::move(next));
  energies_.push_back(energy(weights_, canvas_));
  std::vector<State> states;
  for (const Pattern& p : patterns_) states.push_back(p.cells);
  outcome_ = settled(history_, states);
  if (outcome_) running_ = false;
}

void HopfieldLab::draw_recall(WidgetRegistry& widgets) {
  section_title(tr(Str::HopDeform));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt(tr(Str::HopFlip), &flip_count_, 0, size_ * size_ / 2);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt(tr(Str::HopSeed), &seed_);
  if (ImGui::Button(tr(Str::HopFlipButton))) {
    canvas_ = deform(canvas_, flip_count_, static_cast<uint64_t>(seed_));
    restart_history();
  }
  widgets.record_last_item("hopfield.flip");

  section_title(tr(Str::HopRecall));
  ImGui::TextUnformatted(tr(Str::HopMode));
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(Str::HopModeSync), mode_ == UpdateMode::Synchronous)) mode_ = UpdateMode::Synchronous;
  widgets.record_last_item("hopfield.mode_sync");
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(Str::HopModeAsync), mode_ == UpdateMode::Asynchronous)) mode_ = UpdateMode::Asynchronous;
  widgets.record_last_item("hopfield.mode_async");
  teaching_text(tr(Str::HopSgnRule));

  if (ImGui::Button(tr(Str::HopStep))) step_once();
  widgets.record_last_item("hopfield.step");
  ImGui::SameLine();
  if (!running_) {
    if (ImGui::Button(tr(Str::HopRun))) {
      running_ = !outcome_.has_value();
      run_clock_ = 0;
    }
  } else if (ImGui::Button(tr(Str::HopStop))) {
    running_ = false;
  }
  widgets.record_last_item("hopfield.run");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::SliderFloat(tr(Str::HopSpeed), &steps_per_second_, 1.0f, 30.0f, "%.0f");

  if (running_) {
    run_clock_ += ImGui::GetIO().DeltaTime;
    while (running_ && run_clock_ >= 1.0 / steps_per_second_) {
      run_clock_ -= 1.0 / steps_per_second_;
      step_once();
    }
  }

  section_title(tr(Str::HopEnergy));
  help_marker(tr(Str::HopEnergyHelp));
  std::vector<float> e(energies_.begin(), energies_.end());
  ImGui::PlotLines("##energy", e.data(), static_cast<int>(e.size()), 0, nullptr, FLT_MAX, FLT_MAX,
                   ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 5));
  ImGui::Text(tr(Str::HopEnergyNow), energies_.empty() ? 0.0 : energies_.back(),
              static_cast<int>(history_.size()) - 1);
  if (outcome_) ImGui::TextUnformatted(outcome_text(*outcome_).c_str());
}

// [SECTION] capacity experiment -------------------------------------------------------------------------------------

void HopfieldLab::on_job_event(const JobEvent& event) {
  if (event.id != capacity_job_) return;
  capacity_progress_ = event.progress;
  capacity_points_ = parse_capacity_points(event.result);
  switch (event.type) {
    case JobEvent::Type::Progress: ++capacity_events_; break;
    case JobEvent::Type::Done: capacity_status_ = tr(Str::HopCapDone); capacity_job_ = 0; break;
    case JobEvent::Type::Cancelled: capacity_status_ = tr(Str::HopCapCancelled); capacity_job_ = 0; break;
    case JobEvent::Type::Error: capacity_status_ = event.result; capacity_job_ = 0; break;
  }
}

void HopfieldLab::draw_capacity(Host& host, WidgetRegistry& widgets) {
  teaching_text(tr(Str::HopCapacityHelp));
  const float w = ImGui::GetFontSize() * 7;
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr(Str::HopCapN), &capacity_.n_neurons, 10);
  capacity_.n_neurons = std::clamp(capacity_.n_neurons, 4, 1024);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr(Str::HopCapPmax), &capacity_.p_max, 1);
  capacity_.p_max = std::clamp(capacity_.p_max, 1, 200);
  float noise = static_cast<float>(capacity_.noise);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderFloat(tr(Str::HopCapNoise), &noise, 0.0f, 0.5f, "%.2f")) capacity_.noise = noise;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr(Str::HopCapTrials), &capacity_.trials, 10);
  capacity_.trials = std::clamp(capacity_.trials, 1, 5000);

  if (capacity_job_ == 0) {
    if (ImGui::Button(tr(Str::HopCapStart)) && host.jobs) {
      capacity_.mode = mode_;
      capacity_.seed = static_cast<uint64_t>(seed_);
      capacity_points_.clear();
      capacity_progress_ = 0;
      capacity_events_ = 0;
      capacity_status_.clear();
      capacity_job_ = host.jobs->start("capacity", format_capacity_config(capacity_));
    }
    widgets.record_last_item("capacity.start");
  } else {
    if (ImGui::Button(tr(Str::HopCapCancel)) && host.jobs) host.jobs->cancel(capacity_job_);
    widgets.record_last_item("capacity.cancel");
    ImGui::SameLine();
    char label[64];
    std::snprintf(label, sizeof label, tr(Str::HopCapRunning), capacity_progress_ * 100.0);
    ImGui::ProgressBar(static_cast<float>(capacity_progress_), ImVec2(ImGui::GetFontSize() * 12, 0), label);
  }
  if (!capacity_status_.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(capacity_status_.c_str());
  }
  draw_capacity_plot();
}

void HopfieldLab::draw_capacity_plot() {
  const float font = ImGui::GetFontSize();
  ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, font * 30), font * 12);
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(o.x + font * 2.5f, o.y + font * 0.5f), b(o.x + size.x - font * 0.5f, o.y + size.y - font * 1.5f);
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddRect(a, b, axis);
  const double n = capacity_.n_neurons, x_max = std::max(1.0, static_cast<double>(capacity_.p_max)) / n;
  auto px = [&](double pn) { return a.x + static_cast<float>(pn / x_max) * (b.x - a.x); };
  auto py = [&](double f) { return b.y - static_cast<float>(f) * (b.y - a.y); };
  dl->AddText(ImVec2(o.x, a.y - font * 0.5f), text, "1");
  dl->AddText(ImVec2(o.x, b.y - font * 0.5f), text, "0");
  dl->AddText(ImVec2(b.x - font * 3, b.y + font * 0.2f), text, tr(Str::HopCapAxisX));
  dl->AddText(ImVec2(a.x + font * 0.3f, a.y), axis, tr(Str::HopCapAxisY));
  const struct { double pn; const char* label; ImU32 colour; } marks[] = {
      {capacity_limit_hebbian(capacity_.n_neurons) / n, "0.138 N", IM_COL32(230, 159, 0, 255)},
      {capacity_limit_perfect(capacity_.n_neurons) / n, "N/(2 ln N)", IM_COL32(86, 180, 233, 255)}};
  for (const auto& m : marks) {
    if (m.pn > x_max) continue;
    dl->AddLine(ImVec2(px(m.pn), a.y), ImVec2(px(m.pn), b.y), m.colour, 1.5f);
    dl->AddText(ImVec2(px(m.pn) + 3, b.y + font * 0.2f), m.colour, m.label);
  }
  for (size_t i = 0; i < capacity_points_.size(); ++i) {
    ImVec2 p(px(capacity_points_[i].p / n), py(capacity_points_[i].recalled));
    dl->AddCircleFilled(p, 3.0f, text);
    if (i > 0) dl->AddLine(ImVec2(px(capacity_points_[i - 1].p / n), py(capacity_points_[i - 1].recalled)), p, text, 1.5f);
  }
  ImGui::Dummy(size);
}

// [SECTION] panel, persistence and test-hook state ----------------------------------------------------------------

void HopfieldLab::draw(Host& host, WidgetRegistry& widgets) {
  if (history_.empty()) restart_history();
  if (ImGui::BeginTable("hopfield", 2, ImGuiTableFlags_Resizable)) {
    ImGui::TableNextColumn();
    section_title(tr(Str::HopGrid));
    teaching_text(tr(Str::HopPaintHelp));
    draw_grid(widgets);
    draw_patterns(widgets);
    ImGui::TableNextColumn();
    draw_recall(widgets);
    ImGui::EndTable();
  }
  section_title(tr(Str::HopCapacity));
  draw_capacity(host, widgets);
}

void HopfieldLab::save(Settings& s) const {
  s.set_int("hopfield.size", size_);
  s.set("hopfield.mode", mode_ == UpdateMode::Synchronous ? "sync" : "async");
  s.set_int("hopfield.flip", flip_count_);
  s.set_int("hopfield.seed", seed_);
  s.set_double("hopfield.speed", steps_per_second_);
  Pattern canvas{"", size_, size_, canvas_};
  s.set("hopfield.canvas", format_patterns({canvas}));
  s.set("hopfield.patterns", patterns_.empty() ? "" : format_patterns(patterns_));
  CapacityConfig c = capacity_;
  s.set("capacity.config", format_capacity_config(c));
}

bool HopfieldLab::load(const Settings& s, std::string* error) {
  bool ok = true;
  auto fail = [&](const std::string& what) {
    if (error && error->empty()) *error = what;
    ok = false;
  };
  int size = s.get_int("hopfield.size", 5);
  const auto& sizes = offered_grid_sizes();
  if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) {
    fail("hopfield.size");
    size = 5;
  }
  size_ = 0;  // force set_grid_size to reset everything for the restored size
  set_grid_size(size);
  mode_ = s.get("hopfield.mode", "sync") == "async" ? UpdateMode::Asynchronous : UpdateMode::Synchronous;
  flip_count_ = std::clamp(s.get_int("hopfield.flip", 2), 0, size * size);
  seed_ = s.get_int("hopfield.seed", 1);
  steps_per_second_ = static_cast<float>(std::clamp(s.get_double("hopfield.speed", 4.0), 1.0, 30.0));
  if (s.has("hopfield.canvas")) {
    PatternParse canvas = parse_patterns(s.get("hopfield.canvas"));
    if (canvas.ok() && canvas.patterns.size() == 1 && canvas.patterns[0].width == size)
      canvas_ = canvas.patterns[0].cells;
    else
      fail("hopfield.canvas");
  }
  std::string patterns = s.get("hopfield.patterns");
  if (!patterns.empty()) {
    PatternParse parsed = parse_patterns(patterns);
    if (parsed.ok() && parsed.patterns[0].width == size && parsed.patterns[0].height == size) {
      patterns_ = parsed.patterns;
      std::vector<State> states;
      for (const Pattern& p : patterns_) states.push_back(p.cells);
      weights_ = hebbian_weights(states, size * size);
    } else {
      fail("hopfield.patterns: " + parsed.error);
    }
  }
  if (s.has("capacity.config")) {
    std::string err;
    CapacityConfig c;
    if (parse_capacity_config(s.get("capacity.config"), &c, &err)) capacity_ = c;
    else fail("capacity.config: " + err);
  }
  restart_history();
  return ok;
}

void HopfieldLab::write_json(JsonWriter& j) const {
  j.key("hopfield").begin_object();
  j.key("width").value(size_).key("height").value(size_);
  j.key("state").array(canvas_);
  j.key("patterns").value(static_cast<int>(patterns_.size()));
  j.key("mode").value(mode_ == UpdateMode::Synchronous ? "sync" : "async");
  j.key("flip").value(flip_count_).key("seed").value(seed_);
  j.key("running").value(running_);
  j.key("steps").value(static_cast<int>(history_.size()) - 1);
  j.key("energies").array(energies_);
  j.key("outcome");
  if (outcome_) {
    j.begin_object().key("kind").value(outcome_kind_name(outcome_->kind)).key("index");
    if (outcome_->index) j.value(*outcome_->index); else j.null();
    j.end_object();
  } else {
    j.null();
  }
  j.end_object();
  j.key("capacity").begin_object();
  j.key("running").value(capacity_job_ != 0);
  j.key("progress").value(capacity_progress_);
  j.key("progress_events").value(capacity_events_);
  j.key("status").value(capacity_status_);
  j.key("config").value(format_capacity_config(capacity_));
  j.key("points").begin_array();
  for (const CapacityPoint& p : capacity_points_) j.begin_array().value(p.p).value(p.recalled).end_array();
  j.end_array();
  j.end_object();
}

}  // namespace hebblab
