// The Worker of bench.html: runs `hebblab bench --json` (src/cli/cmd_bench.cpp) once with the page's threads and
// seconds and posts back {line} (the JSON line it printed) or {error}. One thread runs in hebblab_bench_worker.js (the
// core as the site's job worker has it); more in hebblab_bench_worker_mt.js, whose threads are Workers of their own
// sharing its memory, which needs SharedArrayBuffer and so a cross-origin isolated page (web/serve.mjs's headers).
'use strict';
// The page's console shows what the Content-Security-Policy blocks in the page, not in here: say it.
self.addEventListener('securitypolicyviolation', (e) => console.error(
    `Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}`));

self.onmessage = async (e) => {
  const {threads, seconds} = e.data;
  const threaded = Number(threads) > 1;
  if (threaded && !self.crossOriginIsolated) {
    postMessage({error: `${threads} threads need a cross-origin isolated page (COOP same-origin and COEP ` +
                        'require-corp headers) for SharedArrayBuffer; this one is not'});
    return;
  }
  const script = threaded ? 'hebblab_bench_worker_mt.js' : 'hebblab_bench_worker.js';
  const stdout = [], stderr = [];
  try {
    importScripts(script);
    const bench = await HebbLabBench({
      // The module's threads load its script again; in a Worker a MODULARIZE module does not know that script's
      // URL (emscripten issue #14089).
      mainScriptUrlOrBlob: new URL(script, self.location.href).href,
      print: (text) => stdout.push(text),
      printErr: (text) => stderr.push(text),
    });
    const status = bench.callMain(['--threads', String(threads), '--seconds', String(seconds), '--json']);
    const line = stdout.find((text) => text.startsWith('{'));
    if (status === 0 && line) postMessage({line});
    else postMessage({error: stderr.join('\n') || `hebblab bench exited with status ${status}`});  // its own words
  } catch (err) {
    // The module did not load, or it aborted. The threaded one aborts when asked for more threads than its pool of
    // workers (loaded before main, src/cli/CMakeLists.txt) holds: it cannot wait here for another to start.
    const message = err && err.message ? err.message : String(err);
    const hint = threaded && message.startsWith('Aborted(') ? ' (more threads than its pool holds?)' : '';
    postMessage({error: message + hint});
  }
};
