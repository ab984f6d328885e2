// Desktop storage: the settings file (written atomically, see files_native.h, so a crash never leaves half a
// file), and the display scale.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

#include "platform/files_native.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

constexpr long kMaxSettingsBytes = 16L * 1024 * 1024;

std::string default_settings_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::string dir = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.config";
  return dir + "/hebblab/settings.txt";
}

void make_parent_dirs(const std::string& path) {
  for (size_t i = 1; i < path.size(); ++i)
    if (path[i] == '/') mkdir(path.substr(0, i).c_str(), 0755);
}

class FileSettingsStore final : public SettingsStore {
 public:
  explicit FileSettingsStore(std::string path) : path_(path.empty() ? default_settings_path() : std::move(path)) {}

  std::optional<std::string> load() override {
    Bytes bytes;
    std::string error;
    // A missing file is a first start (the defaults); so is an unreadable one, which the next save replaces.
    if (read_file(path_, kMaxSettingsBytes, &bytes, &error)) return std::string(as_text(bytes));
    return std::nullopt;
  }

  bool save(const std::string& text, std::string* error) override {
    make_parent_dirs(path_);
    std::string reason;
    if (write_file_atomically(path_, to_bytes(text), &reason)) return true;
    if (error) *error = path_ + ": " + reason;
    return false;
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(const std::string& path) {
  return std::make_unique<FileSettingsStore>(path);
}

float display_ui_scale() {
  float dpi = 0;
  if (SDL_GetDisplayDPI(0, &dpi, nullptr, nullptr) != 0 || dpi <= 0) return 1.0f;
  const float scale = dpi / 96.0f;
  return scale < 1.0f ? 1.0f : scale;
}

}  // namespace hebblab
