// Every screen and every hand, in headless Chromium: every named widget of every lab at a phone's, a tablet's, a
// laptop's and a projector's size (scrolled into view, wholly visible, not covered, and taking a click), the labs used
// with the keyboard alone, and with real touch events (a painted stroke, a tapped button, a two-finger pan).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {state, frames, useSite} from './harness.mjs';

const site = useSite();

const SIZES = [[390, 844], [768, 1024], [1280, 800], [1920, 1080]];
// Each lab as it opens: its tab, and the sub-tab that holds its main panels.
const LABS = [['tab.hopfield', 'hopfield.tab_recall'], ['tab.convolution', null], ['tab.cnn', 'cnn.tab_inside']];

// Phones and tablets are touch screens (coarse pointer: 44 px targets), laptops and projectors have a mouse.
async function openAt(width, height) {
  const touch = width < 1000;
  const context = await site.browser.newContext({viewport: {width, height}, hasTouch: touch, isMobile: touch});
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('filechooser', () => {});  // "Load patterns" and the like open one: nobody picks a file
  await page.goto(site.url);
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3, null,
                             {timeout: 30000});
  return {context, page};
}

const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];

// In the page, for each named widget of a lab: scroll it into view, check it is wholly visible, move the pointer to
// its centre and check the app finds that widget under it (nothing covers it), press and release, and check the click
// landed on it. The pointer events are dispatched on the canvas as the browser would (the keyboard and touch tests
// below use the browser's real input); a click that opened a menu or list is closed by a click on an empty corner,
// and a click that left the lab (a tab) is followed by opening the lab again. It all runs in the page, without a
// round trip per step: a frame in software WebGL takes tens of milliseconds.
async function checkLab(page, lab, width, height) {
  return page.evaluate(async ({lab, width, height}) => {
    const h = window.hebblab;
    const canvas = document.getElementById('canvas');
    const after = async (n) => {
      const start = h.frame();
      while (h.frame() < start + n) await new Promise((r) => requestAnimationFrame(r));
    };
    const mouse = (type, x, y) => canvas.dispatchEvent(new MouseEvent(type, {
      clientX: x, clientY: y, button: 0, buttons: type === 'mousedown' ? 1 : 0, bubbles: true, cancelable: true,
      view: window}));
    const press = async (x, y) => {
      mouse('mousemove', x, y);
      await after(1);
      mouse('mousedown', x, y);
      await after(1);
      mouse('mouseup', x, y);
      await after(2);
    };
    const openLab = async () => {
      for (const name of lab) {
        if (!name) continue;
        h.reveal(name);
        await after(2);
        const r = h.state().widgets[name];
        if (!r) throw new Error(`${name} is not drawn`);
        await press(r[0] + r[2] / 2, r[1] + r[3] / 2);
      }
      await after(2);
    };
    const inside = (r) => r[4] === 1 && r[0] >= -0.5 && r[1] >= -0.5 && r[0] + r[2] <= width + 0.5 &&
                          r[1] + r[3] <= height + 0.5;
    await openLab();
    const first = h.state();
    // The widgets the app drew for this lab, as its item hooks reported them (no hand-kept list); those that leave the
    // lab (its tabs) last.
    const leaves = (n) => /^tab\.|\.tab_/.test(n);
    const names = Object.keys(first.widgets).sort((a, b) => leaves(a) - leaves(b));
    const failures = [], gone = [];
    let checked = 0;
    for (const name of names) {
      await after(1);  // the layout after the last click
      let s = h.state();
      if (!s.widgets[name] && leaves(name)) {
        await openLab();
        s = h.state();
      }
      if (!s.widgets[name]) { gone.push(name); continue; }
      if (!inside(s.widgets[name])) {  // scrolled away: into view
        h.reveal(name);
        await after(2);
        s = h.state();
      }
      const r = s.widgets[name];
      const where = `${name} at ${width} x ${height}: [${r.map((v) => Math.round(v)).join(', ')}]`;
      if (!inside(r)) {
        failures.push(`${where} is ${r[4] !== 1 ? 'cut off by its panel' : 'outside the window'}`);
        continue;
      }
      checked += 1;
      if (r[2] < 1 || r[3] < 1) continue;  // an empty placeholder (a map not computed yet)
      const x = r[0] + r[2] / 2, y = r[1] + r[3] / 2;
      mouse('mousemove', x, y);
      await after(1);
      s = h.state();
      if (s.pointer.hovered !== name) {
        failures.push(`${where} is covered by ${s.pointer.hovered || 'something the app does not name'}`);
        continue;
      }
      if (!r[5]) continue;  // greyed out (Forget all with nothing stored): visible and uncovered is all it can be
      const clicks = s.pointer.clicks;
      mouse('mousedown', x, y);
      await after(1);
      mouse('mouseup', x, y);
      await after(1);
      s = h.state();
      if (s.pointer.clicked !== name || s.pointer.clicks !== clicks + 1)
        failures.push(`${where}: the click went to ${s.pointer.clicked || 'nothing'}`);
      if (s.popup) await press(2, height - 2);  // a menu or list opened: a click on an empty corner closes it
    }
    return {failures, gone, checked, stacked: first.stacked};
  }, {lab, width, height});
}

for (const [width, height] of SIZES) {
  test(`${width} x ${height}: every named widget of every lab scrolls into view, wholly visible, uncovered, and ` +
       'takes a click', async () => {
    const {context, page} = await openAt(width, height);
    let checked = 0;
    const failures = [];
    for (const lab of LABS) {
      const result = await checkLab(page, lab, width, height);
      assert.equal(result.stacked, width < 900, 'the panels stack below 900 CSS px');
      failures.push(...result.failures);
      checked += result.checked;
      // A click can change what a lab shows (another input source hides the canvas's controls): a few may go.
      assert.ok(result.gone.length <= 4, `widgets gone after earlier clicks: ${result.gone.join(', ')}`);
      await page.screenshot({path: path.join(site.shots, `screens-${width}x${height}-${lab[0].slice(4)}.png`)});
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 60, `checked ${checked} widgets`);
    console.log(`${width} x ${height}: ${checked} widgets checked`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

// The state after n more frames, in one round trip.
const settled = (page, n = 2) => page.evaluate(async (n) => {
  const start = window.hebblab.frame();
  while (window.hebblab.frame() < start + n) await new Promise((r) => requestAnimationFrame(r));
  return window.hebblab.state();
}, n);

// Press arrows until the keyboard focus is on the target: towards it vertically until the rows overlap, then across.
async function focusOn(page, target) {
  let s = await settled(page, 1);
  for (let i = 0; i < 60; ++i) {
    if (s.focus.name === target) return s;
    const t = s.widgets[target];
    assert.ok(t, `${target} is drawn`);
    const f = s.focus.rect;
    const [tx, ty] = centre(t), [fx, fy] = centre(f);
    let key;
    if (ty < f[1]) key = 'ArrowUp';
    else if (ty > f[1] + f[3]) key = 'ArrowDown';
    else key = tx < fx ? 'ArrowLeft' : 'ArrowRight';
    await page.keyboard.press(key);
    s = await settled(page);
  }
  assert.fail(`the arrows never reached ${target}; the focus is on ${s.focus.name}`);
}

// The panel keys, until the focus is in the panel whose first widget is `first`.
async function panelTo(page, first) {
  for (let i = 0; i < 10; ++i) {
    await page.keyboard.press('Control+Tab');
    if ((await settled(page)).focus.name === first) return;
  }
  assert.fail(`Ctrl+Tab never reached the panel of ${first}`);
}

// Activate the focused widget, after checking the focus is on it.
async function activate(page, target, key) {
  const s = await focusOn(page, target);
  assert.equal(s.focus.name, target);
  await page.keyboard.press(key);
  await frames(page, 3);
}

const A = 'OXXXO XOOOX XXXXX XOOOX XOOOX'.replace(/ /g, '').split('').map((c) => (c === 'X' ? 1 : -1));

test('keyboard only: store A and Z, flip, recall, and pick a kernel with arrows, Ctrl+Tab, Space and Enter',
     async () => {
  const context = await site.browser.newContext({viewport: {width: 1280, height: 860}});
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3, null,
                             {timeout: 30000});
  await panelTo(page, 'hopfield.grid');  // the first panel of the Hopfield lab, open at start
  await activate(page, 'hopfield.preset_a', 'Space');
  await activate(page, 'hopfield.store', 'Enter');
  await activate(page, 'hopfield.preset_z', 'Space');
  await activate(page, 'hopfield.store', 'Enter');
  await activate(page, 'hopfield.preset_a', 'Enter');
  let s = await state(page);
  assert.equal(s.hopfield.patterns, 2);
  assert.deepEqual(s.hopfield.state, A);
  assert.ok(s.focus.rect[2] > 0, 'the focus ring is shown');
  assert.equal(s.announced, 'Letter A', 'screen readers hear the focused control');
  await panelTo(page, 'hopfield.flip_count');
  await activate(page, 'hopfield.flip', 'Space');
  s = await state(page);
  assert.equal(s.hopfield.state.filter((v, i) => v !== A[i]).length, 2, 'two pixels flipped');
  await activate(page, 'hopfield.run', 'Enter');
  await page.waitForFunction(() => window.hebblab.state().hopfield.outcome !== null, null, {timeout: 20000});
  s = await state(page);
  assert.deepEqual(s.hopfield.outcome, {kind: 'pattern', index: 0});
  await frames(page, 3);
  assert.equal(await page.evaluate(() => document.getElementById('announce').textContent),
               'Settled on stored pattern 0 (A)', 'the outcome is announced in the aria-live region');
  await page.screenshot({path: path.join(site.shots, 'keyboard-hopfield.png')});
  // The convolution lab: to the lab tabs, across to Convolution, into its kernel panel.
  await panelTo(page, 'tab.lessons');
  await activate(page, 'tab.convolution', 'Space');
  await frames(page, 3);
  assert.equal((await state(page)).tab, 'convolution');
  await panelTo(page, 'conv.kernel.identity');
  await activate(page, 'conv.kernel.laplacian', 'Space');
  s = await state(page);
  assert.equal(s.convolution.kernel, 'laplacian');
  await page.screenshot({path: path.join(site.shots, 'keyboard-convolution.png')});
  await context.close();
});

test('touch: a stroke paints, a tap on Store stores, and a two-finger pan scrolls without painting', async () => {
  const {context, page} = await openAt(390, 844);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({x, y, id}))});
  await frames(page, 3);
  let s = await state(page);
  assert.ok(s.stacked);
  const g = s.widgets['hopfield.grid'];
  const cell = g[2] / s.hopfield.width;
  // A stroke along the top row, finger down, moving, finger up.
  const y = g[1] + cell / 2;
  await touch('touchStart', [[g[0] + cell / 2, y]]);
  for (let x = 0.5; x <= 4.5; x += 0.5) {
    await touch('touchMove', [[g[0] + cell * x, y]]);
    await frames(page, 1);
  }
  await touch('touchEnd', []);
  await frames(page, 4);
  s = await state(page);
  assert.deepEqual(s.hopfield.state.slice(0, 5), [1, 1, 1, 1, 1], 'the stroke painted the top row');
  assert.deepEqual(s.hopfield.state.slice(5), new Array(20).fill(-1), 'and nothing else');
  // A tap on Store pattern.
  await page.evaluate(() => window.hebblab.reveal('hopfield.store'));
  await frames(page, 3);
  const r = (await state(page)).widgets['hopfield.store'];
  assert.ok(r[3] >= 44, `Store pattern is ${r[3]} px tall on a touch screen`);
  await touch('touchStart', [centre(r)]);
  await touch('touchEnd', []);
  await frames(page, 4);
  s = await state(page);
  assert.equal(s.hopfield.patterns, 1, 'the tap stored the pattern');
  // Two fingers on the grid, dragged up: the stacked column scrolls, and the grid is not painted.
  await page.evaluate(() => window.hebblab.reveal('hopfield.grid'));
  await frames(page, 3);
  const before = await state(page);
  const top = before.widgets['hopfield.grid'];
  const [cx, cy] = centre(top);
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let d = 20; d <= 200; d += 20) {
    await touch('touchMove', [[cx - 40, cy - d], [cx + 40, cy - d]]);
    await frames(page, 1);
  }
  await touch('touchEnd', []);
  await frames(page, 4);
  const after = await state(page);
  assert.ok(after.widgets['hopfield.grid'][1] < top[1] - 100,
            `the pan scrolled the column: the grid moved from y = ${top[1]} to ${after.widgets['hopfield.grid'][1]}`);
  assert.deepEqual(after.hopfield.state, before.hopfield.state, 'the pan painted nothing');
  await page.screenshot({path: path.join(site.shots, 'touch-after-pan.png')});
  await context.close();
});
