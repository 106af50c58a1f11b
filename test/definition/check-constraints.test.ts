import { describe, expect, test } from 'vitest';
import { checkConstraints, loadDefinition } from '../../src/definition/index.js';
import { fixtureText, realText } from './helpers.js';

const def = loadDefinition(realText(), 'real.yaml');
const http = { url: 'https://h.example.com' };
const job = { job_id: '1', access_token: 't' };

describe('create constraints', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['an http hook on a model passes', { events: ['MODEL_VERSION_CREATED'], model_name: 'm', http_url_spec: http }, []],
    ['a registry-wide job hook for new models passes', { events: ['REGISTERED_MODEL_CREATED'], job_spec: job }, []],
    ['neither target fails', { events: ['COMMENT_CREATED'] },
      ['exactly one of http_url_spec, job_spec must be given to create a webhook (got none)']],
    ['both targets fail', { events: ['COMMENT_CREATED'], http_url_spec: http, job_spec: job },
      ['exactly one of http_url_spec, job_spec must be given to create a webhook (got http_url_spec and job_spec)']],
    ['a null target counts as not given', { events: ['COMMENT_CREATED'], http_url_spec: http, job_spec: null }, []],
    ['REGISTERED_MODEL_CREATED on a model hook fails', { events: ['REGISTERED_MODEL_CREATED'], model_name: 'm', http_url_spec: http },
      ["events: 'REGISTERED_MODEL_CREATED' is allowed only when model_name is not given"]],
    ['empty events fail', { events: [], http_url_spec: http }, ['events: must not be empty']],
    ['several broken constraints are all reported', { events: [], model_name: 'm' },
      ['exactly one of http_url_spec, job_spec must be given to create a webhook (got none)', 'events: must not be empty']],
  ])('%s', (_name, input, problems) => {
    expect(checkConstraints(def.methods.create, def, input)).toEqual(problems);
  });
});

describe('update constraints', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['a partial update with no target passes', { id: 'x', status: 'DISABLED' }, []],
    ['one target passes', { id: 'x', job_spec: job }, []],
    ['both targets fail', { id: 'x', http_url_spec: http, job_spec: job },
      ['at most one of http_url_spec, job_spec may be given to update a webhook (got http_url_spec and job_spec)']],
  ])('%s', (_name, input, problems) => {
    expect(checkConstraints(def.methods.update, def, input)).toEqual(problems);
  });
});

test('methods without constraints accept anything', () => {
  expect(checkConstraints(def.methods.delete, def, {})).toEqual([]);
});

test('a scalar field works with value-requires-absent (fixture: PAGER channels take no labels)', () => {
  const fixture = loadDefinition(fixtureText(), 'fixture.yaml');
  expect(checkConstraints(fixture.methods.create, fixture, { kind: 'PAGER', labels: ['x'] })).toEqual([
    "kind: 'PAGER' is allowed only when labels is not given",
  ]);
});
