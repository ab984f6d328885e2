// Browser file exchange: saving is a download, opening is the browser's file picker or a file dropped on the page.
// Both arrive asynchronously, so JavaScript queues what it has read (Module.hebblabFiles) and the app takes it on a
// later frame.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "core/limits.h"
#include "platform/platform.h"

namespace hebblab {
namespace {

// Installs the queue and the reader shared by the picker and drag-and-drop, and catches files dropped anywhere on
// the page (the browser would otherwise navigate away to show the file). Files larger than max_bytes
// (limits::kMaxFileBytes) are refused unread, and gzip may not unpack past it: the largest a lab takes is a dataset's
// images (MNIST's 60,000 are 47 MB).
EM_JS(void, js_files_init, (double max_bytes), {
  if (Module.hebblabFiles) return;
  const queue = [];
  Module.hebblabFiles = queue;
  Module.hebblabReadFile = (file, purpose) => {
    const entry = {purpose: purpose, name: file.name, bytes: new Uint8Array(0), error: ""};
    if (file.size > max_bytes) {
      entry.error = file.name + " is larger than HebbLab's limit of " + (max_bytes / (1024 * 1024)) + " MiB";
      queue.push(entry);
      return;
    }
    // Gzipped files (a dataset as it is distributed) are unpacked here, told by their magic number (assets.js).
    file.arrayBuffer().then((buffer) => hebblabUnpack(new Uint8Array(buffer), max_bytes)).then((bytes) => {
      entry.bytes = bytes;
      queue.push(entry);
    }, (e) => {
      entry.error = "cannot read " + file.name + ": " + (e && e.message ? e.message : String(e));
      queue.push(entry);
    });
  };
  const carriesFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files");
  window.addEventListener("dragover", (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  window.addEventListener("drop", (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    for (const file of e.dataTransfer.files) Module.hebblabReadFile(file, "drop");
  });
});

// Returns 0, or a malloc'ed message when the browser refused. The blob URL stays valid for a minute because the
// browser fetches it only after the click has returned; revoking it at once can cancel the download.
EM_JS(char*, js_files_download, (const char* name, const uint8_t* data, int size), {
  try {
    const file = UTF8ToString(name);
    const type = file.endsWith(".txt") ? "text/plain;charset=utf-8" : "application/octet-stream";
    const blob = new Blob([HEAPU8.slice(data, data + size)], {type: type});
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = file;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return 0;
  } catch (e) {
    const m = "the browser refused the download: " + String(e);
    const n = lengthBytesUTF8(m) + 1;
    const p = _malloc(n);
    stringToUTF8(m, p, n);
    return p;
  }
});

EM_JS(void, js_files_pick, (const char* purpose), {
  let input = document.getElementById("hebblab-file-input");
  if (!input) {
    input = document.createElement("input");
    input.type = "file";
    input.id = "hebblab-file-input";
    input.style.display = "none";
    input.addEventListener("change", () => {
      for (const file of input.files) Module.hebblabReadFile(file, input.dataset.purpose);
    });
    document.body.appendChild(input);
  }
  const accepts = {image: "image/png,image/jpeg,.png,.jpg,.jpeg,.pgm", patterns: ".txt,text/plain", model: ".hebbmodel",
                   dataset: ""};
  input.dataset.purpose = UTF8ToString(purpose);
  input.accept = accepts[input.dataset.purpose] || "";
  input.multiple = input.dataset.purpose === "dataset";  // the four IDX files at once
  input.value = "";
  input.click();
});

// The oldest queued file as purpose, name and error (UTF-8) and the file's bytes, back to back in one malloc'ed
// buffer, their byte lengths in lengths[0..3]; 0 when the queue is empty. Lengths rather than separators, so any
// content survives.
EM_JS(char*, js_files_take, (int* lengths), {
  const queue = Module.hebblabFiles;
  if (!queue || queue.length === 0) return 0;
  const e = queue.shift();
  const texts = [e.purpose, e.name, e.error];
  let total = e.bytes.length;
  for (let i = 0; i < 3; ++i) {
    HEAP32[(lengths >> 2) + i] = lengthBytesUTF8(texts[i]);
    total += lengthBytesUTF8(texts[i]);
  }
  HEAP32[(lengths >> 2) + 3] = e.bytes.length;
  const p = _malloc(total + 1);
  let at = p;
  for (let i = 0; i < 3; ++i) {
    stringToUTF8(texts[i], at, lengthBytesUTF8(texts[i]) + 1);
    at += lengthBytesUTF8(texts[i]);
  }
  HEAPU8.set(e.bytes, at);
  return p;
});

class BrowserFileExchange final : public FileExchange {
 public:
  BrowserFileExchange() { js_files_init(double(limits::kMaxFileBytes)); }

  bool uses_paths() const override { return false; }

  bool save(const std::string&, const std::string& suggested_name, const Bytes& bytes, std::string* error) override {
    char* message = js_files_download(suggested_name.c_str(), bytes.data(), int(bytes.size()));
    if (!message) return true;
    if (error) *error = message;
    std::free(message);
    return false;
  }

  void request_open(const std::string&, const std::string& purpose) override { js_files_pick(purpose.c_str()); }

  std::optional<Opened> take_opened() override {
    int lengths[4] = {};
    char* raw = js_files_take(lengths);
    if (!raw) return std::nullopt;
    Opened opened;
    std::string* const fields[3] = {&opened.purpose, &opened.name, &opened.error};
    const char* at = raw;
    for (int i = 0; i < 3; ++i) {
      fields[i]->assign(at, static_cast<size_t>(lengths[i]));
      at += lengths[i];
    }
    opened.bytes.assign(at, at + lengths[3]);
    std::free(raw);
    return opened;
  }
};

}  // namespace

std::unique_ptr<FileExchange> make_file_exchange() { return std::make_unique<BrowserFileExchange>(); }

}  // namespace hebblab
