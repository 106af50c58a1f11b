// Cross-machine convergence after apply's creates (src/apply/converge-creates.ts), with a recorded
// runner: the live re-read answers what two concurrent runs left, the deletes are recorded.

import { describe, expect, it } from 'vitest';
import { convergeCreates, type ChangeOutcome, type RowLister, type StatementRunner } from '../../src/apply/index.js';
import type { Manifest } from '../../src/apply/manifest-types.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';
import { ApiError } from '../../src/errors.js';
import type { StatementResult } from '../../src/result.js';

const def = findResource(loadRegistry(), 'databricks_workspace.ml.model_registry_webhooks');
const WS = 'https://w.example.com';
const values = { model_name: 'churn', events: ['MODEL_VERSION_CREATED'], http_url_spec: { url: 'https://hooks.example.com/a' } };
const manifest: Manifest = {
  kind: 'manifest',
  file: 'hooks.yaml',
  resource: def.id,
  entries: [{ kind: 'desired', name: 'churn-a', at: 'hooks.yaml:2:3', workspace: WS, values, match: def.naturalKey }],
  secrets: [],
};
const change = { kind: 'create', entry: 'churn-a', at: 'hooks.yaml:2:3', workspace: WS, values } as const;

/** Live rows with the entry's key, `[id, creation_timestamp]` each; DELETEs are recorded by id. */
function world(rows: [string, number][]) {
  const deleted: string[] = [];
  const runner: StatementRunner & RowLister = {
    async list(query) {
      const columns = ['workspace', 'id', 'creation_timestamp', 'model_name', 'http_url_spec'].map((name) => ({ name, type: name === 'http_url_spec' ? 'json' : name === 'creation_timestamp' ? 'int8' : 'text' }));
      return { statement: `SELECT … FROM ${query.resource}`, columns, rows: rows.map(([id, at]) => [WS, id, at, values.model_name, JSON.stringify(values.http_url_spec)]), summary: null } as unknown as StatementResult;
    },
    async run(sql, options) {
      const text = `${sql} ${JSON.stringify(options?.vars ?? {})}`;
      deleted.push(rows.map(([id]) => id).find((id) => text.includes(`'${id}'`) || text.includes(`"${id}"`)) ?? sql);
      return [];
    },
  };
  return { runner, deleted };
}

describe('convergeCreates', () => {
  it('when a concurrent run created the same entry earlier then this run deletes its own later row and reports the survivor', async () => {
    const { runner, deleted } = world([['theirs', 100], ['mine', 200]]);
    const [outcome] = await convergeCreates(runner, def, manifest, [{ kind: 'done', change, id: 'mine' }]);
    expect(deleted).toEqual(['mine']);
    expect(outcome).toMatchObject({ kind: 'done', id: 'theirs', converged: { removed: 'mine' } });
  });

  it('when the create failed but the service applied it (a dropped connection) then the later row is still deleted and the outcome stays a failure', async () => {
    // Only this run can see its applied-but-failed row as the later one: the other run's re-read may
    // have come before it existed. Leaving it would leave a duplicate that the next plan stops on.
    const { runner, deleted } = world([['theirs', 100], ['mine-applied', 200]]);
    const error = new ApiError({ status: 500, errorCode: 'INTERNAL_ERROR', apiMessage: 'connection dropped', httpMethod: 'POST', path: '/create', workspace: WS });
    const failed: ChangeOutcome = { kind: 'failed', change, error };
    const [outcome] = await convergeCreates(runner, def, manifest, [failed]);
    expect(deleted).toEqual(['mine-applied']);
    expect(outcome).toBe(failed);
  });

  it('when only one row has the key then nothing is deleted', async () => {
    const { runner, deleted } = world([['mine', 200]]);
    const [outcome] = await convergeCreates(runner, def, manifest, [{ kind: 'done', change, id: 'mine' }]);
    expect(deleted).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'done', id: 'mine' });
  });
});
