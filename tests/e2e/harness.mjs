// Shared set-up for the end-to-end tests: the dev server on a free loopback port serving the built site (with its
// Content-Security-Policy, which no test bypasses), Debian's Chromium driven by playwright-core, and helpers that read
// the app's test hook and click its real widgets.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, after, afterEach} from 'node:test';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {createServer} from '../../web/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = process.env.HEBBLAB_SITE || path.join(root, 'build/web-release/site');

export async function startServer() {
  const server = createServer(siteDir);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {server, url: `http://127.0.0.1:${server.address().port}/`};
}

// What the browser says when the Content-Security-Policy blocks something: Chromium's own console message in the page
// ("Refused to ...", "... violates the following Content Security Policy directive ..."), and the
// securitypolicyviolation events that reportViolations (page) and web/worker.js (the job workers, whose browser
// messages Playwright does not pass on) log.
const CSP_VIOLATION = /Refused to|violates the following Content Security Policy|Content-Security-Policy violation/;

function reportViolations() {
  document.addEventListener('securitypolicyviolation', (e) => console.error(
      `Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}`));
}

// Records the policy violations of a context's pages and workers in env.violations: useSite's contexts do it
// themselves, a context a test makes otherwise (a persistent profile) calls it.
export async function watchViolations(context, env) {
  await context.addInitScript(reportViolations);
  context.on('console', (m) => { if (CSP_VIOLATION.test(m.text())) env.violations.push(m.text()); });
}

// Registers before/after hooks that start the server and the browser for the calling test file; the returned
// object has url, browser and shots (the screenshot folder) once the tests run. Every context the browser makes
// records the policy violations of its pages and workers, and a test with any fails.
export function useSite() {
  const env = {shots: process.env.HEBBLAB_SHOTS || path.join(siteDir, '../screenshots'), violations: []};
  before(async () => {
    Object.assign(env, await startServer());
    env.browser = await launchBrowser();
    const newContext = env.browser.newContext.bind(env.browser);
    env.browser.newContext = async (...options) => {
      const context = await newContext(...options);
      await watchViolations(context, env);
      return context;
    };
    fs.mkdirSync(env.shots, {recursive: true});
  });
  afterEach(() => {
    assert.deepEqual(env.violations.splice(0), [], 'no Content-Security-Policy violations');
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

// Debian's Chromium, headless, WebGL2 through SwiftShader, and quiet: it fetches nothing of its own (the tests and
// scripts/bench-site.mjs count every request).
export const BROWSER_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export async function launchBrowser() {
  return chromium.launch(BROWSER_OPTIONS);
}

// A page with console errors collected; resolves once the app has drawn a few frames.
export async function openApp(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.setViewportSize({width: 1280, height: 860});
  await page.goto(url);
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3,
                             null, {timeout: 30000});
  return page;
}

// A new browser context whose first visit starts from the given saved settings text (as the app writes it to
// localStorage), and the app opened in it.
export async function openWithSettings(site, settings, contextOptions = {}) {
  const context = await site.browser.newContext(contextOptions);
  await context.addInitScript((text) => {
    if (!localStorage.getItem('hebblab.settings')) localStorage.setItem('hebblab.settings', text);
  }, settings);
  return {context, page: await openApp(context, site.url)};
}

export const state = (page) => page.evaluate(() => window.hebblab.state());
export const frame = (page) => page.evaluate(() => window.hebblab.frame());

// Wait until the app has drawn n more frames (widget positions and state are then current).
export async function frames(page, n = 3) {
  const start = await frame(page);
  await page.waitForFunction((s) => window.hebblab.frame() >= s, start + n);
}

// Click the centre of a widget the app drew this frame, as a user would: move there, press, release, a frame apart.
export async function click(page, widget, button = 'left') {
  await frames(page, 2);
  const s = await state(page);
  const r = s.widgets[widget];
  if (!r) throw new Error(`widget ${widget} is not on screen; drawn: ${Object.keys(s.widgets).join(', ')}`);
  await page.mouse.move(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await frames(page, 1);
  await page.mouse.down({button});
  await frames(page, 1);
  await page.mouse.up({button});
  await frames(page, 3);
}

// Count the distinct colours in a PNG screenshot, decoded by the browser itself.
export async function distinctColours(page, png) {
  const probe = await page.context().newPage();
  const n = await probe.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.toString('base64'));
  await probe.close();
  return n;
}
