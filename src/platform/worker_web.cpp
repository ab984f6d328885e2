// The worker's wasm module: the core's jobs behind a few C functions that web/worker.js calls. The worker writes each
// file a job is handed straight into a buffer here (one copy, from the fetch or the page's message), starts the job,
// steps it one bounded step at a time, and copies its payload out into a transferable ArrayBuffer. This file alone is
// compiled with exceptions, to catch what a job throws (std::bad_alloc included) and name it.
#include <emscripten.h>

#include <memory>
#include <string>

#include "core/job.h"
#include "platform/job_faults.h"

namespace {
std::unique_ptr<hebblab::Job> g_job;
hebblab::JobFiles g_files;  // the next job's files, filled by job_file_buffer
hebblab::Bytes g_payload;   // the last payload taken, until the worker has copied it out
std::string g_text;

// A job that threw has left the module in an unknown state (the core is compiled without unwinding, so nothing it
// held was freed): the reason goes on to web/worker.js as a JavaScript Error, which reports it as the job's error and
// has the page restart the worker.
EM_JS(void, js_job_fault, (const char* reason), { throw new Error(UTF8ToString(reason)); });

template <typename F>
auto reporting_faults(F f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    js_job_fault(hebblab::job_exception_reason().c_str());
  }
  return {};  // not reached: js_job_fault throws
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void job_clear_files() { g_files.clear(); }

// A buffer of `size` bytes for the file `key` of the next job; the worker fills it.
EMSCRIPTEN_KEEPALIVE uint8_t* job_file_buffer(const char* key, int size) {
  return reporting_faults([&] {
    hebblab::Bytes& bytes = g_files[key];
    bytes.assign(size_t(size), 0);
    return bytes.data();
  });
}

// Makes the job from its kind (a core job, or a test's fault job), text configuration and the files given since
// job_clear_files. Returns "" when the job started, else the reason it could not.
EMSCRIPTEN_KEEPALIVE const char* job_start(const char* kind, const char* config) {
  return reporting_faults([&] {
    g_text.clear();
    g_job.reset();  // the old job's memory goes before the new one's is taken
    g_job = hebblab::make_fault_job(kind);
    if (!g_job) g_job = hebblab::make_job(kind, config, std::move(g_files), &g_text);
    g_files.clear();
    return g_text.c_str();
  });
}

// One bounded step; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int job_step() {
  return reporting_faults([] { return g_job && g_job->step() ? 1 : 0; });
}

EMSCRIPTEN_KEEPALIVE double job_progress() { return g_job ? g_job->progress() : 0.0; }

EMSCRIPTEN_KEEPALIVE const char* job_result() {
  g_text = g_job ? g_job->result() : std::string();
  return g_text.c_str();
}

// Takes the job's payload (Job::take_payload); returns its size, 0 when there is none. job_payload_data points at it.
EMSCRIPTEN_KEEPALIVE int job_take_payload() {
  return reporting_faults([] {
    g_payload = g_job ? g_job->take_payload() : hebblab::Bytes();
    return static_cast<int>(g_payload.size());
  });
}

EMSCRIPTEN_KEEPALIVE const uint8_t* job_payload_data() { return g_payload.data(); }

}  // extern "C"
