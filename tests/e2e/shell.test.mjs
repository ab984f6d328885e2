// The app shell in headless Chromium: it runs without console errors, keeps drawing, answers real clicks, keeps
// settings over a reload, runs a job in the Web Worker while the page stays live, and explains itself to a browser
// that lacks WebGL2.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {openApp, openWithSettings, state, frame, frames, click, distinctColours, useSite} from './harness.mjs';

const site = useSite();

test('the page starts without console errors and the frame counter advances', async () => {
  const context = await site.browser.newContext();
  const t0 = Date.now();
  const page = await openApp(context, site.url);
  const firstFrameMs = Date.now() - t0;
  const f0 = await frame(page);
  await page.waitForTimeout(500);
  assert.ok(await frame(page) > f0 + 5, 'frames advance');
  assert.deepEqual(page.errors, []);
  console.log(`time to first frames: ${firstFrameMs} ms`);
  await context.close();
});

test('a screenshot shows the UI, not a blank canvas', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await frames(page, 5);
  const png = await page.screenshot({path: path.join(site.shots, 'shell.png')});
  assert.ok(await distinctColours(page, png) > 20, 'many colours: text, buttons, the grid');
  const s = await state(page);
  assert.ok(s.widgets['tab.hopfield'] && s.widgets['tab.convolution'] && s.widgets['tab.cnn'], 'one tab per lab');
  await context.close();
});

test('clicking a real button changes the state the hook reads', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  assert.equal((await state(page)).hopfield.patterns, 0);
  await click(page, 'hopfield.preset_a');
  await click(page, 'hopfield.store');
  assert.equal((await state(page)).hopfield.patterns, 1);
  await click(page, 'tab.cnn');
  assert.equal((await state(page)).tab, 'cnn');
  await context.close();
});

test('a changed setting survives a reload', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  assert.equal((await state(page)).hopfield.mode, 'sync');
  await click(page, 'hopfield.mode_async');
  assert.equal((await state(page)).hopfield.mode, 'async');
  await page.waitForFunction(() => (localStorage.getItem('hebblab.settings') || '').includes('hopfield.mode=async'));
  await page.reload();
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
  assert.equal((await state(page)).hopfield.mode, 'async');
  await context.close();
});

test('a full storage quota is reported and the work stays in the page', async () => {
  const context = await site.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  const page = await openApp(context, site.url);
  await click(page, 'hopfield.preset_a');
  await click(page, 'hopfield.store');
  await page.waitForFunction(() => window.hebblab.state().status.includes('quota'), null, {timeout: 10000});
  assert.match((await state(page)).status, /storage quota is full/);
  assert.equal((await state(page)).hopfield.patterns, 1, 'the stored pattern is still there');
  await context.close();
});

test('a job in the worker reports progress while the page keeps drawing, and cancel stops it', async () => {
  // A larger experiment than the default, so there is time to watch and cancel it.
  const {context, page} = await openWithSettings(site, 'capacity.config=n=400 p_max=80 noise=0.1 trials=300 seed=1 mode=async max_steps=50\n');
  await click(page, 'hopfield.tab_capacity');
  await click(page, 'capacity.start');
  const progressAt = async (n) => {
    await page.waitForFunction((k) => window.hebblab.state().capacity.progress_events >= k, n, {timeout: 60000});
    return frame(page);
  };
  const f1 = await progressAt(1);
  const f2 = await progressAt(3);
  assert.ok(f2 > f1, 'the page kept drawing between progress messages');
  const running = await state(page);
  assert.equal(running.capacity.running, true);
  assert.ok(running.capacity.points.length >= 3);
  await click(page, 'capacity.cancel');
  await page.waitForFunction(() => window.hebblab.state().capacity.running === false);
  const stopped = await state(page);
  assert.equal(stopped.capacity.status, 'Cancelled');
  assert.ok(stopped.capacity.progress < 1);
  const events = stopped.capacity.progress_events;
  await page.waitForTimeout(500);
  assert.equal((await state(page)).capacity.progress_events, events, 'no progress after cancel');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('on a high-DPI screen the canvas has device pixels and the UI keeps its size (Polish text renders)', async () => {
  const context = await site.browser.newContext({deviceScaleFactor: 2});
  const page = await openApp(context, site.url);
  await click(page, 'tab.about');
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return {width: c.width, css: c.clientWidth};
  });
  assert.equal(size.width, 2 * size.css, 'backing store at devicePixelRatio');
  const tab = (await state(page)).widgets['tab.about'];
  assert.ok(tab[3] > 15 && tab[3] < 30, 'widgets measured in CSS pixels, not device pixels');
  await page.screenshot({path: path.join(site.shots, 'about-hidpi.png')});
  await context.close();
});

test('a browser without WebGL2 gets a page that says what is missing', async () => {
  const context = await site.browser.newContext();
  await context.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('#unsupported:not([hidden])');
  const text = await page.textContent('#unsupported');
  assert.match(text, /WebGL2/);
  assert.match(text, /Chrome/);
  await page.screenshot({path: path.join(site.shots, 'unsupported.png')});
  await context.close();
});

test('the page speaks the browser\'s language before the app has loaded (Polish)', async () => {
  const context = await site.browser.newContext({locale: 'pl-PL'});
  await context.addInitScript(() => { delete window.WebGL2RenderingContext; });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('#unsupported:not([hidden])');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  assert.match(await page.textContent('#unsupported'), /HebbLab nie może działać w tej przeglądarce/);
  assert.equal(await page.textContent('#notices-link'), 'Informacje o licencjach');
  await context.close();
});

test('a browser without WebAssembly SIMD gets a page that says so', async () => {
  const context = await site.browser.newContext();
  await context.addInitScript(() => {
    const validate = WebAssembly.validate;
    // Pretend to be an engine without SIMD: modules using v128 (opcode prefix 0xfd) do not validate.
    WebAssembly.validate = (bytes) => !new Uint8Array(bytes).includes(0xfd) && validate(bytes);
  });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('#unsupported:not([hidden])');
  assert.match(await page.textContent('#missing'), /WebAssembly SIMD/);
  await context.close();
});
