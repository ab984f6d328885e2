// The benchmark page (bench.html), a file of its own because the site's Content-Security-Policy allows no inline
// script: starts bench-worker.js with the query string's threads and seconds, shows the JSON line `hebblab bench
// --json` printed there and sets window.benchResult to it, or window.benchError to why there is none (what
// scripts/bench-browser.mjs waits for).
'use strict';
(() => {
  const params = new URLSearchParams(location.search);
  const threads = params.get('threads') || '1', seconds = params.get('seconds') || '1';
  const status = document.getElementById('status');
  const finish = (line, error) => {
    status.textContent = error ? `Failed: ${error}` : `Done: ${threads} thread(s), ${seconds} s per part.`;
    document.getElementById('result').textContent = line || '';
    if (error) window.benchError = error;
    else window.benchResult = line;
  };
  status.textContent = `Running: ${threads} thread(s), ${seconds} s per part…`;
  const worker = new Worker('bench-worker.js');
  worker.onmessage = (e) => finish(e.data.line, e.data.error);
  worker.onerror = (e) => finish(null, e.message || 'bench-worker.js could not be loaded');
  worker.postMessage({threads, seconds});
})();
