// The language choice (the system's preference, then the menu's, remembered) and the lessons: links, PageDown, and
// "Show me" leaving the Hopfield lab in the state each step describes.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/strings.h"
#include "app_test_util.h"
#include "core/letters.h"
#include "fake_host.h"

namespace hebblab {
namespace {

using test::contains;

// The numbers of the array `key` holds in the JSON object `object` ("hopfield", ...).
std::vector<double> numbers(const std::string& json, const std::string& object, const std::string& key) {
  const size_t start = json.find("\"" + object + "\":{");
  const size_t at = json.find("\"" + key + "\":[", start);
  std::vector<double> out;
  if (start == std::string::npos || at == std::string::npos) return out;
  const char* p = json.c_str() + at + key.size() + 4;
  while (*p && *p != ']') {
    char* end = nullptr;
    out.push_back(std::strtod(p, &end));
    p = *end == ',' ? end + 1 : end;
  }
  return out;
}

std::vector<double> letter_a() {
  const State a = builtin_glyph('A', 5).cells;
  return std::vector<double>(a.begin(), a.end());
}

class LessonsTest : public test::AppTest {
 protected:
  Host host() {
    Host h;
    h.shell = &shell;
    h.settings = &settings;
    h.assets = &assets;
    return h;
  }
  test::FakeShell shell;
  test::MemorySettings settings;
  test::MemoryAssets assets;
};

TEST_F(LessonsTest, LanguageFollowsTheSystemUntilChosenAndIsRemembered) {
  shell.preferred = {"de-DE", "pl-PL", "en-US"};
  {
    App app(host());
    EXPECT_EQ(language(), Language::Polish);
    EXPECT_EQ(shell.document_language, "pl");
    frame(app);
    EXPECT_TRUE(contains(app.state_json(), "\"language\":\"pl\"")) << app.state_json();
    // The menu's choice: open Language, pick English.
    click(app, "menu.language");
    click(app, "menu.language_en");
    EXPECT_EQ(language(), Language::English);
    EXPECT_EQ(shell.document_language, "en");
  }  // the app saves its settings when it closes
  ASSERT_TRUE(settings.text);
  EXPECT_TRUE(contains(*settings.text, "ui.language=en")) << *settings.text;
  App again(host());
  EXPECT_EQ(language(), Language::English) << "the choice outlives the system's preference";

  shell.preferred = {"fr-FR"};
  settings.text.reset();
  App fresh(host());
  EXPECT_EQ(language(), Language::English) << "a language HebbLab does not speak falls back to English";
}

TEST_F(LessonsTest, ALinkOpensItsStepAndSteppingUpdatesTheLink) {
  shell.location_fragment = "lesson/energy";
  App app(host());
  frame(app);
  std::string json = app.state_json();
  EXPECT_TRUE(contains(json, "\"lesson\":{\"index\":4,\"id\":\"energy\"")) << json;
  EXPECT_TRUE(contains(json, "\"tab\":\"hopfield\"")) << json;
  click(app, "lesson.next");
  EXPECT_EQ(shell.location_fragment, "lesson/deform");
  // PageDown and PageUp, as a presenter's clicker sends them.
  ImGuiIO& io = ImGui::GetIO();
  for (ImGuiKey key : {ImGuiKey_PageDown, ImGuiKey_PageDown, ImGuiKey_PageUp}) {
    io.KeysDown[io.KeyMap[key]] = true;
    frame(app);
    io.KeysDown[io.KeyMap[key]] = false;
    frame(app);
  }
  EXPECT_EQ(shell.location_fragment, "lesson/recall");
  // The user edits the address: the app follows.
  shell.location_fragment = "lesson/kernels";
  for (int i = 0; i < 20; ++i) frame(app);
  json = app.state_json();
  EXPECT_TRUE(contains(json, "\"id\":\"kernels\"")) << json;
  EXPECT_TRUE(contains(json, "\"tab\":\"convolution\"")) << json;
}

TEST_F(LessonsTest, ShowMeLeavesTheHopfieldLabInEachStepsState) {
  for (Language l : kLanguages) {
    shell.location_fragment = "lesson/hebb";
    settings.text.reset();
    App app(host());
    set_language(l);
    auto show = [&] {
      click(app, "lesson.show_me");
      return app.state_json();
    };
    std::string json = show();  // Hebb: three neurons, nothing learnt
    EXPECT_EQ(numbers(json, "hopfield", "state"), (std::vector<double>{1, -1, -1})) << json;
    EXPECT_TRUE(contains(json, "\"patterns\":0")) << json;
    click(app, "lesson.next");
    json = show();  // the outer product: x stored
    EXPECT_TRUE(contains(json, "\"width\":3,\"height\":1")) << json;
    EXPECT_TRUE(contains(json, "\"patterns\":1")) << json;
    click(app, "lesson.next");
    json = show();  // one neuron per pixel: A on a 5 x 5 grid
    EXPECT_EQ(numbers(json, "hopfield", "state"), letter_a());
    EXPECT_TRUE(contains(json, "\"patterns\":0")) << json;
    click(app, "lesson.next");
    json = show();  // the rule: A and Z stored
    EXPECT_TRUE(contains(json, "\"pattern_names\":[\"A\",\"Z\"]")) << json;
    click(app, "lesson.next");
    json = show();  // the energy: the state A, the inspector on the middle neuron
    EXPECT_EQ(numbers(json, "hopfield", "state"), letter_a());
    EXPECT_TRUE(contains(json, "\"tool\":\"inspect\",\"inspected\":12")) << json;
    click(app, "lesson.next");
    json = show();  // deformed: 3 pixels differ from A, and its energy is higher than A's
    const std::vector<double> deformed = numbers(json, "hopfield", "state"), a = letter_a();
    ASSERT_EQ(deformed.size(), a.size());
    int differ = 0;
    for (size_t i = 0; i < a.size(); ++i) differ += deformed[i] != a[i];
    EXPECT_EQ(differ, 3);
    click(app, "lesson.next");
    json = show();  // recall runs until it settles
    for (int i = 0; i < 600 && !contains(json, "\"outcome\":{"); ++i) {
      frame(app);
      json = app.state_json();
    }
    const std::vector<double> energies = numbers(json, "hopfield", "energies");
    ASSERT_GE(energies.size(), 2u) << json;
    for (size_t i = 1; i < energies.size(); ++i) EXPECT_LE(energies[i], energies[i - 1]) << "step " << i;
    EXPECT_TRUE(contains(json, "\"outcome\":{\"kind\":\"pattern\",\"index\":0}")) << json;
    EXPECT_EQ(numbers(json, "hopfield", "state"), a);
    EXPECT_TRUE(contains(json, "\"shown\":7")) << json;
  }
  set_language(Language::English);
}

}  // namespace
}  // namespace hebblab
