// HebbLab's job worker: a dedicated Web Worker hosting the core's wasm (hebblab_worker.js). It runs a job one step
// at a time and posts progress after each step; between steps it yields, so a 'cancel' message is seen.
'use strict';
importScripts('hebblab_worker.js');

let core = null;
const ready = HebbLabWorker().then((m) => { core = m; });
let current = 0;  // id of the running job, 0 when idle

function post(id, type) {
  postMessage({id, type, progress: core._job_progress(), result: core.ccall('job_result', 'string', [], [])});
}

function run(id) {
  if (id !== current) return;  // cancelled or replaced
  const more = core._job_step();
  if (id !== current) return;
  if (more) {
    post(id, 'progress');
    setTimeout(() => run(id), 0);
  } else {
    post(id, 'done');
    current = 0;
  }
}

onmessage = async (event) => {
  await ready;
  const msg = event.data;
  if (msg.type === 'start') {
    const error = core.ccall('job_start', 'string', ['string', 'string'], [msg.kind, msg.config]);
    if (error) {
      postMessage({id: msg.id, type: 'error', progress: 0, result: error});
      return;
    }
    current = msg.id;
    setTimeout(() => run(msg.id), 0);
  } else if (msg.type === 'cancel' && msg.id === current) {
    current = 0;
    post(msg.id, 'cancelled');
  }
};
