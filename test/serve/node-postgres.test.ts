// node-postgres (`pg`) against hookql serve: the extended query protocol with $n parameters,
// named prepared statements, row-limited portals, type OIDs that pg parses into JS values, writes
// with --allow-writes, TLS, and the limits (wrong password, unknown user, too many connections).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binary, PASSWORD, RESOURCE, seed, startFixture, USER, type ServeFixture } from './helpers.js';

async function connect(fixture: ServeFixture, options: Partial<pg.ClientConfig> = {}): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: fixture.server.port, database: 'hookql', user: USER, password: PASSWORD, ...options });
  await client.connect();
  return client;
}

describe('node-postgres against hookql serve (read-only)', () => {
  let fixture: ServeFixture;
  let client: pg.Client;
  beforeAll(async () => {
    fixture = await startFixture({ maxConnections: 3 });
    await seed(fixture, ['churn', 'fraud', 'ltv']);
    client = await connect(fixture);
  });
  afterAll(async () => {
    await client.end();
    await fixture.close();
  });

  it('binds $1 parameters in a prepared statement and parses the column types', async () => {
    const r = await client.query(`SELECT model_name, creation_timestamp, events, http_url_spec FROM ${RESOURCE} WHERE workspace = $1 AND model_name = $2`, [fixture.workspace, 'fraud']);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].model_name).toBe('fraud');
    // int8 is a string in pg unless a parser is set: the OID is what matters (20 = int8).
    expect(r.fields.map((f) => [f.name, f.dataTypeID])).toEqual([['model_name', 25], ['creation_timestamp', 20], ['events', 114], ['http_url_spec', 114]]);
    expect(r.rows[0].events).toEqual(['MODEL_VERSION_CREATED']);
    expect(r.rows[0].http_url_spec).toEqual({ url: 'https://hooks.example.com/fraud', enable_ssl_verification: true });
    expect(r.command).toBe('SELECT');
    expect(r.rowCount).toBe(1);
  });

  it('reuses a named prepared statement with different values', async () => {
    const q = (model: string) => ({ name: 'by-model', text: `SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = $1 AND model_name = $2`, values: [fixture.workspace, model] });
    expect((await client.query(q('churn'))).rows).toEqual([{ n: '1' }]);
    expect((await client.query(q('nope'))).rows).toEqual([{ n: '0' }]);
  });

  it('keeps a $1 inside a string literal as text', async () => {
    const r = await client.query(`SELECT '$1' AS literal, $1 AS bound FROM ${RESOURCE} WHERE workspace = $2 LIMIT 1`, ["it's", fixture.workspace]);
    expect(r.rows).toEqual([{ literal: '$1', bound: "it's" }]);
  });

  it('fetches a portal a few rows at a time (PortalSuspended)', async () => {
    const r = await client.query({ text: `SELECT model_name FROM ${RESOURCE} WHERE workspace = $1 ORDER BY model_name`, values: [fixture.workspace], rows: 2 } as pg.QueryConfig);
    expect(r.rows.map((x) => x.model_name)).toEqual(['churn', 'fraud', 'ltv']);
  });

  it('rejects with the SQLSTATE and hint of a hookql error, and the connection stays usable', async () => {
    const error = await client.query(`SELECT nope FROM ${RESOURCE} WHERE workspace = $1`, [fixture.workspace]).catch((e: unknown) => e as pg.DatabaseError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '42703', message: "unknown column 'nope' in databricks_workspace.ml.model_registry_webhooks", detail: 'hookql error code: UNKNOWN_COLUMN' });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: '1' }]);
  });

  it('refuses a write in read-only mode with SQLSTATE 25006', async () => {
    const error = await client.query(`DELETE FROM ${RESOURCE} WHERE workspace = $1 AND id = $2`, [fixture.workspace, 'abc']).catch((e: unknown) => e as pg.DatabaseError);
    expect(error).toMatchObject({ code: '25006' });
    const count = await client.query(`SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = $1`, [fixture.workspace]);
    expect(count.rows).toEqual([{ n: '3' }]);
  });

  it('answers what drivers and BI tools ask on connect', async () => {
    const r = await client.query("SELECT current_database() AS db, current_user AS u, current_setting('server_version_num') AS v");
    expect(r.rows).toEqual([{ db: 'hookql', u: USER, v: '150000' }]);
    const tables = await client.query("SELECT table_catalog, table_schema, table_name FROM information_schema.tables WHERE table_schema = 'ml'");
    expect(tables.rows).toContainEqual({ table_catalog: 'databricks_workspace', table_schema: 'ml', table_name: 'model_registry_webhooks' });
    const columns = await client.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position LIMIT 3", ['model_registry_webhooks']);
    expect(columns.rows).toEqual([
      { column_name: 'id', data_type: 'text' },
      { column_name: 'model_name', data_type: 'text' },
      { column_name: 'creation_timestamp', data_type: 'bigint' },
    ]);
    expect((await client.query("SET application_name = 'x'")).command).toBe('SET');
    // A simple-protocol script: its session commands answered one by one, then the engine's statement.
    const script = (await client.query(`BEGIN; SET search_path TO ml; SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = '${fixture.workspace}'; COMMIT`)) as unknown as pg.QueryResult[];
    expect(script.map((r) => r.command)).toEqual(['BEGIN', 'SET', 'SELECT', 'COMMIT']);
    expect(script[2].rows).toEqual([{ n: '3' }]);
    expect((await client.query('SHOW application_name')).rows).toEqual([{ application_name: 'x' }]);
  });

  it('answers in binary format when the client asks for it', async () => {
    const binary = await connect(fixture, { binary: true } as Partial<pg.ClientConfig>);
    try {
      const r = await binary.query(`SELECT model_name, creation_timestamp > 0 AS positive, creation_timestamp, events FROM ${RESOURCE} WHERE workspace = $1 AND model_name = $2`, [fixture.workspace, 'ltv']);
      expect(r.fields.map((f) => f.format)).toEqual(['binary', 'binary', 'binary', 'binary']);
      expect(r.rows).toHaveLength(1);
      // JSON's binary format is its text (pg-types parses it only in text format).
      expect(r.rows[0]).toMatchObject({ model_name: 'ltv', positive: '1', events: '["MODEL_VERSION_CREATED"]' });
      expect(Number(r.rows[0].creation_timestamp)).toBeGreaterThan(1_600_000_000_000);
    } finally {
      await binary.end();
    }
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const [user, password] of [[USER, 'wrong'], ['mallory', PASSWORD]]) {
      const error = await connect(fixture, { user, password }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(`password authentication failed for user "${user}"`);
    }
  });

  it('refuses connections over --max-connections with SQLSTATE 53300', async () => {
    const more = [await connect(fixture), await connect(fixture)];
    const error = await connect(fixture).catch((e: unknown) => e as pg.DatabaseError);
    expect(error).toMatchObject({ code: '53300' });
    await Promise.all(more.map((c) => c.end()));
  });
});

describe('node-postgres with --allow-writes', () => {
  let fixture: ServeFixture;
  let client: pg.Client;
  beforeAll(async () => {
    fixture = await startFixture({ allowWrites: true });
    client = await connect(fixture);
  });
  afterAll(async () => {
    await client.end();
    await fixture.close();
  });

  it('creates with INSERT … RETURNING, updates and deletes by id', async () => {
    const created = await client.query(
      `INSERT INTO ${RESOURCE} (workspace, model_name, events, http_url_spec) SELECT $1, $2, $3, $4 RETURNING id, model_name, status`,
      [fixture.workspace, 'churn', '["MODEL_VERSION_CREATED"]', '{"url": "https://hooks.example.com/a", "secret": "s3cret-value"}'],
    );
    expect(created.command).toBe('INSERT');
    expect(created.rows).toEqual([{ id: expect.any(String), model_name: 'churn', status: 'ACTIVE' }]);
    const id = created.rows[0].id as string;
    const updated = await client.query(`UPDATE ${RESOURCE} SET status = 'TEST_MODE' WHERE workspace = $1 AND id = $2`, [fixture.workspace, id]);
    expect(updated.command).toBe('UPDATE');
    expect(updated.rowCount).toBe(1);
    const status = await client.query(`SELECT status FROM ${RESOURCE} WHERE workspace = $1 AND id = $2`, [fixture.workspace, id]);
    expect(status.rows).toEqual([{ status: 'TEST_MODE' }]);
    const deleted = await client.query(`DELETE FROM ${RESOURCE} WHERE workspace = $1 AND id = $2`, [fixture.workspace, id]);
    expect(deleted.rowCount).toBe(1);
    expect((await client.query(`SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = $1`, [fixture.workspace])).rows).toEqual([{ n: '0' }]);
  });
});

describe('node-postgres over TLS', () => {
  const openssl = binary('openssl');
  let fixture: ServeFixture;
  let ca: Buffer;
  beforeAll(async () => {
    if (openssl === null) return;
    const dir = mkdtempSync(join(tmpdir(), 'hookql-tls-'));
    execFileSync(openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'cert.pem'));
    fixture = await startFixture({ tls: { key: readFileSync(join(dir, 'key.pem')), cert: ca } });
  });
  afterAll(() => fixture?.close());

  it.skipIf(openssl === null)('connects with TLS and refuses a plain connection', async () => {
    const client = await connect(fixture, { ssl: { ca } });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: '1' }]);
    await client.end();
    const error = await connect(fixture, { ssl: false }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe('SSL connection is required');
  });
});
