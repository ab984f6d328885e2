// The CNN lab: the lecture's Keras model on MNIST. Paint a digit (preprocessed as MNIST's digits were) and see the
// prediction and every layer's feature maps; build a Sequential model; train it in the background (a Web Worker, a
// thread) with live curves while the maps follow the weights; test it and open the confusion matrix's images.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/asset_request.h"
#include "app/host.h"
#include "app/lessons.h"
#include "app/test_hook.h"
#include "app/widgets.h"
#include "core/json_writer.h"
#include "core/nn/idx.h"
#include "core/nn/model_spec.h"
#include "core/nn/preprocess.h"
#include "core/nn/train_job.h"
#include "core/settings.h"

namespace hebblab {

class CnnLab {
 public:
  void draw(Host& host, WidgetRegistry& widgets, std::string& status);
  void on_job_event(JobEvent& event, std::string& status);
  int job_id() const { return job_; }
  // Assets it asked for (purpose "cnn"): the pretrained model, MNIST's test set, the training labels or images.
  void on_asset(AssetLoader::Loaded& loaded, std::string& status);
  // Files the user opened for it: purpose "model" (a model file) or "dataset" (IDX files).
  void open_file(FileExchange::Opened& file, std::string& status);
  // A model slot's result (listed, saved, loaded, removed).
  void on_slot(ModelSlots::Result& result, std::string& status);
  // A lesson step's "Show me": the part of the lab it is about, with the lecture's settings.
  void show(LessonAction action, Host& host);
  void save(Settings& s) const;
  bool load(const Settings& s, std::string* error);
  void write_json(JsonWriter& j) const;

 private:
  enum class Part { Inside, Model, Train, Evaluate };
  enum class Source { Paint, Test, Train };  // painted, a test image, a training image
  enum class JobKind { None, Train, Evaluate };
  // One layer's outputs for the current input, all its maps tiled into one texture.
  struct LayerView {
    std::string title;
    Heatmap map;
    int maps = 0, map_w = 0, map_h = 0, columns = 1;  // 0 maps: nothing drawn (Flatten, Dropout)
  };
  // One training run's curves, x in epochs.
  struct Run {
    std::vector<ImVec2> batch_loss, batch_accuracy;   // smoothed per batch
    std::vector<ImVec2> epoch_loss, epoch_accuracy;   // per epoch, training
    std::vector<ImVec2> val_loss, val_accuracy;       // per epoch, validation
  };

  void request_assets(Host& host);
  // The model changed (pretrained, loaded, a snapshot): recompute the views.
  void set_model(Sequential model, const std::string& name);
  void rebuild_preview();
  bool data_fits_painting() const;
  Shape data_shape() const;
  int data_classes() const;
  void start_job(Host& host, JobKind kind, bool from_current, std::string& status);
  // threads_ (or its default) within what the host's job runner offers.
  int training_threads(const Host& host) const;
  void update_inside(Host& host);
  std::string optimizer_code() const;

  void draw_inside(Host& host, WidgetRegistry& widgets, std::string& status);
  void draw_input(Host& host, WidgetRegistry& widgets, std::string& status);
  void draw_maps(WidgetRegistry& widgets);
  void draw_model(Host& host, WidgetRegistry& widgets, std::string& status);
  void draw_train(Host& host, WidgetRegistry& widgets, std::string& status);
  void draw_progress(WidgetRegistry& widgets);
  void draw_curves();
  void draw_evaluate(Host& host, WidgetRegistry& widgets, std::string& status);

  Part part_ = Part::Inside;
  bool part_pending_ = true;

  // The model on show: the pretrained one, one trained here, or one opened from a file.
  std::unique_ptr<Sequential> model_;
  std::string model_name_;
  AssetRequest pretrained_asset_{"models/lecture.hebbmodel"};

  // The builder: the spec, its model built for the data (for the summary), and why it cannot be built.
  ModelSpec spec_ = preset_spec(ModelPreset::Lecture);
  std::unique_ptr<Sequential> preview_;  // built, not trained: its summary
  std::string keras_;
  SpecError spec_error_;
  bool spec_ok_ = false;

  // Data: MNIST, or the student's own IDX files (kept as bytes for the job; their headers read for the shapes).
  bool own_data_ = false;
  JobFiles own_files_;
  Shape own_shape_;
  int own_classes_ = 0, own_count_ = 0;
  int limit_ = 60000;
  IdxArray test_images_, test_labels_, train_labels_, train_images_;
  AssetRequest test_images_asset_{"mnist/t10k-images-idx3-ubyte"}, test_labels_asset_{"mnist/t10k-labels-idx1-ubyte"};
  AssetRequest train_labels_asset_{"mnist/train-labels-idx1-ubyte"}, train_images_asset_{"mnist/train-images-idx3-ubyte"};
  int train_index_ = 0, train_image_shown_ = -1;
  bool open_lecture_steps_ = false;  // a lesson opens the lecture's steps once
  Heatmap train_image_map_{ColorMap::Gray};

  // Training settings (Keras's fit and compile arguments).
  int batch_size_ = 32, epochs_ = 1, seed_ = 1;
  int threads_ = 0;            // training threads as chosen; 0: the default, every core but one (for the page)
  int run_threads_ = 1;        // what the current (or last) run trains on
  JobRunner::Threads offered_;  // what the job runner offered when the training panel was last drawn
  bool reproducible_ = false;  // Numerics::Reproducible
  int optimizer_ = 0;  // 0 Adam, 1 SGD with momentum
  double learning_rate_ = 0.001;  // a double, as Keras's and the command line's: the same run gives the same weights
  float momentum_ = 0.9f, validation_split_ = 0.1f;

  // The job under way and what it reported.
  int job_ = 0;
  JobKind job_kind_ = JobKind::None;
  bool paused_ = false;
  TrainReport report_;
  std::string job_status_;
  double epoch_started_ = 0;  // ImGui time
  int64_t speed_batches_ = 0;  // the run's first reported batch count, and when it came: training speed since then
  double speed_started_ = 0;
  int events_ = 0, snapshots_ = 0;
  std::vector<Run> runs_;  // the last one is the current run
  double smoothed_loss_ = 0, smoothed_accuracy_ = 0;
  std::vector<uint8_t> predicted_;  // each test image's class, from the last test
  double test_loss_ = kNoValue, test_accuracy_ = kNoValue;
  int cell_true_ = -1, cell_predicted_ = -1;
  // Derived from predicted_, the test set and the chosen cell when one of them changes, not every frame.
  std::vector<int> confusion_;         // (classes, classes) counts, true class by row
  std::vector<int> cell_images_;       // test indices in the chosen cell (at most kMaxCellImages)
  Heatmap cell_map_{ColorMap::Gray};   // their thumbnails in one texture
  bool confusion_dirty_ = true;

  // Look inside: the canvas (painted at 4x MNIST's size), the input the model sees, its deformation, and the views.
  Source source_ = Source::Paint;
  GrayImage canvas_{112, 112, std::vector<float>(112 * 112, 0.0f)};
  BrushPainter brush_;
  float brush_radius_ = 4.5f;
  int test_index_ = 0;
  Deformation deformation_;
  GrayImage input_;                 // (28, 28) after preprocessing and deformation
  MnistPreprocessInfo preprocess_;
  std::vector<float> probabilities_;
  Heatmap canvas_map_{ColorMap::Gray}, input_map_{ColorMap::Gray}, filters_map_;
  std::vector<std::unique_ptr<LayerView>> layers_;
  std::vector<std::unique_ptr<Heatmap>> lecture_maps_;
  int enlarged_layer_ = -1, enlarged_map_index_ = 0;
  Heatmap enlarged_map_{ColorMap::Gray};
  bool inside_dirty_ = true, filters_dirty_ = true;
  double inside_ms_ = 0;  // preprocessing + every layer + uploads, for the figures in the test hook
  std::string model_path_;  // desktop: the path typed for Save / Open model
  std::string slot_name_ = "my model";
  std::vector<std::string> slot_names_;
  bool slots_listed_ = false;
};

}  // namespace hebblab
