// A fleet of emulators for the multi-workspace tests: N workspaces (each its own emulator on a
// loopback port, seeded with webhooks over its own API) and an account emulator listing them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

export const TOKEN = 'dev-token';
export const ACCOUNT_ID = '0a1b2c3d-0000-4000-8000-00000000abcd';
export const ACCOUNT_CLIENT = { id: 'acct-sp-client', secret: 'acct-sp-secret-5f3e9a' };

export interface Fleet {
  readonly workspaces: RunningEmulator[];
  readonly urls: string[];
  close(): Promise<void>;
}

/** `count` workspaces, workspace i holding i+1 webhooks (so every count differs). */
export async function startFleet(count: number, options: { faults?: string } = {}): Promise<Fleet> {
  const workspaces = await Promise.all(Array.from({ length: count }, () => startEmulator({ token: TOKEN, faults: options.faults })));
  await Promise.all(workspaces.map((ws, i) => seed(ws.url, i + 1)));
  return {
    workspaces,
    urls: workspaces.map((w) => w.url),
    close: async () => void (await Promise.all(workspaces.map((w) => w.close()))),
  };
}

export async function seed(url: string, hooks: number): Promise<void> {
  for (let i = 0; i < hooks; i++) {
    const res = await fetch(`${url}/api/2.0/mlflow/registry-webhooks/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model_name: `model-${i}`, events: ['MODEL_VERSION_CREATED'], http_url_spec: { url: `https://hooks.example.com/${i}` } }),
    });
    if (!res.ok) throw new Error(`seeding ${url} failed: ${res.status} ${await res.text()}`);
  }
}

/** The account emulator: its accounts API lists the given workspace URLs (with statuses). */
export function startAccount(workspaces: readonly { url: string; status?: string }[]): Promise<RunningEmulator> {
  return startEmulator({ token: TOKEN, clientId: ACCOUNT_CLIENT.id, clientSecret: ACCOUNT_CLIENT.secret, account: { id: ACCOUNT_ID, workspaces } });
}

/** A config file with one account-level M2M profile for the account emulator, and a HOOKQL_HOME. */
export function fleetEnv(accountUrl: string | null, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'hookql-fleet-'));
  const cfg = join(dir, 'databrickscfg');
  writeFileSync(
    cfg,
    accountUrl === null
      ? ''
      : `[acct]\nhost = ${accountUrl}\naccount_id = ${ACCOUNT_ID}\nclient_id = ${ACCOUNT_CLIENT.id}\nclient_secret = ${ACCOUNT_CLIENT.secret}\n`,
  );
  return { HOME: dir, HOOKQL_HOME: join(dir, '.hookql'), DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_TOKEN: TOKEN, PATH: '', ...extra };
}

export async function requestLog(url: string): Promise<{ method: string; path: string; status: number | null; timestamp: number }[]> {
  const res = await fetch(`${url}/__emulator/requests`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await res.json()) as { requests: { method: string; path: string; status: number | null; timestamp: number }[] }).requests;
}

/** An unsigned JWT (the emulator checks claims, not signatures: it has no CI provider's keys). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}.c2lnbmF0dXJl`;
}
