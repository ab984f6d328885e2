// The convolution lab on its own, under ImGui with no renderer (as test_app.cpp runs the whole app): the MNIST index
// stays within the digits that are there, the custom kernel's weights survive the settings exactly, saved images
// are read in either case of hex digit, an input whose asset cannot be fetched says so and is retried, a kernel summing
// to 1 is shown in grey with its clipped pixels counted, and the inspector's grids wrap when they do not fit.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/ui_convolution.h"
#include "core/config_text.h"
#include "core/settings.h"
#include "../core/nn_test_util.h"
#include "app_test_util.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::contains;

constexpr uint8_t kLabels[] = {7, 2, 1};

class ConvolutionLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::start_imgui();
    // Three 28 x 28 test digits, each one gray level, and their labels.
    std::vector<uint8_t> images;
    for (int i = 0; i < 3; ++i) images.insert(images.end(), 28 * 28, static_cast<uint8_t>(50 * (i + 1)));
    assets.files["mnist/t10k-images-idx3-ubyte"] = test::idx_bytes({3, 28, 28}, images);
    assets.files["mnist/t10k-labels-idx1-ubyte"] = test::idx_bytes({3}, std::vector<uint8_t>(std::begin(kLabels), std::end(kLabels)));
    host.assets = &assets;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame with the lab filling the screen.
  void frame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("lab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    font_size = ImGui::GetFontSize();
    frame_height = ImGui::GetFrameHeight();
    inner_spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    widgets.begin_frame();
    while (auto loaded = assets.take_loaded())  // as App::route_assets() hands the lab what it asked for
      if (loaded->purpose == "convolution") lab.on_asset(*loaded, status);
    lab.draw(host, widgets);
    ImGui::End();
    ImGui::Render();
  }
  void click_at(float x, float y) { test::press_at(x, y, [&] { frame(); }); }
  // The "-" (step -1) or "+" (step +1) button of the MNIST index field. InputInt lays out, within the width the lab
  // gives it (7 font sizes): the text field, then "-" and "+", each a frame-height square after the inner spacing.
  void step_mnist_index(int step) {
    frame();
    const auto it = widgets.rects().find("conv.mnist_index");
    ASSERT_NE(it, widgets.rects().end()) << "the MNIST index field is not drawn";
    const WidgetRect& r = it->second;
    const float plus_centre = r.x + font_size * 7 - frame_height * 0.5f;
    const float minus_centre = plus_centre - frame_height - inner_spacing;
    click_at(step < 0 ? minus_centre : plus_centre, r.y + r.h * 0.5f);
  }
  std::string json() const { return test::lab_json(lab); }

  test::MemoryAssets assets;
  Host host;
  WidgetRegistry widgets;
  std::string status;
  ConvolutionLab lab;
  float font_size = 0, frame_height = 0, inner_spacing = 0;
};

// Show the MNIST source and let the two files arrive.
void show_mnist(ConvolutionLab& lab, int index) {
  Settings s;
  s.set("conv.source", "mnist");
  s.set_int("conv.mnist_index", index);
  std::string error;
  ASSERT_TRUE(lab.load(s, &error)) << error;
}

TEST_F(ConvolutionLabTest, MnistIndexStepsStayWithinTheDigits) {
  show_mnist(lab, 0);
  for (int i = 0; i < 3; ++i) frame();  // request, arrive, show
  ASSERT_TRUE(contains(json(), "\"mnist_index\":0,\"mnist_label\":7")) << json() << "\n" << status;

  step_mnist_index(+1);  // the clicks do reach the buttons
  EXPECT_TRUE(contains(json(), "\"mnist_index\":1,\"mnist_label\":2")) << json();
  step_mnist_index(-1);
  EXPECT_TRUE(contains(json(), "\"mnist_index\":0,\"mnist_label\":7")) << json();
  step_mnist_index(-1);  // at the first digit: before the fix the label of digit -1 was read here
  EXPECT_TRUE(contains(json(), "\"mnist_index\":0,\"mnist_label\":7")) << json();

  step_mnist_index(+1);
  step_mnist_index(+1);
  step_mnist_index(+1);  // past the last digit
  EXPECT_TRUE(contains(json(), "\"mnist_index\":2,\"mnist_label\":1")) << json();
}

TEST_F(ConvolutionLabTest, LoadedMnistIndexIsClampedToTheDigitsThatArrived) {
  show_mnist(lab, 1);
  for (int i = 0; i < 3; ++i) frame();
  ASSERT_TRUE(contains(json(), "\"mnist_index\":1,\"mnist_label\":2")) << json() << "\n" << status;
  show_mnist(lab, 7);  // settings from a session with all 10,000 digits; only 3 are here
  EXPECT_TRUE(contains(json(), "\"mnist_index\":2,\"mnist_label\":1")) << json();
  frame();
  EXPECT_TRUE(contains(json(), "\"mnist_index\":2,\"mnist_label\":1")) << json();
}

TEST_F(ConvolutionLabTest, CustomKernelWeightsSurviveTheSettingsExactly) {
  const std::vector<float> weights = {1.0f / 9.0f, 0.1234567f, -1.0f / 3.0f, 1e-7f, 3.4e38f,
                                      0.1f,        -2.5f,      100.0f,       0.0f};
  std::string text;
  for (float w : weights) text += (text.empty() ? "" : " ") + format_double(w);
  Settings in;
  in.set("conv.kernel", "custom");
  in.set_int("conv.custom_size", 3);
  in.set("conv.custom", text);
  std::string error;
  ASSERT_TRUE(lab.load(in, &error)) << error;

  // Saved, stored as text, read back into a fresh lab and saved again: still the same floats, bit for bit.
  Settings saved;
  lab.save(saved);
  ConvolutionLab again;
  ASSERT_TRUE(again.load(Settings::parse(saved.serialize()), &error)) << error;
  Settings resaved;
  again.save(resaved);
  const std::string saved_text = resaved.get("conv.custom");
  const std::vector<std::string_view> words = split_words(saved_text);
  ASSERT_EQ(words.size(), weights.size()) << saved_text;
  for (size_t i = 0; i < weights.size(); ++i) {
    double back = 0;
    ASSERT_TRUE(parse_double(words[i], &back)) << words[i];
    EXPECT_EQ(static_cast<float>(back), weights[i]) << "weight " << i << " saved as " << words[i];
  }
}

TEST_F(ConvolutionLabTest, CustomKernelWeightsThatAreNotNumbersAreReported) {
  for (const char* bad : {"1 2 3 4 5 6 7 8 x", "1 2 3 4 5 6 7 8", "1 2 3 4 5 6 7 8 1e300", "1 2 3 4 5 6 7 8 9,5"}) {
    Settings in;
    in.set("conv.kernel", "custom");
    in.set("conv.custom", bad);
    std::string error;
    EXPECT_FALSE(lab.load(in, &error)) << bad;
    EXPECT_EQ(error, "conv.custom") << bad;
  }
}

TEST_F(ConvolutionLabTest, SavedImagesAcceptBothCasesOfHexDigits) {
  // A 28 x 28 canvas whose first pixels are written in upper, lower and mixed case.
  const std::string first = "007FA0Bec3FF0a";
  std::string canvas = first + std::string(28 * 28 * 2 - first.size(), '0');
  Settings in;
  in.set_int("conv.canvas_size", 28);
  in.set("conv.canvas", canvas);
  in.set("conv.own_name", "own.png");
  in.set("conv.own_size", "2x2");
  in.set("conv.own", "0A0b0CfF");
  std::string error;
  ASSERT_TRUE(lab.load(in, &error)) << error;

  Settings out;
  lab.save(out);
  EXPECT_EQ(out.get("conv.canvas").substr(0, first.size()), "007fa0bec3ff0a");
  EXPECT_EQ(out.get("conv.canvas").size(), canvas.size());
  EXPECT_EQ(out.get("conv.own"), "0a0b0cff");
  EXPECT_EQ(out.get("conv.own_name"), "own.png");
}

TEST_F(ConvolutionLabTest, SavedImagesWithOtherCharactersAreReported) {
  for (const char* bad : {"0g", "-1", " 1", "+1", "x1", "1\xc3"}) {
    std::string canvas = std::string(bad) + std::string(28 * 28 * 2 - 2, '0');
    Settings in;
    in.set_int("conv.canvas_size", 28);
    in.set("conv.canvas", canvas);
    std::string error;
    EXPECT_FALSE(lab.load(in, &error)) << bad;
    EXPECT_EQ(error, "conv.canvas") << bad;
  }
  Settings in;
  in.set("conv.own_size", "2x2");
  in.set("conv.own", "0a0b0c0G");
  std::string error;
  EXPECT_FALSE(lab.load(in, &error));
  EXPECT_EQ(error, "conv.own");
}

// Without a network the MNIST digits cannot come: the lab says what failed and why and offers Retry, instead of
// "Loading ..." for ever, and asks for nothing more by itself; Retry, once the network is back, brings them.
TEST_F(ConvolutionLabTest, AFailedAssetSaysWhatFailedAndRetryLoadsIt) {
  const Bytes images = assets.files.at("mnist/t10k-images-idx3-ubyte");
  assets.files.erase("mnist/t10k-images-idx3-ubyte");  // its fetch fails, as offline
  show_mnist(lab, 0);
  for (int i = 0; i < 3; ++i) frame();
  EXPECT_EQ(status, "Could not load mnist/t10k-images-idx3-ubyte: mnist/t10k-images-idx3-ubyte: not found");
  ASSERT_TRUE(widgets.rects().count("conv.asset_retry")) << "a Retry button";
  EXPECT_FALSE(widgets.rects().count("conv.mnist_index"));
  for (int i = 0; i < 5; ++i) {
    frame();
    EXPECT_TRUE(assets.queue.empty()) << "frame " << i << " asked for an asset again by itself";
  }

  assets.files["mnist/t10k-images-idx3-ubyte"] = images;  // the network is back
  const WidgetRect retry = widgets.rects().at("conv.asset_retry");
  click_at(retry.x + retry.w / 2, retry.y + retry.h / 2);
  frame();
  EXPECT_TRUE(contains(json(), "\"mnist_index\":0,\"mnist_label\":7")) << json() << "\n" << status;
  EXPECT_FALSE(widgets.rects().count("conv.asset_retry"));
}

// Choosing a failed input again asks for its asset again.
TEST_F(ConvolutionLabTest, ChoosingAFailedInputAgainRetriesIt) {
  frame();
  const auto choose_photo = [&] {
    const WidgetRect r = widgets.rects().at("conv.source_photo");
    click_at(r.x + r.h / 2, r.y + r.h / 2);  // the radio button's circle
    frame();
  };
  choose_photo();  // the bundled photo is missing
  EXPECT_TRUE(contains(status, "Could not load images/camera.png")) << status;
  ASSERT_TRUE(widgets.rects().count("conv.asset_retry"));

  Bytes photo = to_bytes("P5\n3 2\n255\n");  // any image the lab reads will do for the photo
  photo.insert(photo.end(), {0, 51, 255, 102, 153, 204});
  assets.files["images/camera.png"] = photo;
  choose_photo();
  EXPECT_TRUE(contains(json(), "\"source\":\"photo\",\"width\":3,\"height\":2")) << json() << "\n" << status;
  EXPECT_FALSE(widgets.rects().count("conv.asset_retry"));
}

// An 8 x 8 image of the student's own through a named kernel: black on the left half, white on the right (a step
// that sharpen overshoots on both sides), with the inspector on the output's middle pixel.
void show_step_image(ConvolutionLab& lab, const char* kernel) {
  std::string hex;
  for (int y = 0; y < 8; ++y) hex += "00000000ffffffff";
  Settings s;
  s.set("conv.source", "own");
  s.set("conv.own_name", "step.png");
  s.set("conv.own_size", "8x8");
  s.set("conv.own", hex);
  s.set("conv.kernel", kernel);
  std::string error;
  ASSERT_TRUE(lab.load(s, &error)) << error;
}

// A kernel whose weights sum to 1 gives an image: identity shows the input itself on the grey scale 0..1 (not the
// diverging map, on which the photo looked inverted), nothing clipped; sharpen overshoots the step and the count says
// how many pixels are clipped; the Laplacian (sum 0) keeps the diverging map.
TEST_F(ConvolutionLabTest, KernelsSummingToOneShowAnImageInGrey) {
  show_step_image(lab, "identity");
  frame();
  EXPECT_TRUE(contains(json(), "\"display\":\"gray\",\"clipped\":0,")) << json();
  EXPECT_FALSE(widgets.rects().count("conv.scale"));  // the grey scale is the input's: no colour scale to set

  show_step_image(lab, "sharpen");
  frame();
  EXPECT_TRUE(contains(json(), "\"display\":\"gray\",\"clipped\":12,")) << json();  // 6 rows, both sides

  show_step_image(lab, "laplacian");
  frame();
  EXPECT_TRUE(contains(json(), "\"display\":\"diverging\",\"clipped\":0,")) << json();
  EXPECT_TRUE(widgets.rects().count("conv.scale"));
}

TEST(FlowRows, WrapsWhatDoesNotFit) {
  EXPECT_EQ(flow_rows({100, 100, 140}, 400, 8), (std::vector<int>{3}));   // 356 pixels
  EXPECT_EQ(flow_rows({100, 100, 140}, 356, 8), (std::vector<int>{3}));   // exactly
  EXPECT_EQ(flow_rows({100, 100, 140}, 355, 8), (std::vector<int>{2, 1}));
  EXPECT_EQ(flow_rows({100, 100, 140}, 150, 8), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(flow_rows({100, 100, 140}, 50, 8), (std::vector<int>{1, 1, 1}));  // each alone, even when too wide
  EXPECT_EQ(flow_rows({140, 100, 100}, 240, 8), (std::vector<int>{1, 2}));
  EXPECT_TRUE(flow_rows({}, 100, 8).empty());
}

// The inspector's three grids for the mean blur (weights and products like 0.111), in the font the app ships: at 1280
// pixels they do not fit abreast in the output's column, so they wrap (the products were cut there); on a wide screen
// they stand abreast.
TEST_F(ConvolutionLabTest, InspectorGridsWrapWhenTheyDoNotFit) {
  const std::string font = test::read_app_font();
  ASSERT_FALSE(font.empty()) << HEBBLAB_UI_FONT;
  test::use_app_font(font);
  Settings s;
  s.set("conv.kernel", "mean_blur");
  std::string error;
  ASSERT_TRUE(lab.load(s, &error)) << error;
  const auto inspect_middle = [&] {
    frame();
    const WidgetRect out = widgets.rects().at("conv.output");
    ImGui::GetIO().MousePos = ImVec2(out.x + out.w / 2, out.y + out.h / 2);
    frame();
    frame();
  };
  inspect_middle();
  EXPECT_TRUE(contains(json(), "\"inspected\":[13,13],\"inspector_rows\":[2,1]")) << json();
  ImGui::GetIO().DisplaySize = ImVec2(3840, 1200);
  inspect_middle();
  EXPECT_TRUE(contains(json(), "\"inspected\":[13,13],\"inspector_rows\":[3]")) << json();
}

}  // namespace
}  // namespace hebblab
