// HebbLab's development server: serves the built site folder only, with correct MIME types and the site's security
// headers (the same the README asks of a static host), precompressed siblings where the browser accepts them, and
// ETags, so a browser or the service worker revalidating a file it has gets a 304; bound to 127.0.0.1 unless told
// otherwise. No dependencies beyond Node.js.
//   node web/serve.mjs SITE_DIR [--port 8080] [--host 127.0.0.1]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
  '.gz': 'application/gzip', '.ico': 'image/x-icon',
};

// Sent with every response. The page needs nothing but its own origin: its scripts are files (no inline script, no
// eval: both wasm modules are linked with DYNAMIC_EXECUTION=0), and 'wasm-unsafe-eval' only lets it compile
// WebAssembly. A worker takes the policy of its own script's response, so worker.js gets the same one. The last three
// make the page cross-origin isolated, which gives it SharedArrayBuffer and so training on several threads: the page
// shares no window with other origins (COOP) and loads nothing another origin has not agreed to share (COEP; the site
// loads only its own files, which say they may be loaded by their own origin, CORP).
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; " +
                             "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// The build writes X.br and X.gz beside each compressible file X (web/pack-site.mjs); one is sent in X's place, with
// X's type and a Content-Encoding, when the request accepts it, brotli first. Files the app unpacks itself
// (assets/*.gz) have no siblings, so they always go as they are, without a Content-Encoding.
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

// The content codings an Accept-Encoding header allows ("gzip, deflate, br", "br;q=0, *").
function acceptedEncodings(header) {
  const accepted = new Set(), refused = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    (q && Number(q.slice(2)) === 0 ? refused : accepted).add(name);
  }
  return (coding) => !refused.has(coding) && (accepted.has(coding) || (accepted.has('*') && !refused.has('*')));
}

const inside = (base, file) => file === base || file.startsWith(base + path.sep);

// A sibling's stats, if it is a file inside the site folder (links resolved, as for the file itself).
function statSibling(base, file) {
  try {
    const st = fs.statSync(file);
    return st.isFile() && inside(base, fs.realpathSync(file)) ? st : null;
  } catch {
    return null;
  }
}

function parseArgs(argv) {
  const opts = {root: null, port: 8080, host: '127.0.0.1'};
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else if (argv[i] === '--host') opts.host = argv[++i];
    else if (!opts.root) opts.root = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!opts.root) throw new Error('usage: node web/serve.mjs SITE_DIR [--port 8080] [--host 127.0.0.1]');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port takes 0..65535');
  return opts;
}

export function createServer(root) {
  const base = fs.realpathSync(root);
  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, {'Allow': 'GET, HEAD'}).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    // Only files inside the site folder: resolve links too, then check the prefix.
    let file = path.join(base, path.normalize(rel));
    try {
      file = fs.realpathSync(file);
    } catch {
      res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
      return;
    }
    if (!inside(base, file)) {
      res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
        return;
      }
      const headers = {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Cache-Control': 'no-cache',  // always revalidated: a new build is seen at once (sw.js, index.html above all)
      };
      const siblings = ENCODINGS.map(([coding, ext]) => ({coding, file: file + ext, st: statSibling(base, file + ext)}))
          .filter((sibling) => sibling.st);
      if (siblings.length > 0) headers['Vary'] = 'Accept-Encoding';
      const accepts = acceptedEncodings(req.headers['accept-encoding']);
      const sent = siblings.find((sibling) => accepts(sibling.coding)) || {coding: null, file, st};
      if (sent.coding) headers['Content-Encoding'] = sent.coding;
      headers['Content-Length'] = sent.st.size;
      headers['ETag'] = `W/"${sent.st.size.toString(16)}-${Math.floor(sent.st.mtimeMs).toString(16)}"`;
      if (String(req.headers['if-none-match'] || '').split(',').some((tag) => tag.trim() === headers['ETag'])) {
        delete headers['Content-Length'];
        res.writeHead(304, headers).end();
        return;
      }
      if (req.method === 'HEAD') {
        res.writeHead(200, headers).end();
        return;
      }
      // The file can still vanish or fail to read after its stat (a rebuild replacing the site): the status is sent
      // only once it is open, so such a request gets a 500, and one failing halfway is cut short; the server lives on.
      const stream = fs.createReadStream(sent.file);
      stream.on('open', () => stream.pipe(res.writeHead(200, headers)));
      stream.on('error', () => {
        if (res.headersSent) res.destroy();
        else res.writeHead(500, {'Content-Type': 'text/plain'}).end('cannot read the file');
      });
      res.on('close', () => stream.destroy());
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const server = createServer(opts.root);
  server.listen(opts.port, opts.host, () => {
    const port = server.address().port;
    console.log(`HebbLab is served at http://${opts.host}:${port}/ (from ${opts.root}); Ctrl+C stops it`);
  });
}
