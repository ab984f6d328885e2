// HebbLab's development server: serves the built site folder only, with correct MIME types, bound to 127.0.0.1
// unless told otherwise. No dependencies beyond Node.js.
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
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
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
