// `hookql snapshot` into both stores: the embedded SQLite file (the default) and a real PostgreSQL
// server the suite starts. Two runs with changes between give the right current rows and history;
// runs at once do not corrupt anything; a failed workspace keeps its rows; no secret is stored.

import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { runProcess } from '../serve/helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

const TOKEN = 'snapshot-token';
const RES = 'databricks_workspace.ml.model_registry_webhooks';
const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface StoreUnderTest {
  readonly target: string;
  /** Rows of one of hookql's tables (`snapshots`, `model_registry_webhooks_history`…). */
  rows(table: string, where?: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function sqliteStore(): StoreUnderTest {
  const target = join(tempHome(), 'inventory.db');
  return {
    target,
    async rows(table, where = '') {
      const db = new Database(target, { readonly: true });
      try {
        return db.prepare(`SELECT * FROM "hookql_${table}" ${where}`).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async close() {},
  };
}

async function postgresStore(server: PostgresServer, database: string): Promise<StoreUnderTest> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const target = server.url.replace(/\/postgres$/, `/${database}`);
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  return {
    target,
    async rows(table, where = '') {
      return (await client.query(`SELECT * FROM hookql."${table}" ${where}`)).rows;
    },
    close: () => client.end(),
  };
}

let emulator: RunningEmulator;
let engine: Engine;
let postgres: PostgresServer | null = null;
const home = tempHome();
const env = { DATABRICKS_TOKEN: TOKEN, HOOKQL_HOME: home };

beforeAll(async () => {
  emulator = await startEmulator({ dbPath: ':memory:', token: TOKEN });
  engine = createEngine({ env });
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await engine.close();
  await emulator.close();
  postgres?.stop();
});

const sql = async (text: string) => (await engine.run(text))[0];
const create = async (model: string) =>
  String(
    (await sql(`INSERT INTO ${RES} (workspace, model_name, events, http_url_spec) SELECT '${emulator.url}', '${model}', '["MODEL_VERSION_CREATED"]', '{"url": "https://hooks.example.com/${model}", "secret": "hunter2-${model}"}' RETURNING id`)).rows[0][0],
  );
const snapshot = (target: string, ...workspaces: string[]) =>
  hookql(['snapshot', ...(workspaces.length ? workspaces : [emulator.url]).flatMap((w) => ['--workspace', w]), '--resource', RES, '--to', target], { env });
const deleteAll = async () => {
  for (const [id] of (await sql(`SELECT id FROM ${RES} WHERE workspace = '${emulator.url}'`)).rows) await sql(`DELETE FROM ${RES} WHERE workspace = '${emulator.url}' AND id = '${String(id)}'`);
};

const stores: readonly [string, () => Promise<StoreUnderTest | null>][] = [
  ['the embedded SQLite file', async () => sqliteStore()],
  ['PostgreSQL', async () => (postgres === null ? null : postgresStore(postgres, `inv_${Date.now()}`))],
];

describe.each(stores)('hookql snapshot into %s', (_, open) => {
  let store: StoreUnderTest | null;
  beforeAll(async () => {
    await deleteAll();
    store = await open();
  });
  afterAll(() => store?.close());

  it('records current rows and one history version per change across two runs', async (ctx) => {
    if (store === null) return ctx.skip();
    const churn = await create('churn');
    const fraud = await create('fraud');
    const first = await snapshot(store.target);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(new RegExp(`^${RES}: 2 rows \\(2 added, 0 changed, 0 removed\\)\\nsnapshot 1 written to `));
    expect(first.code).toBe(0);

    await sql(`UPDATE ${RES} SET status = 'TEST_MODE' WHERE workspace = '${emulator.url}' AND id = '${churn}'`);
    await sql(`DELETE FROM ${RES} WHERE workspace = '${emulator.url}' AND id = '${fraud}'`);
    const ltv = await create('ltv');
    const second = await snapshot(store.target);
    expect(second.stdout).toContain(`${RES}: 2 rows (1 added, 1 changed, 1 removed)`);

    const current = await store.rows('model_registry_webhooks', 'ORDER BY model_name');
    expect(current.map((r) => [r.id, r.model_name, r.status, r.workspace])).toEqual([
      [churn, 'churn', 'TEST_MODE', emulator.url],
      [ltv, 'ltv', 'ACTIVE', emulator.url],
    ]);
    const history = await store.rows('model_registry_webhooks_history', 'ORDER BY model_name, valid_from');
    const versions = history.map((r) => [r.model_name, r.status, r.valid_to === null ? 'open' : 'closed']);
    expect(versions).toEqual([
      ['churn', 'ACTIVE', 'closed'],
      ['churn', 'TEST_MODE', 'open'],
      ['fraud', 'ACTIVE', 'closed'],
      ['ltv', 'ACTIVE', 'open'],
    ]);
    // "What changed since the first snapshot" is one query on the history.
    const [firstRun] = await store.rows('snapshots', 'WHERE id = 1');
    const time = (v: unknown) => new Date(v as string | Date).getTime();
    const after = (v: unknown) => v !== null && time(v) > time(firstRun.started_at);
    const since = history.filter((r) => after(r.valid_from) || after(r.valid_to));
    expect(new Set(since.map((r) => r.model_name))).toEqual(new Set(['churn', 'fraud', 'ltv']));

    const runs = await store.rows('snapshots', 'ORDER BY id');
    expect(runs).toHaveLength(2);
    const counts = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(counts(runs[1].row_counts)).toEqual({ [RES]: { rows: 2, added: 1, changed: 1, removed: 1 } });
    expect(counts(runs[1].failures)).toEqual([]);
  });

  it('changes nothing on a rerun with nothing changed, and never stores a secret', async (ctx) => {
    if (store === null) return ctx.skip();
    const before = await store.rows('model_registry_webhooks_history');
    const again = await snapshot(store.target);
    expect(again.stdout).toContain(`${RES}: 2 rows (0 added, 0 changed, 0 removed)`);
    expect(await store.rows('model_registry_webhooks_history')).toEqual(before);
    const everything = JSON.stringify([await store.rows('model_registry_webhooks'), await store.rows('model_registry_webhooks_history'), await store.rows('snapshots')]);
    expect(everything).toContain('https://hooks.example.com/churn');
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain(TOKEN);
  });

  it('two runs at once both complete, one after the other, with no duplicate rows or versions', async (ctx) => {
    if (store === null) return ctx.skip();
    const target = store.target;
    await create('parallel');
    const runs = await Promise.all([0, 1].map(() => runProcess(process.execPath, [bin, 'snapshot', '--workspace', emulator.url, '--resource', RES, '--to', target], env)));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    // One of them saw the new row as added; the other found it already stored.
    expect(runs.map((r) => /1 added/.test(r.stdout)).sort()).toEqual([false, true]);
    const current = await store.rows('model_registry_webhooks');
    expect(current).toHaveLength(3);
    const open = (await store.rows('model_registry_webhooks_history')).filter((r) => r.valid_to === null);
    expect(open.map((r) => r.model_name).sort()).toEqual(['churn', 'ltv', 'parallel']);
    expect(await store.rows('snapshots')).toHaveLength(5);
  });

  it('keeps the rows of a workspace that failed, records the failure and exits 1', async (ctx) => {
    if (store === null) return ctx.skip();
    // Port 9 on loopback: nothing listens there, so the read fails with a network error.
    const r = await snapshot(store.target, emulator.url, 'http://127.0.0.1:9');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error [PARTIAL_FAILURE]: 1 workspace read(s) failed; their stored rows were kept as they were');
    expect(r.stderr).toContain(`${RES} in http://127.0.0.1:9: [NETWORK]`);
    expect(await store.rows('model_registry_webhooks')).toHaveLength(3);
    const [last] = await store.rows('snapshots', 'ORDER BY id DESC LIMIT 1');
    const failures = typeof last.failures === 'string' ? JSON.parse(last.failures) : last.failures;
    expect(failures).toMatchObject([{ resource: RES, workspace: 'http://127.0.0.1:9', code: 'NETWORK' }]);
  });
});

describe('hookql snapshot of every resource', () => {
  it('records each listable resource, and a resource a workspace does not serve is skipped, not failed', async () => {
    // A workspace with no endpoints at all: every list answers 404 ENDPOINT_NOT_FOUND.
    const bare = createServer((_, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_code": "ENDPOINT_NOT_FOUND", "message": "No API found"}'));
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const target = join(tempHome(), 'inventory.db');
      const url = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
      const r = await hookql(['snapshot', '--workspace', emulator.url, '--workspace', url, '--to', target], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${RES}: `);
      expect(r.stdout).toContain('databricks_workspace.ml.model_registry: ');
      expect(r.stderr).toContain(`note: ${RES} is not available in ${url} (API_404); skipped`);
      // Resources whose server param is not the workspace (account-level ones) are never sent a workspace.
      expect(r.stdout).not.toContain('databricks_account.');
    } finally {
      bare.close();
    }
  });
});

describe('hookql snapshot into PostgreSQL, errors', () => {
  it('names an unreachable server without printing the password', async (ctx) => {
    if (postgres === null) return ctx.skip();
    const r = await hookql(['snapshot', '--workspace', emulator.url, '--to', 'postgresql://hookql:pw-do-not-print@127.0.0.1:9/x'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach the PostgreSQL store at postgresql://hookql:***@127.0.0.1:9/x');
    expect(r.stderr).not.toContain('pw-do-not-print');
  });
});

// A store as version 1 of hookql left it: version 2 only added snapshots.hookql_version, so a
// version 1 store is a current one without that column and with schema_version = [1]. Built by
// writing a store with this hookql, then taking it back to exactly that layout.
describe.each(stores)('hookql snapshot migrates an older store (%s)', (_, open) => {
  let store: StoreUnderTest | null;
  let exec: (sql: string) => Promise<void>;
  beforeAll(async () => {
    await deleteAll();
    store = await open();
    if (store === null) return;
    const target = store.target;
    exec = target.startsWith('postgresql:')
      ? async (text) => {
          const c = new pg.Client({ connectionString: target });
          await c.connect();
          await c.query(text.replaceAll('"hookql_', 'hookql."'));
          await c.end();
        }
      : async (text) => {
          const db = new Database(target);
          db.exec(text);
          db.close();
        };
  });
  afterAll(() => store?.close());

  it('a version 1 store is migrated on the next run, its rows and history kept', async (ctx) => {
    if (store === null) return ctx.skip();
    await create('kept');
    expect((await snapshot(store.target)).code).toBe(0);
    await exec('ALTER TABLE "hookql_snapshots" DROP COLUMN hookql_version; DELETE FROM "hookql_schema_version"; INSERT INTO "hookql_schema_version" VALUES (1, \'2026-11-30T00:00:00Z\')');
    const before = { current: await store.rows('model_registry_webhooks'), history: await store.rows('model_registry_webhooks_history') };

    await create('added');
    const r = await snapshot(store.target);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${RES}: 2 rows (1 added, 0 changed, 0 removed)`);
    expect(r.code).toBe(0);
    expect((await store.rows('schema_version', 'ORDER BY version')).map((v) => Number(v.version))).toEqual([1, 2]);
    const runs = await store.rows('snapshots', 'ORDER BY id');
    expect(runs.map((s) => s.hookql_version)).toEqual([null, (await import('../../src/version.js')).VERSION]);
    const current = await store.rows('model_registry_webhooks', 'ORDER BY model_name');
    expect(current.map((c) => c.model_name)).toEqual(['added', 'kept']);
    // Unchanged, so only seen again: last_seen and snapshot_id move, nothing else.
    const { last_seen: _l, snapshot_id: _s, ...kept } = before.current[0];
    expect(current.find((c) => c.model_name === 'kept')).toMatchObject(kept);
    const history = await store.rows('model_registry_webhooks_history');
    expect(history).toHaveLength(2);
    expect(history).toEqual(expect.arrayContaining(before.history));
  });

  it('a store from a newer hookql is refused (exit 2) and left as it was', async (ctx) => {
    if (store === null) return ctx.skip();
    await exec('INSERT INTO "hookql_schema_version" VALUES (99, \'2027-01-01T00:00:00Z\')');
    const before = [await store.rows('snapshots'), await store.rows('model_registry_webhooks'), await store.rows('model_registry_webhooks_history')];
    await create('not-written');
    const r = await snapshot(store.target);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error [STORE_VERSION]: the snapshot store has schema version 99, written by a newer hookql; this one writes version 2, so nothing was written');
    expect(r.stderr).toContain('upgrade hookql');
    expect([await store.rows('snapshots'), await store.rows('model_registry_webhooks'), await store.rows('model_registry_webhooks_history')]).toEqual(before);
  });
});
