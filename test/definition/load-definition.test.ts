import { describe, expect, test } from 'vitest';
import { loadDefinition } from '../../src/definition/index.js';
import { fixtureText, realText, REAL_FILE } from './helpers.js';

describe('the real resource definition', () => {
  const def = loadDefinition(realText(), REAL_FILE);

  test('has the documented identity, server param and id field', () => {
    expect(def.id).toBe('databricks_workspace.ml.model_registry_webhooks');
    expect(def.noun).toEqual({ singular: 'webhook', plural: 'webhooks' });
    expect(def.serverParam).toBe('workspace');
    expect(def.idField).toBe('id');
    expect(def.source).toBe(REAL_FILE);
  });

  test('has the nine columns of the DESIGN, in order', () => {
    expect(def.fields.map((f) => f.name)).toEqual([
      'id', 'model_name', 'creation_timestamp', 'description', 'events',
      'http_url_spec', 'job_spec', 'last_updated_timestamp', 'status',
    ]);
  });

  test('has 12 events and 3 statuses', () => {
    expect(def.enums.RegistryWebhookEvent).toHaveLength(12);
    expect(def.enums.RegistryWebhookStatus).toEqual(['ACTIVE', 'DISABLED', 'TEST_MODE']);
  });

  test('marks secrets write-only and server-assigned values read-only', () => {
    const spec = def.fields.find((f) => f.name === 'http_url_spec')!;
    expect(spec.properties.filter((p) => p.writeOnly).map((p) => p.name)).toEqual(['secret', 'authorization']);
    expect(def.fields.filter((f) => f.readOnly).map((f) => f.name)).toEqual(['id', 'creation_timestamp', 'last_updated_timestamp']);
  });

  test.each([
    ['list', 'GET', '/api/2.0/mlflow/registry-webhooks/list', '$.webhooks'],
    ['create', 'POST', '/api/2.0/mlflow/registry-webhooks/create', '$.webhook'],
    ['update', 'PATCH', '/api/2.0/mlflow/registry-webhooks/update', '$.webhook'],
    ['delete', 'DELETE', '/api/2.0/mlflow/registry-webhooks/delete', null],
    ['test', 'POST', '/api/2.0/mlflow/registry-webhooks/test', null],
  ])('method %s is %s %s with objectKey %s', (name, httpMethod, path, objectKey) => {
    expect(def.methods[name]).toMatchObject({ name, httpMethod, path, objectKey });
    expect(def.methods[name].required).toContain('workspace');
  });

  test('delete sends id in the query string and counts a 404 after a retry as done', () => {
    expect(def.methods.delete.inputs).toEqual([{ name: 'id', in: 'query', wireName: 'id', encode: null }]);
    expect(def.methods.delete.retry.notFoundAfterRetryIsSuccess).toBe(true);
  });

  test('list pages with page_token / next_page_token; test accepts the older wrapped shape', () => {
    expect(def.methods.list.pagination).toEqual({ requestToken: 'page_token', responseToken: 'next_page_token', pageSize: { input: 'max_results', size: 1000 } });
    expect(def.methods.test.alternativeKeys).toEqual(['$.webhook']);
    expect(def.methods.test.retry.mode).toBe('never');
  });

  test('maps the four SQL verbs and fills param columns', () => {
    expect(def.sqlVerbs).toEqual({ select: 'list', insert: 'create', update: 'update', delete: 'delete' });
    const local = Object.fromEntries(def.params.map((p) => [p.name, [p.local, p.column]]));
    expect(local).toMatchObject({ workspace: ['server', null], events: ['any-of', 'events'], id: ['column', 'id'], page_token: ['request', null] });
  });

  test('carries the StackQL documentation statements as examples', () => {
    expect(def.examples.length).toBeGreaterThanOrEqual(5);
    expect(def.examples.some((e) => e.sql.includes("EXEC databricks_workspace.ml.model_registry_webhooks.delete \n@id='{{ id }}'"))).toBe(true);
  });

  test('is frozen, so a cached definition cannot be changed by a caller', () => {
    expect(Object.isFrozen(def)).toBe(true);
    expect(Object.isFrozen(def.methods.create.constraints[0])).toBe(true);
  });
});

describe('the fixture resource', () => {
  const def = loadDefinition(fixtureText(), 'fixture.yaml');

  test('loads with its own server param, id field and a missing verb as null', () => {
    expect(def.serverParam).toBe('region');
    expect(def.idField).toBe('channel_id');
    expect(def.sqlVerbs.update).toBeNull();
    expect(def.methods.list.objectKey).toBe('$.data.channels');
  });

  test('gets defaults for everything the YAML leaves out', () => {
    const kind = def.fields.find((f) => f.name === 'kind')!;
    expect(kind).toEqual({
      name: 'kind', type: 'string', description: '', enum: 'ChannelKind', items: null,
      properties: [], required: false, writeOnly: false, readOnly: false, minimum: null, format: null,
    });
    expect(def.methods.remove).toMatchObject({ description: '', alternativeKeys: [], pagination: null, constraints: [], errorHints: {} });
    expect(def.methods.list.retry.notFoundAfterRetryIsSuccess).toBe(false);
  });
});
