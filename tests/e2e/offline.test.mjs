// The site without a network, in headless Chromium: after one visit the service worker has saved the app, so with the
// server stopped a reload starts it and the labs work (a Hopfield recall, a convolution of an MNIST test digit, a job
// in the worker), and nothing the page, its workers or the service worker fetch goes to another origin; the site is
// installable; a new deploy makes the page report a version waiting, and applying it runs the new version; where
// sw.js cannot be fetched the page says why the site is not saved, an asset that cannot be fetched is named in its lab
// with a Retry button that then loads it, and a training set that cannot be fetched fails the run with the file's
// name, and the next run trains.
// The server is stopped rather than the context set offline: setOffline does not stop a service worker's own fetches.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {createServer} from '../../web/serve.mjs';
import {BROWSER_OPTIONS, openApp, state, frames, click, siteDir, useSite, watchViolations} from './harness.mjs';

const site = useSite();  // the browser, and the policy-violation checks; these tests run servers of their own

// The dev server for a site folder, which can be stopped (every connection cut, as when the network is gone) and
// started again on the same port, with another folder too. While `failing` matches a request's path, that request's
// connection is cut instead of answered: a fetch that fails.
class Server {
  async start(dir, port = 0) {
    const serve = createServer(dir).listeners('request')[0];
    this.failing = null;
    this.http = http.createServer((req, res) => (this.failing?.test(req.url) ? req.socket.destroy() : serve(req, res)));
    await new Promise((resolve) => this.http.listen(port, '127.0.0.1', resolve));
    this.port = this.http.address().port;
    this.url = `http://127.0.0.1:${this.port}/`;
  }
  async stop() {
    if (!this.http?.listening) return;
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }
}

const appReady = (page) => page.waitForFunction(
    () => window.hebblab && window.hebblab.ready && window.hebblab.frame() > 3, null, {timeout: 30000});
const offlineReady = (page) => page.waitForFunction(
    () => window.hebblab.offline().status === 'ready', null, {timeout: 60000});

// One visit installs the site; the subtests go on with the same page, first without a server, then with a new
// deploy. Chromium looks for a new sw.js no sooner than about a minute after its last look (seen here: a check asked
// for earlier waits until then), so the deploy comes last and its wait overlaps the offline part.
test('after one visit', async (t) => {
  const server = new Server();
  await server.start(siteDir);
  const context = await site.browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push({url: r.url(), fromServiceWorker: Boolean(r.serviceWorker())}));
  const deployed = fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-deploy-'));
  try {
    const page = await openApp(context, server.url);
    await offlineReady(page);
    assert.equal((await page.evaluate(() => window.hebblab.offline())).updateReady, false);

    await t.test('with the server stopped the app starts and its labs work; nothing leaves the origin', async () => {
      await server.stop();
      await page.reload();
      await appReady(page);
      assert.equal((await page.evaluate(() => window.hebblab.offline())).status, 'ready');
      // Served by the service worker alone, the page is still cross-origin isolated (it adds the headers).
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
      for (const widget of ['hopfield.preset_a', 'hopfield.store', 'hopfield.preset_z', 'hopfield.store',
                            'hopfield.preset_a', 'hopfield.flip', 'hopfield.run'])
        await click(page, widget);
      await page.waitForFunction(() => window.hebblab.state().hopfield.outcome !== null, null, {timeout: 20000});
      assert.deepEqual((await state(page)).hopfield.outcome, {kind: 'pattern', index: 0}, 'recall ends on A');

      await click(page, 'hopfield.tab_capacity');  // a job in the worker, whose scripts and wasm come from the cache
      await click(page, 'capacity.start');
      await page.waitForFunction(() => window.hebblab.state().capacity.progress_events >= 1, null, {timeout: 30000});
      await click(page, 'capacity.cancel');

      await click(page, 'tab.convolution');
      await click(page, 'conv.source_mnist');
      await page.waitForFunction(() => window.hebblab.state().convolution.mnist_label !== null, null,
                                 {timeout: 20000});
      const c = (await state(page)).convolution;
      assert.equal(c.mnist_label, 7, 'the first test digit');
      assert.equal(c.out_width, 26, 'convolved');
      assert.deepEqual(page.errors, []);

      const origin = new URL(server.url).origin;
      assert.ok(requests.some((r) => r.fromServiceWorker), 'the service worker\'s own fetches are recorded too');
      assert.ok(requests.some((r) => r.url.endsWith('/hebblab_worker.wasm')), 'the job worker\'s too');
      assert.deepEqual(requests.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url), [],
                       'every request goes to the page\'s own origin');
    });

    await t.test('a new deploy is reported as a version waiting, and applying it runs the new version', async () => {
      // The deploy, on a copy of the site served on the same port: notices.html changed, so sw.js carries a new
      // version. Their compressed siblings go, so the server sends the new files themselves.
      fs.cpSync(siteDir, deployed, {recursive: true, filter: (f) => !/train-/.test(f)});
      fs.appendFileSync(path.join(deployed, 'notices.html'), '<!-- deployed -->\n');
      const sw = fs.readFileSync(path.join(deployed, 'sw.js'), 'utf8');
      const oldVersion = /"version":"([0-9a-f]+)"/.exec(sw)[1];
      fs.writeFileSync(path.join(deployed, 'sw.js'), sw.replace(`"version":"${oldVersion}"`, '"version":"deployed"'));
      for (const file of ['notices.html', 'sw.js'])
        for (const ext of ['.br', '.gz']) fs.rmSync(path.join(deployed, file + ext), {force: true});
      await server.start(deployed, server.port);

      // The network is back: the page asks for a new version (main.js), which installs beside the running one.
      await context.setOffline(true);
      await context.setOffline(false);
      await page.waitForFunction(() => window.hebblab.offline().updateReady, null, {timeout: 90000});
      await frames(page, 3);
      await page.screenshot({path: path.join(site.shots, 'offline-update-waiting.png')});
      assert.deepEqual(await page.evaluate(() => caches.keys()), [`hebblab-${oldVersion}`, 'hebblab-deployed']);

      // The app's Update button, pressed as click() would, but its release reloads the page (so no frames after).
      const [x, y, w, h] = (await state(page)).widgets['site.update'];
      await page.mouse.move(x + w / 2, y + h / 2);
      await frames(page, 1);
      await page.mouse.down();
      await frames(page, 1);
      const reloaded = page.waitForEvent('load');
      await page.mouse.up();
      await reloaded;
      await appReady(page);
      await offlineReady(page);
      const after = await page.evaluate(async () => ({
        update: window.hebblab.offline().updateReady,
        caches: await caches.keys(),
        notices: await (await fetch('notices.html')).text(),
      }));
      assert.equal(after.update, false);
      assert.deepEqual(after.caches, ['hebblab-deployed'], 'the old version\'s cache is gone');
      assert.match(after.notices, /<!-- deployed -->/, 'the changed file is the new one');
      assert.deepEqual(page.errors, []);
    });
  } finally {
    await context.close();
    await server.stop();
    fs.rmSync(deployed, {recursive: true, force: true});
  }
});

test('the site is installable: Chromium finds no installability errors', async () => {
  const server = new Server();
  await server.start(siteDir);
  // A profile of its own: the contexts above are incognito, where Chromium installs nothing.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-profile-'));
  const context = await chromium.launchPersistentContext(profile, BROWSER_OPTIONS);
  await watchViolations(context, site);
  try {
    const page = await openApp(context, server.url);
    const cdp = await context.newCDPSession(page);
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
  } finally {
    await context.close();
    await server.stop();
    fs.rmSync(profile, {recursive: true, force: true});
  }
});

test('an asset that cannot be fetched is named with Retry, which loads it; so is a training set, and the next run ' +
     'trains', async () => {
  const server = new Server();
  await server.start(siteDir);
  // sw.js cannot be fetched either, so no service worker answers in the server's place: the page says why.
  server.failing = /\/sw\.js/;
  const context = await site.browser.newContext();
  try {
    const page = await openApp(context, server.url);
    await page.waitForFunction(() => window.hebblab.offline().status === 'failed', null, {timeout: 20000});
    assert.match((await page.evaluate(() => window.hebblab.offline())).message, /ServiceWorker/);
    server.failing = /\/sw\.js|t10k-images/;
    await click(page, 'tab.convolution');
    await click(page, 'conv.source_mnist');
    await page.waitForFunction(() => window.hebblab.state().widgets['conv.asset_retry'], null, {timeout: 20000});
    assert.match((await state(page)).status, new RegExp('^Could not load mnist/t10k-images-idx3-ubyte: ' +
                                                        'assets/mnist/t10k-images-idx3-ubyte.gz: no answer'));
    await frames(page, 3);
    await page.screenshot({path: path.join(site.shots, 'offline-asset-failed.png')});
    server.failing = /\/sw\.js/;
    await click(page, 'conv.asset_retry');
    await page.waitForFunction(() => window.hebblab.state().convolution.mnist_label === 7, null, {timeout: 20000});
    assert.equal((await state(page)).widgets['conv.asset_retry'], undefined, 'the failure is gone');

    // The training set is fetched by the job's worker: its failure is the run's, and names the file.
    server.failing = /\/sw\.js|train-images/;
    await click(page, 'tab.cnn');
    await click(page, 'cnn.tab_train');
    await click(page, 'cnn.train');
    await page.waitForFunction(() => /failed/.test(window.hebblab.state().cnn.job_status), null, {timeout: 30000});
    assert.match((await state(page)).cnn.job_status, /assets\/mnist\/train-images-idx3-ubyte\.gz: no answer/);
    server.failing = /\/sw\.js/;
    await click(page, 'cnn.train');
    await page.waitForFunction(() => window.hebblab.state().cnn.phase === 'training', null, {timeout: 30000});
    await click(page, 'cnn.stop');
    // The browser's own lines for the fetches cut short here, and nothing else.
    const cutShort = /^(Failed to load resource: net::ERR_EMPTY_RESPONSE|An unknown error occurred when fetching the script\.)$/;
    assert.deepEqual(page.errors.filter((e) => !cutShort.test(e)), []);
  } finally {
    await context.close();
    await server.stop();
  }
});
