// A script is planned whole before its first request (engine.ts `stream`): a mistake anywhere in it
// fails with exit 2 before any statement has changed anything. Found by the fuzz suite.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { InvalidValueError } from '../../src/errors.js';
import { DEFAULT_ADMIN_TOKEN, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => emu.close());

async function requestsSeen(): Promise<number> {
  const res = await fetch(`${emu.url}/__emulator/requests`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } });
  return ((await res.json()) as { requests: unknown[] }).requests.length;
}

describe('a script with a bad statement', () => {
  it('when the last statement is invalid then the earlier ones are not run either', async () => {
    const engine = createEngine({ env: { DATABRICKS_TOKEN: DEFAULT_ADMIN_TOKEN, DATABRICKS_CONFIG_FILE: '/nonexistent' } });
    const good = `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec) VALUES ('${emu.url}', 'm', '["COMMENT_CREATED"]', '{"url":"https://hooks.example.com/a"}')`;
    const bad = `UPDATE ${RES} SET status = 'ACTIV' WHERE workspace = '${emu.url}' AND id = 'x'`;
    try {
      await expect(engine.run(`${good};\n${bad};`)).rejects.toThrow(InvalidValueError);
    } finally {
      await engine.close();
    }
    expect(await requestsSeen()).toBe(0);
  });
});
