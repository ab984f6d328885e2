// A job that faults in its Web Worker (it throws, its wasm aborts, it runs out of memory) is reported in the lab that
// started it, the worker is replaced without a reload, and the same lab's next job runs to the end. The fault jobs
// are test-only kinds (src/platform/job_faults.h) that a test puts in place of the next job.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openWithSettings, state, click, useSite} from './harness.mjs';

const site = useSite();

const faults = {
  'fault.throw': /^Failed: fault\.throw: a test fault$/,
  'fault.abort': /^Failed: the job aborted$/,
  'fault.oom': /^Failed: out of memory$/,
};

test('a faulting job is reported, its worker restarted, and the lab runs its next job', async () => {
  const {context, page} = await openWithSettings(
      site, 'capacity.config=n=25 p_max=5 noise=0.1 trials=5 seed=1 mode=sync max_steps=20\n');
  await click(page, 'hopfield.tab_capacity');
  const runToTheEnd = async () => {
    await click(page, 'capacity.start');
    await page.waitForFunction(() => !window.hebblab.state().capacity.running, null, {timeout: 60000});
    return (await state(page)).capacity.status;
  };
  for (const [kind, reason] of Object.entries(faults)) {
    await page.evaluate((k) => { Module.hebblabJobs.nextKindForTest = k; }, kind);
    assert.match(await runToTheEnd(), reason);
    assert.equal(await runToTheEnd(), 'Done', `the experiment after ${kind}`);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});
