// What the job runners do about a job that fails by throwing: word the exception for the job's Error event. And
// test-only job kinds that fail the way a broken job can, so the tests can check that both job runners report the
// fault as the job's Error and that the lab can start the next job: "fault.throw" throws a std::runtime_error,
// "fault.abort" aborts the program (in the browser: the worker's wasm aborts; not used natively, where it ends the
// process), "fault.oom" asks for more memory than there is while it is made. They are not in the core's make_job,
// and nothing in the app asks for them: a test names them (natively in JobRequest::kind, in the browser by renaming
// the next job, see jobs_web.cpp).
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/job.h"

namespace hebblab {

// The reason to report for the exception being handled (call it inside a catch block): "out of memory" for
// std::bad_alloc, what() for another std::exception.
std::string job_exception_reason();

// A fault job; null for any other kind.
std::unique_ptr<Job> make_fault_job(std::string_view kind);

}  // namespace hebblab
