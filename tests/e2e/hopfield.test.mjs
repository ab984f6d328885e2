// The Hopfield lab in headless Chromium: the lecture's A/Z recall through real clicks, painting by dragging,
// the capacity experiment in the worker (reproducible by seed), and stored patterns surviving a reload.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {openApp, openWithSettings, state, frames, click, useSite} from './harness.mjs';

const site = useSite();

// Store the lecture's A and Z (patterns 0 and 1) and leave A in the grid.
async function storeAandZ(page) {
  for (const widget of ['hopfield.preset_a', 'hopfield.store', 'hopfield.preset_z', 'hopfield.store', 'hopfield.preset_a'])
    await click(page, widget);
}

// The lecture's A, row-major, X = +1.
const A = 'OXXXO XOOOX XXXXX XOOOX XOOOX'.replace(/ /g, '').split('').map((c) => (c === 'X' ? 1 : -1));

test('store A and Z, flip 2 pixels of A with seed 1, Run: recall ends on A (pattern 0)', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await storeAandZ(page);
  let s = await state(page);
  assert.equal(s.hopfield.patterns, 2);
  assert.deepEqual(s.hopfield.state, A);
  assert.equal(s.hopfield.flip, 2);
  assert.equal(s.hopfield.seed, 1);
  await click(page, 'hopfield.flip');
  s = await state(page);
  assert.equal(s.hopfield.state.filter((v, i) => v !== A[i]).length, 2, 'exactly two pixels flipped');
  await click(page, 'hopfield.run');
  await page.waitForFunction(() => window.hebblab.state().hopfield.outcome !== null, null, {timeout: 20000});
  s = await state(page);
  assert.deepEqual(s.hopfield.state, A);
  assert.deepEqual(s.hopfield.outcome, {kind: 'pattern', index: 0});
  for (let i = 1; i < s.hopfield.energies.length; ++i)
    assert.ok(s.hopfield.energies[i] <= s.hopfield.energies[i - 1], 'the energy never rises');
  // The heatmaps were uploaded as values when they changed, and are not uploaded again while nothing changes.
  assert.ok(s.texture_uploads > 0);
  await frames(page, 10);
  assert.equal((await state(page)).texture_uploads, s.texture_uploads);
  await page.screenshot({path: path.join(site.shots, 'hopfield-5x5.png')});
  await context.close();
});

test('a stroke painted by dragging the mouse shows up in the state', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await frames(page, 2);
  const g = (await state(page)).hopfield;
  assert.ok(g.state.every((v) => v === -1), 'starts white');
  const [x, y, w, h] = (await state(page)).widgets['hopfield.grid'];
  const cell = w / g.width;
  // Drag along the middle row, left to right.
  await page.mouse.move(x + cell / 2, y + 2.5 * cell);
  await page.mouse.down();
  for (let i = 1; i <= 8; ++i) {
    await page.mouse.move(x + cell / 2 + (i / 8) * (w - cell), y + 2.5 * cell);
    await frames(page, 1);
  }
  await page.mouse.up();
  await frames(page, 2);
  const after = (await state(page)).hopfield.state;
  assert.deepEqual(after.slice(10, 15), [1, 1, 1, 1, 1], 'the middle row is black');
  assert.equal(after.filter((v) => v === 1).length, 5, 'nothing else changed');
  // The right button paints white.
  await page.mouse.move(x + 2.5 * cell, y + 2.5 * cell);
  await page.mouse.down({button: 'right'});
  await frames(page, 2);
  await page.mouse.up({button: 'right'});
  await frames(page, 2);
  assert.equal((await state(page)).hopfield.state[12], -1);
  await context.close();
});

test('the capacity experiment gives the same curve for the same seed', async () => {
  const {context, page} = await openWithSettings(site, 'capacity.config=n=64 p_max=12 noise=0.1 trials=40 seed=1 mode=async max_steps=50\n');
  const run = async () => {
    await click(page, 'hopfield.tab_capacity');
    await click(page, 'capacity.start');
    await page.waitForFunction(() => window.hebblab.state().capacity.status === 'Done', null, {timeout: 60000});
    return (await state(page)).capacity.points;
  };
  const first = await run();
  const second = await run();
  assert.equal(first.length, 12);
  assert.deepEqual(second, first);
  assert.ok(first[0][1] > first[11][1], 'more patterns, fewer recalled');
  await context.close();
});

test('stored patterns survive a page reload', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await click(page, 'hopfield.preset_z');
  await click(page, 'hopfield.store');
  await page.waitForFunction(() => (localStorage.getItem('hebblab.settings') || '').includes('hopfield.patterns=#'));
  await page.reload();
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
  assert.equal((await state(page)).hopfield.patterns, 1);
  await context.close();
});

test('a 32 x 32 network recalls a letter with 100 pixels flipped; the inspector explains one neuron', async () => {
  const {context, page} = await openWithSettings(site, 'hopfield.width=32\nhopfield.height=32\nhopfield.flip=100\nhopfield.mode=async\n');
  await storeAandZ(page);
  const a = (await state(page)).hopfield.state;
  assert.equal(a.length, 1024);
  await click(page, 'hopfield.flip');
  await click(page, 'hopfield.run');
  await page.waitForFunction(() => window.hebblab.state().hopfield.outcome !== null, null, {timeout: 30000});
  const s = await state(page);
  assert.deepEqual(s.hopfield.outcome, {kind: 'pattern', index: 0});
  assert.deepEqual(s.hopfield.state, a);
  await click(page, 'hopfield.tool_inspect');
  const [x, y, w] = (await state(page)).widgets['hopfield.grid'];
  await page.mouse.click(x + w * 0.5, y + w * 0.3);
  await frames(page, 3);
  assert.ok((await state(page)).hopfield.inspected >= 0);
  await page.screenshot({path: path.join(site.shots, 'hopfield-32x32.png')});
  await context.close();
});
