// Browser job runner: jobs run in a dedicated Web Worker (web/worker.js) that hosts the core's own wasm module, so
// the page stays fluid and needs no SharedArrayBuffer or cross-origin isolation. Messages from the worker queue up
// in JavaScript and the UI polls them once a frame.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "platform/platform.h"

namespace hebblab {
namespace {

EM_JS(void, js_jobs_start, (int id, const char* kind, const char* config), {
  const jobs = Module.hebblabJobs || (Module.hebblabJobs = {worker: null, events: []});
  if (!jobs.worker) {
    jobs.worker = new Worker('worker.js');
    jobs.worker.onmessage = (e) => jobs.events.push(e.data);
    jobs.worker.onerror = (e) => {
      jobs.events.push({id: jobs.current, type: 'error', progress: 0, result: 'worker failed: ' + (e.message || e)});
      jobs.worker = null;
    };
  }
  jobs.current = id;
  jobs.worker.postMessage({type: 'start', id: id, kind: UTF8ToString(kind), config: UTF8ToString(config)});
});

EM_JS(void, js_jobs_cancel, (int id), {
  const jobs = Module.hebblabJobs;
  if (jobs && jobs.worker) jobs.worker.postMessage({type: 'cancel', id: id});
});

// The next event as "id\ttype\tprogress\tresult" (malloc'ed), or 0 when there is none.
EM_JS(char*, js_jobs_next_event, (), {
  const jobs = Module.hebblabJobs;
  if (!jobs || jobs.events.length === 0) return 0;
  const e = jobs.events.shift();
  const s = e.id + '\t' + e.type + '\t' + e.progress + '\t' + (e.result || "");
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

JobEvent::Type parse_type(const std::string& t) {
  if (t == "done") return JobEvent::Type::Done;
  if (t == "cancelled") return JobEvent::Type::Cancelled;
  if (t == "error") return JobEvent::Type::Error;
  return JobEvent::Type::Progress;
}

class WorkerJobRunner final : public JobRunner {
 public:
  int start(const std::string& kind, const std::string& config) override {
    const int id = ++last_id_;
    js_jobs_start(id, kind.c_str(), config.c_str());
    return id;
  }
  void cancel(int id) override { js_jobs_cancel(id); }
  std::vector<JobEvent> poll() override {
    std::vector<JobEvent> out;
    while (char* raw = js_jobs_next_event()) {
      std::string s(raw);
      std::free(raw);
      size_t a = s.find('\t'), b = s.find('\t', a + 1), c = s.find('\t', b + 1);
      if (a == std::string::npos || b == std::string::npos || c == std::string::npos) continue;
      JobEvent e;
      e.id = std::atoi(s.substr(0, a).c_str());
      e.type = parse_type(s.substr(a + 1, b - a - 1));
      e.progress = std::atof(s.substr(b + 1, c - b - 1).c_str());
      e.result = s.substr(c + 1);
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
