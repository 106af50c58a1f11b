// The emulator's model registry against the contract (api/model-registry.md): real paths, where
// parameters go, response shapes and keys, pagination and the error envelope.

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, reset, USER, useEmulator } from '../helpers.js';

const ctx = useEmulator();
const ML = '/api/2.0/mlflow';

beforeEach(() => reset(ctx.api));

const post = (path: string, body: unknown) => ctx.api.send('POST', `${ML}/${path}`, { body });
const patch = (path: string, body: unknown) => ctx.api.send('PATCH', `${ML}/${path}`, { body });
const get = (path: string, query: string) => ctx.api.send('GET', `${ML}/${path}`, { query });
const del = (path: string, query: string) => ctx.api.send('DELETE', `${ML}/${path}`, { query });

async function model(name: string, description?: string) {
  const reply = await post('registered-models/create', { name, description });
  expect(reply.status).toBe(200);
  return reply.body.registered_model;
}

async function version(name: string) {
  const reply = await post('model-versions/create', { name, source: 'dbfs:/tmp/model' });
  expect(reply.status).toBe(200);
  return reply.body.model_version;
}

describe('registered models', () => {
  it('creates, gets (Databricks form with id and permission_level) and lists with latest_versions', async () => {
    const created = await model('churn', 'predicts churn');
    expect(created).toMatchObject({ name: 'churn', description: 'predicts churn', user_id: 'admin@example.com' });
    expect(created.latest_versions).toBeUndefined();
    await version('churn');
    const got = await get('databricks/registered-models/get', 'name=churn');
    expect(got.body.registered_model_databricks).toMatchObject({ name: 'churn', permission_level: 'CAN_MANAGE', id: expect.any(String) });
    expect(got.body.registered_model_databricks.latest_versions).toEqual([
      expect.objectContaining({ name: 'churn', version: '1', current_stage: 'None', status: 'READY' }),
    ]);
    const oss = await get('registered-models/get', 'name=churn');
    expect(oss.body.registered_model.id).toBeUndefined();
  });

  it('a taken name is 400 RESOURCE_ALREADY_EXISTS and an unknown one 404 RESOURCE_DOES_NOT_EXIST', async () => {
    await model('churn');
    const again = await post('registered-models/create', { name: 'churn' });
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    const missing = await get('databricks/registered-models/get', 'name=nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: "RegisteredModel 'nope' does not exist. It might have been deleted." });
  });

  it('lists in name order across pages and never returns a token with the last page', async () => {
    for (const name of ['c', 'a', 'b']) await model(name);
    const first = await get('registered-models/list', 'max_results=2');
    expect(first.body.registered_models.map((m: any) => m.name)).toEqual(['a', 'b']);
    const second = await get('registered-models/list', `max_results=2&page_token=${first.body.next_page_token}`);
    expect(second.body.registered_models.map((m: any) => m.name)).toEqual(['c']);
    expect(second.body.next_page_token).toBeUndefined();
  });

  it('searches with a LIKE substring filter and order_by, and refuses a filter it cannot read', async () => {
    for (const name of ['churn-a', 'churn-b', 'fraud']) await model(name);
    const found = await get('registered-models/search', `filter=${encodeURIComponent("name LIKE 'churn'")}&order_by=name%20DESC`);
    expect(found.body.registered_models.map((m: any) => m.name)).toEqual(['churn-b', 'churn-a']);
    const bad = await get('registered-models/search', `filter=${encodeURIComponent('tags.x = 1')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('updates the description, renames (versions follow), tags and deletes with a cascade', async () => {
    await model('old');
    await version('old');
    expect((await patch('registered-models/update', { name: 'old', description: 'd2' })).body.registered_model.description).toBe('d2');
    const renamed = await post('registered-models/rename', { name: 'old', new_name: 'new' });
    expect(renamed.body.registered_model.latest_versions[0]).toMatchObject({ name: 'new', version: '1' });
    expect((await post('registered-models/set-tag', { name: 'new', key: 'team', value: 'a' })).body).toEqual({});
    await post('registered-models/set-tag', { name: 'new', key: 'team', value: 'b' });
    expect((await get('registered-models/get', 'name=new')).body.registered_model.tags).toEqual([{ key: 'team', value: 'b' }]);
    expect((await del('registered-models/delete-tag', 'name=new&key=team')).status).toBe(200);
    expect((await del('registered-models/delete-tag', 'name=new&key=team')).status).toBe(404);
    expect((await del('registered-models/delete', 'name=new')).body).toEqual({});
    expect((await get('model-versions/get', 'name=new&version=1')).status).toBe(404);
  });
});

describe('model versions', () => {
  it('numbers versions per model as strings, searches by name, and gets one', async () => {
    await model('m');
    await model('other');
    expect((await version('m')).version).toBe('1');
    expect((await version('m')).version).toBe('2');
    await version('other');
    const found = await get('model-versions/search', `filter=${encodeURIComponent("name = 'm'")}`);
    expect(found.body.model_versions.map((v: any) => v.version)).toEqual(['2', '1']);
    expect((await get('model-versions/get', 'name=m&version=2')).body.model_version).toMatchObject({ source: 'dbfs:/tmp/model', current_stage: 'None' });
  });

  it('transitions with archive_existing_versions, answering ModelVersionDatabricks', async () => {
    await model('m');
    await version('m');
    await version('m');
    const first = await post('databricks/model-versions/transition-stage', { name: 'm', version: '1', stage: 'Production', archive_existing_versions: false });
    expect(first.body.model_version_databricks).toMatchObject({ version: '1', current_stage: 'Production', permission_level: 'CAN_MANAGE' });
    await post('databricks/model-versions/transition-stage', { name: 'm', version: '2', stage: 'production', archive_existing_versions: true });
    expect((await get('model-versions/get', 'name=m&version=1')).body.model_version.current_stage).toBe('Archived');
    const latest = await post('registered-models/get-latest-versions', { name: 'm', stages: ['Production'] });
    expect(latest.body.model_versions.map((v: any) => v.version)).toEqual(['2']);
  });

  it('refuses an unknown stage and a version that is not a number', async () => {
    await model('m');
    await version('m');
    const stage = await post('databricks/model-versions/transition-stage', { name: 'm', version: '1', stage: 'Prod', archive_existing_versions: false });
    expect(stage.status).toBe(400);
    expect(stage.body.message).toContain('Valid values: None, Staging, Production, Archived');
    expect((await get('model-versions/get', 'name=m&version=x')).status).toBe(400);
  });
});

describe('transition requests and comments', () => {
  it('creates a request, lists it as an open Activity, approves it (which moves the version)', async () => {
    await model('m');
    await version('m');
    const created = await post('transition-requests/create', { name: 'm', version: '1', stage: 'Staging', comment: 'please' });
    expect(created.body.request).toMatchObject({ to_stage: 'Staging', comment: 'please', available_actions: expect.any(Array) });
    expect(created.body.request.id).toBeUndefined();
    const listed = await get('transition-requests/list', 'name=m&version=1');
    expect(listed.body.requests).toEqual([expect.objectContaining({ activity_type: 'REQUESTED_TRANSITION', from_stage: 'None', to_stage: 'Staging' })]);
    const approved = await post('transition-requests/approve', { name: 'm', version: '1', stage: 'Staging', archive_existing_versions: false });
    expect(approved.body.activity.activity_type).toBe('APPROVED_REQUEST');
    expect((await get('transition-requests/list', 'name=m&version=1')).body).toEqual({});
    expect((await get('model-versions/get', 'name=m&version=1')).body.model_version.current_stage).toBe('Staging');
  });

  it('rejects and cancels (by creator, in the query); approving nothing is 404', async () => {
    await model('m');
    await version('m');
    await post('transition-requests/create', { name: 'm', version: '1', stage: 'Staging' });
    expect((await post('transition-requests/reject', { name: 'm', version: '1', stage: 'Staging' })).body.activity.activity_type).toBe('REJECTED_REQUEST');
    await post('transition-requests/create', { name: 'm', version: '1', stage: 'Production' });
    const cancelled = await del('transition-requests/delete', 'name=m&version=1&stage=Production&creator=admin%40example.com');
    expect(cancelled.body.activity.activity_type).toBe('CANCELLED_REQUEST');
    const none = await post('transition-requests/approve', { name: 'm', version: '1', stage: 'Production', archive_existing_versions: false });
    expect(none.status).toBe(404);
  });

  it('comments: create, update (PATCH), delete (query id)', async () => {
    await model('m');
    await version('m');
    const created = await post('comments/create', { name: 'm', version: '1', comment: 'looks good' });
    expect(created.body.comment).toMatchObject({ comment: 'looks good', id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const id = created.body.comment.id;
    expect((await patch('comments/update', { id, comment: 'ship it' })).body.comment.comment).toBe('ship it');
    expect((await del('comments/delete', `id=${id}`)).body).toEqual({});
    expect((await del('comments/delete', `id=${id}`)).status).toBe(404);
    expect((await post('comments/create', { name: 'm', version: '1' })).body.message).toBe('Missing required field: comment');
  });
});

describe('who the caller is', () => {
  it('a non-admin who registers a model manages it: permission_level CAN_MANAGE, and may hook it', async () => {
    const created = await ctx.api.send('POST', `${ML}/registered-models/create`, { body: { name: 'mine' }, token: USER });
    expect(created.body.registered_model.user_id).toBe('user@example.com');
    await model('theirs');
    const level = async (name: string) =>
      (await ctx.api.send('GET', `${ML}/databricks/registered-models/get`, { query: `name=${name}`, token: USER })).body.registered_model_databricks.permission_level;
    expect(await level('mine')).toBe('CAN_MANAGE');
    expect(await level('theirs')).toBe('CAN_READ');
    const hook = (name: string) =>
      ctx.api.send('POST', `${BASE}/create`, { token: USER, body: { model_name: name, events: ['COMMENT_CREATED'], http_url_spec: { url: 'https://hooks.example.com/x' }, status: 'TEST_MODE' } });
    expect((await hook('mine')).status).toBe(200);
    expect((await hook('theirs')).status).toBe(403);
    // The grant follows a rename.
    await post('registered-models/rename', { name: 'mine', new_name: 'renamed' });
    expect(await level('renamed')).toBe('CAN_MANAGE');
  });
});

describe('preview paths', () => {
  it('answer like the plain ones (the early SDKs called /api/2.0/preview/mlflow/…)', async () => {
    await model('m');
    await version('m');
    const moved = await ctx.api.send('POST', '/api/2.0/preview/mlflow/model-versions/transition-stage', {
      body: { name: 'm', version: '1', stage: 'Staging', archive_existing_versions: false },
    });
    expect(moved.body.model_version).toMatchObject({ version: '1', current_stage: 'Staging' });
    expect((await ctx.api.send('GET', '/api/2.0/preview/mlflow/registered-models/list')).body.registered_models.map((x: any) => x.name)).toEqual(['m']);
  });
});
