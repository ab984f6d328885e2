// The worker's wasm module: the core's jobs behind four C functions that web/worker.js calls, one step at a time,
// so the worker can post progress and see a cancel message between steps.
#include <emscripten.h>

#include <memory>
#include <string>

#include "core/job.h"

namespace {
std::unique_ptr<hebblab::Job> g_job;
std::string g_text;
}  // namespace

extern "C" {

// Returns "" when the job started, else the reason it could not.
EMSCRIPTEN_KEEPALIVE const char* job_start(const char* kind, const char* config) {
  g_text.clear();
  g_job = hebblab::make_job(kind, config, &g_text);
  return g_text.c_str();
}

// One bounded step; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int job_step() { return g_job && g_job->step() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE double job_progress() { return g_job ? g_job->progress() : 0.0; }

EMSCRIPTEN_KEEPALIVE const char* job_result() {
  g_text = g_job ? g_job->result() : std::string();
  return g_text.c_str();
}

}  // extern "C"
