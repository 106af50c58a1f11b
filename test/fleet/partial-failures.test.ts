// A statement over 12 workspaces with 2 of them down: by default it fails whole, naming both; with
// --partial the 10 healthy workspaces answer, each failed one gets a stderr line, and the exit
// status is still 1 — in the table and in the JSON envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import type { Progress } from '../../src/result.js';
import { hookql } from '../helpers/run-cli.js';
import { fleetEnv, startFleet, type Fleet } from './fleet-support.js';

let fleet: Fleet;
let down: string[];
let sql: string;

beforeAll(async () => {
  fleet = await startFleet(12);
  // Two workspaces go away: connection refused, as for a workspace that is being deleted or is unreachable.
  down = [fleet.urls[3], fleet.urls[8]];
  await Promise.all([fleet.workspaces[3].close(), fleet.workspaces[8].close()]);
  sql = `SELECT workspace, count(*) AS hooks FROM databricks_workspace.ml.model_registry_webhooks
         WHERE workspace IN (${fleet.urls.map((u) => `'${u}'`).join(', ')}) GROUP BY workspace ORDER BY hooks`;
}, 60_000);
afterAll(async () => fleet?.close());

const healthy = () => fleet.urls.map((url, i) => ({ workspace: url, hooks: i + 1 })).filter((r) => !down.includes(r.workspace));

describe('2 of 12 workspaces down', () => {
  it('by default the statement fails whole (exit 1), naming every failed workspace and why, with no rows', async () => {
    const run = await hookql(['exec', sql], { env: fleetEnv(null) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error [WORKSPACES_FAILED]: 2 of 12 workspaces failed:');
    for (const url of down) expect(run.stderr).toMatch(new RegExp(`\\n  ${url}: \\[NETWORK\\] GET /api/2.0/mlflow/registry-webhooks/list on workspace '${url}': .*ECONNREFUSED`));
    expect(run.stderr).toContain('hint: fix them, or add --partial');
  });

  it('with --partial the 10 healthy workspaces are in the table, one stderr line per failed one, exit 1', async () => {
    const run = await hookql(['exec', '--partial', sql], { env: fleetEnv(null) });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('(10 rows)');
    for (const { workspace, hooks } of healthy()) expect(run.stdout).toMatch(new RegExp(`│ ${workspace.replace(/\./g, '\\.')} +│ +${hooks} +│`));
    for (const url of down) expect(run.stdout).not.toContain(url);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors.map((l) => /workspace '([^']+)' failed/.exec(l)?.[1]).sort()).toEqual([...down].sort());
    for (const line of errors) expect(line).toMatch(/^error \[NETWORK\]: workspace '.+' failed, its rows are missing: .*ECONNREFUSED/);
  });

  it('with --partial -o json the rows and the failures travel in one envelope', async () => {
    const run = await hookql(['exec', '--partial', '-o', 'json', sql], { env: fleetEnv(null) });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { rows: unknown[]; failures: { workspace: string; code: string; message: string }[]; complete: boolean };
    expect(doc.complete).toBe(false);
    expect(doc.rows).toEqual(healthy());
    expect(doc.failures.map((f) => [f.workspace, f.code]).sort()).toEqual(down.map((u) => [u, 'NETWORK']).sort());
    expect(doc.failures[0].message).toContain('ECONNREFUSED');
  });

  it('with --partial and every workspace up the envelope says complete, and the exit status is 0', async () => {
    const up = fleet.urls.filter((u) => !down.includes(u)).slice(0, 3);
    const run = await hookql(['exec', '--partial', '-o', 'json', `SELECT count(*) AS n FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace IN (${up.map((u) => `'${u}'`).join(', ')})`], { env: fleetEnv(null) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ rows: [{ n: [1, 2, 3].reduce((a, b) => a + b) }], failures: [], complete: true });
  });

  it('the engine reports progress per workspace: done, failed and in flight, ending with every listing settled', async () => {
    const seen: Progress[] = [];
    const env = fleetEnv(null);
    const engine = createEngine({ env, homeDir: env.HOOKQL_HOME, onProgress: (p) => seen.push(p) });
    try {
      const [result] = await engine.run(sql, { partial: true });
      expect(result.failures?.map((f) => f.workspace).sort()).toEqual([...down].sort());
    } finally {
      await engine.close();
    }
    expect(seen.at(-1)).toMatchObject({ workspaces: 12, done: 10, failed: 2, inFlight: 0 });
    expect(Math.max(...seen.map((p) => p.inFlight ?? 0))).toBeGreaterThan(1);
  });

  it('.partial on in the shell does the same for a script on stdin', async () => {
    const run = await hookql(['shell'], { env: fleetEnv(null), stdin: `.partial on\n${sql.replace(/\s+/g, ' ')};\n` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('(10 rows)');
    expect(run.stderr.trim().split('\n').filter((l) => l.includes('its rows are missing'))).toHaveLength(2);
  });
});
