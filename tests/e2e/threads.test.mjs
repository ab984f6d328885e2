// Training on several threads in the page, and one result on every platform: the dev server's COOP/COEP headers make
// the page cross-origin isolated, so its job worker loads the threaded module (pthreads) and trains on 2 threads; in
// reproducible mode the weights it ends with are the native command line's, bit for bit, on 1 thread and on 2. A page
// that is not isolated trains on one thread and says why.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createServer} from '../../web/serve.mjs';
import {openApp, openWithSettings, siteDir, state, click, useSite} from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.HEBBLAB_CLI || path.join(root, 'build/native-release/bin/hebblab');
const site = useSite();

// 200 training images, one epoch, batches of 32, seed 1, dropout on (the lecture's model), Adam at 0.001.
const reproducibleRun = (threads) => 'ui.tab=cnn\ncnn.part=train\ncnn.limit=200\ncnn.epochs=1\n' +
    `cnn.validation_split=0\ncnn.batch_size=32\ncnn.seed=1\ncnn.threads=${threads}\ncnn.reproducible=1\n`;

function nativeFingerprint(threads) {
  const out = execFileSync(cli, ['train', '--reproducible', '--threads', String(threads), '--limit', '200',
                                 '--epochs', '1', '--batch-size', '32', '--seed', '1', '--test-limit', '10', '--json']);
  return JSON.parse(out.toString().trim().split('\n').pop()).weights_fingerprint;
}

for (const threads of [1, 2]) {
  test(`reproducible training on ${threads} thread(s) in the page gives the native command line's weights`,
       async () => {
    const {context, page} = await openWithSettings(site, reproducibleRun(threads));
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the dev server isolates the page');
    await page.waitForFunction(() => window.hebblab.state().cnn.model_ready, null, {timeout: 30000});
    await click(page, 'cnn.train');
    await page.waitForFunction(() => window.hebblab.state().cnn.fingerprint !== '', null, {timeout: 180000});
    const s = (await state(page)).cnn;
    assert.equal(s.phase, 'done', s.job_status);
    assert.equal(s.threads, threads);
    assert.equal(s.reproducible, true);
    assert.ok(s.threads_offered[1] >= 2, `the page offers ${s.threads_offered[1]} threads`);
    const native = nativeFingerprint(threads);
    console.log(`# ${threads} thread(s): page ${s.fingerprint}, native ${native}`);
    assert.equal(s.fingerprint, native);
    await context.close();
  });
}

test('a page that is not cross-origin isolated trains on one thread and says why', async () => {
  // The same site from a server that sends no COOP/COEP (a static host that cannot set headers, before its service
  // worker serves the page).
  const server = createServer(siteDir);
  server.prependListener('request', (req, res) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => (/^Cross-Origin/i.test(name) ? res : setHeader(name, value));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await site.browser.newContext({serviceWorkers: 'block'});
  await context.addInitScript((text) => localStorage.setItem('hebblab.settings', text), reproducibleRun(2));
  try {
    const page = await openApp(context, `http://127.0.0.1:${server.address().port}/`);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
    await page.waitForFunction(() => window.hebblab.state().cnn.model_ready, null, {timeout: 30000});
    const before = await state(page);
    assert.deepEqual(before.cnn.threads_offered, [before.cnn.threads_offered[0], 1]);
    assert.equal(before.widgets['cnn.threads'][5], 0, 'the threads field is greyed out');
    await click(page, 'cnn.train');
    await page.waitForFunction(() => window.hebblab.state().cnn.fingerprint !== '', null, {timeout: 180000});
    const s = (await state(page)).cnn;
    assert.equal(s.threads, 1);
    assert.equal(s.fingerprint, nativeFingerprint(1), 'one thread, reproducible: the native one-thread weights');
  } finally {
    await context.close();
    server.close();
  }
});
