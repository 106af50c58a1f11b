// The workspace of a statement that names none, as the SDKs pick their host: DATABRICKS_HOST, else
// the profile DATABRICKS_CONFIG_PROFILE selects; an accounts console never is one; the shell's
// `.workspace` (RunOptions.defaultWorkspace) comes first.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import type { QueryPlan } from '../../src/plan/types.js';

const SQL = 'SELECT id FROM databricks_workspace.ml.model_registry_webhooks';
const workspaceOf = (env: Record<string, string>, defaultWorkspace?: string) => {
  const engine = createEngine({ env, homeDir: mkdtempSync(join(tmpdir(), 'hookql-dw-')) });
  const [plan] = engine.plan(SQL, defaultWorkspace === undefined ? {} : { defaultWorkspace });
  return (plan as QueryPlan).scans[0].requests.map((r) => r.workspace);
};

describe('the default workspace', () => {
  it.each([
    { env: { DATABRICKS_HOST: 'https://dbc-1.cloud.databricks.com' }, expected: ['https://dbc-1.cloud.databricks.com'] },
    { env: { DATABRICKS_HOST: 'dbc-2.cloud.databricks.com' }, expected: ['https://dbc-2.cloud.databricks.com'] },
    { env: { DATABRICKS_CONFIG_PROFILE: 'staging' }, expected: ['staging'] },
    { env: { DATABRICKS_HOST: 'https://dbc-3.cloud.databricks.com', DATABRICKS_CONFIG_PROFILE: 'staging' }, expected: ['https://dbc-3.cloud.databricks.com'] },
  ])('with $env the statement goes to $expected', ({ env, expected }) => {
    expect(workspaceOf(env)).toEqual(expected);
  });

  it("the shell's .workspace comes before DATABRICKS_HOST", () => {
    expect(workspaceOf({ DATABRICKS_HOST: 'https://dbc-1.cloud.databricks.com' }, 'local')).toEqual(['local']);
  });

  it.each([{}, { DATABRICKS_HOST: 'https://accounts.cloud.databricks.com' }])('with %j the statement must name its workspace', (env) => {
    expect(() => workspaceOf(env)).toThrow(/missing required parameter 'workspace'/);
  });
});
