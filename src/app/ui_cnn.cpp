// The CNN lab's panels. [SECTION]s: helpers, the model on show, assets and files, jobs, look inside (input, maps),
// model builder, data and training, test and confusion matrix, settings and the test hook.
#include "app/ui_cnn.h"

#include <algorithm>
#include <cstdarg>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/strings.h"
#include "app/theme.h"
#include "core/config_text.h"
#include "core/convolution.h"
#include "core/limits.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"

namespace hebblab {
namespace {

// [SECTION] helpers --------------------------------------------------------------------------------------------------

constexpr const char* kPurpose = "cnn";  // the assets this lab asks for come back with it
constexpr int kSide = 28;           // MNIST's images, and what painting feeds the model
constexpr int kMaxCellImages = 60;  // thumbnails of one confusion-matrix cell
const char* const kParts[] = {"inside", "model", "train", "evaluate"};
const char* const kLectureKernels[] = {"sobel_horizontal", "sobel_vertical", "laplacian", "sharpen"};

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  char buf[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

// Tiles `maps` maps of (h, w) into one image, `columns` across with a gap of one cell between them; value(m, y, x).
template <class F>
std::vector<float> tile(int maps, int h, int w, int columns, F value, int* out_w, int* out_h) {
  const int rows = (maps + columns - 1) / columns;
  *out_w = columns * (w + 1) - 1;
  *out_h = rows * (h + 1) - 1;
  std::vector<float> out(size_t(*out_w) * size_t(*out_h), 0.0f);
  for (int m = 0; m < maps; ++m) {
    const int x0 = (m % columns) * (w + 1), y0 = (m / columns) * (h + 1);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) out[size_t(y0 + y) * size_t(*out_w) + size_t(x0 + x)] = value(m, y, x);
  }
  return out;
}

float max_abs(const std::vector<float>& v) {
  float m = 0;
  for (float x : v) m = std::max(m, std::fabs(x));
  return m > 0 ? m : 1.0f;
}

// Outlines of the tiles of an atlas drawn by `map`, so maps that are all dark still show where they are.
void outline_tiles(const Heatmap& map, int maps, int h, int w, int columns) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float c = map.cell_size();
  const ImVec2 o = map.image_min();
  for (int m = 0; m < maps; ++m) {
    const float x0 = o.x + float((m % columns) * (w + 1)) * c, y0 = o.y + float((m / columns) * (h + 1)) * c;
    dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + w * c, y0 + h * c), IM_COL32(90, 90, 90, 255));
  }
}

// The tile under a hovered cell of an atlas, or -1 (a gap, or past the last map).
int tile_at(int cell, int atlas_w, int maps, int h, int w, int columns) {
  if (cell < 0) return -1;
  const int x = cell % atlas_w, y = cell / atlas_w;
  if (x % (w + 1) == w || y % (h + 1) == h) return -1;
  const int m = (y / (h + 1)) * columns + x / (w + 1);
  return m < maps ? m : -1;
}

// A grey image from MNIST-style bytes: image i of an (N, H, W) IDX array, 0..1.
GrayImage idx_image(const IdxArray& images, int i) {
  const int h = images.dims[1], w = images.dims[2];
  GrayImage g{w, h, std::vector<float>(size_t(w) * size_t(h))};
  const uint8_t* p = images.data.data() + size_t(i) * size_t(w) * size_t(h);
  for (size_t k = 0; k < g.pixels.size(); ++k) g.pixels[k] = p[k] / 255.0f;
  return g;
}

bool idx_images_ready(const IdxArray& a) { return a.dims.size() == 3 && a.dims[0] > 0; }

// Which of MNIST's four files a user's file is, by its name ("train-images-idx3-ubyte.gz" -> the key without .gz).
std::string idx_key(const std::string& name) {
  const size_t slash = name.find_last_of("/\\");
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  const bool train = base.find("train") != std::string::npos;
  const bool test = base.find("t10k") != std::string::npos || base.find("test") != std::string::npos;
  const bool images = base.find("images") != std::string::npos || base.find("idx3") != std::string::npos;
  const bool labels = base.find("labels") != std::string::npos || base.find("idx1") != std::string::npos;
  if (train == test || images == labels) return "";
  const MnistSplit split = train ? MnistSplit::Train : MnistSplit::Test;
  return images ? mnist_images_file(split) : mnist_labels_file(split);
}

// A text field bound to a std::string (ImGui 1.86 without imgui_stdlib).
void path_field(const char* label, std::string* value) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s", value->c_str());
  if (ImGui::InputText(label, buf, sizeof buf)) *value = buf;
}

}  // namespace

// [SECTION] the model on show ----------------------------------------------------------------------------------------

void CnnLab::set_model(Sequential model, const std::string& name) {
  // A snapshot of the same architecture keeps the layer views (and the enlarged map); another model starts afresh.
  if (!model_ || model_->input_shape() != model.input_shape() || !(spec_of(*model_) == spec_of(model))) {
    layers_.clear();
    enlarged_layer_ = -1;
  }
  model_ = std::make_unique<Sequential>(std::move(model));
  model_name_ = name;
  inside_dirty_ = filters_dirty_ = true;
}

Shape CnnLab::data_shape() const { return own_data_ ? own_shape_ : Shape{kSide, kSide, 1}; }
int CnnLab::data_classes() const { return own_data_ ? own_classes_ : 10; }

bool CnnLab::data_fits_painting() const {
  return model_ && model_->input_shape() == Shape{kSide, kSide, 1};
}

// The builder's model for the data: its summary and Keras code, or the reason it cannot be built.
void CnnLab::rebuild_preview() {
  Sequential preview;
  spec_error_ = {};
  spec_ok_ = build_model(spec_, data_shape(), data_classes(), uint64_t(seed_), &preview, &spec_error_);
  preview_ = spec_ok_ ? std::make_unique<Sequential>(std::move(preview)) : nullptr;
  keras_ = keras_code(spec_, data_shape(), data_classes(), optimizer_code());
}

std::string CnnLab::optimizer_code() const {
  return optimizer_ == 0 ? "keras.optimizers.Adam(learning_rate=" + format_double(learning_rate_) + ")"
                         : "keras.optimizers.SGD(learning_rate=" + format_double(learning_rate_) +
                               ", momentum=" + format_double(momentum_) + ")";
}

// [SECTION] assets and files -----------------------------------------------------------------------------------------

void CnnLab::request_assets(Host& host) {
  if (!model_) pretrained_asset_.want(host, kPurpose);
  test_images_asset_.want(host, kPurpose);
  test_labels_asset_.want(host, kPurpose);
}

void CnnLab::on_asset(AssetLoader::Loaded& loaded, std::string& status) {
  std::string error = loaded.error;  // the loader's, or why the bytes are no model or IDX file
  if (error.empty() && loaded.name == pretrained_asset_.name()) {
    Sequential model;
    if (load_model(loaded.bytes.data(), loaded.bytes.size(), &model, &error) && !model_)
      set_model(std::move(model), tr(Str::CnnModelPretrained));
  } else if (error.empty()) {
    IdxArray* target = loaded.name == test_images_asset_.name()    ? &test_images_
                       : loaded.name == test_labels_asset_.name()  ? &test_labels_
                       : loaded.name == train_labels_asset_.name() ? &train_labels_
                       : loaded.name == train_images_asset_.name() ? &train_images_
                                                                   : nullptr;
    if (target) parse_idx(loaded.bytes.data(), loaded.bytes.size(), target, &error);
    inside_dirty_ = confusion_dirty_ = true;
  }
  for (AssetRequest* asset :
       {&pretrained_asset_, &test_images_asset_, &test_labels_asset_, &train_labels_asset_, &train_images_asset_})
    if (loaded.name == asset->name()) asset->answered(error);
  if (!error.empty()) status = format(tr(Str::AssetFailed), loaded.name.c_str(), error.c_str());
}

void CnnLab::open_file(FileExchange::Opened& file, std::string& status) {
  if (!file.error.empty()) {
    status = file.error;
    return;
  }
  std::string error;
  if (file.purpose == "model") {
    Sequential model;
    if (!load_model(file.bytes.data(), file.bytes.size(), &model, &error)) {
      status = format(tr(Str::CnnModelBad), file.name.c_str(), error.c_str());
      return;
    }
    set_model(std::move(model), file.name);
    status = format(tr(Str::CnnModelOpened), file.name.c_str());
    return;
  }
  // A dataset file: kept by which of the four it is; the shapes are read from the headers once the training pair is in.
  const std::string key = idx_key(file.name);
  IdxArray header;
  if (key.empty()) {
    status = file.name + ": not one of train-images, train-labels, t10k-images, t10k-labels";
    return;
  }
  if (!parse_idx(file.bytes.data(), file.bytes.size(), &header, &error)) {
    status = file.name + ": " + error;
    return;
  }
  JobFiles files = own_files_;
  files[key] = std::move(file.bytes);
  const auto has = [&](MnistSplit s) { return files.count(mnist_images_file(s)) && files.count(mnist_labels_file(s)); };
  if (!has(MnistSplit::Train)) {
    own_files_ = std::move(files);
    status = tr(Str::CnnDataOwnMissing);
    return;
  }
  // Both training files: the dataset decides the model's input and classes, or nothing changes.
  Dataset train, test;
  if (!mnist_dataset(MnistSplit::Train, files[mnist_images_file(MnistSplit::Train)],
                     files[mnist_labels_file(MnistSplit::Train)], &train, &error)) {
    status = error;
    return;
  }
  if (has(MnistSplit::Test) &&
      (!mnist_dataset(MnistSplit::Test, files[mnist_images_file(MnistSplit::Test)],
                      files[mnist_labels_file(MnistSplit::Test)], &test, &error, train.num_classes) ||
       test.sample_shape != train.sample_shape)) {
    status = error.empty() ? "the test images are not the size of the training images" : error;
    return;
  }
  const int classes = train.num_classes;
  own_files_ = std::move(files);
  own_data_ = true;
  own_shape_ = train.sample_shape;
  own_classes_ = classes;
  own_count_ = train.size();
  limit_ = std::min(limit_, own_count_);
  rebuild_preview();
  status = format(tr(Str::CnnDataOwnState), file.name.c_str(), own_count_, own_shape_[0], own_shape_[1], classes);
}

void CnnLab::on_slot(ModelSlots::Result& result, std::string& status) {
  using Kind = ModelSlots::Result::Kind;
  if (!result.error.empty()) {
    // A save that failed (a full storage quota) changed nothing: the slot still holds its previous copy.
    status = result.kind == Kind::Saved ? format(tr(Str::CnnSlotSaveFailed), result.name.c_str(), result.error.c_str())
                                        : result.error;
    return;
  }
  switch (result.kind) {
    case Kind::List: slot_names_ = std::move(result.names); break;
    case Kind::Saved:
      status = format(tr(Str::CnnSlotSaved), result.name.c_str());
      slots_listed_ = false;
      break;
    case Kind::Removed: slots_listed_ = false; break;
    case Kind::Loaded: {
      Sequential model;
      std::string error;
      if (!load_model(result.bytes.data(), result.bytes.size(), &model, &error)) {
        status = format(tr(Str::CnnModelBad), result.name.c_str(), error.c_str());
        return;
      }
      set_model(std::move(model), result.name);
      status = format(tr(Str::CnnModelOpened), result.name.c_str());
      break;
    }
  }
}

// [SECTION] jobs -----------------------------------------------------------------------------------------------------

int CnnLab::training_threads(const Host& host) const {
  const JobRunner::Threads available = host.jobs ? host.jobs->threads() : JobRunner::Threads{};
  const int chosen = threads_ ? threads_ : available.cores - 1;
  return std::clamp(chosen, 1, std::max(1, available.max));
}

void CnnLab::start_job(Host& host, JobKind kind, bool from_current, std::string& status) {
  if (!host.jobs) return;
  JobRequest request;
  request.kind = "train";
  Sequential model;
  if (kind == JobKind::Train && !from_current) {
    SpecError e;
    if (!build_model(spec_, data_shape(), data_classes(), uint64_t(seed_), &model, &e)) {
      status = format(tr(Str::CnnSpecProblem), e.message.c_str());
      return;
    }
  } else {
    if (!model_) return;
    std::string error;
    const Bytes bytes = save_model(*model_);
    load_model(bytes.data(), bytes.size(), &model, &error);
  }
  // Training compiles with the panel's optimiser (a continued model restarts its optimiser's state); a test needs
  // only some compiled loss.
  if (kind == JobKind::Train) {
    if (optimizer_ == 0) model.compile(Loss::CategoricalCrossentropy, Adam(AdamConfig{learning_rate_}));
    else model.compile(Loss::CategoricalCrossentropy, SGD(SGDConfig{learning_rate_, momentum_}));
  } else if (!model.compiled()) {
    model.compile(Loss::CategoricalCrossentropy, Adam());
  }
  request.files["model"] = save_model(model);
  TrainJobConfig c;
  c.epochs = kind == JobKind::Train ? epochs_ : 0;
  c.batch_size = batch_size_;
  c.limit = limit_;
  c.seed = uint64_t(seed_);
  c.validation_split = kind == JobKind::Train ? validation_split_ : 0;
  c.threads = request.threads = run_threads_ = kind == JobKind::Train ? training_threads(host) : 1;
  c.reproducible = reproducible_;
  request.config = format_train_job_config(c);
  // The data: the student's files, or MNIST's assets, which the runner fetches itself. A test needs no training set.
  for (MnistSplit split : {MnistSplit::Train, MnistSplit::Test}) {
    if (split == MnistSplit::Train && kind == JobKind::Evaluate) continue;
    for (const char* file : {mnist_images_file(split), mnist_labels_file(split)}) {
      if (!own_data_) request.assets[file] = std::string("mnist/") + file;
      else if (own_files_.count(file)) request.files[file] = own_files_.at(file);
    }
  }
  job_ = host.jobs->start("cnn", std::move(request));
  job_kind_ = kind;
  paused_ = false;
  report_ = {};
  events_ = 0;
  job_status_ = tr(kind == JobKind::Train ? Str::CnnStarting : Str::CnnEvaluating);
  epoch_started_ = ImGui::GetTime();
  speed_batches_ = 0;
  if (kind == JobKind::Train) {
    runs_.emplace_back();
    smoothed_loss_ = smoothed_accuracy_ = 0;
  }
}

void CnnLab::on_job_event(JobEvent& event, std::string& status) {
  if (event.id != job_) return;
  ++events_;
  TrainReport r;
  if (parse_train_report(event.text, &r)) {
    if (r.epoch != report_.epoch || r.seen < report_.seen) epoch_started_ = ImGui::GetTime();
    // Curves: each new batch, smoothed; each finished epoch.
    if (job_kind_ == JobKind::Train && !runs_.empty() && r.batches > report_.batches && !std::isnan(r.batch_loss)) {
      Run& run = runs_.back();
      // epoch counts finished epochs, so an epoch's last batch (seen == samples) ends at x = epoch, not epoch + 1.
      const bool ended = r.samples > 0 && r.seen >= r.samples && r.epoch > 0;
      const float x =
          ended ? float(r.epoch) : float(r.epoch) + (r.samples > 0 ? float(r.seen) / float(r.samples) : 0.0f);
      const double a = run.batch_loss.empty() ? 1.0 : 0.1;
      smoothed_loss_ += a * (r.batch_loss - smoothed_loss_);
      smoothed_accuracy_ += a * (r.batch_accuracy - smoothed_accuracy_);
      run.batch_loss.emplace_back(x, float(smoothed_loss_));
      run.batch_accuracy.emplace_back(x, float(smoothed_accuracy_));
    }
    if (job_kind_ == JobKind::Train && !runs_.empty()) {
      Run& run = runs_.back();
      for (size_t e = run.epoch_loss.size(); e < r.history.size(); ++e) {
        const EpochLog& h = r.history[e];
        run.epoch_loss.emplace_back(float(e + 1), float(h.loss));
        run.epoch_accuracy.emplace_back(float(e + 1), float(h.accuracy));
        if (!std::isnan(h.val_loss)) {
          run.val_loss.emplace_back(float(e + 1), float(h.val_loss));
          run.val_accuracy.emplace_back(float(e + 1), float(h.val_accuracy));
        }
      }
    }
    report_ = std::move(r);
    if (report_.batches > 0 && speed_batches_ == 0) {  // the speed counts from the first batch, not the data's fetch
      speed_batches_ = report_.batches;
      speed_started_ = ImGui::GetTime();
    }
    if (!report_.predicted.empty()) {
      predicted_ = report_.predicted;
      confusion_dirty_ = true;
    }
    if (!std::isnan(report_.test_loss)) {
      test_loss_ = report_.test_loss;
      test_accuracy_ = report_.test_accuracy;
    }
  }
  if (!event.payload.empty()) {
    Sequential model;
    std::string error;
    if (load_model(event.payload.data(), event.payload.size(), &model, &error)) {
      ++snapshots_;
      set_model(std::move(model), tr(Str::CnnModelTrainedHere));
    } else {
      status = error;
    }
  }
  switch (event.type) {
    case JobEvent::Type::Progress: job_status_.clear(); break;
    case JobEvent::Type::Done:
      job_ = 0;
      if (report_.phase == "failed") {
        job_status_ = format(tr(Str::CnnDiverged), report_.error.c_str());
        status = job_status_;
      } else {
        job_status_ = std::isnan(report_.test_loss) ? "" : format(tr(Str::CnnDone), report_.test_loss,
                                                                  report_.test_accuracy * 100);
      }
      break;
    case JobEvent::Type::Cancelled:
      job_ = 0;
      job_status_ = tr(Str::CnnStopped);
      break;
    case JobEvent::Type::Error:
      job_ = 0;
      job_status_ = format(tr(Str::CnnFailed), event.text.c_str());
      status = job_status_;
      break;
  }
}

void CnnLab::show(LessonAction action, Host& host) {
  switch (action) {
    case LessonAction::MnistData:
      part_ = Part::Train;
      if (own_data_) {  // as choosing MNIST in the Data section does
        own_data_ = false;
        limit_ = 60000;
        rebuild_preview();
      }
      open_lecture_steps_ = true;
      train_images_asset_.choose(host, kPurpose);
      break;
    case LessonAction::LectureModel:
      part_ = Part::Model;
      spec_ = preset_spec(ModelPreset::Lecture);
      rebuild_preview();
      break;
    case LessonAction::CompileFit:
      part_ = Part::Train;
      batch_size_ = 32;
      optimizer_ = 0;  // Adam, with Keras's default learning rate
      learning_rate_ = 0.001;
      break;
    case LessonAction::PredictTestDigit:
      part_ = Part::Inside;
      source_ = Source::Test;
      test_index_ = 0;
      deformation_ = Deformation{};
      inside_dirty_ = true;
      break;
    default: break;
  }
  part_pending_ = true;
}

// [SECTION] look inside ----------------------------------------------------------------------------------------------

void CnnLab::update_inside(Host& host) {
  const auto started = std::chrono::steady_clock::now();
  inside_dirty_ = false;
  if (source_ == Source::Test && idx_images_ready(test_images_)) {
    test_index_ = std::clamp(test_index_, 0, test_images_.dims[0] - 1);
    input_ = idx_image(test_images_, test_index_);
    preprocess_ = {};
  } else if (source_ == Source::Train && idx_images_ready(train_images_)) {
    train_index_ = std::clamp(train_index_, 0, train_images_.dims[0] - 1);
    input_ = idx_image(train_images_, train_index_);
    preprocess_ = {};
  } else {
    input_ = mnist_preprocess(canvas_, &preprocess_);
  }
  if (!deformation_.identity()) input_ = deform(input_, deformation_);
  // As MNIST's bytes are: whole 1/255 steps, so an exported PGM gives the model exactly this input.
  for (float& v : input_.pixels) v = std::round(std::clamp(v, 0.0f, 1.0f) * 255.0f) / 255.0f;
  canvas_map_.set(host.textures, canvas_.pixels, canvas_.width, canvas_.height, 1.0);
  input_map_.set(host.textures, input_.pixels, input_.width, input_.height, 1.0);

  probabilities_.clear();
  if (!model_ || model_->input_shape() != Shape{input_.height, input_.width, 1}) {
    layers_.clear();  // nothing to show for a model that does not take this input
  } else {
    Tensor<float> x({input_.height, input_.width, 1});
    x.data = input_.pixels;
    const std::vector<Tensor<float>>& outputs = model_->activations(x);
    if (enlarged_layer_ >= int(outputs.size())) enlarged_layer_ = -1;
    if (layers_.size() != outputs.size()) {
      layers_.clear();
      for (size_t i = 0; i < outputs.size(); ++i) layers_.push_back(std::make_unique<LayerView>());
    }
    for (size_t i = 0; i < outputs.size(); ++i) {
      const Tensor<float>& y = outputs[i];
      LayerView& v = *layers_[i];
      const LayerConfig& c = model_->layer(int(i)).config();
      v.title = model_->layer_name(int(i)) + " (" + layer_type_name(c.type) + ") " +
                shape_text(Shape(y.shape.begin() + 1, y.shape.end()), true);
      v.maps = 0;
      if (c.type == LayerType::Flatten || c.type == LayerType::Dropout) continue;
      if (c.activation == Activation::Softmax) {
        probabilities_ = y.data;
        continue;
      }
      int w = 0, h = 0;
      std::vector<float> atlas;
      if (y.shape.size() == 4) {  // (1, H, W, C): each channel a map
        v.map_h = y.dim(1);
        v.map_w = y.dim(2);
        v.maps = y.dim(3);
        v.columns = std::max(1, int(std::ceil(std::sqrt(double(v.maps)))));
        const int mh = v.map_h, mw = v.map_w, channels = v.maps;
        atlas = tile(v.maps, mh, mw, v.columns,
                     [&](int m, int yy, int xx) { return y.data[(size_t(yy) * mw + xx) * channels + m]; }, &w, &h);
      } else {  // (1, U): the units as a strip of 1 x 1 maps, 16 to a row
        v.maps = y.dim(1);
        v.map_h = v.map_w = 1;
        v.columns = std::min(16, v.maps);
        atlas.assign(y.data.begin(), y.data.end());
        w = v.columns;
        h = (v.maps + v.columns - 1) / v.columns;
        atlas.resize(size_t(w) * size_t(h), 0.0f);
        v.map_w = 0;  // a strip has no gaps
      }
      // Grey for outputs that are never negative (after ReLU, and pooled from it), the diverging map otherwise.
      const bool signed_values = std::any_of(atlas.begin(), atlas.end(), [](float a) { return a < 0; });
      v.map.set_color_map(signed_values ? ColorMap::Diverging : ColorMap::Gray);
      v.map.set(host.textures, atlas, w, h, max_abs(atlas));
      // The map chosen to enlarge, alone.
      if (int(i) == enlarged_layer_ && y.shape.size() == 4 && enlarged_map_index_ < v.maps) {
        const int mh = v.map_h, mw = v.map_w, channels = v.maps;
        std::vector<float> one(size_t(mh) * size_t(mw));
        for (int yy = 0; yy < mh; ++yy)
          for (int xx = 0; xx < mw; ++xx)
            one[size_t(yy) * mw + xx] = y.data[(size_t(yy) * mw + xx) * channels + enlarged_map_index_];
        enlarged_map_.set_color_map(v.map.color_map());
        enlarged_map_.set(host.textures, one, mw, mh, max_abs(one));
      }
    }
    // The first layer's learned kernels (KH, KW, 1, F), tiled: only when the weights changed, not every stroke.
    const Layer<float>& first = model_->layer(0);
    if (filters_dirty_ && first.config().type == LayerType::Conv2D && first.weights().size() == 2 &&
        first.weights()[0].dim(2) == 1) {
      filters_dirty_ = false;
      const Tensor<float>& k = first.weights()[0];
      const int kh = k.dim(0), kw = k.dim(1), f = k.dim(3);
      int w = 0, h = 0;
      const std::vector<float> atlas =
          tile(f, kh, kw, std::max(1, int(std::ceil(std::sqrt(double(f))))),
               [&](int m, int yy, int xx) { return k.data[(size_t(yy) * kw + xx) * f + m]; }, &w, &h);
      filters_map_.set(host.textures, atlas, w, h, max_abs(atlas));
    }
  }
  // The lecture's kernels on the same input.
  if (lecture_maps_.empty())
    for (size_t i = 0; i < std::size(kLectureKernels); ++i) lecture_maps_.push_back(std::make_unique<Heatmap>());
  for (size_t i = 0; i < std::size(kLectureKernels); ++i) {
    const GrayImage g = convolve(input_, *find_lecture_kernel(kLectureKernels[i]), ConvSettings{});
    lecture_maps_[i]->set(host.textures, g.pixels, g.width, g.height, max_abs(g.pixels));
  }
  inside_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void CnnLab::draw_input(Host& host, WidgetRegistry& widgets, std::string& status) {
  section_title(tr(Str::CnnInput));
  int source = int(source_);
  if (ImGui::RadioButton(label(Str::CnnSourcePaint), &source, int(Source::Paint))) inside_dirty_ = true;
  widgets.record_last_item("cnn.source_paint");
  flow(radio_width(label(Str::CnnSourceTest)));
  if (ImGui::RadioButton(label(Str::CnnSourceTest), &source, int(Source::Test))) {
    inside_dirty_ = true;
    for (AssetRequest* asset : {&test_images_asset_, &test_labels_asset_}) asset->choose(host, kPurpose);
  }
  widgets.record_last_item("cnn.source_test");
  if (idx_images_ready(train_images_)) {  // once the training images were opened in "Data and training"
    flow(radio_width(label(Str::CnnSourceTrain)));
    if (ImGui::RadioButton(label(Str::CnnSourceTrain), &source, int(Source::Train))) inside_dirty_ = true;
  }
  source_ = Source(source);
  const float font = ImGui::GetFontSize();

  if (source_ == Source::Paint) {
    teaching_text(tr(Str::CnnPaintHelp));
    if (ImGui::Button(label(Str::CnnClear))) {
      std::fill(canvas_.pixels.begin(), canvas_.pixels.end(), 0.0f);
      inside_dirty_ = true;
    }
    widgets.record_last_item("cnn.clear");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 6);
    ImGui::SliderFloat(label(Str::CnnBrush), &brush_radius_, 1.5f, 10.0f, "%.1f");
    canvas_map_.set_keyboard_cursor(true, canvas_.width / 28);  // an arrow moves one pixel of what the model sees
    const Heatmap::Pointer pointer = canvas_map_.draw("cnn_canvas", std::max(font * 13, image_side(0.45f)));
    widgets.record("cnn.canvas", canvas_map_.image_min(), canvas_map_.image_max());
    if (brush_.paint(pointer, &canvas_, brush_radius_)) inside_dirty_ = true;
  } else if (source_ == Source::Train) {
    ImGui::SetNextItemWidth(font * 8);
    int index = train_index_;
    if (ImGui::InputInt("X_train##index", &index)) {
      train_index_ = std::clamp(index, 0, train_images_.dims[0] - 1);
      inside_dirty_ = true;
    }
    if (train_index_ < int(train_labels_.data.size())) {
      ImGui::SameLine();
      ImGui::Text(tr(Str::CnnTestLabel), int(train_labels_.data[size_t(train_index_)]));
    }
  } else if (!idx_images_ready(test_images_) || test_labels_.dims.size() != 1) {
    if (!draw_asset_failures({&test_images_asset_, &test_labels_asset_}, host, kPurpose, widgets, "cnn.test_retry"))
      teaching_text(tr(Str::CnnTestNotLoaded));
  } else {
    ImGui::SetNextItemWidth(font * 8);
    int index = test_index_;
    if (ImGui::InputInt(label(Str::CnnTestIndex), &index)) {
      test_index_ = std::clamp(index, 0, test_images_.dims[0] - 1);
      inside_dirty_ = true;
    }
    widgets.record_last_item("cnn.test_index");
    ImGui::SameLine();
    ImGui::Text(tr(Str::CnnTestLabel), int(test_labels_.data[size_t(test_index_)]));
  }

  ImGui::TextUnformatted(tr(Str::CnnWhatModelSees));
  input_map_.draw("cnn_input", font * 7);
  widgets.record("cnn.input", input_map_.image_min(), input_map_.image_max());
  if (host.files && ImGui::SmallButton(label(Str::CnnExportPgm))) {
    std::string pgm = "P5\n" + std::to_string(input_.width) + " " + std::to_string(input_.height) + "\n255\n";
    Bytes bytes = to_bytes(pgm);
    for (float v : input_.pixels) bytes.push_back(uint8_t(std::lround(v * 255.0f)));
    std::string error;
    if (!host.files->save(model_path_.empty() ? "hebblab-input.pgm" : model_path_ + ".pgm", "hebblab-input.pgm",
                          bytes, &error))
      status = error;
  }
  widgets.record_last_item("cnn.export_pgm");

  if (ImGui::TreeNode(label(Str::CnnDeform))) {
    teaching_text(tr(Str::CnnDeformHelp));
    const float w = font * 9;
    bool changed = false;
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::SliderFloat(label(Str::CnnShiftX), &deformation_.shift_x, -8.0f, 8.0f, "%.1f px");
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::SliderFloat(label(Str::CnnShiftY), &deformation_.shift_y, -8.0f, 8.0f, "%.1f px");
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::SliderFloat(label(Str::CnnRotate), &deformation_.rotate_degrees, -90.0f, 90.0f, "%.0f deg");
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::SliderFloat(label(Str::CnnScale), &deformation_.scale, 0.4f, 1.6f, "%.2f");
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::SliderFloat(label(Str::CnnNoise), &deformation_.noise, 0.0f, 0.6f, "%.2f");
    if (ImGui::Button(label(Str::CnnDeformReset))) {
      deformation_ = Deformation{};
      changed = true;
    }
    if (changed) inside_dirty_ = true;
    ImGui::TreePop();
  }

  // The prediction and the softmax as bars.
  if (!probabilities_.empty()) {
    const int best = int(std::max_element(probabilities_.begin(), probabilities_.end()) - probabilities_.begin());
    ImGui::Text(tr(Str::CnnPrediction), best, probabilities_[size_t(best)] * 100.0);
    ImGui::TextDisabled("%s", tr(Str::CnnProbabilities));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float bar_w = font * 1.4f, bar_h = font * 5;
    for (size_t k = 0; k < probabilities_.size(); ++k) {
      const float x0 = o.x + float(k) * (bar_w + 3), p = std::clamp(probabilities_[k], 0.0f, 1.0f);
      dl->AddRectFilled(ImVec2(x0, o.y), ImVec2(x0 + bar_w, o.y + bar_h), IM_COL32(235, 235, 235, 255));
      dl->AddRectFilled(ImVec2(x0, o.y + bar_h * (1 - p)), ImVec2(x0 + bar_w, o.y + bar_h),
                        int(k) == best ? IM_COL32(213, 94, 0, 255) : IM_COL32(0, 114, 178, 255));
      char label[8];
      std::snprintf(label, sizeof label, "%d", int(k));
      dl->AddText(ImVec2(x0 + bar_w * 0.3f, o.y + bar_h + 2), ImGui::GetColorU32(ImGuiCol_Text), label);
    }
    ImGui::Dummy(ImVec2(float(probabilities_.size()) * (bar_w + 3), bar_h + font * 1.3f));
    widgets.record("cnn.probabilities", o, ImVec2(o.x + float(probabilities_.size()) * (bar_w + 3), o.y + bar_h));
  }
}

void CnnLab::draw_maps(WidgetRegistry& widgets) {
  section_title(tr(Str::CnnFeatureMaps));
  teaching_text(tr(Str::CnnFeatureHelp));
  const float font = ImGui::GetFontSize();
  for (size_t i = 0; i < layers_.size(); ++i) {
    LayerView& v = *layers_[i];
    if (v.maps == 0) {
      if (!(model_ && model_->layer(int(i)).config().activation == Activation::Softmax))
        ImGui::TextDisabled(tr(Str::CnnLayerSame), v.title.c_str());
      continue;
    }
    ImGui::TextUnformatted(v.title.c_str());
    const float side = v.map_w == 0 ? font * 14 : std::min(font * 15, float(v.columns) * font * 2.6f);
    const std::string id = "cnn_layer_" + std::to_string(i);
    const Heatmap::Pointer p = v.map.draw(id.c_str(), side);
    widgets.record("cnn.layer" + std::to_string(i), v.map.image_min(), v.map.image_max());
    if (v.map_w > 0) {
      outline_tiles(v.map, v.maps, v.map_h, v.map_w, v.columns);
      const int atlas_w = v.columns * (v.map_w + 1) - 1;
      const int m = tile_at(p.cell, atlas_w, v.maps, v.map_h, v.map_w, v.columns);
      if (m >= 0) ImGui::SetTooltip(tr(Str::CnnEnlarged), v.title.c_str(), m + 1, v.maps);
      if (m >= 0 && p.activated) {
        enlarged_layer_ = int(i);
        enlarged_map_index_ = m;
        inside_dirty_ = true;
      }
    } else if (p.cell >= 0 && p.cell < v.maps) {
      ImGui::SetTooltip("unit %d", p.cell);
    }
    if (enlarged_layer_ == int(i) && enlarged_map_index_ < v.maps && v.map_w > 0) {
      ImGui::Text(tr(Str::CnnEnlarged), v.title.c_str(), enlarged_map_index_ + 1, v.maps);
      enlarged_map_.draw("cnn_enlarged", font * 12);
      widgets.record("cnn.enlarged", enlarged_map_.image_min(), enlarged_map_.image_max());
    }
  }
  if (model_ && model_->layer(0).config().type == LayerType::Conv2D) {
    section_title(tr(Str::CnnFilters));
    teaching_text(tr(Str::CnnFiltersHelp));
    filters_map_.draw("cnn_filters", font * 10);
    widgets.record("cnn.filters", filters_map_.image_min(), filters_map_.image_max());
    for (size_t i = 0; i < lecture_maps_.size(); ++i) {
      ImGui::TextDisabled("%s", kLectureKernels[i]);
      ImGui::SameLine(font * 9);
      lecture_maps_[i]->draw(kLectureKernels[i], font * 5);
    }
  }
}

void CnnLab::draw_inside(Host& host, WidgetRegistry& widgets, std::string& status) {
  if (!model_) {
    if (!draw_asset_failures({&pretrained_asset_}, host, kPurpose, widgets, "cnn.model_retry"))
      teaching_text(tr(pretrained_asset_.loading() ? Str::CnnModelLoading : Str::CnnModelNone));
  } else {
    ImGui::Text(tr(Str::CnnModelCurrent), model_name_.c_str());
    if (!data_fits_painting()) {
      const std::string shape = shape_text(model_->input_shape(), true);
      ImGui::TextWrapped(tr(Str::CnnNeeds28), shape.c_str());
    }
  }
  static const float weights[] = {0.38f, 0.62f};
  Panels panels("cnn_inside", 2, widgets, weights);
  if (panels.next()) draw_input(host, widgets, status);
  if (panels.next()) draw_maps(widgets);
}

// [SECTION] model builder --------------------------------------------------------------------------------------------

void CnnLab::draw_model(Host& host, WidgetRegistry& widgets, std::string& status) {
  teaching_text(tr(Str::CnnBuilderHelp));
  const float font = ImGui::GetFontSize();
  bool changed = false;
  ImGui::TextUnformatted(tr(Str::CnnPreset));
  const Str preset_labels[] = {Str::CnnPresetLecture, Str::CnnPresetQuick, Str::CnnPresetDense};
  for (size_t i = 0; i < std::size(kModelPresets); ++i) {
    flow(button_width(label(preset_labels[i])));
    if (ImGui::Button(label(preset_labels[i]))) {
      spec_ = preset_spec(kModelPresets[i]);
      changed = true;
    }
    widgets.record_last_item(std::string("cnn.preset_") + preset_name(kModelPresets[i]));
  }

  int remove = -1, up = -1;
  const char* paddings[] = {"valid", "same"};
  const char* activations[] = {"linear", "relu", "sigmoid", "tanh", "softmax"};
  for (size_t i = 0; i < spec_.layers.size(); ++i) {
    LayerConfig& c = spec_.layers[i];
    ImGui::PushID(int(i));
    const bool at_fault = !spec_ok_ && spec_error_.layer == int(i);
    if (at_fault) ImGui::PushStyleColor(ImGuiCol_Text, theme_colour(ThemeColour::Error));
    ImGui::Text("%zu. %s", i + 1, layer_type_name(c.type));
    if (at_fault) ImGui::PopStyleColor();
    const float w = font * 3.5f;
    // − / + steppers: a phone raises no keyboard for ImGui's fields.
    auto int_field = [&](const char* label, int* v) {
      const float stepped = w + 2 * ImGui::GetFrameHeight();
      flow(field_width(stepped, label));
      ImGui::SetNextItemWidth(stepped);
      changed |= ImGui::InputInt(label, v, 1);
    };
    auto size_field = [&](const char* label, Size2* s) {
      flow(field_width(w * 1.6f, label));
      ImGui::SetNextItemWidth(w * 1.6f);
      int v[2] = {s->h, s->w};
      if (ImGui::InputInt2(label, v)) {
        *s = {v[0], v[1]};
        changed = true;
      }
    };
    auto combo = [&](const char* label, int* v, const char* const* items, int n) {
      flow(field_width(font * 5, label));
      ImGui::SetNextItemWidth(font * 5);
      changed |= ImGui::Combo(label, v, items, n);
    };
    switch (c.type) {
      case LayerType::Conv2D: {
        int_field(label(Str::CnnFilters1), &c.filters);
        size_field(label(Str::CnnKernel), &c.kernel_size);
        size_field(label(Str::CnnStrides), &c.strides);
        int pad = int(c.padding), act = int(c.activation);
        combo(label(Str::CnnPadding), &pad, paddings, 2);
        combo(label(Str::CnnActivation), &act, activations, 5);
        c.padding = Padding(pad);
        c.activation = Activation(act);
        break;
      }
      case LayerType::MaxPooling2D: {
        size_field(label(Str::CnnPool), &c.pool_size);
        size_field(label(Str::CnnStrides), &c.strides);
        break;
      }
      case LayerType::Dropout: {
        float rate = float(c.rate);
        flow(field_width(font * 6, label(Str::CnnRate)));
        ImGui::SetNextItemWidth(font * 6);
        if (ImGui::SliderFloat(label(Str::CnnRate), &rate, 0.0f, 0.9f, "%.2f")) {
          c.rate = rate;
          changed = true;
        }
        break;
      }
      case LayerType::Flatten: break;
      case LayerType::Dense: {
        const bool last = i + 1 == spec_.layers.size();
        if (last) {
          ImGui::SameLine();
          ImGui::TextDisabled("%s = %d, softmax", tr(Str::CnnUnits), data_classes());
          c.activation = Activation::Softmax;
        } else {
          int_field(label(Str::CnnUnits), &c.units);
          int act = int(c.activation);
          combo(label(Str::CnnActivation), &act, activations, 4);
          c.activation = Activation(act);
        }
        break;
      }
    }
    flow(button_width(label(Str::CnnUp)));
    if (ImGui::SmallButton(label(Str::CnnUp)) && i > 0) up = int(i);
    flow(button_width(label(Str::CnnDown)));
    if (ImGui::SmallButton(label(Str::CnnDown)) && i + 1 < spec_.layers.size()) up = int(i) + 1;
    flow(button_width(label(Str::CnnRemove)));
    if (ImGui::SmallButton(label(Str::CnnRemove))) remove = int(i);
    widgets.record_last_item("cnn.layer_remove" + std::to_string(i));
    if (at_fault) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme_colour(ThemeColour::Error));
      ImGui::TextWrapped("   %s", spec_error_.message.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  if (up > 0) {
    std::swap(spec_.layers[size_t(up)], spec_.layers[size_t(up - 1)]);
    changed = true;
  }
  if (remove >= 0) {
    spec_.layers.erase(spec_.layers.begin() + remove);
    changed = true;
  }
  ImGui::SetNextItemWidth(font * 9);
  if (ImGui::BeginCombo("##add", tr(Str::CnnAddLayer))) {
    for (LayerType t : {LayerType::Conv2D, LayerType::MaxPooling2D, LayerType::Dropout, LayerType::Flatten,
                        LayerType::Dense}) {
      if (!ImGui::Selectable(layer_type_name(t))) continue;
      LayerConfig c;
      c.type = t;
      c.filters = 16;
      c.kernel_size = {3, 3};
      c.strides = t == LayerType::MaxPooling2D ? Size2{0, 0} : Size2{1, 1};
      c.activation = Activation::Relu;
      c.rate = 0.25;
      c.units = 64;
      // Before the output layer, so the model still ends in its Dense softmax.
      const size_t at = spec_.layers.empty() ? 0 : spec_.layers.size() - 1;
      spec_.layers.insert(spec_.layers.begin() + long(at), canonical(c));
      changed = true;
    }
    ImGui::EndCombo();
  }
  widgets.record_last_item("cnn.add_layer");
  if (changed) rebuild_preview();

  if (!spec_ok_ && spec_error_.layer < 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colour(ThemeColour::Error));
    ImGui::TextWrapped(tr(Str::CnnSpecProblem), spec_error_.message.c_str());
    ImGui::PopStyleColor();
  }
  section_title(tr(Str::CnnSummary));
  if (preview_ && ImGui::BeginTable("summary", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuterH |
                                                      ImGuiTableFlags_SizingFixedFit)) {
    // Keras's model.summary() as a table: layer (type), output shape, parameters.
    ImGui::TableSetupColumn("Layer (type)");
    ImGui::TableSetupColumn("Output Shape");
    ImGui::TableSetupColumn("Param #");
    ImGui::TableHeadersRow();
    for (int i = 0; i < preview_->size(); ++i) {
      const Layer<float>& layer = preview_->layer(i);
      ImGui::TableNextColumn();
      ImGui::Text("%s (%s)", preview_->layer_name(i).c_str(), layer_type_name(layer.config().type));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shape_text(layer.output_shape(), true).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_thousands(layer.count_params()).c_str());
    }
    ImGui::EndTable();
    ImGui::Text("Total params: %s", format_thousands(preview_->count_params()).c_str());
  } else if (!spec_ok_ && spec_error_.layer >= 0) {
    ImGui::TextWrapped(tr(Str::CnnSpecLayerProblem), spec_error_.layer + 1, spec_error_.message.c_str());
  }
  if (ImGui::CollapsingHeader(label(Str::CnnKerasCode))) ImGui::TextUnformatted(keras_.c_str());

  // Saving and opening model files (the command line's format).
  section_title(tr(Str::CnnModelPath));
  if (host.files) {
    if (host.files->uses_paths()) {
      ImGui::SetNextItemWidth(font * 14);
      path_field("##model_path", &model_path_);
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!model_);
    if (ImGui::Button(label(host.files->uses_paths() ? Str::CnnSaveModelPath : Str::CnnSaveModel)) && model_) {
      std::string error;
      if (host.files->save(model_path_, "hebblab-model.hebbmodel", save_model(*model_), &error))
        status = format(tr(Str::CnnModelSaved), model_path_.empty() ? "hebblab-model.hebbmodel" : model_path_.c_str());
      else
        status = error;
    }
    ImGui::EndDisabled();
    widgets.record_last_item("cnn.save_model");
    flow(button_width(label(Str::CnnOpenModel)));
    if (ImGui::Button(label(Str::CnnOpenModel))) host.files->request_open(model_path_, "model");
    widgets.record_last_item("cnn.open_model");
  }
  // Named slots on this device (IndexedDB in the browser).
  if (!host.slots) return;
  section_title(tr(Str::CnnSlots));
  if (!slots_listed_) {
    host.slots->list();
    slots_listed_ = true;
  }
  ImGui::SetNextItemWidth(font * 10);
  path_field("##slot_name", &slot_name_);
  widgets.record_last_item("cnn.slot_name");
  ImGui::SameLine();
  const bool name_ok = valid_slot_name(slot_name_);
  ImGui::BeginDisabled(!model_ || !name_ok);
  if (ImGui::Button(label(Str::CnnSlotSave)) && model_) host.slots->save(slot_name_, save_model(*model_));
  ImGui::EndDisabled();
  widgets.record_last_item("cnn.slot_save");
  if (!name_ok) teaching_text(tr(Str::CnnSlotNameHelp));
  for (size_t i = 0; i < slot_names_.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::BulletText("%s", slot_names_[i].c_str());
    flow(button_width(label(Str::CnnSlotLoad)));
    if (ImGui::SmallButton(label(Str::CnnSlotLoad))) host.slots->load(slot_names_[i]);
    widgets.record_last_item("cnn.slot_load" + std::to_string(i));
    flow(button_width(label(Str::CnnSlotDelete)));
    if (ImGui::SmallButton(label(Str::CnnSlotDelete))) host.slots->remove(slot_names_[i]);
    ImGui::PopID();
  }
}

// [SECTION] data and training ----------------------------------------------------------------------------------------

void CnnLab::draw_train(Host& host, WidgetRegistry& widgets, std::string& status) {
  const float font = ImGui::GetFontSize();
  train_labels_asset_.want(host, kPurpose);
  section_title(tr(Str::CnnData));
  int own = own_data_ ? 1 : 0;
  if (ImGui::RadioButton(label(Str::CnnDataMnist), &own, 0) && own_data_) {
    own_data_ = false;
    limit_ = 60000;
    rebuild_preview();
  }
  widgets.record_last_item("cnn.data_mnist");
  flow(ImGui::CalcTextSize(tr(Str::CnnDataMnistSize)).x);
  ImGui::TextDisabled("%s", tr(Str::CnnDataMnistSize));
  flow(radio_width(label(Str::CnnDataOwn)));
  if (ImGui::RadioButton(label(Str::CnnDataOwn), &own, 1) && !own_data_ && own_count_ > 0) {
    own_data_ = true;
    limit_ = own_count_;
    rebuild_preview();
  }
  widgets.record_last_item("cnn.data_own");
  flow(button_width(label(Str::CnnDataOwnOpen)));
  if (host.files && ImGui::Button(label(Str::CnnDataOwnOpen))) host.files->request_open(model_path_, "dataset");
  widgets.record_last_item("cnn.data_open");
  help_marker(tr(Str::CnnDataOwnHelp));

  const int available = own_data_ ? own_count_ : 60000;
  ImGui::SetNextItemWidth(font * 12);
  ImGui::SliderInt(label(Str::CnnDataSubset), &limit_, std::min(1000, available), available, "%d",
                   ImGuiSliderFlags_Logarithmic);
  limit_ = std::clamp(limit_, 1, available);
  widgets.record_last_item("cnn.limit");

  if (open_lecture_steps_) ImGui::SetNextItemOpen(true);
  open_lecture_steps_ = false;
  if (!own_data_ && ImGui::TreeNode(label(Str::CnnLectureSteps))) {
    // The lecture's script, as it prints: the shapes, the first labels, the one-hot shape.
    ImGui::Text("X_train.shape = (60000, 28, 28)    X_test.shape = (10000, 28, 28)");
    ImGui::Text("X_train = X_train.reshape(60000, 28, 28, 1).astype('float32') / 255  -> (60000, 28, 28, 1)");
    if (train_labels_.dims.size() == 1 && train_labels_.data.size() >= 10) {
      std::string first = "y_train[:10] = [";
      for (int i = 0; i < 10; ++i) first += (i ? " " : "") + std::to_string(train_labels_.data[size_t(i)]);
      ImGui::TextUnformatted((first + "]").c_str());
    }
    ImGui::Text("y_train = to_categorical(y_train, 10)  -> (60000, 10)");
    if (ImGui::Button(label(Str::CnnShowTrainImages))) train_images_asset_.choose(host, kPurpose);
    draw_asset_failures({&train_labels_asset_, &train_images_asset_}, host, kPurpose, widgets, "cnn.train_retry");
    if (idx_images_ready(train_images_) && train_labels_.dims.size() == 1) {
      ImGui::SetNextItemWidth(font * 8);
      ImGui::InputInt("##train_index", &train_index_);
      train_index_ = std::clamp(train_index_, 0, train_images_.dims[0] - 1);
      ImGui::SameLine();
      if (train_index_ >= int(train_labels_.data.size())) train_index_ = 0;
      ImGui::Text(tr(Str::CnnTrainImage), train_index_, train_index_, int(train_labels_.data[size_t(train_index_)]));
      if (train_index_ != train_image_shown_) {
        const GrayImage g = idx_image(train_images_, train_index_);
        train_image_map_.set(host.textures, g.pixels, g.width, g.height, 1.0);
        train_image_shown_ = train_index_;
      }
      train_image_map_.draw("cnn_train_image", font * 6);
      if (ImGui::Button(label(Str::CnnLookInside))) {
        source_ = Source::Train;
        part_ = Part::Inside;
        part_pending_ = true;
        inside_dirty_ = true;
      }
      widgets.record_last_item("cnn.train_image_inside");
    }
    ImGui::TreePop();
  }

  section_title(tr(Str::CnnTraining));
  teaching_text(tr(Str::CnnTrainHelp));
  const float w = font * 6;
  const float stepped = w + 2 * ImGui::GetFrameHeight();  // the number, then its − / + steppers
  const bool running = job_ != 0;
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(stepped);
  ImGui::InputInt(label(Str::CnnBatchSize), &batch_size_, 1, 16);
  batch_size_ = std::clamp(batch_size_, 1, limits::kMaxBatchSize);
  widgets.record_last_item("cnn.batch_size");
  flow(field_width(stepped, label(Str::CnnEpochs)));
  ImGui::SetNextItemWidth(stepped);
  ImGui::InputInt(label(Str::CnnEpochs), &epochs_, 1);
  epochs_ = std::clamp(epochs_, 1, 100);
  widgets.record_last_item("cnn.epochs");
  flow(field_width(stepped, label(Str::CnnSeed)));
  ImGui::SetNextItemWidth(stepped);
  ImGui::InputInt(label(Str::CnnSeed), &seed_, 1);
  widgets.record_last_item("cnn.seed");
  const char* optimizers[] = {"Adam", "SGD"};
  ImGui::SetNextItemWidth(w);
  if (ImGui::Combo(label(Str::CnnOptimizer), &optimizer_, optimizers, 2))
    keras_ = keras_code(spec_, data_shape(), data_classes(), optimizer_code());
  flow(field_width(stepped, label(Str::CnnLearningRate)));
  ImGui::SetNextItemWidth(stepped);
  if (ImGui::InputDouble(label(Str::CnnLearningRate), &learning_rate_, 0.0001, 0.001, "%.5g"))
    keras_ = keras_code(spec_, data_shape(), data_classes(), optimizer_code());
  learning_rate_ = std::clamp(learning_rate_, 1e-6, 100.0);
  widgets.record_last_item("cnn.learning_rate");
  if (optimizer_ == 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::SliderFloat(label(Str::CnnMomentum), &momentum_, 0.0f, 0.99f, "%.2f");
  }
  ImGui::SetNextItemWidth(w);
  ImGui::SliderFloat(label(Str::CnnValidationSplit), &validation_split_, 0.0f, 0.5f, "%.2f");
  // Threads: data-parallel parts of each batch, as many as the runner offers (one in a page without shared memory).
  const JobRunner::Threads runner = offered_ = host.jobs ? host.jobs->threads() : JobRunner::Threads{};
  int threads = training_threads(host);
  ImGui::BeginDisabled(running || runner.max <= 1);
  flow(field_width(stepped, label(Str::CnnThreads)));
  ImGui::SetNextItemWidth(stepped);
  if (ImGui::InputInt(label(Str::CnnThreads), &threads, 1)) threads_ = std::clamp(threads, 1, runner.max);
  widgets.record_last_item("cnn.threads");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", format(tr(Str::CnnThreadsHelp), training_threads(host), runner.cores).c_str());
  ImGui::Checkbox(label(Str::CnnReproducible), &reproducible_);
  widgets.record_last_item("cnn.reproducible");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Str::CnnReproducibleHelp));
  ImGui::EndDisabled();
  if (runner.max <= 1 && runner.cores > 1) teaching_text(tr(Str::CnnOneThread));

  if (!running) {
    ImGui::BeginDisabled(!spec_ok_);
    if (ImGui::Button(label(Str::CnnStart))) start_job(host, JobKind::Train, false, status);
    ImGui::EndDisabled();
    widgets.record_last_item("cnn.train");
    ImGui::SameLine();
    ImGui::BeginDisabled(!model_ || model_->input_shape() != data_shape());
    if (ImGui::Button(label(Str::CnnContinue))) start_job(host, JobKind::Train, true, status);
    ImGui::EndDisabled();
    widgets.record_last_item("cnn.continue");
  } else {
    if (ImGui::Button(label(paused_ ? Str::CnnResume : Str::CnnPause)) && host.jobs) {
      paused_ = !paused_;
      host.jobs->set_paused(job_, paused_);
    }
    widgets.record_last_item("cnn.pause");
    flow(button_width(label(Str::CnnStop)));
    if (ImGui::Button(label(Str::CnnStop)) && host.jobs) host.jobs->cancel(job_);
    widgets.record_last_item("cnn.stop");
  }
  flow(button_width(label(Str::CnnClearRuns)));
  if (ImGui::Button(label(Str::CnnClearRuns)))  // all but a run under way
    runs_.erase(runs_.begin(), runs_.end() - (running && !runs_.empty() ? 1 : 0));
  draw_progress(widgets);
  draw_curves();
}

void CnnLab::draw_progress(WidgetRegistry& widgets) {
  if (!job_status_.empty()) ImGui::TextWrapped("%s", job_status_.c_str());
  if (paused_ && job_) ImGui::TextUnformatted(tr(Str::CnnPaused));
  if (job_kind_ != JobKind::Train || report_.phase.empty()) return;
  // Keras's progress bar: "Epoch 1/3", "1312/1875 [=====>....] - ETA: 12s - loss: 0.2345 - accuracy: 0.9312".
  const int epoch = std::min(report_.epoch + 1, std::max(1, report_.epochs));
  ImGui::Text("Epoch %d/%d", epoch, report_.epochs);
  const int steps = (report_.samples + batch_size_ - 1) / std::max(1, batch_size_);
  const int step = (report_.seen + batch_size_ - 1) / std::max(1, batch_size_);
  const double fraction = report_.samples > 0 ? double(report_.seen) / report_.samples : 0;
  std::string bar(30, '.');
  const int filled = int(fraction * 30);
  for (int i = 0; i < filled; ++i) bar[size_t(i)] = '=';
  if (filled < 30) bar[size_t(filled)] = '>';
  const double elapsed = ImGui::GetTime() - epoch_started_;
  const double eta = fraction > 0 && fraction < 1 ? elapsed * (1 - fraction) / fraction : 0;
  ImGui::Text("%d/%d [%s] - ETA: %.0fs - loss: %.4f - accuracy: %.4f", step, steps, bar.c_str(), eta, report_.loss,
              report_.accuracy);
  widgets.record_last_item("cnn.progress");
  const double speed_seconds = ImGui::GetTime() - speed_started_;
  if (job_ && speed_batches_ > 0 && report_.batches > speed_batches_ && speed_seconds > 0.5)
    ImGui::TextUnformatted(format(trn(Str::CnnSpeed, run_threads_),
                                  double(report_.batches - speed_batches_) * batch_size_ / speed_seconds,
                                  run_threads_).c_str());
  if (!report_.fingerprint.empty()) {
    ImGui::TextUnformatted(format(tr(Str::CnnFingerprint), report_.fingerprint.c_str()).c_str());
    widgets.record_last_item("cnn.fingerprint");
  }
  if (report_.phase == "testing" || report_.phase == "done") {
    ImGui::ProgressBar(report_.test_samples > 0 ? float(report_.tested) / float(report_.test_samples) : 1.0f,
                       ImVec2(ImGui::GetFontSize() * 16, 0), "model.evaluate(X_test, y_test)");
  }
}

void CnnLab::draw_curves() {
  if (runs_.empty()) return;
  float x_max = 1, loss_max = 0.5f;
  for (const Run& run : runs_) {
    for (const ImVec2& p : run.batch_loss) {
      x_max = std::max(x_max, p.x);
      loss_max = std::max(loss_max, std::min(p.y, 5.0f));
    }
    for (const ImVec2& p : run.val_loss) loss_max = std::max(loss_max, std::min(p.y, 5.0f));
  }
  const float font = ImGui::GetFontSize();
  const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x * 0.49f, font * 22), font * 10);
  auto plot = [&](double y_max, const char* y_label, std::vector<ImVec2> Run::*batch, std::vector<ImVec2> Run::*epoch,
                  std::vector<ImVec2> Run::*val) {
    PlotFrame f = begin_plot(size, 0, x_max, 0, y_max, tr(Str::CnnEpochAxis), y_label);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t r = 0; r < runs_.size(); ++r) {
      const bool current = r + 1 == runs_.size();
      const ImU32 line = current ? IM_COL32(0, 114, 178, 255) : IM_COL32(0, 114, 178, 70);
      const ImU32 val_colour = current ? IM_COL32(213, 94, 0, 255) : IM_COL32(213, 94, 0, 70);
      const Run& run = runs_[r];
      const std::vector<ImVec2>& b = run.*batch;
      for (size_t i = 1; i < b.size(); ++i)
        dl->AddLine(f.map(b[i - 1].x, std::min(double(b[i - 1].y), y_max)),
                    f.map(b[i].x, std::min(double(b[i].y), y_max)), line, 1.5f);
      for (const ImVec2& p : run.*epoch) dl->AddCircleFilled(f.map(p.x, std::min(double(p.y), y_max)), 3.5f, line);
      for (const ImVec2& p : run.*val) {
        const ImVec2 c = f.map(p.x, std::min(double(p.y), y_max));
        dl->AddRectFilled(ImVec2(c.x - 3.5f, c.y - 3.5f), ImVec2(c.x + 3.5f, c.y + 3.5f), val_colour);
      }
    }
    end_plot(f);
  };
  plot(loss_max, tr(Str::CnnLossAxis), &Run::batch_loss, &Run::epoch_loss, &Run::val_loss);
  ImGui::SameLine();
  plot(1.0, tr(Str::CnnAccuracyAxis), &Run::batch_accuracy, &Run::epoch_accuracy, &Run::val_accuracy);
  teaching_text(tr(Str::CnnCurvesHelp));
}

// [SECTION] test and confusion matrix --------------------------------------------------------------------------------

void CnnLab::draw_evaluate(Host& host, WidgetRegistry& widgets, std::string& status) {
  const float font = ImGui::GetFontSize();
  ImGui::BeginDisabled(!model_ || job_ != 0);
  if (ImGui::Button(label(Str::CnnEvaluate))) start_job(host, JobKind::Evaluate, true, status);
  ImGui::EndDisabled();
  widgets.record_last_item("cnn.evaluate");
  if (job_kind_ == JobKind::Evaluate && job_ != 0) {
    ImGui::SameLine();
    ImGui::ProgressBar(report_.test_samples > 0 ? float(report_.tested) / float(report_.test_samples) : 0.0f,
                       ImVec2(font * 12, 0));
  }
  if (!std::isnan(test_loss_))
    ImGui::Text(tr(Str::CnnTestResult), test_loss_, test_accuracy_ * 100, int(predicted_.size()));
  const bool ready = !predicted_.empty() && test_labels_.dims.size() == 1 &&
                     predicted_.size() <= test_labels_.data.size() && idx_images_ready(test_images_);
  if (!ready) {
    if (!draw_asset_failures({&test_images_asset_, &test_labels_asset_}, host, kPurpose, widgets, "cnn.test_retry"))
      teaching_text(tr(Str::CnnConfusionEmpty));
    return;
  }
  teaching_text(tr(Str::CnnConfusionHelp));
  const int k = std::max(data_classes(), 2);
  constexpr int kColumns = 12;  // thumbnails to a row
  const int side_h = test_images_.dims[1], side_w = test_images_.dims[2];
  if (confusion_dirty_ || confusion_.size() != size_t(k) * size_t(k)) {
    confusion_dirty_ = false;
    confusion_.assign(size_t(k) * size_t(k), 0);
    for (size_t i = 0; i < predicted_.size(); ++i) {
      const int t = test_labels_.data[i], p = predicted_[i];
      if (t < k && p < k) ++confusion_[size_t(t) * size_t(k) + size_t(p)];
    }
    cell_images_.clear();
    for (size_t i = 0; cell_true_ >= 0 && i < predicted_.size() && int(cell_images_.size()) < kMaxCellImages; ++i)
      if (test_labels_.data[i] == cell_true_ && predicted_[i] == cell_predicted_) cell_images_.push_back(int(i));
    if (!cell_images_.empty()) {
      int w = 0, h = 0;
      const std::vector<float> atlas = tile(
          int(cell_images_.size()), side_h, side_w, std::min(kColumns, int(cell_images_.size())),
          [&](int m, int y, int x) {
            return test_images_.data[(size_t(cell_images_[size_t(m)]) * side_h + y) * side_w + x] / 255.0f;
          },
          &w, &h);
      cell_map_.set(host.textures, atlas, w, h, 1.0);
    }
  }
  // The matrix: a button per cell, darker for more images; the diagonal green, errors orange.
  const float cell = font * 2.6f;
  ImGui::Dummy(ImVec2(font * 3, 0));
  ImGui::SameLine();
  ImGui::TextDisabled("%s ->", tr(Str::CnnPredicted));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int c = 0; c < k; ++c) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + font * 3 + float(c) * cell + cell * 0.4f, origin.y));
    ImGui::Text("%d", c);
  }
  for (int t = 0; t < k; ++t) {
    const float y = origin.y + font * 1.4f + float(t) * cell;
    int row_total = 0;
    for (int p = 0; p < k; ++p) row_total += confusion_[size_t(t) * size_t(k) + size_t(p)];
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + cell * 0.25f));
    ImGui::Text("%s %d", t == 0 ? tr(Str::CnnTrue) : "", t);
    for (int p = 0; p < k; ++p) {
      const int n = confusion_[size_t(t) * size_t(k) + size_t(p)];
      const float share = row_total > 0 ? float(n) / float(row_total) : 0.0f;
      const float strength = t == p ? share : std::min(1.0f, share * 20.0f);
      const ImVec4 colour = t == p ? ImVec4(0.0f, 0.62f, 0.45f, 0.15f + 0.85f * strength)
                                   : ImVec4(0.84f, 0.37f, 0.0f, n > 0 ? 0.15f + 0.85f * strength : 0.04f);
      ImGui::SetCursorScreenPos(ImVec2(origin.x + font * 3 + float(p) * cell, y));
      ImGui::PushID(t * 16 + p);
      ImGui::PushStyleColor(ImGuiCol_Button, colour);
      char label[16];
      std::snprintf(label, sizeof label, "%d", n);
      if (ImGui::Button(label, ImVec2(cell - 2, cell - 2))) {
        cell_true_ = t;
        cell_predicted_ = p;
        confusion_dirty_ = true;
      }
      widgets.record_last_item("cnn.cell_" + std::to_string(t) + "_" + std::to_string(p));
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + font * 1.4f + float(k) * cell + font * 0.5f));
  if (cell_true_ < 0) return;
  // The cell's images, one texture: click one to look inside with it.
  ImGui::Text(trn(Str::CnnCellImages, confusion_[size_t(cell_true_) * size_t(k) + size_t(cell_predicted_)]), confusion_[size_t(cell_true_) * size_t(k) + size_t(cell_predicted_)], cell_true_,
              cell_predicted_);
  if (cell_images_.empty()) return;
  const int n = int(cell_images_.size()), columns = std::min(kColumns, n);
  const Heatmap::Pointer pointer = cell_map_.draw("cnn_cell_images", font * 2.4f * float(columns));
  const float c = cell_map_.cell_size();
  const ImVec2 o = cell_map_.image_min();
  for (int m = 0; m < n; ++m) {
    const ImVec2 min(o.x + float((m % columns) * (side_w + 1)) * c, o.y + float((m / columns) * (side_h + 1)) * c);
    widgets.record("cnn.cell_image" + std::to_string(m), min, ImVec2(min.x + side_w * c, min.y + side_h * c));
  }
  const int m = tile_at(pointer.cell, columns * (side_w + 1) - 1, n, side_h, side_w, columns);
  if (m < 0) return;
  ImGui::SetTooltip("#%d", cell_images_[size_t(m)]);
  if (pointer.activated) {
    source_ = Source::Test;
    test_index_ = cell_images_[size_t(m)];
    part_ = Part::Inside;
    part_pending_ = true;
    inside_dirty_ = true;
  }
}

// [SECTION] panel layout ---------------------------------------------------------------------------------------------

void CnnLab::draw(Host& host, WidgetRegistry& widgets, std::string& status) {
  request_assets(host);
  if (keras_.empty()) rebuild_preview();
  if (inside_dirty_) update_inside(host);
  if (!ImGui::BeginTabBar("cnn_parts")) return;
  const struct { Part part; Str label; const char* hook; } parts[] = {
      {Part::Inside, Str::CnnPartInside, "cnn.tab_inside"},
      {Part::Model, Str::CnnPartModel, "cnn.tab_model"},
      {Part::Train, Str::CnnPartTrain, "cnn.tab_train"},
      {Part::Evaluate, Str::CnnPartEvaluate, "cnn.tab_evaluate"}};
  // A part chosen in code (the settings, an image opened from the confusion matrix) stays pending until its tab is
  // the one open (ImGui switches a frame or two later); until then the open tab does not overwrite the choice.
  const bool select = part_pending_;
  bool arrived = false;
  for (const auto& p : parts) {
    const ImGuiTabItemFlags flags = select && p.part == part_ ? ImGuiTabItemFlags_SetSelected : 0;
    const bool open = ImGui::BeginTabItem(label(p.label), nullptr, flags);
    widgets.record_last_item(p.hook);
    if (!open) continue;
    if (!select) part_ = p.part;
    arrived = select && p.part == part_;
    switch (p.part) {
      case Part::Inside: draw_inside(host, widgets, status); break;
      case Part::Model: draw_model(host, widgets, status); break;
      case Part::Train: draw_train(host, widgets, status); break;
      case Part::Evaluate: draw_evaluate(host, widgets, status); break;
    }
    ImGui::EndTabItem();
  }
  if (arrived) part_pending_ = false;
  ImGui::EndTabBar();
}

// [SECTION] settings and the test hook -------------------------------------------------------------------------------

void CnnLab::save(Settings& s) const {
  s.set("cnn.part", kParts[int(part_)]);
  s.set("cnn.model", format_model_spec(spec_));
  s.set_int("cnn.batch_size", batch_size_);
  s.set_int("cnn.epochs", epochs_);
  s.set_int("cnn.seed", seed_);
  s.set_int("cnn.threads", threads_);
  s.set_int("cnn.reproducible", reproducible_ ? 1 : 0);
  s.set("cnn.optimizer", optimizer_ == 0 ? "adam" : "sgd");
  s.set_double("cnn.learning_rate", learning_rate_);
  s.set_double("cnn.momentum", momentum_);
  s.set_double("cnn.validation_split", validation_split_);
  s.set_int("cnn.limit", limit_);
  s.set_double("cnn.brush", brush_radius_);
}

bool CnnLab::load(const Settings& s, std::string* error) {
  bool ok = true;
  const std::string part = s.get("cnn.part", "inside");
  for (int i = 0; i < 4; ++i)
    if (part == kParts[i]) part_ = Part(i);
  if (s.has("cnn.model")) {
    std::string message;
    ModelSpec spec;
    if (parse_model_spec(s.get("cnn.model"), &spec, &message)) {
      spec_ = std::move(spec);
    } else {
      if (error && error->empty()) *error = "cnn.model: " + message;
      ok = false;
    }
  }
  batch_size_ = std::clamp(s.get_int("cnn.batch_size", 32), 1, limits::kMaxBatchSize);
  epochs_ = std::clamp(s.get_int("cnn.epochs", 1), 1, 100);
  seed_ = s.get_int("cnn.seed", 1);
  threads_ = std::clamp(s.get_int("cnn.threads", 0), 0, limits::kMaxThreads);
  reproducible_ = s.get_int("cnn.reproducible", 0) != 0;
  optimizer_ = s.get("cnn.optimizer", "adam") == "sgd" ? 1 : 0;
  learning_rate_ = std::clamp(s.get_double("cnn.learning_rate", 0.001), 1e-6, 100.0);
  momentum_ = float(std::clamp(s.get_double("cnn.momentum", 0.9), 0.0, 0.99));
  validation_split_ = float(std::clamp(s.get_double("cnn.validation_split", 0.1), 0.0, 0.5));
  limit_ = std::clamp(s.get_int("cnn.limit", 60000), 1, 60000);
  brush_radius_ = float(std::clamp(s.get_double("cnn.brush", 4.5), 1.5, 10.0));
  rebuild_preview();
  return ok;
}

void CnnLab::write_json(JsonWriter& j) const {
  j.key("cnn").begin_object();
  j.key("part").value(kParts[int(part_)]);
  j.key("model").value(model_name_);
  j.key("model_ready").value(model_ != nullptr);
  j.key("model_spec").value(format_model_spec(spec_));
  j.key("spec_ok").value(spec_ok_);
  j.key("spec_error_layer").value(spec_error_.layer);
  j.key("spec_error").value(spec_error_.message);
  j.key("params").value(preview_ ? preview_->count_params() : int64_t(0));
  j.key("source").value(source_ == Source::Paint ? "paint" : source_ == Source::Test ? "test" : "train");
  j.key("test_index").value(test_index_);
  j.key("test_loaded").value(idx_images_ready(test_images_));
  j.key("probabilities").array(probabilities_);
  j.key("prediction");
  if (probabilities_.empty()) j.null();
  else j.value(int(std::max_element(probabilities_.begin(), probabilities_.end()) - probabilities_.begin()));
  j.key("ink").value(!preprocess_.empty);
  j.key("inside_ms").value(inside_ms_);
  j.key("layers_drawn").value(int(layers_.size()));
  j.key("running").value(job_ != 0);
  j.key("paused").value(paused_);
  j.key("job").value(job_kind_ == JobKind::Train ? "train" : job_kind_ == JobKind::Evaluate ? "evaluate" : "none");
  j.key("job_status").value(job_status_);
  j.key("events").value(events_);
  j.key("snapshots").value(snapshots_);
  j.key("phase").value(report_.phase);
  j.key("epoch").value(report_.epoch);
  j.key("seen").value(report_.seen);
  j.key("loss").value(report_.loss);
  j.key("accuracy").value(report_.accuracy);
  j.key("runs").value(int(runs_.size()));
  j.key("curve_end").value(runs_.empty() || runs_.back().batch_loss.empty() ? 0.0
                                                                           : double(runs_.back().batch_loss.back().x));
  j.key("test_loss").value(test_loss_);
  j.key("test_accuracy").value(test_accuracy_);
  j.key("tested").value(int(predicted_.size()));
  j.key("own_data").value(own_data_);
  j.key("own_classes").value(own_classes_);
  j.key("limit").value(limit_);
  j.key("batch_size").value(batch_size_);
  j.key("threads").value(run_threads_);
  j.key("threads_offered").begin_array().value(offered_.cores).value(offered_.max).end_array();
  j.key("reproducible").value(reproducible_);
  j.key("fingerprint").value(report_.fingerprint);
  j.key("optimizer").value(optimizer_ == 0 ? "adam" : "sgd");
  j.key("train_images_loaded").value(idx_images_ready(train_images_));
  j.key("cell").begin_array().value(cell_true_).value(cell_predicted_).end_array();
  j.end_object();
}

}  // namespace hebblab
