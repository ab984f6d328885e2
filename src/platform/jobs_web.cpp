// Browser job runner: each lab's lane is a dedicated Web Worker (web/worker.js) that hosts the core's own wasm module,
// so the page stays fluid and one lab's job never stops another's. A job on several threads runs in the threaded
// module (pthreads), which needs SharedArrayBuffer, which browsers give only a cross-origin isolated page (the COOP
// and COEP headers of web/serve.mjs, or the service worker's); elsewhere jobs train on one thread. Files go to the
// worker as transferred ArrayBuffers; events come back the same way and queue up in JavaScript until the UI polls
// them, once a frame. A worker that faults (its job threw or aborted, or it ran out of
// memory; or the worker itself failed) is stopped after its error is queued, and the lane's next job starts a fresh
// one: the page is never reloaded.
#include <emscripten.h>

#include <algorithm>
#include <string>

#include "platform/platform.h"

namespace hebblab {
namespace {

EM_JS(void, js_jobs_init, (), {
  if (Module.hebblabJobs) return;
  Module.hebblabJobs = {lanes: {}, events: [], pending: {files: {}, assets: {}}};
});

// Stages a file (copied out of the wasm heap into its own ArrayBuffer, which the worker then takes over) or an asset
// name for the next js_jobs_start.
EM_JS(void, js_jobs_file, (const char* key, const uint8_t* data, int size), {
  Module.hebblabJobs.pending.files[UTF8ToString(key)] = HEAPU8.slice(data, data + size).buffer;
});
EM_JS(void, js_jobs_asset, (const char* key, const char* name), {
  Module.hebblabJobs.pending.assets[UTF8ToString(key)] = UTF8ToString(name);
});

// Sends a job to its lane's worker, made on first use. Test only: a test sets Module.hebblabJobs.nextKindForTest to run
// the next job as one of the worker's fault kinds (job_faults.h) in the lane of the lab that starts it; nothing in the
// app sets it.
EM_JS(void, js_jobs_start, (const char* lane_name, int id, const char* kind_ptr, const char* config, int threads,
                            int max_threads), {
  const jobs = Module.hebblabJobs;
  const name = UTF8ToString(lane_name);
  let lane = jobs.lanes[name];
  if (!lane) {
    lane = jobs.lanes[name] = {worker: new Worker("worker.js"), current: 0};
    // A job the page sent after the one that faulted went to the stopped worker too: it fails with the same reason.
    const retire = (event) => {
      lane.worker.terminate();
      delete jobs.lanes[name];
      if (lane.current !== event.id) jobs.events.push(Object.assign({}, event, {id: lane.current}));
    };
    lane.worker.onmessage = (e) => {
      jobs.events.push(e.data);
      if (e.data.restart) retire(e.data);
    };
    lane.worker.onerror = (e) => {
      e.preventDefault();
      const event = {id: lane.current, type: "error", progress: 0, payload: null,
                     text: "the job worker failed: " + (e.message || e)};
      jobs.events.push(event);
      retire(event);
    };
  }
  lane.current = id;
  const kind = jobs.nextKindForTest || UTF8ToString(kind_ptr);
  jobs.nextKindForTest = "";
  const files = jobs.pending.files;
  lane.worker.postMessage({type: "start", id: id, kind: kind, config: UTF8ToString(config), files: files,
                           assets: jobs.pending.assets, threads: threads, maxThreads: max_threads},
                          Object.values(files));
  jobs.pending = {files: {}, assets: {}};
});

EM_JS(void, js_jobs_send, (int id, const char* type, int paused), {
  const jobs = Module.hebblabJobs;
  for (const lane of Object.values(jobs.lanes))
    if (lane.current === id) lane.worker.postMessage({type: UTF8ToString(type), id: id, paused: paused !== 0});
});

// The oldest event's fixed fields; its text and payload lengths in bytes. 0 when there is none.
EM_JS(int, js_jobs_peek, (int* id, int* type, double* progress, int* text_length, int* payload_length), {
  const jobs = Module.hebblabJobs;
  if (jobs.events.length === 0) return 0;
  const e = jobs.events[0];
  const types = {progress: 0, done: 1, cancelled: 2, error: 3};
  HEAP32[id >> 2] = e.id;
  HEAP32[type >> 2] = types[e.type] === undefined ? 3 : types[e.type];
  HEAPF64[progress >> 3] = e.progress || 0;
  e.text = e.text || "";
  HEAP32[text_length >> 2] = lengthBytesUTF8(e.text);
  HEAP32[payload_length >> 2] = e.payload ? e.payload.byteLength : 0;
  return 1;
});

// Copies the oldest event's text (with its terminating 0) and payload into the buffers the caller sized, and drops it.
EM_JS(void, js_jobs_take, (char* text, int text_capacity, uint8_t* payload), {
  const e = Module.hebblabJobs.events.shift();
  stringToUTF8(e.text, text, text_capacity);
  if (e.payload) HEAPU8.set(new Uint8Array(e.payload), payload);
});

// The cores the browser reports, and whether the threaded worker can run here.
EM_JS(int, js_jobs_cores, (), { return navigator.hardwareConcurrency || 1; });
EM_JS(int, js_jobs_shared_memory, (), {
  return self.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined" ? 1 : 0;
});

// At most this many threads train in the page: each but the first is a Web Worker of the threaded module's pool.
constexpr int kMaxBrowserThreads = 8;

JobEvent::Type event_type(int t) {
  switch (t) {
    case 0: return JobEvent::Type::Progress;
    case 1: return JobEvent::Type::Done;
    case 2: return JobEvent::Type::Cancelled;
    default: return JobEvent::Type::Error;
  }
}

class WorkerJobRunner final : public JobRunner {
 public:
  WorkerJobRunner() { js_jobs_init(); }

  int start(const std::string& lane, JobRequest request) override {
    const int id = ++last_id_;
    for (const auto& [key, bytes] : request.files) js_jobs_file(key.c_str(), bytes.data(), int(bytes.size()));
    for (const auto& [key, name] : request.assets) js_jobs_asset(key.c_str(), name.c_str());
    js_jobs_start(lane.c_str(), id, request.kind.c_str(), request.config.c_str(), request.threads, threads().max);
    return id;
  }
  Threads threads() const override {
    const int cores = std::max(1, js_jobs_cores());
    return {cores, js_jobs_shared_memory() ? std::min(cores, kMaxBrowserThreads) : 1};
  }
  void cancel(int id) override { js_jobs_send(id, "cancel", 0); }
  void set_paused(int id, bool paused) override { js_jobs_send(id, "pause", paused ? 1 : 0); }

  std::vector<JobEvent> poll() override {
    std::vector<JobEvent> out;
    int id = 0, type = 0, text_length = 0, payload_length = 0;
    double progress = 0;
    while (js_jobs_peek(&id, &type, &progress, &text_length, &payload_length)) {
      JobEvent e;
      e.id = id;
      e.type = event_type(type);
      e.progress = progress;
      e.text.resize(size_t(text_length) + 1);
      e.payload.resize(size_t(payload_length));
      js_jobs_take(e.text.data(), text_length + 1, e.payload.data());
      e.text.resize(size_t(text_length));
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  int last_id_ = 0;
};

}  // namespace

std::unique_ptr<JobRunner> make_job_runner() { return std::make_unique<WorkerJobRunner>(); }

}  // namespace hebblab
