// `hebblab bench` measured where the site runs its work: in a dedicated Web Worker of headless Chromium. Serves the
// benchmark page's folder (build/web-release/bench: web/bench.html and the modules of its Worker, target bench_page)
// with the dev server on a free loopback port, so with the site's headers (Content-Security-Policy, and cross-origin
// isolation, which the threaded module needs), opens bench.html?threads=N&seconds=S in Debian's Chromium as the
// end-to-end tests do, and prints the JSON line the page reports: the keys of `hebblab bench --json`. A failure, or a
// Content-Security-Policy violation, is said on stderr and the exit status is 1.
//   node scripts/bench-browser.mjs [--threads N] [--seconds S] [BENCH_DIR]      (default: 1 thread, 1 second)
import fs from 'node:fs';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {createServer} from '../web/serve.mjs';
import {BROWSER_OPTIONS, watchViolations} from '../tests/e2e/harness.mjs';

const usage = () => {
  console.error('usage: node scripts/bench-browser.mjs [--threads N] [--seconds S] [BENCH_DIR]');
  process.exit(2);
};
const args = process.argv.slice(2);
let dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../build/web-release/bench');
const query = new URLSearchParams({threads: '1', seconds: '1'});  // checked by `hebblab bench` itself, in the page
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--threads' || args[i] === '--seconds') {
    if (i + 1 === args.length) usage();
    query.set(args[i].slice(2), args[++i]);
  } else if (args[i].startsWith('-')) {
    usage();
  } else {
    dir = path.resolve(args[i]);
  }
}
if (!fs.existsSync(path.join(dir, 'bench.html'))) {
  console.error(`bench-browser: ${dir}/bench.html missing: cmake --build build/web-release --target bench_page`);
  process.exit(2);
}

// The benchmark takes about three times --seconds, plus the warm-up and loading the page.
const timeoutMs = 60000 + 5000 * (Number(query.get('seconds')) || 1);
const server = createServer(dir);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch(BROWSER_OPTIONS);
const env = {violations: []};
let result = null, error = null;
try {
  const context = await browser.newContext();
  await watchViolations(context, env);
  const page = await context.newPage();
  page.on('pageerror', (e) => { error = error || String(e); });
  await page.goto(`http://127.0.0.1:${server.address().port}/bench.html?${query}`);
  await page.waitForFunction(() => window.benchResult || window.benchError, null, {timeout: timeoutMs});
  const outcome = await page.evaluate(() => ({result: window.benchResult, error: window.benchError}));
  result = outcome.result;
  error = error || outcome.error;
} catch (e) {
  error = error || e.message;
} finally {
  await browser.close();
  server.close();
}
if (!error && env.violations.length > 0) error = env.violations.join('\n');
if (error) {
  console.error(`bench-browser: ${error}`);
  process.exit(1);
}
console.log(result);
