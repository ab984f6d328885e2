// Finishes the built site, once every file is in place (the `site` target, src/platform/CMakeLists.txt, runs it):
//   node web/pack-site.mjs SITE_DIR SW_TEMPLATE FILE...      (FILE: each file of the site, relative to SITE_DIR)
// 1. Writes SITE_DIR/sw.js from the template (web/sw.js) with its BUILD line filled in: the files the service worker
//    saves for offline use (every FILE but MNIST's training set, 57 MB unpacked, which it keeps when the page first
//    fetches it) and, as the version, a hash of every FILE's name and content, so any change is a new worker.
// 2. Gives each compressible file (and sw.js) precompressed siblings, FILE.br (brotli, best) and FILE.gz (gzip -9), which
//    web/serve.mjs (or any static server set up as the README says) sends with Content-Encoding. A sibling that would
//    not be smaller is not kept; one newer than its file is up to date and kept as it is. Files the app unpacks
//    itself (assets/*.gz) are already compressed and get none.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.wasm', '.data', '.webmanifest', '.txt']);
const FETCHED_WHEN_NEEDED = /^assets\/mnist\/train-/;

const [site, template, ...files] = process.argv.slice(2);
if (!site || !template || files.length === 0) {
  console.error('usage: node web/pack-site.mjs SITE_DIR SW_TEMPLATE FILE...');
  process.exit(2);
}

const hash = crypto.createHash('sha256');
for (const file of [...files].sort()) {
  const bytes = fs.readFileSync(path.join(site, file));
  hash.update(`${file}\0${bytes.length}\0`).update(bytes);
}
const build = {version: hash.digest('hex').slice(0, 16), precache: files.filter((f) => !FETCHED_WHEN_NEEDED.test(f))};
const source = fs.readFileSync(template, 'utf8');
const line = /^const BUILD = .*;$/m;
if (!line.test(source)) throw new Error(`${template}: no "const BUILD = ...;" line to fill in`);
fs.writeFileSync(path.join(site, 'sw.js'), source.replace(line, `const BUILD = ${JSON.stringify(build)};`));

const encoders = {
  '.br': (bytes) => zlib.brotliCompressSync(bytes, {params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length}}),
  '.gz': (bytes) => zlib.gzipSync(bytes, {level: 9}),
};
let before = 0, after = 0;
for (const file of ['sw.js', ...files].filter((f) => COMPRESSIBLE.has(path.extname(f)))) {
  const full = path.join(site, file);
  const stat = fs.statSync(full);
  let bytes = null;
  for (const [ext, encode] of Object.entries(encoders)) {
    const sibling = full + ext;
    if (fs.existsSync(sibling) && fs.statSync(sibling).mtimeMs >= stat.mtimeMs) continue;
    bytes ??= fs.readFileSync(full);
    const packed = encode(bytes);
    if (packed.length < bytes.length) fs.writeFileSync(sibling, packed);
    else fs.rmSync(sibling, {force: true});
  }
  before += stat.size;
  after += fs.existsSync(full + '.br') ? fs.statSync(full + '.br').size : stat.size;
}
console.log(`site ${build.version}: ${build.precache.length} files saved for offline use; ` +
            `compressible files ${(before / 1024).toFixed(0)} KB, ${(after / 1024).toFixed(0)} KB as brotli`);
