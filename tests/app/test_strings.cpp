// The string table in both languages: every id translated, the same printf arguments, Polish that is Polish, plural
// forms, widget ids that do not change with the language, and every character of every string (and of the lessons'
// formulas) in the subset UI font and its ImGui atlas.
#include <gtest/gtest.h>
#include <imgui.h>

#include <set>
#include <string>
#include <vector>

#include "app/lessons.h"
#include "app/strings.h"
#include "app_test_util.h"

namespace hebblab {
namespace {

std::vector<Str> all_ids() {
  std::vector<Str> ids;
  for (int i = 0; i < static_cast<int>(Str::Count); ++i) ids.push_back(static_cast<Str>(i));
  return ids;
}

// The printf conversions of a format, in order ("%d", "%.3f", "%%" ...).
std::vector<std::string> conversions(const std::string& format) {
  std::vector<std::string> out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    size_t j = i + 1;
    while (j < format.size() && std::string("0123456789.+- #lhz").find(format[j]) != std::string::npos) ++j;
    out.push_back(format.substr(i, j + 1 - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split_forms(const std::string& text) {
  std::vector<std::string> forms;
  size_t start = 0;
  for (size_t bar; (bar = text.find('|', start)) != std::string::npos; start = bar + 1)
    forms.push_back(text.substr(start, bar - start));
  forms.push_back(text.substr(start));
  return forms;
}

// Ids whose Polish is the English on purpose: names, Keras's own argument names the lab shows as code, and the names
// printed on keys.
const std::set<std::string> kSameInPolish = {"AppTitle",    "TabHopfield", "TabCnn",    "HopPresetThree",
                                             "HopCapAxisX", "CnnSummary",  "CnnBatchSize", "CnnEpochs",
                                             "CnnValidationSplit", "KeyPanels", "KeyUndo", "KeyPages"};

TEST(Strings, EveryIdHasPolish) {
  for (Str id : all_ids())
    EXPECT_NE(catalogue_text(Language::Polish, id), nullptr) << string_id_name(id) << " has no Polish text";
}

TEST(Strings, PolishCatalogueNamesEachIdOnce) {
  std::set<int> seen;
  for (size_t i = 0; i < kPolishCount; ++i)
    EXPECT_TRUE(seen.insert(static_cast<int>(kPolish[i].id)).second) << string_id_name(kPolish[i].id) << " twice";
}

TEST(Strings, PrintfArgumentsAgree) {
  for (Str id : all_ids()) {
    const char* pl = catalogue_text(Language::Polish, id);
    if (!pl) continue;
    const std::string en = catalogue_text(Language::English, id);
    if (!is_plural(id)) {
      EXPECT_EQ(conversions(pl), conversions(en)) << string_id_name(id);
      continue;
    }
    const auto en_forms = split_forms(en), pl_forms = split_forms(pl);
    ASSERT_EQ(en_forms.size(), 2u) << string_id_name(id) << ": English has one|other";
    ASSERT_EQ(pl_forms.size(), 3u) << string_id_name(id) << ": Polish has one|few|many";
    for (const std::string& form : pl_forms) EXPECT_EQ(conversions(form), conversions(en_forms[0])) << form;
    EXPECT_EQ(conversions(en_forms[1]), conversions(en_forms[0])) << string_id_name(id);
  }
}

TEST(Strings, PolishIsNotTheEnglish) {
  for (Str id : all_ids()) {
    const char* pl = catalogue_text(Language::Polish, id);
    if (!pl || kSameInPolish.count(string_id_name(id))) continue;
    EXPECT_STRNE(pl, catalogue_text(Language::English, id)) << string_id_name(id) << " is not translated";
  }
  // The allow-list names only ids that exist and are still the same (a stale entry would hide nothing).
  for (Str id : all_ids()) {
    if (kSameInPolish.count(string_id_name(id))) {
      EXPECT_STREQ(catalogue_text(Language::Polish, id), catalogue_text(Language::English, id)) << string_id_name(id);
    }
  }
}

TEST(Strings, PolishPluralForms) {
  EXPECT_EQ(plural_form(Language::Polish, 1), 0);
  EXPECT_EQ(plural_form(Language::Polish, 2), 1);
  EXPECT_EQ(plural_form(Language::Polish, 5), 2);
  EXPECT_EQ(plural_form(Language::Polish, 12), 2);
  EXPECT_EQ(plural_form(Language::Polish, 22), 1);
  EXPECT_EQ(plural_form(Language::Polish, 0), 2);
  EXPECT_EQ(plural_form(Language::Polish, 114), 2);
  EXPECT_EQ(plural_form(Language::English, 1), 0);
  EXPECT_EQ(plural_form(Language::English, 2), 1);

  set_language(Language::Polish);
  auto loaded = [](long n) {
    char buf[256];
    std::snprintf(buf, sizeof buf, trn(Str::HopFileLoaded, n), static_cast<int>(n), "a.txt");
    return std::string(buf);
  };
  EXPECT_NE(loaded(1).find("1 wzorzec "), std::string::npos) << loaded(1);
  EXPECT_NE(loaded(2).find("2 wzorce "), std::string::npos) << loaded(2);
  EXPECT_NE(loaded(5).find("5 wzorców "), std::string::npos) << loaded(5);
  EXPECT_NE(loaded(12).find("12 wzorców "), std::string::npos) << loaded(12);
  EXPECT_NE(loaded(22).find("22 wzorce "), std::string::npos) << loaded(22);
  set_language(Language::English);
  EXPECT_NE(loaded(1).find("1 pattern "), std::string::npos) << loaded(1);
  EXPECT_NE(loaded(22).find("22 patterns "), std::string::npos) << loaded(22);
}

TEST(Strings, WidgetIdsDoNotChangeWithTheLanguage) {
  for (Str id : all_ids()) {
    set_language(Language::English);
    const std::string en = label(id);
    set_language(Language::Polish);
    const std::string pl = label(id);
    // ImGui hashes only what follows "###": the same in both languages, and nothing else in the text adds one.
    ASSERT_NE(en.find("###"), std::string::npos);
    EXPECT_EQ(en.substr(en.find("###")), pl.substr(pl.find("###"))) << string_id_name(id);
    EXPECT_EQ(en.find("###"), en.rfind("###")) << string_id_name(id);
    EXPECT_EQ(pl.find("###"), pl.rfind("###")) << string_id_name(id);
  }
  set_language(Language::English);
}

TEST(Strings, LanguageTags) {
  EXPECT_EQ(language_from_tag("pl"), Language::Polish);
  EXPECT_EQ(language_from_tag("pl-PL"), Language::Polish);
  EXPECT_EQ(language_from_tag("pl_PL.UTF-8"), Language::Polish);
  EXPECT_EQ(language_from_tag("PL"), Language::Polish);
  EXPECT_EQ(language_from_tag("en-GB"), Language::English);
  EXPECT_EQ(language_from_tag("de-DE"), std::nullopt);
  EXPECT_EQ(language_from_tag("C"), std::nullopt);
  EXPECT_EQ(language_from_tag(""), std::nullopt);
  EXPECT_STREQ(language_code(Language::Polish), "pl");
}

// UTF-8 to code points; malformed bytes fail the test.
std::vector<unsigned> code_points(const std::string& s) {
  std::vector<unsigned> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) {
      ADD_FAILURE() << "bad UTF-8 in: " << s;
      return out;
    }
    unsigned cp = extra == 0 ? c : c & (0x3Fu >> extra);
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(extra) + 1;
  }
  return out;
}

TEST(Strings, EveryCharacterIsInTheFontAndTheAtlas) {
  std::string ttf = test::read_app_font();
  ASSERT_FALSE(ttf.empty()) << HEBBLAB_UI_FONT;
  static const ImWchar ranges[] = {
#include "app/glyph_ranges.inc"
      0};
  ImFontAtlas atlas;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  ImFont* font = atlas.AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), 16.0f, &config, ranges);
  ASSERT_NE(font, nullptr);
  ASSERT_TRUE(atlas.Build());

  std::vector<std::pair<std::string, std::string>> texts;  // (what, text)
  for (Str id : all_ids())
    for (Language l : kLanguages)
      if (const char* t = catalogue_text(l, id)) texts.emplace_back(string_id_name(id), t);
  for (size_t i = 0; i < lesson_step_count(); ++i)
    texts.emplace_back(std::string("formula of ") + lesson_steps()[i].id, lesson_steps()[i].formula);
  std::set<unsigned> missing;
  for (const auto& [what, text] : texts)
    for (unsigned cp : code_points(text))
      if (cp != '\n' && !font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) && missing.insert(cp).second)
        ADD_FAILURE() << what << ": U+" << std::hex << cp << " is not in the font's atlas";
}

TEST(Lessons, StepsHaveLinksOfTheirOwn) {
  std::set<std::string> ids;
  for (size_t i = 0; i < lesson_step_count(); ++i) {
    const std::string id = lesson_steps()[i].id;
    EXPECT_TRUE(ids.insert(id).second) << id;
    EXPECT_EQ(lesson_step_index("lesson/" + id), static_cast<int>(i));
  }
  EXPECT_EQ(lesson_step_index("lesson/"), -1);
  EXPECT_EQ(lesson_step_index("energy"), -1);
  EXPECT_EQ(lesson_step_index("lesson/no-such-step"), -1);
}

}  // namespace
}  // namespace hebblab
