// Platform services behind the app's host interfaces, one implementation per target (*_native.cpp, *_web.cpp).
#pragma once
#include <memory>
#include <string>

#include "app/host.h"

namespace hebblab {

std::unique_ptr<Shell> make_shell();
std::unique_ptr<JobRunner> make_job_runner();
std::unique_ptr<SettingsStore> make_settings_store(const std::string& path);
std::unique_ptr<FileExchange> make_file_exchange();
std::unique_ptr<AssetLoader> make_asset_loader();
// Model slots beside the settings (the desktop: models/ in the settings file's folder; the browser: IndexedDB).
std::unique_ptr<ModelSlots> make_model_slots(const std::string& settings_path);
// The UI font's bytes (DejaVu Sans); empty if it cannot be found.
std::string load_font_bytes();
// How much larger than 96 DPI the desktop display is (1 in the browser, where the framebuffer already follows
// devicePixelRatio).
float display_ui_scale();

}  // namespace hebblab
