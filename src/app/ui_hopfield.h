// The Hopfield lab: paint a pattern, store it with Hebb's rule, deform it, and watch recall pull it back as the
// energy falls; plus the capacity experiment, run as a background job.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/host.h"
#include "app/test_hook.h"
#include "core/capacity.h"
#include "core/hopfield.h"
#include "core/json_writer.h"
#include "core/pattern_file.h"
#include "core/settings.h"

namespace hebblab {

class HopfieldLab {
 public:
  void draw(Host& host, WidgetRegistry& widgets);
  void on_job_event(const JobEvent& event);
  void save(Settings& s) const;
  // Returns false (and fills *error) when a saved value could not be used; everything usable is restored.
  bool load(const Settings& s, std::string* error);
  void write_json(JsonWriter& j) const;

 private:
  void set_grid_size(int size);
  void store_current();
  void restart_history();
  void step_once();
  void draw_grid(WidgetRegistry& widgets);
  void draw_patterns(WidgetRegistry& widgets);
  void draw_recall(WidgetRegistry& widgets);
  void draw_capacity(Host& host, WidgetRegistry& widgets);
  void draw_capacity_plot();

  int size_ = 5;  // square grid: size x size neurons
  State canvas_ = State(25, -1);
  std::vector<Pattern> patterns_;
  HebbianWeights weights_ = hebbian_weights({}, 25);
  int paint_value_ = 0;  // value being painted while a mouse button is held

  UpdateMode mode_ = UpdateMode::Synchronous;
  int flip_count_ = 2;
  int seed_ = 1;
  float steps_per_second_ = 4.0f;
  bool running_ = false;
  double run_clock_ = 0;
  std::vector<State> history_;  // history_[0]: state when recall started
  std::vector<double> energies_;
  std::optional<Outcome> outcome_;

  // Capacity experiment.
  CapacityConfig capacity_;
  int capacity_job_ = 0;  // 0: none running
  double capacity_progress_ = 0;
  int capacity_events_ = 0;  // progress messages received for the current run
  std::vector<CapacityPoint> capacity_points_;
  std::string capacity_status_;
};

}  // namespace hebblab
