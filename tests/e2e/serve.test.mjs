// The dev server: correct MIME types, the security headers on every response, only the site folder, loopback by
// default, and it survives a file that cannot be read after all.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {startServer, siteDir} from './harness.mjs';
import {SECURITY_HEADERS} from '../../web/serve.mjs';

const serveScript = new URL('../../web/serve.mjs', import.meta.url);

let server, url;
before(async () => { ({server, url} = await startServer()); });
after(() => server?.close());

function get(rawPath, method = 'GET', base = url) {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    http.request({host: u.hostname, port: u.port, path: rawPath, method}, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject).end();
  });
}

test('MIME types', async () => {
  assert.match((await get('/')).headers['content-type'], /^text\/html/);
  assert.equal((await get('/hebblab.wasm')).headers['content-type'], 'application/wasm');
  assert.match((await get('/hebblab.js')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/worker.js')).headers['content-type'], /^text\/javascript/);
  assert.equal((await get('/hebblab_worker.wasm')).headers['content-type'], 'application/wasm');
});

test('every response carries the content security policy and the other security headers', async () => {
  const csp = SECURITY_HEADERS['Content-Security-Policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|\*|https?:/, 'no inline script, no eval, no other origin');
  for (const [p, method] of [['/', 'GET'], ['/hebblab.wasm', 'HEAD'], ['/worker.js', 'GET'], ['/no-such-file', 'GET'],
                             ['/', 'POST']]) {
    const res = await get(p, method);
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      assert.equal(res.headers[name.toLowerCase()], value, `${method} ${p} (${res.statusCode}): ${name}`);
  }
});

test('a file that vanishes after its stat gets a 500, and the server goes on serving', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hebblab-serve-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'vanishing.js'), '// replaced by a rebuild');
  // A server in its own process (a crash must not take the test runner along) whose file reads find vanishing.js
  // removed between the stat and the read, as when a rebuild replaces the site under a running server.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import fs from 'node:fs';
    const open = fs.createReadStream;
    fs.createReadStream = (file, ...rest) => {
      if (file.endsWith('vanishing.js')) fs.rmSync(file);
      return open(file, ...rest);
    };
    const {createServer} = await import(process.argv[1]);
    const server = createServer(process.argv[2]);
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`, serveScript.href, dir],
                      {stdio: ['ignore', 'pipe', 'inherit']});
  try {
    const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d)))));
    const base = `http://127.0.0.1:${port}/`;
    assert.equal((await get('/vanishing.js', 'GET', base)).statusCode, 500);
    assert.equal((await get('/index.html', 'GET', base)).statusCode, 200, 'still serving');
    assert.equal(child.exitCode, null, 'the server process is alive');
  } finally {
    child.kill();
    fs.rmSync(dir, {recursive: true, force: true});
  }
});

test('nothing outside the site folder is served', async () => {
  assert.equal((await get('/../../package.json')).statusCode, 404);
  assert.equal((await get('/%2e%2e/%2e%2e/package.json')).statusCode, 404);
  assert.equal((await get('/no-such-file')).statusCode, 404);
});

test('the command-line server binds 127.0.0.1 by default', async () => {
  const child = spawn(process.execPath, [serveScript.pathname, siteDir, '--port', '0']);
  const line = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  child.kill();
  assert.match(line, /http:\/\/127\.0\.0\.1:/);
});
