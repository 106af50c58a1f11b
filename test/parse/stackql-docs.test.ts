// The five statements of StackQL's documentation page for this resource, copied verbatim into
// fixtures/ (trailing spaces and comments included), must parse unchanged once their {{ vars }}
// are filled — with real values and with the empty strings a template renders for absent ones.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseScript, parseStatement } from '../../src/parse/index.js';
import type { ExecStatement, InsertStatement, SelectStatement, UpdateStatement } from '../../src/parse/index.js';
import { RESOURCE, runSelect, scratchDb } from './scratch-db.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/stackql/${name}.sql`, import.meta.url), 'utf8');
const DOCS = {
  select: fixture('select-list'),
  insert: fixture('insert-create'),
  update: fixture('update-update'),
  execDelete: fixture('exec-delete'),
  execTest: fixture('exec-test'),
};

const NAMES = ['workspace', 'events', 'max_results', 'model_name', 'page_token', 'description', 'http_url_spec', 'job_spec', 'status', 'id', 'event'];
const VAR_SETS: Record<string, Record<string, string>> = {
  'real values': {
    workspace: 'local',
    events: '["MODEL_VERSION_CREATED","COMMENT_CREATED"]',
    max_results: '10',
    model_name: "churn's model",
    page_token: 'tok-1',
    description: "it's; -- not a comment /* nor this */",
    http_url_spec: '{"url":"https://hooks.example.com/x","secret":"s3cr3t"}',
    job_spec: '',
    status: 'ACTIVE',
    id: 'abc123',
    event: 'MODEL_VERSION_CREATED',
  },
  'empty strings': Object.fromEntries(NAMES.map((n) => [n, ''])),
};

describe.each(Object.entries(VAR_SETS))('StackQL documentation statements with %s', (_, vars) => {
  test('SELECT … WHERE workspace AND events AND max_results AND model_name AND page_token', () => {
    const s = parseStatement(DOCS.select, vars) as SelectStatement;
    expect(s.kind).toBe('select');
    expect(s.sql).toBe(
      'SELECT id, model_name, creation_timestamp, description, events, http_url_spec, job_spec, last_updated_timestamp, status ' +
        'FROM "__hookql_scan_0" WHERE "__hookql_pred_0" AND "__hookql_pred_1" AND "__hookql_pred_2" AND "__hookql_pred_3" AND "__hookql_pred_4"',
    );
    expect(s.bindings).toEqual({});
    expect(s.scans).toHaveLength(1);
    const [scan] = s.scans;
    expect(scan).toMatchObject({ resource: RESOURCE, table: '__hookql_scan_0', alias: null, line: 11, column: 6 });
    expect(scan.predicates).toEqual(
      ['workspace', 'events', 'max_results', 'model_name', 'page_token'].map((column, i) => ({
        column,
        op: '=',
        values: [vars[column]],
        slot: `__hookql_pred_${i}`,
      })),
    );
    expect(runSelect(s)).toHaveLength(3);
  });

  test('INSERT … SELECT … RETURNING webhook, with a comment before the comma', () => {
    const s = parseStatement(DOCS.insert, vars) as InsertStatement;
    const columns = ['events', 'description', 'http_url_spec', 'job_spec', 'model_name', 'status', 'workspace'];
    expect(s).toMatchObject({ kind: 'insert', resource: RESOURCE, columns, returning: ['webhook'] });
    expect(s.source.sql).toBe('SELECT :b0, :b1, :b2, :b3, :b4, :b5, :b6');
    expect(s.source.scans).toEqual([]);
    const row = scratchDb(0).prepare(s.source.sql).raw(true).all(s.source.bindings);
    expect(row).toEqual([columns.map((c) => vars[c])]);
  });

  test('UPDATE … SET … WHERE workspace AND id RETURNING webhook', () => {
    const s = parseStatement(DOCS.update, vars) as UpdateStatement;
    expect(s).toMatchObject({ kind: 'update', resource: RESOURCE, hasResidualWhere: false, returning: ['webhook'] });
    expect(s.set).toEqual(['id', 'description', 'events', 'http_url_spec', 'job_spec', 'status'].map((column) => ({ column, value: vars[column] })));
    expect(s.predicates).toEqual([
      { column: 'workspace', op: '=', values: [vars.workspace], slot: '__hookql_pred_0' },
      { column: 'id', op: '=', values: [vars.id], slot: '__hookql_pred_1' },
    ]);
    expect(s.selector.sql).toBe('SELECT * FROM "__hookql_scan_0" WHERE "__hookql_pred_0" AND "__hookql_pred_1"');
    expect(s.selector.scans[0]).toMatchObject({ resource: RESOURCE, line: 1, column: 8 });
    expect(runSelect(s.selector)).toHaveLength(3);
  });

  test('EXEC …delete @id, @workspace with the comma inside a -- comment', () => {
    const s = parseStatement(DOCS.execDelete, vars) as ExecStatement;
    expect(s).toEqual({
      kind: 'exec',
      text: s.text,
      resource: RESOURCE,
      method: 'delete',
      args: { id: vars.id, workspace: vars.workspace },
      json: null,
    });
  });

  test('EXEC …test @workspace @@json= on the next lines', () => {
    const s = parseStatement(DOCS.execTest, vars) as ExecStatement;
    expect(s).toMatchObject({ kind: 'exec', resource: RESOURCE, method: 'test', args: { workspace: vars.workspace } });
    expect(s.json).toEqual({ id: vars.id, event: vars.event });
  });

  test('the whole page as one script gives the five statements in order', () => {
    const script = Object.values(DOCS).join('\n');
    expect(parseScript(script, vars).map((s) => s.kind)).toEqual(['select', 'insert', 'update', 'exec', 'exec']);
  });
});

test('a statement keeps its own text with the vars filled in, trimmed of the comments around it', () => {
  const s = parseStatement(DOCS.execDelete, { id: 'x', workspace: 'local' });
  expect(s.text).toBe("EXEC databricks_workspace.ml.model_registry_webhooks.delete \n@id='x' --required, \n@workspace='local'");
});
