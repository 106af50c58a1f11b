// A script is planned, checked and its workspaces resolved whole before its first request (engine.ts
// `stream`): a mistake anywhere in it fails with exit 2 before anything was sent. Found by the fuzz suite.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { ConfigError, InvalidValueError, UnknownColumnError, UnsupportedSqlError } from '../../src/errors.js';
import { DEFAULT_ADMIN_TOKEN, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { tempHome } from '../helpers/temp-home.js';

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
  const good = () => `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec) VALUES ('${emu.url}', 'm', '["COMMENT_CREATED"]', '{"url":"https://hooks.example.com/a"}')`;
  it.each([
    ['a bad value (a plan error)', () => `UPDATE ${RES} SET status = 'ACTIV' WHERE workspace = '${emu.url}' AND id = 'x'`, InvalidValueError],
    ['an unknown selected column (a SQL error)', () => `SELECT nope FROM ${RES} WHERE workspace = '${emu.url}'`, UnknownColumnError],
    ['an unusable workspace in a fan-out (found while resolving)', () => `SELECT id FROM ${RES} WHERE workspace IN ('${emu.url}', ':not a workspace')`, ConfigError],
    ['an unknown function in the query that reads its rows', () => `INSERT INTO ${RES} (workspace, events, http_url_spec) SELECT workspace, events, nosuchfn(http_url_spec) FROM ${RES} WHERE workspace = '${emu.url}'`, UnsupportedSqlError],
  ])('when the last statement has %s then the earlier ones are not run either', async (_name, bad, type) => {
    const engine = createEngine({ env: { DATABRICKS_TOKEN: DEFAULT_ADMIN_TOKEN, DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() } });
    const before = await requestsSeen();
    try {
      await expect(engine.run(`${good()};\n${bad()};`)).rejects.toThrow(type);
    } finally {
      await engine.close();
    }
    expect(await requestsSeen()).toBe(before);
  });
});
