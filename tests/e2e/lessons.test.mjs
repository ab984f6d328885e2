// The lessons in the real page, in both languages: a link opens a step, PageDown / PageUp move through the lecture, and
// every step's "Show me" leaves its lab in the state the step describes (asserted as outcomes: what is stored, how
// many pixels differ, that the energy never rises, where recall ends, the convolution output against the command line
// on the same input, the CNN's prediction). The language follows the browser's and the page's lang follows it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {state, frames, click, useSite} from './harness.mjs';

const site = useSite();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.HEBBLAB_CLI || path.join(root, 'build/native-release/bin/hebblab');

// The lecture's A (X = +1 black, O = -1 white).
const A = ['OXXXO', 'XOOOX', 'XXXXX', 'XOOOX', 'XOOOX'].join('').split('').map((c) => (c === 'X' ? 1 : -1));
const ORDER = ['hebb', 'outer-product', 'hopfield', 'hebbian-rule', 'energy', 'deform', 'recall', 'convolution',
               'kernels', 'mnist', 'model', 'fit', 'predict'];

async function until(page, predicate, what, timeout = 60000) {
  const start = Date.now();
  for (;;) {
    const s = await state(page);
    if (predicate(s)) return s;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await frames(page, 5);
  }
}

// A float32 .npy's values (the command line's output).
function readNpy(file) {
  const b = fs.readFileSync(file);
  const headerLength = b.readUInt16LE(8);
  const data = b.subarray(10 + headerLength);
  return new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
}

// The sum and the sum of squares: a checksum that tolerates the JSON's decimal rounding.
function checksum(values) {
  let sum = 0, squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  return {sum, squares, count: values.length};
}

function assertSameChecksum(page, cliValues, what) {
  const a = checksum(page), b = checksum(cliValues);
  assert.equal(a.count, b.count, `${what}: as many output pixels as hebblab convolve`);
  assert.ok(Math.abs(a.sum - b.sum) <= 1e-3 * Math.max(1, Math.abs(b.sum)), `${what}: sum ${a.sum} vs ${b.sum}`);
  assert.ok(Math.abs(a.squares - b.squares) <= 1e-4 * b.squares, `${what}: squares ${a.squares} vs ${b.squares}`);
}

function convolveWithCli(imageFile, kernel) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-lesson-')), 'out.npy');
  execFileSync(cli, ['convolve', '--kernel', kernel, imageFile, '-o', out]);
  return readNpy(out);
}

async function showMe(page) {
  const before = (await state(page)).lesson.shown;
  await click(page, 'lesson.show_me');
  return until(page, (s) => s.lesson.shown === before + 1, 'Show me');
}

async function next(page, id) {
  await page.keyboard.press('PageDown');
  const s = await until(page, (t) => t.lesson.id === id, `PageDown to ${id}`, 10000);
  assert.equal(await page.evaluate(() => location.hash), `#lesson/${id}`, 'the address links to the step');
  return s;
}

for (const [language, locale] of [['en', 'en-US'], ['pl', 'pl-PL']]) {
  test(`every lesson step shows what it describes (${language})`, async () => {
    const context = await site.browser.newContext({locale});
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    await page.setViewportSize({width: 1280, height: 860});
    await page.goto(site.url + '#lesson/hebb');
    await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
    let s = await state(page);
    assert.equal(s.language, language, 'the language follows the browser');
    assert.equal(await page.evaluate(() => document.documentElement.lang), language, 'the page says its language');
    assert.equal(s.lesson.id, 'hebb', 'the link opened its step');
    assert.equal(s.tab, 'hopfield');
    await page.mouse.click(640, 840);  // the keyboard goes to the canvas
    await page.screenshot({path: `${site.shots}/lesson-hebb-${language}.png`});

    s = await showMe(page);
    assert.deepEqual(s.hopfield.state, [1, -1, -1], 'three neurons x = [1, -1, -1]');
    assert.equal(s.hopfield.patterns, 0);

    await next(page, 'outer-product');
    s = await showMe(page);
    assert.equal(s.hopfield.patterns, 1, 'x stored: W = x xT - I');
    // PageUp goes back, PageDown forward again.
    await page.keyboard.press('PageUp');
    await until(page, (t) => t.lesson.id === 'hebb', 'PageUp', 10000);
    await next(page, 'outer-product');

    await next(page, 'hopfield');
    s = await showMe(page);
    assert.deepEqual(s.hopfield.state, A, 'the letter A on 5 x 5 neurons');
    assert.equal(s.hopfield.patterns, 0);

    await next(page, 'hebbian-rule');
    s = await showMe(page);
    assert.deepEqual(s.hopfield.pattern_names, ['A', 'Z'], 'A and Z stored');

    await next(page, 'energy');
    s = await showMe(page);
    assert.deepEqual(s.hopfield.state, A);
    assert.equal(s.hopfield.inspected, 12, 'the inspector on the middle neuron');

    await next(page, 'deform');
    s = await showMe(page);
    assert.equal(s.hopfield.state.filter((v, i) => v !== A[i]).length, 3, '3 pixels differ from A');
    await page.screenshot({path: `${site.shots}/lesson-deform-${language}.png`});

    await next(page, 'recall');
    await showMe(page);
    s = await until(page, (t) => t.hopfield.outcome !== null, 'recall to settle', 30000);
    const e = s.hopfield.energies;
    assert.ok(e.length >= 2, 'recall took steps');
    for (let i = 1; i < e.length; ++i) assert.ok(e[i] <= e[i - 1] + 1e-12, `the energy never rises (step ${i})`);
    assert.deepEqual(s.hopfield.outcome, {kind: 'pattern', index: 0}, 'recall ends on A');
    assert.deepEqual(s.hopfield.state, A);

    await next(page, 'convolution');
    assert.equal((await state(page)).tab, 'convolution');
    await showMe(page);
    s = await until(page, (t) => t.convolution.source === 'photo' && t.convolution.width > 28 &&
                                 t.convolution.out_width === t.convolution.width - 2, 'the photo convolved');
    assert.equal(s.convolution.kernel, 'sobel_horizontal');
    assertSameChecksum(s.convolution.output, convolveWithCli(path.join(root, 'assets/images/camera.png'),
                                                             'sobel_horizontal'), 'Sobel on the photo');
    await page.screenshot({path: `${site.shots}/lesson-convolution-${language}.png`});

    await next(page, 'kernels');
    await showMe(page);
    // (Until the digits arrive the lab shows its 28 x 28 canvas: wait for the digit's label too.)
    s = await until(page, (t) => t.convolution.source === 'mnist' && t.convolution.mnist_label !== null &&
                                 t.convolution.kernel === 'laplacian' && t.convolution.out_width === 26,
                    'the MNIST digit convolved');
    assert.equal(s.convolution.mnist_index, 0);
    assert.equal(s.convolution.mnist_label, 7);
    // The same digit as a PGM file for the command line (the lab's input is the digit's bytes / 255).
    const pgm = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-digit-')), 'digit.pgm');
    const bytes = Buffer.from(s.convolution.input.map((v) => Math.round(v * 255)));
    fs.writeFileSync(pgm, Buffer.concat([Buffer.from('P5\n28 28\n255\n'), bytes]));
    assertSameChecksum(s.convolution.output, convolveWithCli(pgm, 'laplacian'), 'Laplacian on test digit 0');

    await next(page, 'mnist');
    assert.equal((await state(page)).tab, 'cnn');
    await showMe(page);
    s = await until(page, (t) => t.cnn.train_images_loaded, 'the training images');
    assert.equal(s.cnn.part, 'train');

    await next(page, 'model');
    s = await showMe(page);
    assert.equal(s.cnn.part, 'model');
    assert.ok(s.cnn.spec_ok);
    assert.equal(s.cnn.params, 600810, "the lecture's model: 600,810 parameters");

    await next(page, 'fit');
    s = await showMe(page);
    assert.equal(s.cnn.part, 'train');
    assert.equal(s.cnn.batch_size, 32);
    assert.equal(s.cnn.optimizer, 'adam');

    await next(page, 'predict');
    await showMe(page);
    s = await until(page, (t) => t.cnn.model_ready && t.cnn.test_loaded && t.cnn.prediction !== null,
                    'a prediction');
    assert.equal(s.cnn.part, 'inside');
    assert.equal(s.cnn.source, 'test');
    assert.equal(s.cnn.test_index, 0);
    assert.equal(s.cnn.prediction, 7, 'the first test image is a 7');
    assert.equal(s.lesson.shown, ORDER.length, 'Show me on every step');
    await page.screenshot({path: `${site.shots}/lesson-predict-${language}.png`});

    // The choice of language survives a reload; the link still opens its step.
    await page.reload();
    await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
    s = await state(page);
    assert.equal(s.language, language);
    assert.equal(s.lesson.id, 'predict');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('the language chosen in the menu is remembered over the browser\'s', async () => {
  const context = await site.browser.newContext({locale: 'en-US'});
  const page = await context.newPage();
  await page.setViewportSize({width: 1280, height: 860});
  await page.goto(site.url);
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
  assert.equal((await state(page)).language, 'en');
  await click(page, 'tab.about');
  await page.screenshot({path: `${site.shots}/about-en.png`});
  await click(page, 'menu.language');
  await click(page, 'menu.language_pl');
  let s = await state(page);
  assert.equal(s.language, 'pl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  await frames(page, 40);  // the settings are saved twice a second
  await page.screenshot({path: `${site.shots}/about-pl.png`});
  await page.reload();
  await page.waitForFunction(() => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3);
  s = await state(page);
  assert.equal(s.language, 'pl', 'the choice survives a reload');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  await context.close();
});
