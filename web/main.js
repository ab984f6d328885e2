// The page's start-up, a file of its own because the site's Content-Security-Policy allows no inline script: check
// the browser has what HebbLab needs (else say what is missing), set up the test hook, load the app, and once it
// runs, the service worker that keeps it for offline use.
'use strict';
// The smallest module that uses a SIMD instruction (i8x16.splat): validates only where wasm SIMD is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0,
                                   65, 0, 253, 15, 253, 98, 11]);

// The page's own words, shown before the app and its string table (src/app/strings.h, strings_pl.cpp) have loaded, in
// the language the app will choose: the one saved in its settings, else the first of the browser's it speaks.
const PAGE_TEXT = {
  en: {
    loading: 'Loading HebbLab…',
    'unsupported-title': 'HebbLab cannot run in this browser',
    'unsupported-intro': 'HebbLab runs its neural networks in WebAssembly with SIMD and draws with WebGL2. This ' +
                         'browser is missing:',
    'unsupported-browsers': 'Current versions of Chrome, Edge, Firefox and Safari (16.4 or later) have both. If you ' +
                            'use one of them, check that hardware acceleration / WebGL is not switched off in its ' +
                            'settings.',
    'unsupported-desktop': "The desktop version of HebbLab runs without a browser: see the project's README.",
    'notices-link': 'Notices',
    simd: 'WebAssembly SIMD (128-bit vector instructions)',
    files: 'the application files (hebblab.js could not be loaded)',
    contextLost: 'The graphics context was lost; reload the page.',
    about: 'HebbLab is an interactive lab for an introductory lecture on neural networks: store patterns in a ' +
           'Hopfield network and watch recall lower the energy, convolve images with kernels, and train a ' +
           'convolutional network on handwritten digits. It is drawn on a canvas: use the arrow keys, Space and ' +
           'Enter, and F6 to move between panels; what the focus reaches and what the app reports is read out.',
    canvas: 'HebbLab: the lab',
  },
  pl: {
    loading: 'Wczytywanie HebbLab…',
    'unsupported-title': 'HebbLab nie może działać w tej przeglądarce',
    'unsupported-intro': 'HebbLab liczy sieci neuronowe w WebAssembly z SIMD i rysuje przez WebGL2. Tej ' +
                         'przeglądarce brakuje:',
    'unsupported-browsers': 'Aktualne wersje Chrome, Edge, Firefoksa i Safari (16.4 lub nowsze) mają jedno i drugie. ' +
                            'Jeśli używasz jednej z nich, sprawdź, czy w jej ustawieniach nie wyłączono ' +
                            'akceleracji sprzętowej / WebGL.',
    'unsupported-desktop': 'Wersja na komputer działa bez przeglądarki: zobacz README projektu.',
    'notices-link': 'Informacje o licencjach',
    simd: 'WebAssembly SIMD (128-bitowe instrukcje wektorowe)',
    files: 'plików aplikacji (nie udało się wczytać hebblab.js)',
    contextLost: 'Utracono kontekst graficzny; odśwież stronę.',
    about: 'HebbLab to interaktywne laboratorium do wstępnego wykładu o sieciach neuronowych: zapamiętaj wzorce w ' +
           'sieci Hopfielda i patrz, jak odtwarzanie obniża energię, spleć obrazy z jądrami i wytrenuj sieć ' +
           'konwolucyjną na odręcznie pisanych cyfrach. Jest rysowane na płótnie: używaj strzałek, Spacji, Entera i ' +
           'F6, by przechodzić między panelami; to, na czym jest fokus, i to, co zgłasza aplikacja, jest odczytywane.',
    canvas: 'HebbLab: laboratorium',
  },
};

function pageLanguage() {
  let saved = null;
  try {
    saved = /^ui\.language=(\w+)$/m.exec(localStorage.getItem('hebblab.settings') || '');
  } catch (e) {
    saved = null;  // storage switched off: the browser's language then
  }
  const tags = saved ? [saved[1]] : (navigator.languages && navigator.languages.length ? navigator.languages
                                                                                          : [navigator.language || '']);
  for (const tag of tags) {
    const code = String(tag).slice(0, 2).toLowerCase();
    if (PAGE_TEXT[code]) return code;
  }
  return 'en';
}

const language = pageLanguage();
const text = PAGE_TEXT[language];
document.documentElement.lang = language;
for (const id of ['loading', 'unsupported-title', 'unsupported-intro', 'unsupported-browsers', 'unsupported-desktop',
                  'notices-link', 'about'])
  document.getElementById(id).textContent = text[id];
document.getElementById('canvas').setAttribute('aria-label', text.canvas);

function missingFeatures() {
  const missing = [];
  if (typeof WebAssembly !== 'object') {
    missing.push('WebAssembly');
  } else if (!WebAssembly.validate(SIMD_PROBE)) {
    missing.push(text.simd);
  }
  // Only whether the API exists: creating a context to try it costs over half a second where WebGL is drawn in
  // software. A browser that has the API but refuses the context (hardware acceleration off, a blocklisted GPU) is
  // reported by the app itself when its context cannot be created (web_show_unsupported, gui.cpp).
  if (typeof WebGL2RenderingContext !== 'function') missing.push('WebGL2');
  return missing;
}

function showUnsupported(missing) {
  window.hebblab.unsupported = missing;
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
  document.getElementById('loading').textContent = text.contextLost;
  document.getElementById('loading').hidden = false;
});

// Touch: ImGui has no touch scrolling, and a finger that lands on a grid paints. So the page takes every touch on the
// canvas before SDL sees it: one finger becomes the mouse (left button), two fingers pan, as wheel events, and never
// paint. A first finger waits up to TOUCH_WAIT_MS (or until it moves TOUCH_SLOP_PX) for a second one before it counts
// as the mouse; its stroke then starts where it landed. Pens and mice send mouse events of their own.
const TOUCH_WAIT_MS = 80;
const TOUCH_SLOP_PX = 8;
const WHEEL_PX_PER_PX = 100 / 80;  // SDL: 100 wheel pixels per step; ImGui: a step scrolls 5 lines of 16 px
const touch = {mode: 'idle', start: null, timer: 0, lastY: 0, lastX: 0};

function mouse(type, x, y) {
  canvas.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1,
                                             bubbles: true, cancelable: true, view: window}));
}

function startMouse() {
  clearTimeout(touch.timer);
  touch.mode = 'mouse';
  mouse('mousemove', touch.start.x, touch.start.y);
  mouse('mousedown', touch.start.x, touch.start.y);
}

function centre(list) {
  let x = 0, y = 0;
  for (const t of list) { x += t.clientX; y += t.clientY; }
  return {x: x / list.length, y: y / list.length};
}

function onTouch(e) {
  if (e.target !== canvas) return;
  e.stopImmediatePropagation();  // SDL's own touch handling (and its mouse emulation) never sees it
  e.preventDefault();
  const n = e.touches.length;
  if (e.type === 'touchstart') {
    if (n >= 2) {
      if (touch.mode === 'mouse') mouse('mouseup', touch.lastX, touch.lastY);
      clearTimeout(touch.timer);
      touch.mode = 'pan';
      touch.lastY = centre(e.touches).y;
    } else if (touch.mode === 'idle') {
      const t = e.touches[0];
      touch.mode = 'pending';
      touch.start = {x: t.clientX, y: t.clientY};
      touch.lastX = t.clientX;
      touch.lastY = t.clientY;
      touch.timer = setTimeout(startMouse, TOUCH_WAIT_MS);
    }
  } else if (e.type === 'touchmove') {
    if (touch.mode === 'pan' && n >= 2) {
      const y = centre(e.touches).y;
      canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: (touch.lastY - y) * WHEEL_PX_PER_PX, deltaMode: 0,
                                                    clientX: centre(e.touches).x, clientY: y, bubbles: true,
                                                    cancelable: true}));
      touch.lastY = y;
      return;
    }
    const t = e.touches[0];
    if (touch.mode === 'pending' && Math.hypot(t.clientX - touch.start.x, t.clientY - touch.start.y) > TOUCH_SLOP_PX)
      startMouse();
    if (touch.mode === 'mouse') mouse('mousemove', t.clientX, t.clientY);
    touch.lastX = t.clientX;
    touch.lastY = t.clientY;
  } else {  // touchend, touchcancel
    if (touch.mode === 'pending') startMouse();
    if (touch.mode === 'mouse') mouse('mouseup', touch.lastX, touch.lastY);
    clearTimeout(touch.timer);
    if (n === 0) touch.mode = 'idle';
    else if (touch.mode !== 'pan') touch.mode = 'done';  // the rest of a gesture that ended its stroke
  }
}
for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'])
  window.addEventListener(type, onTouch, {capture: true, passive: false});

// Offline use: sw.js saves the site on the first visit and serves it from then on. What the app's shell reports
// (src/platform/shell_web.cpp): status 'insecure' (plain HTTP other than localhost: browsers allow no service worker
// there), 'unsupported', 'installing' (being saved), 'ready' or 'failed' (with the reason), and whether a new version
// is installed and waits for the page to apply it.
const offline = {status: 'installing', message: '', updateReady: false};
let registration = null;
let updating = false;  // the page asked the waiting version to take over: reload when it has
let precacheFailure = '';

function watchRegistration(reg) {
  registration = reg;
  const refresh = () => {
    if (reg.active) {
      offline.status = 'ready';
      offline.message = '';
    }
    offline.updateReady = Boolean(reg.waiting && reg.active);
  };
  const track = (worker) => worker && worker.addEventListener('statechange', () => {
    if (worker.state === 'redundant' && !reg.active) {
      offline.status = 'failed';
      offline.message = precacheFailure || 'the service worker could not be installed';
    }
    refresh();
  });
  track(reg.installing);
  track(reg.waiting);
  reg.addEventListener('updatefound', () => track(reg.installing));
  refresh();
}

function register() {
  if (offline.status === 'failed') {  // tried again: the network is back
    offline.status = 'installing';
    offline.message = precacheFailure = '';
  }
  navigator.serviceWorker.register('sw.js').then(watchRegistration, (e) => {
    if (navigator.serviceWorker.controller) return;  // offline: the saved version runs, as it should
    offline.status = 'failed';
    offline.message = e && e.message ? e.message : String(e);
  });
}

// Sets the state up and returns whether a service worker can be registered here.
function setUpOffline() {
  if (!window.isSecureContext) {
    offline.status = 'insecure';
    return false;
  }
  if (!('serviceWorker' in navigator)) {
    offline.status = 'unsupported';
    return false;
  }
  const sw = navigator.serviceWorker;
  if (sw.controller) offline.status = 'ready';
  sw.addEventListener('message', (e) => {
    if (!e.data || e.data.type !== 'precache-failed') return;
    precacheFailure = e.data.message;
    if (offline.status === 'failed') offline.message = precacheFailure;
  });
  sw.addEventListener('controllerchange', () => { if (updating) location.reload(); });
  // A page left open looks for a new version when the network comes back and every hour.
  window.addEventListener('online', () => (registration ? registration.update().catch(() => {}) : register()));
  setInterval(() => registration && registration.update().catch(() => {}), 60 * 60 * 1000);
  return true;
}

// The test hook: end-to-end tests read the app state (JSON) and the frame counter; the app's shell and the tests
// read the offline state, and the app's Update button applies a waiting version.
window.hebblab = {
  ready: false,
  state: () => JSON.parse(Module.ccall('hebblab_state', 'string', [], [])),
  frame: () => Module._hebblab_frame_count(),
  reveal: (name) => Module.ccall('hebblab_reveal', null, ['string'], [name]),
  offline: () => Object.assign({}, offline),
  // The aria-live region: screen readers say what is put in it (the app's shell calls this, shell_web.cpp).
  announce: (message) => { document.getElementById('announce').textContent = message; },
  showUnsupported,
  applyUpdate: () => {
    if (!registration || !registration.waiting) return;
    updating = true;
    registration.waiting.postMessage({type: 'skip-waiting'});
  },
};

const missing = missingFeatures();
if (missing.length > 0) {
  showUnsupported(missing);
} else {
  const offlinePossible = setUpOffline();
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onRuntimeInitialized: () => {
      document.getElementById('loading').hidden = true;
      window.hebblab.ready = true;
      // The app draws its first frame in the next animation frame: registered after it, so saving the site for
      // offline use does not compete with starting it.
      if (offlinePossible) requestAnimationFrame(() => setTimeout(register));
    },
  };
  const script = document.createElement('script');
  script.src = 'hebblab.js';
  script.async = false;  // after assets.js, whose fetcher the app calls
  script.onerror = () => showUnsupported([text.files]);
  const assets = document.createElement('script');
  assets.src = 'assets.js';
  assets.async = false;
  document.body.appendChild(assets);
  document.body.appendChild(script);
}
