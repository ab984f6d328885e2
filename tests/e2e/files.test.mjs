// Pattern files in headless Chromium: Load opens the browser's file picker and a good file replaces the stored
// patterns, a malformed one is reported by line and changes nothing, Save downloads a file that reads back, and a
// file dropped on the page is opened too (larger than HebbLab's limit of 64 MiB: refused unread).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {openApp, state, click, useSite} from './harness.mjs';

const site = useSite();

// The lecture's A and Z, X = +1, in the README's pattern-file format.
const LETTERS = '# A\nOXXXO\nXOOOX\nXXXXX\nXOOOX\nXOOOX\n\n# Z\nXXXXX\nOOOXO\nOOXOO\nOXOOO\nXXXXX\n';
const BAD_LINE_3 = 'OXXXO\nXOOOX\nXXQXX\nXOOOX\nXOOOX\n';

// Click a widget and hand the file chooser it opens one file.
async function loadThroughPicker(page, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', {timeout: 10000}),
                                       click(page, 'hopfield.load_file')]);
  assert.equal(chooser.isMultiple(), false);
  await chooser.setFiles({name, mimeType: 'text/plain', buffer: Buffer.from(text)});
}

// Drop files on the canvas as the browser would deliver them; returns whether the page took the drop (kept the
// browser from navigating to the file).
function dropOnCanvas(page, files) {
  return page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.size ? new Uint8Array(f.size) : f.text], f.name));
    const canvas = document.getElementById('canvas');
    const over = new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true});
    canvas.dispatchEvent(over);
    const drop = new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true});
    canvas.dispatchEvent(drop);
    return over.defaultPrevented && drop.defaultPrevented;
  }, files);
}

test('Load opens the file picker; a good file is loaded, a bad one is reported by line and changes nothing',
  async () => {
    const context = await site.browser.newContext();
    const page = await openApp(context, site.url);
    assert.equal((await state(page)).hopfield.patterns, 0);

    await loadThroughPicker(page, 'letters.txt', LETTERS);
    await page.waitForFunction(() => window.hebblab.state().hopfield.patterns === 2, null, {timeout: 10000});
    assert.deepEqual(await page.evaluate(() => document.getElementById('hebblab-file-input').accept),
                     '.txt,text/plain');

    await loadThroughPicker(page, 'bad.txt', BAD_LINE_3);
    await page.waitForFunction(() => /line 3/.test(window.hebblab.state().status), null, {timeout: 10000});
    const s = await state(page);
    assert.equal(s.hopfield.patterns, 2, 'a malformed file leaves the stored patterns alone');
    assert.match(s.status, /bad\.txt/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

test('Save downloads a pattern file that reads back', async () => {
  const context = await site.browser.newContext({acceptDownloads: true});
  const page = await openApp(context, site.url);
  await loadThroughPicker(page, 'letters.txt', LETTERS);
  await page.waitForFunction(() => window.hebblab.state().hopfield.patterns === 2, null, {timeout: 10000});

  const [download] = await Promise.all([page.waitForEvent('download', {timeout: 10000}),
                                        click(page, 'hopfield.save_file')]);
  assert.match(download.suggestedFilename(), /\.txt$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const rows = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  assert.deepEqual(rows, ['OXXXO', 'XOOOX', 'XXXXX', 'XOOOX', 'XOOOX', 'XXXXX', 'OOOXO', 'OOXOO', 'OXOOO', 'XXXXX']);

  // What was saved loads again as the same two patterns.
  await click(page, 'hopfield.forget_all');
  assert.equal((await state(page)).hopfield.patterns, 0);
  await loadThroughPicker(page, download.suggestedFilename(), text);
  await page.waitForFunction(() => window.hebblab.state().hopfield.patterns === 2, null, {timeout: 10000});
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file dropped on the page is opened; one over 64 MB is refused unread', async () => {
  const context = await site.browser.newContext();
  const page = await openApp(context, site.url);
  assert.equal(await dropOnCanvas(page, [{name: 'z.txt', text: '# Z\nXXXXX\nOOOXO\nOOXOO\nOXOOO\nXXXXX\n'}]), true);
  await page.waitForFunction(() => window.hebblab.state().hopfield.patterns === 1, null, {timeout: 10000});

  assert.equal(await dropOnCanvas(page, [{name: 'huge.txt', size: 64 * 1024 * 1024 + 1}]), true);
  await page.waitForFunction(() => /larger than HebbLab's limit of 64 MiB/.test(window.hebblab.state().status), null, {timeout: 10000});
  assert.equal((await state(page)).hopfield.patterns, 1);
  assert.equal(page.url(), site.url, 'the page did not navigate to the dropped file');
  assert.deepEqual(page.errors, []);
  await context.close();
});
