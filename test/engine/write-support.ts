// Shared by the write-side end-to-end tests: an emulator on 127.0.0.1:0, webhooks created straight
// through its API (so the statement under test is the only hookql run), and the requests it saw.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator/index.js';

export const RES = 'databricks_workspace.ml.model_registry_webhooks';
export const TOKEN = 'dev-token';
export const env = () => ({ DATABRICKS_TOKEN: TOKEN, HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-')) });

export async function call(e: RunningEmulator, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${e.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

export interface Hook {
  id: string;
  model_name?: string;
  status: string;
  description?: string;
  events: string[];
  http_url_spec?: { url: string };
  job_spec?: { job_id: string };
}

export async function create(e: RunningEmulator, hook: Record<string, unknown>): Promise<Hook> {
  return ((await call(e, 'POST', '/api/2.0/mlflow/registry-webhooks/create', { events: ['MODEL_VERSION_CREATED'], ...hook })) as { webhook: Hook }).webhook;
}

export async function live(e: RunningEmulator): Promise<Hook[]> {
  const body = (await call(e, 'GET', '/api/2.0/mlflow/registry-webhooks/list?max_results=1000')) as { webhooks?: Hook[] };
  return (body.webhooks ?? []).sort((a, b) => a.id.localeCompare(b.id));
}

export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  status: number | null;
}

/** API requests the emulator saw (admin calls left out), in order. */
export async function seen(e: RunningEmulator): Promise<SeenRequest[]> {
  const body = (await call(e, 'GET', '/__emulator/requests')) as { requests: SeenRequest[] };
  return body.requests.filter((r) => !r.path.startsWith('/__emulator'));
}

export async function reset(e: RunningEmulator): Promise<void> {
  await call(e, 'POST', '/__emulator/reset', {});
  await setFaults(e, 'none');
}

export async function setFaults(e: RunningEmulator, spec: string): Promise<void> {
  await call(e, 'POST', '/__emulator/faults', { spec });
}

/**
 * EXPLAIN's plan as data. `EXPLAIN (FORMAT JSON)` where the engine has it (EXPLAIN alone may print a
 * tree), plain `EXPLAIN` otherwise (its output is the JSON plan).
 */
export async function explainJson(sql: string, args: readonly string[] = []): Promise<any> {
  const { hookql } = await import('../helpers/run-cli.js');
  const json = await hookql(['exec', `EXPLAIN (FORMAT JSON) ${sql}`, '-o', 'json', ...args], { env: env() });
  const run = json.code === 0 ? json : await hookql(['exec', `EXPLAIN ${sql}`, '-o', 'json', ...args], { env: env() });
  if (run.code !== 0) throw new Error(run.stderr);
  const [row] = JSON.parse(run.stdout) as { plan: unknown }[];
  return { plan: row.plan, stdout: run.stdout };
}
