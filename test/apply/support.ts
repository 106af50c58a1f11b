// Shared set-up for apply's end-to-end tests: a real emulator, manifests in a temp dir, the CLI
// in-process, and a look at the live state and at the requests the emulator saw.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/engine.js';
import { startEmulator, DEFAULT_ADMIN_TOKEN, type RunningEmulator } from '../../src/emulator/index.js';
import { hookql, type CliRun } from '../helpers/run-cli.js';

export const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';
export const SECRETS = { SLACK_SECRET: 'slack-s3cret-0451', JOB_TOKEN: 'dapi-job-token-9932' };

export interface ApplyWorld {
  readonly emu: RunningEmulator;
  readonly dir: string;
  readonly env: Record<string, string>;
  write(name: string, text: string): string;
  cli(args: string[], env?: Record<string, string>): Promise<CliRun>;
  sql(statement: string): Promise<Record<string, unknown>[]>;
  live(): Promise<Record<string, unknown>[]>;
  requests(): Promise<{ method: string; path: string; query: string; status: number | null; body: unknown }[]>;
  close(): Promise<void>;
}

export async function applyWorld(options: { faults?: string } = {}): Promise<ApplyWorld> {
  const emu = await startEmulator({ port: 0, allowHttpTargets: true, faults: options.faults });
  const dir = mkdtempSync(join(tmpdir(), 'hookql-apply-'));
  const env = { DATABRICKS_TOKEN: DEFAULT_ADMIN_TOKEN, HOOKQL_HOME: join(dir, 'home'), ...SECRETS };
  const sql = async (statement: string) => {
    const engine = createEngine({ env });
    try {
      const [result] = await engine.run(statement);
      return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, c.type === 'json' && typeof r[i] === 'string' ? JSON.parse(r[i] as string) : r[i]])));
    } finally {
      await engine.close();
    }
  };
  return {
    emu,
    dir,
    env,
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    cli: (args, extra = {}) => hookql(args, { env: { ...env, ...extra } }),
    sql,
    live: () => sql(`SELECT * FROM ${RESOURCE} WHERE workspace = '${emu.url}' ORDER BY creation_timestamp, id`),
    async requests() {
      const res = await fetch(`${emu.url}/__emulator/requests`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } });
      const body = (await res.json()) as { requests: { method: string; path: string; query: string; status: number | null; body: unknown }[] };
      return body.requests.filter((r) => !r.path.startsWith('/__emulator/'));
    },
    close: () => emu.close(),
  };
}

/** A manifest with the given entries (YAML text of each entry, already indented by 2). */
export function manifest(workspace: string, entries: string[]): string {
  return `version: 1\nvars:\n  workspace: ${workspace}\nwebhooks:\n${entries.join('')}`;
}

export function httpEntry(name: string, model: string | null, url: string, extra: { events?: string[]; status?: string; description?: string } = {}): string {
  const events = extra.events ?? ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'];
  return [
    `  - name: ${name}`,
    `    props:`,
    `      - { name: workspace, value: "{{ workspace }}" }`,
    model === null ? null : `      - { name: model_name, value: ${model} }`,
    `      - { name: events, value: [${events.join(', ')}] }`,
    extra.status ? `      - { name: status, value: ${extra.status} }` : null,
    extra.description ? `      - { name: description, value: "${extra.description}" }` : null,
    `      - name: http_url_spec`,
    `        value: { url: "${url}", secret: "{{ env.SLACK_SECRET }}" }`,
    '',
  ]
    .filter((l) => l !== null)
    .join('\n');
}
