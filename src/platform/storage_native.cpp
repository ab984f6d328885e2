// Desktop storage: the settings file and the model slots (files written atomically, see files_native.h, so a crash
// never leaves half a file), and the display scale.
#include <SDL.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <sys/stat.h>

#include "platform/files_native.h"
#include "core/limits.h"
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

// Slots as NAME.hebbmodel files in models/ beside the settings file; results are queued at once, as the browser's
// database would deliver them later.
class FileModelSlots final : public ModelSlots {
 public:
  static constexpr long kMaxModelBytes = long(limits::kMaxFileBytes);
  static constexpr const char* kExtension = ".hebbmodel";
  explicit FileModelSlots(const std::string& settings_path)
      : dir_(std::filesystem::path(settings_path.empty() ? default_settings_path() : settings_path).parent_path() /
             "models") {}

  void list() override {
    Result r;
    r.kind = Result::Kind::List;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string file = entry.path().filename().string();
      const size_t n = file.size(), e = std::char_traits<char>::length(kExtension);
      if (n > e && file.compare(n - e, e, kExtension) == 0 && valid_slot_name(file.substr(0, n - e)))
        r.names.push_back(file.substr(0, n - e));
    }
    std::sort(r.names.begin(), r.names.end());
    results_.push_back(std::move(r));
  }
  void save(const std::string& name, const Bytes& bytes) override {
    Result r{Result::Kind::Saved, name, {}, {}, ""};
    std::string reason;
    if (!valid_slot_name(name)) {
      r.error = "'" + name + "' is not a usable name";
    } else {
      make_parent_dirs(path(name));
      if (!write_file_atomically(path(name), bytes, &reason)) r.error = path(name) + ": " + reason;
    }
    results_.push_back(std::move(r));
  }
  void load(const std::string& name) override {
    Result r{Result::Kind::Loaded, name, {}, {}, ""};
    if (!valid_slot_name(name)) r.error = "'" + name + "' is not a usable name";
    else read_file(path(name), kMaxModelBytes, &r.bytes, &r.error);
    results_.push_back(std::move(r));
  }
  void remove(const std::string& name) override {
    Result r{Result::Kind::Removed, name, {}, {}, ""};
    std::error_code ec;
    if (!valid_slot_name(name) || !std::filesystem::remove(path(name), ec)) r.error = "no slot '" + name + "'";
    results_.push_back(std::move(r));
  }
  std::optional<Result> take() override { return take_front(results_); }

 private:
  std::string path(const std::string& name) const { return (dir_ / (name + kExtension)).string(); }
  std::filesystem::path dir_;
  std::deque<Result> results_;
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(const std::string& path) {
  return std::make_unique<FileSettingsStore>(path);
}

std::unique_ptr<ModelSlots> make_model_slots(const std::string& settings_path) {
  return std::make_unique<FileModelSlots>(settings_path);
}

float display_ui_scale() {
  float dpi = 0;
  if (SDL_GetDisplayDPI(0, &dpi, nullptr, nullptr) != 0 || dpi <= 0) return 1.0f;
  const float scale = dpi / 96.0f;
  return scale < 1.0f ? 1.0f : scale;
}

}  // namespace hebblab
