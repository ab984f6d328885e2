// What the app needs from the platform, as small interfaces: textures (the app never calls GL), background jobs,
// storage for settings, file exchange and bundled assets. src/platform implements them for the desktop and the browser.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/bytes.h"
#include "core/job.h"

namespace hebblab {

// How the colormap shader colours values: Diverging maps [-scale, scale] through the core's diverging table;
// Gray maps [0, scale] from black to white (images, where 1 is full intensity).
enum class ColorMap { Diverging, Gray };

// Value textures: floats drawn through a colour map by the colormap shader (shaders/colormap.*). The values are
// uploaded once; the map and scale are uniforms, so changing them uploads nothing.
class TextureHost {
 public:
  virtual ~TextureHost() = default;
  virtual ImTextureID create_value_texture(int width, int height) = 0;
  // values: (height, width) row-major, top row first.
  virtual void update_value_texture(ImTextureID texture, int width, int height, const float* values) = 0;
  virtual void destroy_texture(ImTextureID texture) = 0;
  // Add the texture to a draw list between min and max, coloured by the map on its scale.
  virtual void draw_colormapped(ImDrawList* list, ImTextureID texture, ImVec2 min, ImVec2 max, float scale,
                                ColorMap map = ColorMap::Diverging) = 0;
  // Value uploads so far (the test hook reports it, so tests can tell a re-upload from a redraw).
  virtual int value_uploads() const = 0;
};

// What a lab asks a JobRunner to run: a core Job kind with its text configuration, bytes handed to it (a model to go
// on training, a student's dataset; moved, not copied) and site assets the runner fetches itself, so that a 47 MB
// training set never passes through the page's memory (file key -> asset name, as AssetLoader names them).
struct JobRequest {
  std::string kind, config;
  JobFiles files;
  std::map<std::string, std::string> assets;
  int threads = 1;  // the threads the job trains on (its config says so too): the browser's runner then needs pthreads
};

struct JobEvent {
  enum class Type { Progress, Done, Cancelled, Error };
  int id = 0;
  Type type = Type::Progress;
  double progress = 0;  // 0..1
  std::string text;     // the job's result text so far (Error: the message)
  // Job::take_payload()'s bytes (the train job: the model file, weights only while training, whole when done): sent
  // with Done, and with a Progress event at most every kPayloadIntervalMs while the job runs; empty when unchanged.
  Bytes payload;
};

// Runs core Jobs (src/core/job.h) away from the UI thread: a std::thread natively, a Web Worker in the browser. Each
// lab has its own lane (a thread, a worker), so one lab's job never stops another's. In a lane, a new job replaces
// the running one, which reports Cancelled (the same on both targets). Events are routed back by job id.
class JobRunner {
 public:
  static constexpr int kPayloadIntervalMs = 250;
  static constexpr int kEventIntervalMs = 16;  // progress events: at most one a frame; the job steps in between
  virtual ~JobRunner() = default;
  // Returns the job id (ids are unique across lanes). A job that cannot be made reports Error.
  virtual int start(const std::string& lane, JobRequest request) = 0;
  virtual void cancel(int id) = 0;
  // A paused job keeps its state and takes no steps until resumed.
  virtual void set_paused(int id, bool paused) = 0;
  // Events of every lane since the last call, oldest first.
  virtual std::vector<JobEvent> poll() = 0;
  // How many threads a training job can use here: the machine's cores, and at most how many of them a job may take
  // (fewer in a browser that gives the page no SharedArrayBuffer: it is not cross-origin isolated).
  struct Threads {
    int cores = 1, max = 1;
  };
  virtual Threads threads() const = 0;
};

// Where the settings text lives (a file written atomically natively, localStorage in the browser).
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual std::optional<std::string> load() = 0;
  // False with a message (for example a full storage quota); the previous copy is then still intact.
  virtual bool save(const std::string& text, std::string* error) = 0;
};

// Exchanging text files with the user: in the browser a download and a file picker (or a dropped file), on the
// desktop files at paths the user types (or drops on the window).
class FileExchange {
 public:
  virtual ~FileExchange() = default;
  // True on the desktop: the app shows a path field and passes the path; the browser ignores `path` and asks.
  virtual bool uses_paths() const = 0;
  // Offer bytes as a file (a download in the browser; written atomically to `path` on the desktop).
  virtual bool save(const std::string& path, const std::string& suggested_name, const Bytes& bytes,
                    std::string* error) = 0;
  // Ask for a file to open (`purpose` is echoed back); the result arrives later through take_opened(), so the
  // browser's asynchronous picker and the desktop's immediate read look the same to the app.
  virtual void request_open(const std::string& path, const std::string& purpose) = 0;
  struct Opened {
    std::string purpose, name;
    Bytes bytes;        // the file's content (UTF-8 text for pattern files)
    std::string error;  // non-empty: the file could not be read
  };
  virtual std::optional<Opened> take_opened() = 0;
};

// Data shipped with HebbLab that a lab loads when it first needs it, by name relative to the assets folder
// ("images/camera.png", "mnist/t10k-images-idx3-ubyte"): the browser fetches it from the site (a ".gz" copy where
// one exists, decompressed on arrival), the desktop reads it beside the executable. Bytes arrive through take_loaded()
// with the purpose they were asked for (the lab that asked), so each lab gets its own copy.
class AssetLoader {
 public:
  virtual ~AssetLoader() = default;
  virtual void request(const std::string& name, const std::string& purpose) = 0;
  struct Loaded {
    std::string purpose, name;
    Bytes bytes;
    std::string error;  // non-empty: not available
  };
  virtual std::optional<Loaded> take_loaded() = 0;
};

// Named model slots that survive restarts: IndexedDB in the browser, files written atomically on the desktop
// (models/ beside the settings file). Asynchronous like the browser's database: each call's result arrives through
// take(), in order.
class ModelSlots {
 public:
  static constexpr size_t kMaxNameLength = 64;
  virtual ~ModelSlots() = default;
  virtual void list() = 0;
  virtual void save(const std::string& name, const Bytes& bytes) = 0;
  virtual void load(const std::string& name) = 0;
  virtual void remove(const std::string& name) = 0;
  struct Result {
    enum class Kind { List, Saved, Loaded, Removed };
    Kind kind = Kind::List;
    std::string name;                // Saved, Loaded, Removed
    std::vector<std::string> names;  // List: every slot, sorted
    Bytes bytes;                     // Loaded
    std::string error;               // non-empty: it failed (a full quota, a missing slot)
  };
  virtual std::optional<Result> take() = 0;
};

// A slot name is 1 to 64 letters, digits, spaces, '-', '_' or '.', not starting with '.': safe as a file name.
inline bool valid_slot_name(const std::string& name) {
  if (name.empty() || name.size() > ModelSlots::kMaxNameLength || name[0] == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' ||
          c == '_' || c == '.'))
      return false;
  return true;
}

// The shell around the app: the language the user's system prefers, the page's language, the location fragment that
// links to a lesson step, and the installed site (the browser's service worker; the desktop has none).
class Shell {
 public:
  // Whether the site works offline from here.
  enum class Offline {
    NotApplicable,  // the desktop app: nothing to install
    Unsupported,    // this browser has no service worker
    InsecureOrigin, // plain HTTP on an address other than localhost: browsers allow no service worker there
    Installing,     // the first visit is saving the site for offline use
    Ready,          // everything needed offline is cached
    Failed,         // saving for offline use failed (the message says why)
  };
  virtual ~Shell() = default;
  // The system's or browser's preferred language tags, most preferred first ("pl-PL", "en-US").
  virtual std::vector<std::string> preferred_languages() = 0;
  // The language the UI shows ("en", "pl"): the page's lang attribute follows it.
  virtual void set_document_language(const std::string& code) = 0;
  // The location fragment without '#' ("" when none), and setting it (the desktop keeps it in memory).
  virtual std::string fragment() = 0;
  virtual void set_fragment(const std::string& fragment) = 0;
  virtual Offline offline(std::string* message) = 0;
  // A new version of the site is installed and waits; apply_update() activates it and reloads the page.
  virtual bool update_ready() = 0;
  virtual void apply_update() = 0;
  // Say a short text to screen-reader users (the page's aria-live region; nothing on the desktop).
  virtual void announce(const std::string& text) = 0;
  // Whether the main pointer is a finger (a phone or tablet): controls then get 44 px touch targets.
  virtual bool coarse_pointer() = 0;
};

struct Host {
  Shell* shell = nullptr;
  TextureHost* textures = nullptr;
  JobRunner* jobs = nullptr;
  SettingsStore* settings = nullptr;
  FileExchange* files = nullptr;
  AssetLoader* assets = nullptr;
  ModelSlots* slots = nullptr;
};

}  // namespace hebblab
