// Fakes of the platform's host services for the app tests (ImGui without a renderer): settings in memory, a job
// runner that takes one step per lane on each poll on the calling thread (deterministic, and still exercises lanes,
// start, progress, payloads, pause and cancel), and assets served from memory.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/host.h"
#include "core/job.h"

namespace hebblab::test {

class MemorySettings final : public SettingsStore {
 public:
  std::optional<std::string> load() override { return text; }
  bool save(const std::string& t, std::string* error) override {
    if (full) {
      *error = "quota full";
      return false;
    }
    text = t;
    ++saves;
    return true;
  }
  std::optional<std::string> text;
  bool full = false;
  int saves = 0;
};

// Assets from memory: `files` by name; a name it lacks arrives with an error, as a failed fetch would.
class MemoryAssets final : public AssetLoader {
 public:
  void request(const std::string& name, const std::string& purpose) override {
    auto it = files.find(name);
    queue.push_back(it == files.end() ? Loaded{purpose, name, {}, name + ": not found"}
                                      : Loaded{purpose, name, it->second, ""});
  }
  std::optional<Loaded> take_loaded() override {
    if (queue.empty()) return std::nullopt;
    Loaded l = std::move(queue.front());
    queue.pop_front();
    return l;
  }
  std::map<std::string, Bytes> files;
  std::deque<Loaded> queue;
};

// Files "opened" by the user, handed out in order; saves are kept by name.
class MemoryFiles final : public FileExchange {
 public:
  bool uses_paths() const override { return false; }
  bool save(const std::string&, const std::string& name, const Bytes& bytes, std::string*) override {
    saved[name] = bytes;
    return true;
  }
  void request_open(const std::string&, const std::string&) override {}
  std::optional<Opened> take_opened() override {
    if (opened.empty()) return std::nullopt;
    Opened o = std::move(opened.front());
    opened.pop_front();
    return o;
  }
  std::deque<Opened> opened;
  std::map<std::string, Bytes> saved;
};

// The shell: preferred languages as the test sets them, the page's language and fragment as the app last set them.
class FakeShell final : public Shell {
 public:
  std::vector<std::string> preferred_languages() override { return preferred; }
  void set_document_language(const std::string& code) override { document_language = code; }
  std::string fragment() override { return location_fragment; }
  void set_fragment(const std::string& f) override { location_fragment = f; }
  Offline offline(std::string*) override { return Offline::NotApplicable; }
  bool update_ready() override { return false; }
  void apply_update() override {}
  void announce(const std::string& text) override { announcements.push_back(text); }
  bool coarse_pointer() override { return coarse; }
  std::vector<std::string> announcements;
  bool coarse = false;
  std::vector<std::string> preferred;
  std::string document_language, location_fragment;
};

// Model slots in memory, answered at once.
class MemorySlots final : public ModelSlots {
 public:
  void list() override {
    Result r;
    for (const auto& [name, bytes] : slots) r.names.push_back(name);
    results.push_back(std::move(r));
  }
  void save(const std::string& name, const Bytes& bytes) override {
    slots[name] = bytes;
    results.push_back({Result::Kind::Saved, name, {}, {}, ""});
  }
  void load(const std::string& name) override {
    auto it = slots.find(name);
    results.push_back(it == slots.end() ? Result{Result::Kind::Loaded, name, {}, {}, "no slot '" + name + "'"}
                                        : Result{Result::Kind::Loaded, name, {}, it->second, ""});
  }
  void remove(const std::string& name) override {
    slots.erase(name);
    results.push_back({Result::Kind::Removed, name, {}, {}, ""});
  }
  std::optional<Result> take() override {
    if (results.empty()) return std::nullopt;
    Result r = std::move(results.front());
    results.pop_front();
    return r;
  }
  std::map<std::string, Bytes> slots;
  std::deque<Result> results;
};

class SteppingJobs final : public JobRunner {
 public:
  // Assets a request names come from here (as the worker would fetch them).
  explicit SteppingJobs(const MemoryAssets* assets = nullptr) : assets_(assets) {}

  // What threads() reports (a test sets what a browser without cross-origin isolation would).
  Threads available{2, 2};
  Threads threads() const override { return available; }

  int start(const std::string& lane_name, JobRequest request) override {
    Lane& lane = lanes_[lane_name];
    if (lane.job) events_.push_back({lane.id, JobEvent::Type::Cancelled, lane.job->progress(), lane.job->result(), {}});
    lane = Lane{};
    lane.id = ++last_id_;
    std::string error;
    for (const auto& [key, name] : request.assets) {
      auto it = assets_ ? assets_->files.find(name) : decltype(assets_->files.end()){};
      if (!assets_ || it == assets_->files.end()) {
        events_.push_back({lane.id, JobEvent::Type::Error, 0, name + ": not found", {}});
        return lane.id;
      }
      request.files[key] = it->second;
    }
    lane.job = make_job(request.kind, request.config, std::move(request.files), &error);
    if (!lane.job) events_.push_back({lane.id, JobEvent::Type::Error, 0, error, {}});
    return lane.id;
  }
  void cancel(int id) override {
    for (auto& [name, lane] : lanes_)
      if (lane.id == id && lane.job) lane.cancel = true;
  }
  void set_paused(int id, bool paused) override {
    for (auto& [name, lane] : lanes_)
      if (lane.id == id) lane.paused = paused;
  }
  std::vector<JobEvent> poll() override {
    std::vector<JobEvent> out(std::make_move_iterator(events_.begin()), std::make_move_iterator(events_.end()));
    events_.clear();
    for (auto& [name, lane] : lanes_) {
      if (!lane.job || lane.paused) continue;
      if (lane.cancel) {
        out.push_back({lane.id, JobEvent::Type::Cancelled, lane.job->progress(), lane.job->result(), {}});
        lane.job.reset();
        continue;
      }
      const bool more = lane.job->step();
      out.push_back({lane.id, more ? JobEvent::Type::Progress : JobEvent::Type::Done, lane.job->progress(),
                     lane.job->result(), lane.job->take_payload()});
      ++steps;
      if (!more) lane.job.reset();
    }
    return out;
  }
  bool running(const std::string& lane_name) const {
    auto it = lanes_.find(lane_name);
    return it != lanes_.end() && it->second.job != nullptr;
  }
  int steps = 0;

 private:
  struct Lane {
    std::unique_ptr<Job> job;
    int id = 0;
    bool cancel = false, paused = false;
  };
  const MemoryAssets* assets_;
  std::map<std::string, Lane> lanes_;
  std::vector<JobEvent> events_;
  int last_id_ = 0;
};

}  // namespace hebblab::test
