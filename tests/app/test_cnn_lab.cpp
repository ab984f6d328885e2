// The CNN lab inside the whole app, under ImGui with no renderer: the pretrained model arrives as an asset and
// predicts; training through the job runner sends weight snapshots the lab takes as its model, and the curves and
// confusion matrix fill; stop keeps the weights; a corrupt model file changes nothing; a model saved in a slot comes
// back; the builder explains a model that cannot be built; the settings keep the model and training settings; an
// asset that cannot be fetched is named, with Retry, and a training set that cannot be fetched names its file.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "../core/nn_test_util.h"
#include "app/app.h"
#include "core/nn/mnist.h"
#include "core/nn/model_file.h"
#include "app_test_util.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::contains;

class CnnLabTest : public test::AppTest {
 protected:
  void SetUp() override {
    test::AppTest::SetUp();
    // The bundled data, small: a lecture model as the pretrained one, 64 training and 40 test images.
    const Dataset train = test::banded_dataset(64, 28, 10, 1), tests = test::banded_dataset(40, 28, 10, 2);
    assets.files["models/lecture.hebbmodel"] = save_model(lecture_model(7), false);
    assets.files["mnist/train-images-idx3-ubyte"] = test::idx_bytes({64, 28, 28}, train.x);
    assets.files["mnist/train-labels-idx1-ubyte"] = test::idx_bytes({64}, train.y);
    assets.files["mnist/t10k-images-idx3-ubyte"] = test::idx_bytes({40, 28, 28}, tests.x);
    assets.files["mnist/t10k-labels-idx1-ubyte"] = test::idx_bytes({40}, tests.y);
    settings.text = "ui.tab=cnn\ncnn.limit=64\ncnn.batch_size=16\ncnn.validation_split=0\n";
  }
  Host host() {
    Host h;
    h.settings = &settings;
    h.jobs = &jobs;
    h.assets = &assets;
    h.slots = &slots;
    return h;
  }
  test::MemorySettings settings;
  test::MemoryAssets assets;
  test::SteppingJobs jobs{&assets};
  test::MemorySlots slots;
};

TEST_F(CnnLabTest, ThePretrainedModelPredictsAsSoonAsItArrives) {
  App app(host());
  for (int i = 0; i < 4; ++i) frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"model_ready\":true")) << json;
  EXPECT_TRUE(contains(json, "\"layers_drawn\":8"));
  EXPECT_TRUE(contains(json, "\"prediction\":"));
  EXPECT_FALSE(contains(json, "\"prediction\":null"));
}

TEST_F(CnnLabTest, TrainingSendsSnapshotsAndFillsTheConfusionMatrix) {
  App app(host());
  frame(app);
  click(app, "cnn.tab_train");
  click(app, "cnn.train");
  for (int i = 0; i < 40 && jobs.running("cnn"); ++i) frame(app);
  frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"phase\":\"done\"")) << json;
  EXPECT_TRUE(contains(json, "\"model\":\"trained here\""));
  EXPECT_FALSE(contains(json, "\"snapshots\":0"));
  EXPECT_TRUE(contains(json, "\"tested\":40"));
  EXPECT_TRUE(contains(json, "\"runs\":1"));
  EXPECT_TRUE(contains(json, "\"curve_end\":1,")) << "one epoch's curve ends at epoch 1";
  click(app, "cnn.tab_evaluate");
  EXPECT_TRUE(contains(app.state_json(), "\"cnn.cell_0_0\":["));
}

// Training threads: every core but one by default, at most what the runner offers (one in a page that is not
// cross-origin isolated, where the field is greyed out); a reproducible run reports its weights' fingerprint.
TEST_F(CnnLabTest, ThreadsLeaveACoreForThePageAndFollowWhatTheRunnerOffers) {
  jobs.available = {4, 4};
  const std::string run = "ui.tab=cnn\ncnn.part=train\ncnn.limit=64\ncnn.batch_size=16\ncnn.validation_split=0\n"
                          "cnn.reproducible=1\n";
  settings.text = run;
  {
    App app(host());
    frame(app);
    click(app, "cnn.train");
    for (int i = 0; i < 40 && jobs.running("cnn"); ++i) frame(app);
    frame(app);
    const std::string json = app.state_json();
    EXPECT_TRUE(contains(json, "\"phase\":\"done\"")) << json;
    EXPECT_TRUE(contains(json, "\"threads\":3,\"threads_offered\":[4,4]")) << json;
    EXPECT_TRUE(contains(json, "\"reproducible\":true"));
    EXPECT_FALSE(contains(json, "\"fingerprint\":\"\""));
    EXPECT_TRUE(contains(json, "\"cnn.threads\":[")) << json;
  }
  jobs.available = {4, 1};
  settings.text = run + "cnn.threads=3\n";
  App app(host());
  frame(app);
  const std::string before = app.state_json();
  EXPECT_TRUE(contains(before, "\"threads_offered\":[4,1]")) << before;
  click(app, "cnn.train");
  for (int i = 0; i < 40 && jobs.running("cnn"); ++i) frame(app);
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"threads\":1,")) << app.state_json();
}

TEST_F(CnnLabTest, StopEndsTheRunAndKeepsTheModel) {
  settings.text = "ui.tab=cnn\ncnn.part=train\ncnn.limit=64\ncnn.batch_size=4\ncnn.epochs=5\n";
  App app(host());
  frame(app);
  click(app, "cnn.train");
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"running\":true"));
  click(app, "cnn.stop");
  frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"running\":false")) << json;
  EXPECT_TRUE(contains(json, "Stopped"));
  EXPECT_TRUE(contains(json, "\"model_ready\":true"));
}

TEST_F(CnnLabTest, ACorruptModelFileChangesNothing) {
  test::MemoryFiles files;
  Host h = host();
  h.files = &files;
  App app(h);
  for (int i = 0; i < 3; ++i) frame(app);
  files.opened.push_back({"model", "broken.hebbmodel", to_bytes("HEBBLABM and then nonsense"), ""});
  frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "not a usable model")) << json;
  EXPECT_TRUE(contains(json, "\"model\":\"the pretrained lecture model\""));
}

TEST_F(CnnLabTest, AStudentsThreeClassSixteenBySixteenSetShapesTheModel) {
  test::MemoryFiles files;
  Host h = host();
  h.files = &files;
  App app(h);
  for (int i = 0; i < 3; ++i) frame(app);
  // 11 classes: refused, nothing changes.
  const Dataset eleven = test::banded_dataset(33, 16, 11, 1);
  files.opened.push_back({"dataset", "train-images-idx3-ubyte", test::idx_bytes({33, 16, 16}, eleven.x), ""});
  files.opened.push_back({"dataset", "train-labels-idx1-ubyte", test::idx_bytes({33}, eleven.y), ""});
  frame(app);
  std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "11 classes")) << json;
  EXPECT_TRUE(contains(json, "\"own_data\":false"));
  // 3 classes of 16 x 16: the model's input and output follow, and the quick model trains on it.
  const Dataset three = test::banded_dataset(48, 16, 3, 1);
  files.opened.push_back({"dataset", "train-images-idx3-ubyte.gz", test::idx_bytes({48, 16, 16}, three.x), ""});
  files.opened.push_back({"dataset", "train-labels-idx1-ubyte.gz", test::idx_bytes({48}, three.y), ""});
  frame(app);
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"own_data\":true")) << json;
  EXPECT_TRUE(contains(json, "\"own_classes\":3"));
  click(app, "cnn.tab_model");
  click(app, "cnn.preset_quick");
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"spec_ok\":true")) << json;
  click(app, "cnn.tab_train");
  click(app, "cnn.train");
  for (int i = 0; i < 40 && jobs.running("cnn"); ++i) frame(app);
  frame(app);
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"phase\":\"done\"")) << json;
  EXPECT_TRUE(contains(json, "\"model\":\"trained here\""));
  // Painting feeds 28 x 28 images: the lab says so rather than feeding this model.
  click(app, "cnn.tab_inside");
  EXPECT_TRUE(contains(app.state_json(), "\"probabilities\":[]"));
}

TEST_F(CnnLabTest, AModelSavedInASlotComesBack) {
  settings.text = "ui.tab=cnn\ncnn.part=model\n";
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  click(app, "cnn.slot_save");
  frame(app);  // results arrive on the next frame, as the browser's database answers later
  ASSERT_EQ(slots.slots.count("my model"), 1u);
  EXPECT_TRUE(contains(app.state_json(), "Saved in slot 'my model'"));
  click(app, "cnn.slot_load0");
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"model\":\"my model\""));
}

TEST_F(CnnLabTest, TheBuilderNamesTheLayerThatCannotBeBuilt) {
  // Five poolings shrink 28 x 28 to nothing: the fifth is the layer at fault (index 4), and training is disabled.
  settings.text = "ui.tab=cnn\ncnn.part=model\ncnn.model=max_pooling2d pool=2x2; max_pooling2d pool=2x2; "
                  "max_pooling2d pool=2x2; max_pooling2d pool=2x2; max_pooling2d pool=2x2; flatten; dense units=10 "
                  "activation=softmax\n";
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  const std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"spec_ok\":false")) << json;
  EXPECT_TRUE(contains(json, "\"spec_error_layer\":4"));
  click(app, "cnn.preset_quick");
  EXPECT_TRUE(contains(app.state_json(), "\"spec_ok\":true"));
  EXPECT_TRUE(contains(app.state_json(), "\"params\":56970"));
}

TEST_F(CnnLabTest, SettingsKeepTheModelAndTrainingSettings) {
  {
    settings.text = "ui.tab=cnn\ncnn.part=model\n";
    App app(host());
    frame(app);
    click(app, "cnn.preset_dense");
  }
  ASSERT_TRUE(settings.text.has_value());
  EXPECT_TRUE(contains(*settings.text, "cnn.model=flatten; dense units=128 activation=relu; dense units=10"));
  App again(host());
  for (int i = 0; i < 3; ++i) frame(again);
  EXPECT_TRUE(contains(again.state_json(), "\"params\":101770"));
}

// Without a network the pretrained model cannot come: the lab says what failed and offers Retry, and asks for
// nothing more by itself; Retry, once the network is back, brings the model.
TEST_F(CnnLabTest, AFailedPretrainedModelSaysWhatFailedAndRetryLoadsIt) {
  const Bytes model = assets.files.at("models/lecture.hebbmodel");
  assets.files.erase("models/lecture.hebbmodel");
  App app(host());
  for (int i = 0; i < 3; ++i) frame(app);
  std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"status\":\"Could not load models/lecture.hebbmodel: models/lecture.hebbmodel: not found\""))
      << json;
  EXPECT_TRUE(contains(json, "\"model_ready\":false"));
  ASSERT_TRUE(contains(json, "\"cnn.model_retry\":["));
  for (int i = 0; i < 5; ++i) {
    frame(app);
    EXPECT_TRUE(assets.queue.empty()) << "frame " << i << " asked for an asset again by itself";
  }

  assets.files["models/lecture.hebbmodel"] = model;
  click(app, "cnn.model_retry");
  frame(app);
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"model_ready\":true")) << json;
  EXPECT_FALSE(contains(json, "\"cnn.model_retry\":["));
}

// The training job fetches the training set itself: when it cannot, the job's error names the file, and starting
// again once it is there trains.
TEST_F(CnnLabTest, ATrainingSetThatCannotBeFetchedIsNamedAndStartingAgainTrains) {
  const Bytes images = assets.files.at("mnist/train-images-idx3-ubyte");
  assets.files.erase("mnist/train-images-idx3-ubyte");
  App app(host());
  frame(app);
  click(app, "cnn.tab_train");
  click(app, "cnn.train");
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"job_status\":\"Training failed: mnist/train-images-idx3-ubyte: not found\""))
      << app.state_json();

  assets.files["mnist/train-images-idx3-ubyte"] = images;
  click(app, "cnn.train");
  for (int i = 0; i < 40 && jobs.running("cnn"); ++i) frame(app);
  frame(app);
  EXPECT_TRUE(contains(app.state_json(), "\"phase\":\"done\"")) << app.state_json();
}

}  // namespace
}  // namespace hebblab
