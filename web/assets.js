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

// A site file's response; throws an Error that names the file, also when there was no answer at all (no network, the
// server down), where the browser's own message ("Failed to fetch") names nothing.
async function hebblabFetchFile(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(url + ': no answer from the server (' + (e && e.message ? e.message : e) + ')');
  }
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return response;
}

// The asset's bytes, unpacked; throws an Error that names what failed.
async function hebblabFetchAsset(name) {
  if (!hebblabAssetIndex) {
    hebblabAssetIndex = hebblabFetchFile('assets/index.json').then((r) => r.json());
    hebblabAssetIndex.catch(() => { hebblabAssetIndex = null; });  // a failed fetch is tried again next time
  }
  const files = await hebblabAssetIndex;
  const file = files[name];
  if (!file) throw new Error(name + ' is not part of this site');
  const response = await hebblabFetchFile('assets/' + file);
  try {
    return await hebblabUnpack(new Uint8Array(await response.arrayBuffer()));
  } catch (e) {  // the connection broke halfway, or the data is damaged
    throw new Error('assets/' + file + ': ' + (e && e.message ? e.message : e));
  }
}
