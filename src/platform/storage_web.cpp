// Browser storage: settings in localStorage (a full quota is reported, and the previous copy stays), the font from
// the preloaded virtual file system, and a display scale of 1 (the canvas already follows devicePixelRatio).
#include <emscripten.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "platform/platform.h"

namespace hebblab {
namespace {

EM_JS(char*, js_storage_get, (const char* key), {
  let v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { return 0; }
  if (v === null) return 0;
  const n = lengthBytesUTF8(v) + 1;
  const p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

// Returns 0 on success, else a malloc'ed message.
EM_JS(char*, js_storage_set, (const char* key, const char* value), {
  try {
    window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
    return 0;
  } catch (e) {
    const m = (e && e.name === 'QuotaExceededError') ? 'the browser storage quota is full' : String(e);
    const n = lengthBytesUTF8(m) + 1;
    const p = _malloc(n);
    stringToUTF8(m, p, n);
    return p;
  }
});

constexpr const char* kSettingsKey = "hebblab.settings";

class LocalStorageSettings final : public SettingsStore {
 public:
  std::optional<std::string> load() override {
    char* v = js_storage_get(kSettingsKey);
    if (!v) return std::nullopt;
    std::string s(v);
    std::free(v);
    return s;
  }
  bool save(const std::string& text, std::string* error) override {
    char* message = js_storage_set(kSettingsKey, text.c_str());
    if (!message) return true;
    if (error) *error = message;
    std::free(message);
    return false;
  }
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(const std::string&) {
  return std::make_unique<LocalStorageSettings>();
}

std::string load_font_bytes() {
  std::ifstream in("/assets/DejaVuSans.ttf", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

float display_ui_scale() { return 1.0f; }

}  // namespace hebblab
