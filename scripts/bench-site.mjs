// What a visitor's browser fetches, and how soon the app draws: a figure, not a test. For a built site folder it starts
// the development server (web/serve.mjs) on a free loopback port, opens the page in a fresh headless Chromium profile
// and prints, as medians over the rounds:
//   - first visit: bytes on the wire until the app's first frame, and that frame's time from navigation start;
//   - bytes fetched after the first frame until the service worker reports the site saved for offline use (Ready),
//     and the offline cache's size (the bodies in Cache Storage);
//   - a reload: bytes on the wire until its first frame, and that frame's time.
// Bytes are counted where they leave the server (every byte each socket writes, headers included), so the page, its
// job workers and the service worker are all in it. A site without a service worker (an older build) is measured the
// same way, its background phase and cache left out.
//   node scripts/bench-site.mjs [SITE_DIR] [--rounds N]      (default: build/web-release/site, 3 rounds)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {chromium} from 'playwright-core';
import {createServer} from '../web/serve.mjs';
import {BROWSER_OPTIONS} from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
let site = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../build/web-release/site');
let rounds = 3;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else site = path.resolve(args[i]);
}
if (!fs.existsSync(path.join(site, 'index.html')) || !(rounds >= 1)) {
  console.error('usage: node scripts/bench-site.mjs [SITE_DIR] [--rounds N]');
  process.exit(2);
}

const wallMs = () => performance.timeOrigin + performance.now();

// The dev server with a ledger: each response's bytes on the wire and the wall-clock time it was sent. HTTP/1.1 sends
// one response at a time per connection, so what a socket wrote since its previous response is this response's.
async function countingServer() {
  const server = createServer(site);
  const sent = [];
  const written = new WeakMap();
  server.on('request', (req, res) => res.on('finish', () => {
    const socket = req.socket;
    const before = written.get(socket) || 0;
    written.set(socket, socket.bytesWritten);
    sent.push({at: wallMs(), bytes: socket.bytesWritten - before, url: req.url});
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {server, sent, url: `http://127.0.0.1:${server.address().port}/`};
}

// Run in the page before its own scripts: the wall-clock time of the app's first frame (checked every animation
// frame, so at most one frame late) and, since navigation start, its offset.
function watchFirstFrame() {
  const check = () => {
    if (window.hebblab && window.hebblab.ready && window.hebblab.frame() >= 1) {
      window.benchFirstFrame = {sinceNavigation: performance.now(), wall: performance.timeOrigin + performance.now()};
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

const sum = (list) => list.reduce((a, r) => a + r.bytes, 0);

async function firstFrame(page, sent, from) {
  await page.waitForFunction(() => window.benchFirstFrame, null, {timeout: 60000});
  const ff = await page.evaluate(() => window.benchFirstFrame);
  return {ms: ff.sinceNavigation, bytes: sum(sent.slice(from).filter((r) => r.at <= ff.wall))};
}

async function round() {
  const {server, sent, url} = await countingServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-bench-'));
  const context = await chromium.launchPersistentContext(profile, {...BROWSER_OPTIONS, viewport: {width: 1280, height: 860}});
  try {
    await context.addInitScript(watchFirstFrame);
    const page = context.pages()[0] || await context.newPage();
    await page.goto(url);
    const first = await firstFrame(page, sent, 0);
    const result = {first, background: null, cache: null, reload: null};
    const hasWorker = await page.evaluate(() => typeof window.hebblab.offline === 'function');
    if (hasWorker) {
      await page.waitForFunction(() => ['ready', 'failed'].includes(window.hebblab.offline().status), null,
                                 {timeout: 120000});
      const offline = await page.evaluate(() => window.hebblab.offline());
      if (offline.status !== 'ready') throw new Error(`the service worker failed: ${offline.message}`);
      result.background = sum(sent) - first.bytes;
      result.cache = await page.evaluate(async () => {
        let bytes = 0, files = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            bytes += (await (await cache.match(request)).blob()).size;
            ++files;
          }
        }
        return {bytes, files};
      });
    } else {
      await page.waitForLoadState('networkidle');
    }
    const from = sent.length;
    await page.reload();
    result.reload = await firstFrame(page, sent, from);
    return result;
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toLocaleString('en-US', {maximumFractionDigits: 1})} KB`;
const ms = (t) => `${Math.round(t)} ms`;
const spread = (values, unit) => values.length > 1 ? ` (${values.map(unit).join(', ')})` : '';

const results = [];
for (let i = 0; i < rounds; ++i) results.push(await round());
const line = (label, values, unit) => console.log(`${label.padEnd(58)} ${unit(median(values))}${spread(values, unit)}`);
console.log(`site ${site}: ${rounds} round(s), fresh Chromium profile each, medians (each round in brackets)`);
line('first visit, on the wire before the first frame', results.map((r) => r.first.bytes), kb);
line('first visit, first frame after navigation start', results.map((r) => r.first.ms), ms);
if (results[0].background !== null) {
  line('after the first frame, fetched until offline-ready', results.map((r) => r.background), kb);
  line('offline cache (Cache Storage, bodies)', results.map((r) => r.cache.bytes), kb);
  console.log(`${'offline cache, files'.padEnd(58)} ${results[0].cache.files}`);
} else {
  console.log('no service worker in this site: no offline cache');
}
line('reload, on the wire before the first frame', results.map((r) => r.reload.bytes), kb);
line('reload, first frame after navigation start', results.map((r) => r.reload.ms), ms);
