// The string table's lookups (see strings.h): the English column, the catalogues indexed by id, widget labels with
// language-independent ids, and plural forms.
#include "app/strings.h"

#include <array>
#include <string>
#include <vector>

namespace hebblab {
namespace {

constexpr size_t kCount = static_cast<size_t>(Str::Count);
constexpr size_t kLanguageCount = sizeof(kLanguages) / sizeof(kLanguages[0]);

const char* const kEnglish[] = {
#define HEBBLAB_STRING_EN(id, en) en,
    HEBBLAB_STRINGS(HEBBLAB_STRING_EN)
#undef HEBBLAB_STRING_EN
};
static_assert(sizeof(kEnglish) / sizeof(kEnglish[0]) == kCount);

const char* const kIdNames[] = {
#define HEBBLAB_STRING_NAME(id, en) #id,
    HEBBLAB_STRINGS(HEBBLAB_STRING_NAME)
#undef HEBBLAB_STRING_NAME
};

// Strings with plural forms, read with trn().
constexpr Str kPlurals[] = {Str::HopFileLoaded, Str::HopEnergyNow, Str::HopInspectorMore, Str::CnnCellImages,
                             Str::ConvClipped, Str::CnnSpeed};

// One language's texts by id: the catalogue's text (English where it lacks one, so the UI never shows nothing), the
// widget labels, and the plural strings' forms split at '|' (every other string is its one form).
struct Table {
  std::array<const char*, kCount> text{};
  std::array<const char*, kCount> catalogue{};
  std::array<std::string, kCount> labels;
  std::array<std::vector<std::string>, kCount> forms;
};

Table build(Language language) {
  Table t;
  for (size_t i = 0; i < kCount; ++i) t.text[i] = kEnglish[i];
  if (language == Language::English) {
    t.catalogue = t.text;
  } else {
    for (size_t i = 0; i < kPolishCount; ++i) {
      const auto id = static_cast<size_t>(kPolish[i].id);
      t.catalogue[id] = t.text[id] = kPolish[i].text;
    }
  }
  for (size_t i = 0; i < kCount; ++i) {
    t.labels[i] = std::string(t.text[i]) + "###" + kIdNames[i];
    std::string_view all = t.text[i];
    if (!is_plural(static_cast<Str>(i))) {  // a '|' elsewhere is the text's own ("-2|h_i|")
      t.forms[i].emplace_back(all);
      continue;
    }
    for (size_t start = 0;;) {
      const size_t bar = all.find('|', start);
      t.forms[i].emplace_back(all.substr(start, bar == std::string_view::npos ? all.npos : bar - start));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
  }
  return t;
}

const std::array<Table, kLanguageCount>& tables() {
  static const std::array<Table, kLanguageCount> t = {build(Language::English), build(Language::Polish)};
  return t;
}

Language g_language = Language::English;

const Table& current() { return tables()[static_cast<size_t>(g_language)]; }

}  // namespace

void set_language(Language language) { g_language = language; }
Language language() { return g_language; }

const char* language_code(Language language) { return language == Language::Polish ? "pl" : "en"; }

std::optional<Language> language_from_tag(std::string_view tag) {
  const std::string_view primary = tag.substr(0, tag.find_first_of("-_.@"));
  if (primary.size() != 2) return std::nullopt;
  const auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  const std::string code = {lower(primary[0]), lower(primary[1])};
  if (code == "pl") return Language::Polish;
  if (code == "en") return Language::English;
  return std::nullopt;
}

const char* tr(Str id) { return current().text[static_cast<size_t>(id)]; }

const char* label(Str id) { return current().labels[static_cast<size_t>(id)].c_str(); }

int plural_form(Language language, long n) {
  if (n < 0) n = -n;
  if (language == Language::English) return n == 1 ? 0 : 1;
  if (n == 1) return 0;
  const long tens = n % 100, units = n % 10;
  return (units >= 2 && units <= 4 && !(tens >= 12 && tens <= 14)) ? 1 : 2;
}

const char* trn(Str id, long n) {
  const auto& forms = current().forms[static_cast<size_t>(id)];
  const size_t form = static_cast<size_t>(plural_form(g_language, n));
  return forms[form < forms.size() ? form : forms.size() - 1].c_str();
}

const char* string_id_name(Str id) { return kIdNames[static_cast<size_t>(id)]; }

const char* catalogue_text(Language language, Str id) {
  return tables()[static_cast<size_t>(language)].catalogue[static_cast<size_t>(id)];
}

bool is_plural(Str id) {
  for (Str p : kPlurals)
    if (p == id) return true;
  return false;
}

}  // namespace hebblab
