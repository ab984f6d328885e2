// The dev server: correct MIME types, only the site folder, loopback by default.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {startServer, siteDir} from './harness.mjs';

let server, url;
before(async () => { ({server, url} = await startServer()); });
after(() => server?.close());

function get(rawPath) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    http.get({host: u.hostname, port: u.port, path: rawPath}, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject);
  });
}

test('MIME types', async () => {
  assert.match((await get('/')).headers['content-type'], /^text\/html/);
  assert.equal((await get('/hebblab.wasm')).headers['content-type'], 'application/wasm');
  assert.match((await get('/hebblab.js')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/worker.js')).headers['content-type'], /^text\/javascript/);
  assert.equal((await get('/hebblab_worker.wasm')).headers['content-type'], 'application/wasm');
});

test('nothing outside the site folder is served', async () => {
  assert.equal((await get('/../../package.json')).statusCode, 404);
  assert.equal((await get('/%2e%2e/%2e%2e/package.json')).statusCode, 404);
  assert.equal((await get('/no-such-file')).statusCode, 404);
});

test('the command-line server binds 127.0.0.1 by default', async () => {
  const {spawn} = await import('node:child_process');
  const serve = new URL('../../web/serve.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [serve, siteDir, '--port', '0']);
  const line = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  child.kill();
  assert.match(line, /http:\/\/127\.0\.0\.1:/);
});
