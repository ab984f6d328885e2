// The Hopfield lab: paint a pattern, store it with Hebb's rule, deform it, and watch recall pull it back as the
// energy falls; inspect one neuron's arithmetic, the weights and the per-neuron energies; and measure capacity
// with a background job.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/host.h"
#include "app/lessons.h"
#include "app/test_hook.h"
#include "app/widgets.h"
#include "core/capacity.h"
#include "core/hopfield.h"
#include "core/json_writer.h"
#include "core/pattern_file.h"
#include "core/settings.h"

namespace hebblab {

// An overlap bar: m in [-1, 1] (clamped) drawn between x0 and x1 around the centre line (x0 + x1) / 2 -> the span
// {left, right} it fills: from the centre to the right for m > 0, to the left for m < 0 (the whole half at ±1).
std::pair<float, float> bar_span(double m, float x0, float x1);

class HopfieldLab {
 public:
  // status: the app's status line, for messages that must not be missed (a bad file, an undoable loss).
  void draw(Host& host, WidgetRegistry& widgets, std::string& status);
  void on_job_event(const JobEvent& event);
  int job_id() const { return capacity_job_; }  // the capacity run's job, 0 when none runs
  void save(Settings& s) const;
  // Returns false (and fills *error) when a saved value could not be used; everything usable is restored.
  bool load(const Settings& s, std::string* error);
  void write_json(JsonWriter& j) const;
  // What recall ended on, as the lab shows it ("Settled on stored pattern A"), or "" while it has not ended.
  std::string outcome_message() const;
  // A pattern file the user opened or dropped: its patterns replace the stored ones (undoable), or status explains
  // why nothing changed.
  void open_file(const FileExchange::Opened& file, std::string& status);
  // A lesson step's "Show me" (its Hopfield actions; lessons.h). What was there before is one Undo away.
  void show(LessonAction action);

 private:
  struct Snapshot {  // what an undo brings back
    int width, height;
    State canvas;
    std::vector<Pattern> patterns;
  };
  enum class Tool { Paint, Inspect };

  int n() const { return width_ * height_; }
  void push_undo();
  void undo();
  void set_grid(int width, int height);
  void set_patterns(std::vector<Pattern> patterns);
  void set_canvas(State canvas);
  void shift(int dx, int dy);
  void store_current();
  void restart_history();
  void step_once();
  void refresh_derived();

  void draw_grid(WidgetRegistry& widgets);
  void draw_edit(Host& host, WidgetRegistry& widgets, std::string& status);
  void draw_patterns(WidgetRegistry& widgets);
  void draw_recall(WidgetRegistry& widgets);
  void draw_inspector();
  void draw_weights(Host& host);
  void draw_overlaps();
  void draw_capacity(Host& host, WidgetRegistry& widgets);
  void draw_capacity_plot();
  // The capacity experiment's N and largest P as the controls stand: with "use my stored patterns" the grid's N and
  // the stored patterns (at most Largest P), else the fields' values.
  int capacity_n() const;
  int capacity_p_max() const;
  // The N and largest P of the plotted axis: the chosen kind of pattern's curve's, or the controls' before it has one.
  std::pair<int, int> capacity_axis() const;

  int width_ = 5, height_ = 5;
  State canvas_ = State(25, -1);
  std::vector<Pattern> patterns_;
  HebbianWeights weights_ = hebbian_weights({}, 25);
  std::vector<Snapshot> undo_;
  Tool tool_ = Tool::Paint;
  int paint_value_ = 0;    // value being painted while a mouse button is held
  int primary_value_ = 1;  // what the left button and a finger paint (the right button: -that)
  int glyph_ = 0;        // index into the built-in alphabet
  int inspected_ = -1;   // neuron shown in the inspector
  std::string file_path_ = "hebblab-patterns.txt";

  UpdateMode mode_ = UpdateMode::Synchronous;
  int flip_count_ = 2;
  int seed_ = 1;
  float steps_per_second_ = 4.0f;
  bool running_ = false;
  double run_clock_ = 0;
  std::vector<State> history_;  // history_[0]: state when recall started
  std::vector<double> energies_;
  GridCursor cursor_;  // painting from the keyboard
  std::optional<Outcome> outcome_;

  // Heatmaps are re-uploaded only when what they show changes.
  Heatmap weights_map_, energy_map_;
  bool weights_dirty_ = true, energy_dirty_ = true;
  // What the panel shows of the current state, recomputed only when the state or the weights change.
  std::vector<double> neuron_energies_, overlaps_;
  bool derived_dirty_ = true;

  // Capacity experiment.
  CapacityConfig capacity_;
  bool capacity_user_patterns_ = false;
  int capacity_job_ = 0;  // 0: none running
  double capacity_progress_ = 0;
  int capacity_events_ = 0;  // progress messages received for the current run
  // A curve with the N and largest P it was measured for, one per kind of pattern ([0] random, [1] the user's
  // stored ones): each is drawn only on its own axis, never stretched onto the other's.
  struct CapacityCurve {
    int n = 0, p_max = 0;  // 0: nothing measured
    std::vector<CapacityPoint> points;
  };
  CapacityCurve capacity_curves_[2];
  bool capacity_job_user_ = false;  // the running job fills capacity_curves_[1]
  std::string capacity_status_;
};

}  // namespace hebblab
