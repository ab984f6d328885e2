// The dev server: correct MIME types, the security headers on every response, precompressed siblings sent with their
// Content-Encoding when accepted (never for the app's own gzipped assets), ETags answered with 304, only the site
// folder, loopback by default, and it survives a file that cannot be read after all.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {startServer, siteDir} from './harness.mjs';
import {SECURITY_HEADERS} from '../../web/serve.mjs';

const serveScript = new URL('../../web/serve.mjs', import.meta.url);

let server, url;
before(async () => { ({server, url} = await startServer()); });
after(() => server?.close());

// The response, its body (as sent: still encoded) in res.body.
function get(rawPath, method = 'GET', base = url, headers = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    http.request({host: u.hostname, port: u.port, path: rawPath, method, headers}, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        res.body = Buffer.concat(chunks);
        resolve(res);
      });
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

test('a precompressed sibling is sent when the request accepts it: brotli first, then gzip, else the file', async () => {
  const wasm = fs.readFileSync(path.join(siteDir, 'hebblab.wasm'));
  const cases = [
    ['gzip, deflate, br', 'br', (b) => zlib.brotliDecompressSync(b)],
    ['gzip, deflate', 'gzip', (b) => zlib.gunzipSync(b)],
    ['br;q=0, gzip;q=0.5', 'gzip', (b) => zlib.gunzipSync(b)],
    ['', undefined, (b) => b],
    ['identity', undefined, (b) => b],
  ];
  for (const [accept, coding, decode] of cases) {
    for (const method of ['GET', 'HEAD']) {
      const res = await get('/hebblab.wasm', method, url, {'Accept-Encoding': accept});
      const sent = coding ? `${siteDir}/hebblab.wasm.${coding === 'br' ? 'br' : 'gz'}` : `${siteDir}/hebblab.wasm`;
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], coding, `${method} with Accept-Encoding "${accept}"`);
      assert.equal(res.headers['content-type'], 'application/wasm', 'the type of the file, not of its sibling');
      assert.equal(res.headers['vary'], 'Accept-Encoding');
      assert.equal(Number(res.headers['content-length']), fs.statSync(sent).size);
      if (method === 'GET') assert.ok(decode(res.body).equals(wasm), `${method} "${accept}" decodes to the file`);
      else assert.equal(res.body.length, 0);
    }
  }
});

test('the app\'s own gzipped assets go as they are, never with a Content-Encoding', async () => {
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, 'assets/index.json'), 'utf8'));
  const file = index['mnist/t10k-labels-idx1-ubyte'];
  assert.match(file, /\.gz$/);
  const res = await get(`/assets/${file}`, 'GET', url, {'Accept-Encoding': 'gzip, deflate, br'});
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-encoding'], undefined);
  assert.equal(res.headers['content-type'], 'application/gzip');
  assert.deepEqual([...res.body.subarray(0, 2)], [0x1f, 0x8b], 'gzip data, for the app to unpack');
  assert.ok(res.body.equals(fs.readFileSync(path.join(siteDir, 'assets', file))));
});

test('a file the browser already has is answered 304 Not Modified, per encoding', async () => {
  const first = await get('/main.js', 'GET', url, {'Accept-Encoding': 'br'});
  assert.ok(first.headers['etag']);
  const again = await get('/main.js', 'GET', url, {'Accept-Encoding': 'br', 'If-None-Match': first.headers['etag']});
  assert.equal(again.statusCode, 304);
  assert.equal(again.body.length, 0);
  const plain = await get('/main.js', 'GET', url, {'If-None-Match': first.headers['etag']});
  assert.equal(plain.statusCode, 200, 'the brotli copy\'s tag does not stand for the plain file');
  assert.equal(plain.headers['content-encoding'], undefined);
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
