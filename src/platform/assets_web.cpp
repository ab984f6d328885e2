// Browser assets: fetched from the site's assets/ folder on first request by web/assets.js (shared with the job
// worker), which reads assets/index.json to find each name's file and unpacks gzipped ones. Arrivals queue up in
// JavaScript with the purpose they were asked for, and the app takes them one a frame.
#include <emscripten.h>

#include "platform/platform.h"

namespace hebblab {
namespace {

EM_JS(void, js_assets_request, (const char* name_ptr, const char* purpose_ptr), {
  const name = UTF8ToString(name_ptr), purpose = UTF8ToString(purpose_ptr);
  const queue = Module.hebblabAssets || (Module.hebblabAssets = []);
  hebblabFetchAsset(name).then(
      (bytes) => queue.push({purpose, name, bytes, error: ""}),
      (e) => queue.push({purpose, name, bytes: new Uint8Array(0), error: String(e && e.message ? e.message : e)}));
});

// The oldest arrival's byte lengths (purpose, name, error as UTF-8; the data). 0 when none arrived.
EM_JS(int, js_assets_peek, (int* lengths), {
  const queue = Module.hebblabAssets;
  if (!queue || queue.length === 0) return 0;
  const a = queue[0];
  HEAP32[lengths >> 2] = lengthBytesUTF8(a.purpose);
  HEAP32[(lengths >> 2) + 1] = lengthBytesUTF8(a.name);
  HEAP32[(lengths >> 2) + 2] = lengthBytesUTF8(a.error);
  HEAP32[(lengths >> 2) + 3] = a.bytes.length;
  return 1;
});

// Copies the oldest arrival into the buffers the caller sized (texts with their terminating 0) and drops it.
EM_JS(void, js_assets_take, (char* purpose, char* name, char* error, const int* lengths, uint8_t* bytes), {
  const a = Module.hebblabAssets.shift();
  stringToUTF8(a.purpose, purpose, HEAP32[lengths >> 2] + 1);
  stringToUTF8(a.name, name, HEAP32[(lengths >> 2) + 1] + 1);
  stringToUTF8(a.error, error, HEAP32[(lengths >> 2) + 2] + 1);
  HEAPU8.set(a.bytes, bytes);
});

class WebAssets final : public AssetLoader {
 public:
  void request(const std::string& name, const std::string& purpose) override {
    js_assets_request(name.c_str(), purpose.c_str());
  }
  std::optional<Loaded> take_loaded() override {
    int lengths[4] = {};
    if (!js_assets_peek(lengths)) return std::nullopt;
    Loaded l;
    std::string* texts[3] = {&l.purpose, &l.name, &l.error};
    for (int i = 0; i < 3; ++i) texts[i]->resize(size_t(lengths[i]) + 1);
    l.bytes.resize(size_t(lengths[3]));
    js_assets_take(l.purpose.data(), l.name.data(), l.error.data(), lengths, l.bytes.data());
    for (int i = 0; i < 3; ++i) texts[i]->resize(size_t(lengths[i]));
    return l;
  }
};

}  // namespace

std::unique_ptr<AssetLoader> make_asset_loader() { return std::make_unique<WebAssets>(); }

}  // namespace hebblab
