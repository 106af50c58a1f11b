// The official MCP SDK's client drives `hookql mcp` (the built executable) over stdio: it lists the
// tools, runs a query against an emulator, gets hookql's errors as tool errors with code and hint,
// and is refused a write in read-only mode (and a delete in safe mode).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { tempHome } from '../helpers/temp-home.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const TOKEN = 'mcp-test-token';
const RES = 'databricks_workspace.ml.model_registry_webhooks';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ dbPath: ':memory:', token: TOKEN });
});
afterAll(() => emulator.close());

async function connect(mode: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'mcp', '--mode', mode],
    env: { PATH: process.env.PATH ?? '', HOOKQL_HOME: tempHome(), DATABRICKS_TOKEN: TOKEN },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (c) => (stderr += c));
  const client = new Client({ name: 'hookql-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

const text = (r: unknown) => (r as { content: { text: string }[] }).content[0].text;
const insert = (model: string) =>
  `INSERT INTO ${RES} (workspace, model_name, events, http_url_spec) SELECT '${emulator.url}', '${model}', '["MODEL_VERSION_CREATED"]', '{"url": "https://hooks.example.com/x", "secret": "hunter2-mcp"}' RETURNING id`;

describe('hookql mcp --mode read-only (the default)', () => {
  let session: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    session = await connect('read-only');
  });
  afterAll(() => session.client.close());

  it('lists the read tools only', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['describe_resource', 'explain', 'list_resources', 'plan_manifest', 'query']);
    expect(tools.find((t) => t.name === 'query')?.annotations?.readOnlyHint).toBe(true);
  });

  it('runs a query and returns rows as JSON', async () => {
    const r = await session.client.callTool({ name: 'query', arguments: { sql: `SELECT count(*) AS n FROM ${RES} WHERE workspace = '${emulator.url}'` } });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ statements: [{ columns: [{ name: 'n', type: 'integer' }], rows: [{ n: 0 }], requests: 1 }] });
  });

  it('answers tool calls sent at once, each with its own result', async () => {
    const calls = ['a', 'b', 'c', 'd'].map((alias) =>
      session.client.callTool({ name: 'query', arguments: { sql: `SELECT count(*) AS ${alias} FROM ${RES} WHERE workspace = '${emulator.url}'` } }),
    );
    const results = await Promise.all(calls);
    expect(results.map((r) => r.structuredContent)).toEqual(['a', 'b', 'c', 'd'].map((alias) => expect.objectContaining({ statements: [expect.objectContaining({ rows: [{ [alias]: 0 }] })] })));
  });

  it('returns an error as a tool error with its code and hint, never as an empty result', async () => {
    const r = await session.client.callTool({ name: 'query', arguments: { sql: `SELECT model_nme FROM ${RES} WHERE workspace = '${emulator.url}'` } });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(`error [UNKNOWN_COLUMN]: unknown column 'model_nme' in ${RES}\nhint: did you mean 'model_name'? DESCRIBE ${RES} lists its columns`);
  });

  it('refuses a write, sending nothing', async () => {
    const r = await session.client.callTool({ name: 'query', arguments: { sql: insert('churn') } });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ error: { code: 'WRITE_NOT_ALLOWED' } });
    const count = await session.client.callTool({ name: 'query', arguments: { sql: `SELECT count(*) AS n FROM ${RES} WHERE workspace = '${emulator.url}'` } });
    expect(count.structuredContent).toMatchObject({ statements: [{ rows: [{ n: 0 }] }] });
  });

  it('describes a resource and lists resources', async () => {
    const d = await session.client.callTool({ name: 'describe_resource', arguments: { resource: RES } });
    expect(JSON.stringify(d.structuredContent)).toContain('"name":"http_url_spec"');
    const l = await session.client.callTool({ name: 'list_resources', arguments: {} });
    expect((l.structuredContent as { resources: { id: string }[] }).resources.map((x) => x.id)).toContain(RES);
  });

  it('explains without sending, and plans a manifest', async () => {
    const e = await session.client.callTool({ name: 'explain', arguments: { sql: `SELECT id FROM ${RES} WHERE workspace = '${emulator.url}'` } });
    expect(e.isError).toBeFalsy();
    expect(text(e)).toContain('/api/2.0/mlflow/registry-webhooks/list');
    const manifest = [
      'version: 1',
      'webhooks:',
      '  - name: churn-hook',
      '    props:',
      `      - { name: workspace, value: "${emulator.url}" }`,
      '      - { name: model_name, value: churn }',
      '      - { name: events, value: [MODEL_VERSION_CREATED] }',
      '      - { name: http_url_spec, value: { url: "https://hooks.example.com/c" } }',
    ].join('\n');
    const p = await session.client.callTool({ name: 'plan_manifest', arguments: { manifest } });
    expect(p.isError).toBeFalsy();
    expect(text(p)).toContain('"create"');
  });
});

const manifest = (url: string, model: string) =>
  [
    'version: 1',
    'webhooks:',
    `  - name: ${model}-hook`,
    '    props:',
    `      - { name: workspace, value: "${url}" }`,
    `      - { name: model_name, value: ${model} }`,
    '      - { name: events, value: [MODEL_VERSION_CREATED] }',
    `      - { name: http_url_spec, value: { url: "https://hooks.example.com/${model}" } }`,
  ].join('\n');

describe('hookql mcp write modes', () => {
  it('safe mode applies a manifest, idempotently', async () => {
    const session = await connect('safe');
    try {
      expect((await session.client.listTools()).tools.map((t) => t.name)).toContain('apply_manifest');
      const first = await session.client.callTool({ name: 'apply_manifest', arguments: { manifest: manifest(emulator.url, 'applied') } });
      expect(first.isError).toBeFalsy();
      expect(first.structuredContent).toMatchObject({ summary: { created: 1, updated: 0, deleted: 0, failed: 0 } });
      const second = await session.client.callTool({ name: 'apply_manifest', arguments: { manifest: manifest(emulator.url, 'applied') } });
      expect(second.structuredContent).toMatchObject({ summary: { created: 0, updated: 0, deleted: 0, unchanged: 1, failed: 0 } });
    } finally {
      await session.client.close();
    }
  });

  it('safe mode writes but refuses a delete; every call is logged with the secret redacted', async () => {
    const session = await connect('safe');
    try {
      const names = (await session.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('execute');
      const created = await session.client.callTool({ name: 'execute', arguments: { sql: insert('fraud') } });
      expect(created.isError).toBeFalsy();
      const id = (created.structuredContent as { statements: { rows: { id: string }[] }[] }).statements[0].rows[0].id;
      const del = await session.client.callTool({ name: 'execute', arguments: { sql: `DELETE FROM ${RES} WHERE workspace = '${emulator.url}' AND id = '${id}'` } });
      expect(del.isError).toBe(true);
      expect(text(del)).toContain('this session may not delete');
    } finally {
      await session.client.close();
    }
    expect(session.stderr()).toMatch(/hookql mcp: execute .*secret[\\"]*: [\\"]*\*\*\*.* → ok in \d+ ms/);
    expect(session.stderr()).toMatch(/hookql mcp: execute .*DELETE.* → error WRITE_NOT_ALLOWED/);
    expect(session.stderr()).not.toContain('hunter2');
  });

  it('full mode deletes', async () => {
    const session = await connect('full');
    try {
      const created = await session.client.callTool({ name: 'execute', arguments: { sql: insert('ltv') } });
      const id = (created.structuredContent as { statements: { rows: { id: string }[] }[] }).statements[0].rows[0].id;
      const del = await session.client.callTool({ name: 'execute', arguments: { sql: `DELETE FROM ${RES} WHERE workspace = '${emulator.url}' AND id = '${id}'` } });
      expect(del.isError).toBeFalsy();
      expect(text(del)).toContain('1 webhook deleted');
    } finally {
      await session.client.close();
    }
  });
});
