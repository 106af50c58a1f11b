// Conformance: what each official client sent (recordings/, made by record/record.mjs from real runs,
// each naming its client and version) is replayed against a fresh emulator, and every answer is checked
// field by field against the sources (shared/api/*.md; the short names below are theirs). A check
// names its source; a recording whose steps have no check fails, so nothing replays unchecked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecordings, replay, SECRETS, type Replayed, type ReplayRun } from './replay.js';
import { STEP_CHECKS, checkEveryAnswer } from './source-checks.js';

const recordings = loadRecordings();

describe('recordings', () => {
  it('cover the Python SDK, the JS SDK, the guide\'s legacy client and the guide\'s curl lines, each naming its version', () => {
    const clients = recordings.map((r) => r.client);
    for (const name of ['databricks-sdk (Python)', '@databricks/sdk-experimental (JavaScript)', 'databricks-registry-webhooks', 'curl']) {
      expect(clients.some((c) => c.startsWith(name)), name).toBe(true);
    }
    for (const r of recordings) expect(r.version, r.file).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('hold no credential of the recording run', () => {
    for (const r of recordings) {
      const text = JSON.stringify(r);
      for (const secret of Object.values(SECRETS)) expect(text.includes(secret), `${r.file} holds ${secret}`).toBe(false);
    }
  });
});

for (const recording of recordings) {
  describe(`${recording.client} ${recording.version}`, () => {
    let run: ReplayRun;
    beforeAll(async () => {
      run = await replay(recording);
    });
    afterAll(() => run?.close());

    const steps = [...new Set(recording.exchanges.map((e) => e.step))];

    it('every answer is a JSON document with the status the recording saw, errors in the Databricks envelope', () => {
      for (const replayed of run.replayed) checkEveryAnswer(replayed);
    });

    it.each(steps)('%s', async (step) => {
      const check = STEP_CHECKS[step];
      expect(check, `no source check for step '${step}'`).toBeDefined();
      const exchanges: Replayed[] = run.replayed.filter((r) => r.exchange.step === step);
      await check(exchanges, run);
    });
  });
}
