// Site assets, fetched by name ("mnist/t10k-images-idx3-ubyte") through assets/index.json, which the build writes to
// map each name to its file (a ".gz" copy for data that compresses well). Shared by the page (assets the labs show)
// and the job worker (data it trains on, fetched there so it never passes through the page's memory). Gzipped bytes
// are told by their magic number (1f 8b), not their name, and unpacked with the browser's DecompressionStream.
'use strict';

let hebblabAssetIndex = null;

// Unpacks gzipped bytes (others come back as they are), refusing to grow past `limit` bytes while it unpacks, so a
// small crafted file cannot take the memory. Throws an Error on damaged data or past the limit.
async function hebblabUnpack(bytes, limit = 256 * 1024 * 1024) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      reader.cancel();
      throw new Error('unpacks to more than ' + Math.round(limit / (1024 * 1024)) + ' MB');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// The asset's bytes, unpacked; throws an Error that names what failed.
async function hebblabFetchAsset(name) {
  if (!hebblabAssetIndex) {
    hebblabAssetIndex = fetch('assets/index.json').then((r) => {
      if (!r.ok) throw new Error('assets/index.json: HTTP ' + r.status);
      return r.json();
    });
    hebblabAssetIndex.catch(() => { hebblabAssetIndex = null; });  // a failed fetch is tried again next time
  }
  const files = await hebblabAssetIndex;
  const file = files[name];
  if (!file) throw new Error(name + ' is not part of this site');
  const response = await fetch('assets/' + file);
  if (!response.ok) throw new Error('assets/' + file + ': HTTP ' + response.status);
  return hebblabUnpack(new Uint8Array(await response.arrayBuffer()));
}
