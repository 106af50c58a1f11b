// listStatement builds, without parsing, the statement parseScript gives for the same text: every
// field, for the shapes plan reads live state with (all columns or a list, one or more workspaces,
// workspace texts that need quoting).

import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { listStatement } from '../../src/parse/list-statement.js';

const RESOURCE = 'databricks_workspace.ml.model_registry_webhooks';

describe('listStatement', () => {
  const cases: [string, readonly string[], readonly string[] | undefined][] = [
    ['one workspace, every column', ['local'], undefined],
    ['three workspaces, every column', ['http://127.0.0.1:8080', 'prod', 'https://adb-1.azuredatabricks.net'], undefined],
    ['a column list that starts with the server param', ['local', 'staging'], ['workspace', 'id', 'model_name', 'events']],
    ['a column list without the server param', ['local'], ['id', 'http_url_spec']],
    ['workspace texts with quotes, backslashes and comment marks', ["it's", 'a\\b', "-- no ' /* */", ''], ['workspace', 'id']],
  ];
  it.each(cases)('is what parseScript gives: %s', (_name, workspaces, columns) => {
    const built = listStatement({ resource: RESOURCE, param: 'workspace', values: workspaces, columns });
    const [parsed] = parseScript(built.text, {});
    expect(built).toEqual(parsed);
  });

  it('is what parseScript gives for the same statement written with vars, as plan used to run it', () => {
    // A value that looks like a placeholder is data in vars, as it is in a built statement.
    const workspaces = ["http://a'b", '{{ x }}', 'local'];
    const vars = Object.fromEntries(workspaces.map((w, i) => [`workspace_${i}`, w]));
    const [parsed] = parseScript(`SELECT * FROM ${RESOURCE} WHERE workspace IN ('{{ workspace_0 }}', '{{ workspace_1 }}', '{{ workspace_2 }}')`, vars);
    expect(listStatement({ resource: RESOURCE, param: 'workspace', values: workspaces })).toEqual(parsed);
  });

  it('refuses names it would have to quote, and an empty IN list', () => {
    expect(() => listStatement({ resource: RESOURCE, param: 'Work space', values: ['local'] })).toThrow(/not a plain identifier/);
    expect(() => listStatement({ resource: RESOURCE, param: 'workspace', values: ['local'], columns: ['id; DROP'] })).toThrow(/not a plain identifier/);
    expect(() => listStatement({ resource: RESOURCE, param: 'workspace', values: [] })).toThrow(/no values/);
  });
});
