// Running statements: per-workspace concurrency, failures isolated, interruption reported.

import { describe, expect, it } from 'vitest';
import { runChanges, statementFor, type ApplicableChange, type StatementRunner } from '../../src/apply/index.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';
import { ApiError } from '../../src/errors.js';

const def = findResource(loadRegistry(), 'databricks_workspace.ml.model_registry_webhooks');
const del = (id: string, workspace: string): ApplicableChange => ({ kind: 'delete', workspace, id, label: '', values: {} });

/** Records how many statements per workspace were in flight at once. */
function recorder(fail: (sql: string) => boolean = () => false) {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const runner: StatementRunner = {
    async run(sql) {
      const ws = /workspace = '([^']+)'/.exec(sql)?.[1] ?? '';
      active.set(ws, (active.get(ws) ?? 0) + 1);
      peak.set(ws, Math.max(peak.get(ws) ?? 0, active.get(ws) ?? 0));
      await new Promise((r) => setTimeout(r, 5));
      active.set(ws, (active.get(ws) ?? 1) - 1);
      if (fail(sql)) throw new ApiError({ status: 500, errorCode: 'INTERNAL_ERROR', apiMessage: 'boom', httpMethod: 'DELETE', path: '/x', workspace: ws });
      return [];
    },
  };
  return { runner, peak };
}

describe('runChanges', () => {
  it('when the runner can prepare then creates of the same columns share one prepared template, each with its values', async () => {
    const create = (model: string): ApplicableChange => ({ kind: 'create', entry: model, at: 'm.yaml:1:1', workspace: 'w', values: { model_name: model, events: ['MODEL_VERSION_CREATED'] } });
    const prepared: string[] = [];
    const bound: (readonly string[])[] = [];
    const runner: StatementRunner = {
      prepare(sql) {
        prepared.push(sql);
        return {
          async run(params) {
            bound.push(params);
            return [{ statement: sql, columns: [{ name: 'id', type: 'text' }, { name: 'workspace', type: 'text' }], rows: [[`id-${params[2]}`, 'w']], summary: null, stats: { requests: 1, retries: 0, pages: 0, fetched: 1, elapsedMs: 1 } }];
          },
        };
      },
      run: async () => {
        throw new Error('a create with a prepared form goes through prepare');
      },
    };
    const outcomes = await runChanges(runner, def, ['m1', 'm2', 'm3'].map((m) => statementFor(def, create(m))), { concurrency: 2 });
    expect(prepared).toEqual([`INSERT INTO ${def.id} (workspace, events, model_name)\nSELECT $1, $2, $3\nRETURNING *;`]);
    expect(bound).toEqual(['m1', 'm2', 'm3'].map((m) => ['w', '["MODEL_VERSION_CREATED"]', m]));
    expect(outcomes.map((o) => o.kind === 'done' && o.id)).toEqual(['id-m1', 'id-m2', 'id-m3']);
  });

  it("when a create's result row has a numeric id (or no row) then the outcome's id is its text (or null)", async () => {
    const create = (model: string): ApplicableChange => ({ kind: 'create', entry: model, at: 'm.yaml:1:1', workspace: 'w', values: { model_name: model, events: ['MODEL_VERSION_CREATED'] } });
    const stats = { requests: 1, retries: 0, pages: 0, fetched: 1, elapsedMs: 1 };
    const runner: StatementRunner = {
      async run(sql) {
        const rows = sql.includes("'m1'") ? [['w', '{"a":1}', 42n]] : [];
        return [{ statement: sql, columns: [{ name: 'workspace', type: 'text' }, { name: 'http_url_spec', type: 'json' }, { name: 'id', type: 'integer' }], rows, summary: null, stats }];
      },
    };
    const outcomes = await runChanges(runner, def, ['m1', 'm2'].map((m) => statementFor(def, create(m))), { concurrency: 2 });
    expect(outcomes.map((o) => o.kind === 'done' && o.id)).toEqual(['42', null]);
  });

  it('when there are many changes then at most N run at once in each workspace, all workspaces together', async () => {
    const changes = [...Array(12)].flatMap((_, i) => [del(`a${i}`, 'wa'), del(`b${i}`, 'wb')]);
    const { runner, peak } = recorder();
    const outcomes = await runChanges(runner, def, changes.map((c) => statementFor(def, c)), { concurrency: 3 });
    expect(outcomes.every((o) => o.kind === 'done')).toBe(true);
    expect(Object.fromEntries(peak)).toEqual({ wa: 3, wb: 3 });
  });

  it('when one change fails then the others still run and the outcomes keep the plan order', async () => {
    const { runner } = recorder((sql) => sql.includes("'x2'"));
    const seen: string[] = [];
    const outcomes = await runChanges(runner, def, ['x1', 'x2', 'x3'].map((id) => statementFor(def, del(id, 'w'))), { concurrency: 1, onOutcome: (o) => seen.push(o.kind) });
    expect(outcomes.map((o) => [o.change.kind === 'delete' && o.change.id, o.kind])).toEqual([['x1', 'done'], ['x2', 'failed'], ['x3', 'done']]);
    expect(seen).toHaveLength(3);
  });

  it('when the run is interrupted then changes not yet started are skipped, not lost', async () => {
    const controller = new AbortController();
    const { runner } = recorder();
    const outcomes = await runChanges(runner, def, ['y1', 'y2', 'y3'].map((id) => statementFor(def, del(id, 'w'))), {
      concurrency: 1,
      signal: controller.signal,
      onOutcome: () => controller.abort(),
    });
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'skipped', 'skipped']);
  });

  it('a replaced row is deleted only after its replacement was created, and kept when that failed', async () => {
    const order: string[] = [];
    const runner: StatementRunner = {
      async run(sql) {
        const failing = sql.includes('job-bad');
        order.push(sql.startsWith('INSERT') ? (failing ? 'create bad' : 'create ok') : `delete ${/id = '([^']+)'/.exec(sql)?.[1]}`);
        if (failing) throw new ApiError({ status: 500, errorCode: 'INTERNAL_ERROR', apiMessage: 'boom', httpMethod: 'POST', path: '/x', workspace: 'w' });
        return [];
      },
    };
    const create = (entry: string, jobId: string): ApplicableChange => ({ kind: 'create', entry, at: 'm.yaml:1:1', workspace: 'w', values: { events: ['MODEL_VERSION_CREATED'], job_spec: { job_id: jobId, access_token: 't' } } });
    const replaced = (id: string, by: string): ApplicableChange => ({ kind: 'delete', workspace: 'w', id, label: '', values: {}, replacedBy: by });
    const changes = [replaced('old-ok', 'good'), create('good', 'job-ok'), create('bad', 'job-bad'), replaced('old-bad', 'bad')];
    const outcomes = await runChanges(runner, def, changes.map((c) => statementFor(def, c)), { concurrency: 4 });
    expect(order.indexOf('delete old-ok')).toBeGreaterThan(order.indexOf('create ok'));
    expect(order).not.toContain('delete old-bad');
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'done', 'failed', 'skipped']);
  });
});
