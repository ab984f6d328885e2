// Browser storage: settings in localStorage (a full quota is reported, and the previous copy stays), model slots in
// IndexedDB (each request one transaction, so a failed save keeps the slot's previous copy), the font from the
// preloaded virtual file system, and a display scale of 1 (the canvas already follows devicePixelRatio).
#include <emscripten.h>

#include <algorithm>
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

// Model slots: the object store "models" of the database "hebblab", name -> ArrayBuffer. Each request's result
// (kind 0 list, 1 saved, 2 loaded, 3 removed) queues up in Module.hebblabSlots until the app takes it.
EM_JS(void, js_slots_request, (int kind, const char* name_ptr, const uint8_t* data, int size), {
  const slots = Module.hebblabSlots || (Module.hebblabSlots = {results: [], db: null});
  const name = UTF8ToString(name_ptr);
  const bytes = kind === 1 ? HEAPU8.slice(data, data + size).buffer : null;
  const done = (r) => slots.results.push(Object.assign({kind: kind, name: name, names: [], bytes: null, error: ""}, r));
  const fail = (e) => done({error: (e && e.name === "QuotaExceededError") ? "the browser storage quota is full"
                                                                        : String(e && e.message ? e.message : e)});
  if (!slots.db) {
    slots.db = new Promise((resolve, reject) => {
      const open = indexedDB.open("hebblab", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("models");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    slots.db.catch(() => { slots.db = null; });
  }
  slots.db.then((db) => {
    const tx = db.transaction("models", kind === 0 || kind === 2 ? "readonly" : "readwrite");
    const store = tx.objectStore("models");
    let request;
    if (kind === 0) request = store.getAllKeys();
    else if (kind === 1) request = store.put(bytes, name);
    else if (kind === 2) request = store.get(name);
    else request = store.delete(name);
    tx.oncomplete = () => {
      if (kind === 0) done({names: request.result.map(String).sort()});
      else if (kind === 2 && !(request.result instanceof ArrayBuffer)) done({error: "no slot '" + name + "'"});
      else if (kind === 2) done({bytes: new Uint8Array(request.result)});
      else done({});
    };
    // A failed request aborts the whole transaction, so a save (one put) that fails, for a full quota too, leaves the
    // slot's previous copy; onabort reports it once (onerror would report a failed request a second time).
    tx.onabort = () => fail(tx.error);
  }, fail);
});

// The oldest result: kind, and byte lengths of name, error, the names joined by newlines, and the bytes. 0: none.
EM_JS(int, js_slots_peek, (int* fields), {
  const slots = Module.hebblabSlots;
  if (!slots || slots.results.length === 0) return 0;
  const r = slots.results[0];
  r.joined = r.names.join("\n");
  HEAP32[fields >> 2] = r.kind;
  HEAP32[(fields >> 2) + 1] = lengthBytesUTF8(r.name);
  HEAP32[(fields >> 2) + 2] = lengthBytesUTF8(r.error);
  HEAP32[(fields >> 2) + 3] = lengthBytesUTF8(r.joined);
  HEAP32[(fields >> 2) + 4] = r.bytes ? r.bytes.length : 0;
  return 1;
});

EM_JS(void, js_slots_take, (char* name, char* error, char* names, uint8_t* bytes, const int* fields), {
  const r = Module.hebblabSlots.results.shift();
  stringToUTF8(r.name, name, HEAP32[(fields >> 2) + 1] + 1);
  stringToUTF8(r.error, error, HEAP32[(fields >> 2) + 2] + 1);
  stringToUTF8(r.joined, names, HEAP32[(fields >> 2) + 3] + 1);
  if (r.bytes) HEAPU8.set(r.bytes, bytes);
});

class IndexedDbSlots final : public ModelSlots {
 public:
  void list() override { js_slots_request(0, "", nullptr, 0); }
  void save(const std::string& name, const Bytes& bytes) override {
    js_slots_request(1, name.c_str(), bytes.data(), int(bytes.size()));
  }
  void load(const std::string& name) override { js_slots_request(2, name.c_str(), nullptr, 0); }
  void remove(const std::string& name) override { js_slots_request(3, name.c_str(), nullptr, 0); }
  std::optional<Result> take() override {
    int f[5] = {};
    if (!js_slots_peek(f)) return std::nullopt;
    Result r;
    r.kind = Result::Kind(f[0]);
    std::string joined;
    r.name.resize(size_t(f[1]) + 1);
    r.error.resize(size_t(f[2]) + 1);
    joined.resize(size_t(f[3]) + 1);
    r.bytes.resize(size_t(f[4]));
    js_slots_take(r.name.data(), r.error.data(), joined.data(), r.bytes.data(), f);
    r.name.resize(size_t(f[1]));
    r.error.resize(size_t(f[2]));
    joined.resize(size_t(f[3]));
    for (size_t at = 0; at < joined.size();) {
      const size_t end = std::min(joined.find('\n', at), joined.size());
      r.names.push_back(joined.substr(at, end - at));
      at = end + 1;
    }
    return r;
  }
};

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

std::unique_ptr<ModelSlots> make_model_slots(const std::string&) { return std::make_unique<IndexedDbSlots>(); }

std::string load_font_bytes() {
  std::ifstream in("/assets/DejaVuSans.ttf", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

float display_ui_scale() { return 1.0f; }

}  // namespace hebblab
