// HebbLab's service worker: on the first visit it saves the whole app in a cache of its version, and from then on
// serves those files from there, so the page opens and every lab works without a network. The build (web/pack-site.mjs)
// writes the line below: the files to save and a hash of their contents as the version, so any change to the site is
// a new worker with a new cache. A new version installs beside the running one and waits until the page asks it to
// take over (the app's Update button); the old version's cache goes once it has.
'use strict';
const BUILD = {"version": "dev", "precache": []};
const CACHE = 'hebblab-' + BUILD.version;
// What the page fetches beyond the saved app (MNIST's training set, when training starts): kept from the network's
// last answer, across versions, for when there is no network.
const RUNTIME = 'hebblab-runtime';
const ROOT = new URL('./', self.location).pathname;
const precached = new Set(BUILD.precache);

// The path relative to the site's folder by which a file was saved ("" is the page itself: index.html).
function sitePath(url) {
  const path = url.pathname.slice(ROOT.length);
  return path === '' ? 'index.html' : path;
}

// Tells the pages open on the site why saving failed (they show it); uncontrolled pages too: on the first visit no
// page is controlled yet.
async function reportFailure(message) {
  for (const client of await self.clients.matchAll({includeUncontrolled: true, type: 'window'}))
    client.postMessage({type: 'precache-failed', message});
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      // Revalidated with the server (no-cache), never an older copy from the HTTP cache: what is saved is this
      // version's file. Unchanged files cost a 304.
      await Promise.all(BUILD.precache.map(async (file) => {
        let response;
        try {
          response = await fetch(file, {cache: 'no-cache'});
        } catch (e) {
          throw new Error(`${file}: the network request failed (${e.message})`);
        }
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        await cache.put(file, response);
      }));
    } catch (e) {
      await caches.delete(CACHE);
      await reportFailure(e.message);
      throw e;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith('hebblab-') && name !== CACHE && name !== RUNTIME) await caches.delete(name);
    await self.clients.claim();  // the first visit's page, which loaded before there was a worker, is served too
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

// What the worker serves carries the cross-origin isolation headers (web/serve.mjs says why), so that on a static host
// that cannot send them the page still gets SharedArrayBuffer, and trains on several threads, from the first visit the
// worker serves on (the very first one, loaded before there was a worker, trains on one).
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
function isolated(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {status: response.status, statusText: response.statusText, headers});
}

async function fromCache(file, request) {
  const saved = await (await caches.open(CACHE)).match(file, {ignoreVary: true});
  return isolated(saved || await fetch(request));
}

async function networkFirst(request) {
  const cache = await caches.open(RUNTIME);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return isolated(response);
  } catch (e) {
    const saved = await cache.match(request, {ignoreVary: true});
    if (saved) return isolated(saved);
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(ROOT)) return;
  const file = sitePath(url);
  event.respondWith(precached.has(file) ? fromCache(file, request) : networkFirst(request));
});
