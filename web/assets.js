// Site assets, fetched by name ("mnist/t10k-images-idx3-ubyte") through assets/index.json, which the build writes to
// map each name to its file (a ".gz" copy for data that compresses well). Shared by the page (assets the labs show)
// and the job worker (data it trains on, fetched there so it never passes through the page's memory). Gzipped bytes
// are told by their magic number (1f 8b), not their name, and unpacked with the browser's DecompressionStream.
'use strict';

let hebblabAssetIndex = null;

async function hebblabUnpack(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
