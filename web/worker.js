// HebbLab's job worker: a dedicated Web Worker hosting the core's wasm (hebblab_worker.js), one per lab. It fetches
// the site assets a job names itself, runs the job one step at a time and posts progress at most once a frame; between
// steps it yields, so 'cancel' and 'pause' messages are seen. A job's payload (the train job's weights) goes back as a
// transferable ArrayBuffer at most every 250 ms, and when the job is done. A new job replaces the running one, which
// reports 'cancelled', as the desktop's runner does. A job that faults (a C++ exception, an abort, memory that cannot
// grow) leaves the core's module unusable: it is reported as the job's error with `restart`, and the page replaces
// this worker with a fresh one. A job on several threads runs in the threaded build of the module (pthreads: its
// threads are Web Workers of its own, sharing its memory), which only a cross-origin isolated page can make.
'use strict';
// The page's console shows what the Content-Security-Policy blocks in the page, not in here: say it.
self.addEventListener('securitypolicyviolation', (e) => console.error(
    `Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}`));
importScripts('assets.js');

const PAYLOAD_INTERVAL_MS = 250;
// The module for a job on `threads` threads, made when a job first needs it: single-threaded, or threaded with a pool
// of maxThreads - 1 workers, twice over (the core blocks until its threads run, so they must come from the pool; and
// a finished job's threads rejoin the pool only once this worker's event loop has seen them exit, which the next job
// need not wait for).
const modules = {};
function moduleFor(threads, maxThreads) {
  if (threads <= 1) {
    if (!modules.single) {
      importScripts('hebblab_worker.js');
      modules.single = HebbLabWorker();
    }
    return modules.single;
  }
  if (!self.crossOriginIsolated) {
    return Promise.reject(new Error('training on several threads needs a cross-origin isolated page'));
  }
  if (!modules.threaded) {
    importScripts('hebblab_worker_mt.js');
    // Made in a worker, the module cannot tell its own script's address, which its threads load: say it.
    modules.threaded = HebbLabWorkerMT({extraThreads: 2 * (Math.max(threads, maxThreads) - 1),
                                        mainScriptUrlOrBlob: new URL('hebblab_worker_mt.js', self.location).href});
  }
  return modules.threaded;
}
let core = null;  // the current job's module
// The module's memory as bytes, seen afresh: the threaded module's memory may have grown on another thread.
function heap() {
  return new Uint8Array(core.wasmMemory ? core.wasmMemory.buffer : core.HEAPU8.buffer);
}
let current = 0;  // id of the running job, 0 when idle
let started = false;  // whether the core holds the current job (not while its assets are on their way)
let paused = false;
let lastPayload = 0;

function post(id, type, withPayload) {
  const event = {id, type, progress: core._job_progress(), text: core.ccall('job_result', 'string', [], []),
                 payload: null};
  if (withPayload) {
    const size = core._job_take_payload();
    if (size > 0) {
      const at = core._job_payload_data();
      event.payload = heap().slice(at, at + size).buffer;
      lastPayload = performance.now();
    }
  }
  postMessage(event, event.payload ? [event.payload] : []);
}

function fail(id, message) {
  postMessage({id, type: 'error', progress: 0, text: message, payload: null});
}

function faultReason(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    return e.message.startsWith('Aborted(') ? 'the job aborted' : `the job crashed (${e.message})`;
  }
  if (e instanceof RangeError) return `out of memory (${e.message})`;  // a heap or buffer that could not grow
  return e && e.message ? e.message : String(e);  // worker_web.cpp's reason for a C++ exception
}

function faulted(id, e) {
  current = 0;
  postMessage({id, type: 'error', progress: 0, text: faultReason(e), payload: null, restart: true});
}

function cancelCurrent() {
  const id = current;
  current = 0;
  if (started) post(id, 'cancelled', false);
  else postMessage({id, type: 'cancelled', progress: 0, text: '', payload: null});
}

// Between steps the worker yields through a MessageChannel, not setTimeout(0), which browsers clamp to 4 ms once
// nested: that would cost a fast model nearly half its time. Messages from the page still get their turn.
const tick = new MessageChannel();
let next = null;
tick.port1.onmessage = () => {
  const f = next;
  next = null;
  if (f) f();
};
function soon(f) {
  next = f;
  tick.port2.postMessage(null);
}

// Steps for up to STEP_BUDGET_MS, then one progress event (the page needs no more than a frame's worth).
const STEP_BUDGET_MS = 16;
function run(id) {
  if (id !== current || paused) return;  // cancelled, replaced or paused
  try {
    const started = performance.now();
    let more = true;
    do {
      more = core._job_step();
    } while (more && performance.now() - started < STEP_BUDGET_MS);
    if (id !== current) return;
    if (more) {
      post(id, 'progress', performance.now() - lastPayload >= PAYLOAD_INTERVAL_MS);
      soon(() => run(id));
    } else {
      post(id, 'done', true);
      current = 0;
    }
  } catch (e) {
    faulted(id, e);
  }
}

async function start(msg) {
  if (current) cancelCurrent();
  current = msg.id;
  started = false;
  paused = false;
  const files = msg.files || {};
  try {
    for (const [key, name] of Object.entries(msg.assets || {})) files[key] = await hebblabFetchAsset(name);
  } catch (e) {
    if (current === msg.id) {
      current = 0;
      fail(msg.id, e && e.message ? e.message : String(e));
    }
    return;
  }
  try {
    const module = await moduleFor(msg.threads || 1, msg.maxThreads || 1);
    if (current !== msg.id) return;  // replaced or cancelled while the assets or the module were on their way
    core = module;
    core._job_clear_files();
    for (const [key, value] of Object.entries(files)) {
      const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
      const at = core.ccall('job_file_buffer', 'number', ['string', 'number'], [key, bytes.length]);
      heap().set(bytes, at);
    }
    const error = core.ccall('job_start', 'string', ['string', 'string'], [msg.kind, msg.config]);
    if (error) {
      current = 0;
      fail(msg.id, error);
      return;
    }
  } catch (e) {
    faulted(msg.id, e);
    return;
  }
  started = true;
  lastPayload = performance.now();
  soon(() => run(msg.id));
}

onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'start') {
    start(msg);
  } else if (msg.type === 'cancel' && msg.id === current) {
    cancelCurrent();
  } else if (msg.type === 'pause' && msg.id === current) {
    const resume = paused && !msg.paused;
    paused = msg.paused;
    if (resume) soon(() => run(msg.id));
  }
};
