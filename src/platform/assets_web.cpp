// Browser assets: fetched from the site's assets/ folder on first request. assets/index.json (written by the
// build) maps each name to the file that holds it, a ".gz" copy for data that compresses well (MNIST), which the
// browser's DecompressionStream unpacks on arrival.
#include <emscripten.h>

#include <cstdlib>
#include <deque>

#include "platform/platform.h"

namespace hebblab {
namespace {

EM_JS(void, js_assets_request, (const char* name_ptr), {
  const name = UTF8ToString(name_ptr);
  const queue = Module.hebblabAssets || (Module.hebblabAssets = []);
  const index = Module.hebblabAssetIndex ||
                (Module.hebblabAssetIndex = fetch("assets/index.json").then((r) => r.json()));
  index
      .then(async (files) => {
        const file = files[name];
        if (!file) throw new Error(name + " is not part of this site");
        const response = await fetch("assets/" + file);
        if (!response.ok) throw new Error("assets/" + file + ": HTTP " + response.status);
        let body = response.body;
        if (file.endsWith(".gz")) body = body.pipeThrough(new DecompressionStream("gzip"));
        queue.push({name: name, bytes: new Uint8Array(await new Response(body).arrayBuffer()), error: ""});
      })
      .catch((e) => queue.push({name: name, bytes: new Uint8Array(0), error: String(e && e.message ? e.message : e)}));
});

// Moves the oldest arrival into malloc'ed buffers: *name, *bytes (with *size), *error. Returns 0 when none arrived.
EM_JS(int, js_assets_take, (char** name_out, char** bytes_out, int* size_out, char** error_out), {
  const queue = Module.hebblabAssets;
  if (!queue || queue.length === 0) return 0;
  const a = queue.shift();
  const copy_string = (s) => {
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  };
  const p = _malloc(Math.max(1, a.bytes.length));
  HEAPU8.set(a.bytes, p);
  HEAP32[name_out >> 2] = copy_string(a.name);
  HEAP32[bytes_out >> 2] = p;
  HEAP32[size_out >> 2] = a.bytes.length;
  HEAP32[error_out >> 2] = copy_string(a.error);
  return 1;
});

class WebAssets final : public AssetLoader {
 public:
  void request(const std::string& name) override { js_assets_request(name.c_str()); }
  std::optional<Loaded> take_loaded() override {
    char *name = nullptr, *bytes = nullptr, *error = nullptr;
    int size = 0;
    if (!js_assets_take(&name, &bytes, &size, &error)) return std::nullopt;
    Loaded l{name, std::string(bytes, static_cast<size_t>(size)), error};
    std::free(name);
    std::free(bytes);
    std::free(error);
    return l;
  }
};

}  // namespace

std::unique_ptr<AssetLoader> make_asset_loader() { return std::make_unique<WebAssets>(); }

}  // namespace hebblab
