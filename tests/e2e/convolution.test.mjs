// The convolution lab in headless Chromium: a painted stroke under the vertical Sobel kernel, a colour-scale change
// that uploads nothing, MNIST digits and the bundled photo as inputs, the user's own image, and the time from a kernel
// change to the new texture (printed, not asserted).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {openApp, state, frames, click, useSite} from './harness.mjs';

const site = useSite();

async function openLab(page) {
  await click(page, 'tab.convolution');
  return (await state(page)).convolution;
}

test('vertical Sobel on a painted vertical stroke: opposite signs on its two sides, zero far away', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await openLab(page);
  await click(page, 'conv.kernel.sobel_vertical');
  const [x, y, w, h] = (await state(page)).widgets['conv.canvas'];
  const cell = w / 28;
  await page.mouse.move(x + 14.5 * cell, y + 3 * cell);
  await page.mouse.down();
  for (let i = 1; i <= 10; ++i) {
    await page.mouse.move(x + 14.5 * cell, y + (3 + i * 2.2) * cell);
    await frames(page, 1);
  }
  await page.mouse.up();
  await frames(page, 3);
  const c = (await state(page)).convolution;
  assert.equal(c.kernel, 'sobel_vertical');
  assert.equal(c.out_width, 26);
  const at = (ox, oy) => c.output[oy * c.out_width + ox];
  // Output column j covers input columns j..j+2; the stroke is around input column 14.
  const row = 12;
  let left = 0, right = 0;
  for (let ox = 9; ox <= 13; ++ox) left = Math.max(left, at(ox, row));
  for (let ox = 13; ox <= 17; ++ox) right = Math.min(right, at(ox, row));
  assert.ok(left > 0.5, `dark-to-bright on the left gives a positive response (${left})`);
  assert.ok(right < -0.5, `bright-to-dark on the right gives a negative response (${right})`);
  assert.equal(at(1, row), 0, 'zero far from the stroke');
  assert.equal(at(24, row), 0, 'zero far from the stroke');
  await page.screenshot({path: path.join(site.shots, 'convolution-stroke.png')});
  await context.close();
});

test('changing the colour scale does not upload the values again', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await openLab(page);
  await click(page, 'conv.kernel.laplacian');
  const before = await state(page);
  const [x, y, w, h] = before.widgets['conv.scale'];
  await page.mouse.move(x + w * 0.25, y + h / 2);  // on the slider, left of its label
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 3);
  const after = await state(page);
  assert.notEqual(after.convolution.scale, before.convolution.scale, 'the scale changed');
  assert.equal(after.convolution.auto_scale, false);
  assert.equal(after.texture_uploads, before.texture_uploads, 'no texture upload for a new scale');
  await context.close();
});

test('MNIST test digits and the bundled photo are inputs', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await openLab(page);
  await click(page, 'conv.source_mnist');
  // The labels and the images are two assets: the browsing row shows once both have come.
  await page.waitForFunction(() => window.hebblab.state().convolution.mnist_label !== null &&
                                   'conv.mnist_next_4' in window.hebblab.state().widgets, null, {timeout: 20000});
  let c = (await state(page)).convolution;
  assert.equal(c.width, 28);
  assert.equal(c.mnist_label, 7, 'the first test digit is a 7');
  await click(page, 'conv.mnist_next_4');
  c = (await state(page)).convolution;
  assert.equal(c.mnist_label, 4);
  assert.equal(c.mnist_index, 4, 'test digits 1..3 are 2, 1, 0; digit 4 is the next 4');
  await click(page, 'conv.source_photo');
  await page.waitForFunction(() => window.hebblab.state().convolution.width === 128, null, {timeout: 20000});
  await click(page, 'conv.magnitude');
  c = (await state(page)).convolution;
  assert.equal(c.kernel, 'magnitude');
  assert.equal(c.out_width, 126);
  assert.deepEqual(page.errors, []);
  await page.screenshot({path: path.join(site.shots, 'convolution-photo.png')});
  await context.close();
});

test('the user\'s own image becomes the input', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await openLab(page);
  await click(page, 'conv.source_own');
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'conv.open_image');
  await (await chooser).setFiles(path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
                                           '../../assets/images/camera.png'));
  await page.waitForFunction(() => window.hebblab.state().convolution.width === 128, null, {timeout: 20000});
  assert.match((await state(page)).status, /camera\.png/);
  await context.close();
});

test('figure: from a kernel change to the new texture, 128 x 128 input (median of 100)', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  await openLab(page);
  await click(page, 'conv.source_photo');
  await page.waitForFunction(() => window.hebblab.state().convolution.width === 128, null, {timeout: 20000});
  const s = await state(page);
  const kernels = ['conv.kernel.sobel_vertical', 'conv.kernel.gaussian_blur'];
  const times = [];
  for (let i = 0; i < 100; ++i) {
    const r = s.widgets[kernels[i % 2]];
    await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
    await frames(page, 2);
    times.push((await state(page)).convolution.last_update_ms);
  }
  times.sort((a, b) => a - b);
  console.log(`kernel change -> texture uploaded, 128 x 128: median ${times[50].toFixed(3)} ms, ` +
              `min ${times[0].toFixed(3)} ms, max ${times[99].toFixed(3)} ms (n = 100)`);
  await context.close();
});
