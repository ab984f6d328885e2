// Desktop assets: the build copies the font, images and MNIST test files into assets/ beside the executable
// (src/platform/CMakeLists.txt); requests are read at once and queued, as the browser's fetches would be.
#include <SDL.h>

#include <cstdio>
#include <deque>

#include "platform/files_native.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

// The largest bundled file is MNIST's training images (47 MB unpacked).
constexpr long kMaxAssetBytes = 64L * 1024 * 1024;

std::string assets_dir() {
  std::string dir = "assets/";
  if (char* base = SDL_GetBasePath()) {
    dir = std::string(base) + "assets/";
    SDL_free(base);
  }
  return dir;
}

class NativeAssets final : public AssetLoader {
 public:
  void request(const std::string& name, const std::string& purpose) override {
    Loaded loaded;
    loaded.purpose = purpose;
    loaded.name = name;
    read_asset(name, &loaded.bytes, &loaded.error);
    queue_.push_back(std::move(loaded));
  }
  std::optional<Loaded> take_loaded() override { return take_front(queue_); }

 private:
  std::deque<Loaded> queue_;
};

}  // namespace

bool read_asset(const std::string& name, Bytes* bytes, std::string* error) {
  return read_file(assets_dir() + name, kMaxAssetBytes, bytes, error) &&
         gunzip_if_gzipped(bytes, kMaxAssetBytes, error);
}

std::unique_ptr<AssetLoader> make_asset_loader() { return std::make_unique<NativeAssets>(); }

std::string load_font_bytes() {
  // Beside the executable first (the build copies the font into assets/), then Debian's package.
  Bytes bytes;
  std::string error;
  for (const std::string& path : {assets_dir() + "DejaVuSans.ttf", std::string("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")})
    if (read_file(path, kMaxAssetBytes, &bytes, &error)) return std::string(as_text(bytes));
  std::fprintf(stderr, "hebblab: %s; using ImGui's ASCII font\n", error.c_str());
  return {};
}

}  // namespace hebblab
