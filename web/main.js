// The page's start-up, a file of its own because the site's Content-Security-Policy allows no inline script: check
// the browser has what HebbLab needs (else say what is missing), set up the test hook, then load the app.
'use strict';
// The smallest module that uses a SIMD instruction (i8x16.splat): validates only where wasm SIMD is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0,
                                   65, 0, 253, 15, 253, 98, 11]);

function missingFeatures() {
  const missing = [];
  if (typeof WebAssembly !== 'object') {
    missing.push('WebAssembly');
  } else if (!WebAssembly.validate(SIMD_PROBE)) {
    missing.push('WebAssembly SIMD (128-bit vector instructions)');
  }
  let gl = null;
  try { gl = document.createElement('canvas').getContext('webgl2'); } catch (e) { gl = null; }
  if (!gl) missing.push('WebGL2');
  return missing;
}

function showUnsupported(missing) {
  document.getElementById('loading').hidden = true;
  document.getElementById('canvas').hidden = true;
  const list = document.getElementById('missing');
  for (const m of missing) {
    const li = document.createElement('li');
    li.textContent = m;
    list.appendChild(li);
  }
  document.getElementById('unsupported').hidden = false;
}

const canvas = document.getElementById('canvas');
canvas.addEventListener('contextmenu', (e) => e.preventDefault());  // the right button paints -1
canvas.addEventListener('webglcontextlost', (e) => {
  e.preventDefault();
  document.getElementById('loading').textContent = 'The graphics context was lost; reload the page.';
  document.getElementById('loading').hidden = false;
});

// The test hook: end-to-end tests read the app state (JSON) and the frame counter.
window.hebblab = {
  ready: false,
  state: () => JSON.parse(Module.ccall('hebblab_state', 'string', [], [])),
  frame: () => Module._hebblab_frame_count(),
};

const missing = missingFeatures();
if (missing.length > 0) {
  window.hebblab.unsupported = missing;
  showUnsupported(missing);
} else {
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onRuntimeInitialized: () => {
      document.getElementById('loading').hidden = true;
      window.hebblab.ready = true;
    },
  };
  const script = document.createElement('script');
  script.src = 'hebblab.js';
  script.async = false;  // after assets.js, whose fetcher the app calls
  script.onerror = () => showUnsupported(['the application files (hebblab.js could not be loaded)']);
  const assets = document.createElement('script');
  assets.src = 'assets.js';
  assets.async = false;
  document.body.appendChild(assets);
  document.body.appendChild(script);
}
