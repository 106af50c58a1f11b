// The small Jobs API: create, get, list (newest first, paged), run-now for known and unknown jobs, on
// the API versions the SDKs call (2.2 today, 2.1 before; run-now also 2.0 for webhook deliveries).

import { beforeEach, describe, expect, it } from 'vitest';
import { reset, USER, useEmulator } from './helpers.js';

const ctx = useEmulator();
beforeEach(() => reset(ctx.api));

const createJob = async (body: object, version = '2.2') => {
  const reply = await ctx.api.send('POST', `/api/${version}/jobs/create`, { body });
  expect(reply.status).toBe(200);
  return reply.body.job_id as number;
};

describe('jobs', () => {
  it('create answers a numeric job_id, and get returns the job as created', async () => {
    const tasks = [{ task_key: 'main', notebook_task: { notebook_path: '/Shared/on-event' } }];
    const jobId = await createJob({ name: 'on-event', tasks, max_concurrent_runs: 1 });
    expect(Number.isSafeInteger(jobId)).toBe(true);
    const got = await ctx.api.send('GET', '/api/2.1/jobs/get', { query: `job_id=${jobId}`, token: USER });
    expect(got.body).toEqual({
      job_id: jobId,
      creator_user_name: 'admin@example.com',
      created_time: expect.any(Number),
      settings: { name: 'on-event', tasks, max_concurrent_runs: 1 },
    });
  });

  it('list is newest first, pages by limit, and shows tasks only with expand_tasks=true', async () => {
    const ids = [];
    for (const name of ['a', 'b', 'c']) ids.push(await createJob({ name, tasks: [{ task_key: 't', sql_task: {} }] }));
    const first = await ctx.api.send('GET', '/api/2.2/jobs/list', { query: 'limit=2' });
    expect(first.body.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    expect(first.body.jobs[0].settings).toEqual({ name: 'c' });
    const second = await ctx.api.send('GET', '/api/2.2/jobs/list', { query: `limit=2&expand_tasks=true&page_token=${first.body.next_page_token}` });
    expect(second.body).toEqual({ has_more: false, jobs: [expect.objectContaining({ job_id: ids[0], settings: { name: 'a', tasks: [{ task_key: 't', sql_task: {} }] } })] });
    const named = await ctx.api.send('GET', '/api/2.2/jobs/list', { query: 'name=B' });
    expect(named.body.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([ids[1]]);
  });

  it('an empty list has no jobs key', async () => {
    expect((await ctx.api.send('GET', '/api/2.2/jobs/list')).body).toEqual({ has_more: false });
  });

  it.each(['2.0', '2.1', '2.2'])('run-now under /api/%s records a run with run_id = number_in_job', async (version) => {
    const jobId = await createJob({ name: 'x' });
    const reply = await ctx.api.send('POST', `/api/${version}/jobs/run-now`, { body: { job_id: jobId, notebook_params: { a: '1' } } });
    expect(reply.body).toEqual({ run_id: expect.any(Number), number_in_job: reply.body.run_id });
    const runs = (await ctx.api.send('GET', '/__emulator/runs')).body.runs;
    expect(runs.at(-1)).toMatchObject({ job_id: String(jobId), request: { job_id: jobId, notebook_params: { a: '1' } } });
  });

  it.each([
    ['run-now', 'POST', '/api/2.2/jobs/run-now', { body: { job_id: 424242 } }],
    ['get', 'GET', '/api/2.2/jobs/get', { query: 'job_id=424242' }],
  ])('%s for an unknown job is 400 INVALID_PARAMETER_VALUE "Job N does not exist."', async (_name, method, path, options) => {
    const reply = await ctx.api.send(method, path, options);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Job 424242 does not exist.' });
  });

  it.each([
    ['tasks not a list', { tasks: {} }],
    ['a task without task_key', { tasks: [{ notebook_task: {} }] }],
    ['a non-string name', { name: 5 }],
  ])('create with %s is 400 and creates nothing', async (_name, body) => {
    expect((await ctx.api.send('POST', '/api/2.2/jobs/create', { body })).status).toBe(400);
    expect((await ctx.api.send('GET', '/api/2.2/jobs/list')).body.jobs).toBeUndefined();
  });

  it.each(['limit=0', 'limit=101', 'limit=x', 'page_token=forged'])('list with %s is 400', async (query) => {
    expect((await ctx.api.send('GET', '/api/2.2/jobs/list', { query })).body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('jobs/create exists only from 2.1 on (2.0 had another shape)', async () => {
    expect((await ctx.api.send('POST', '/api/2.0/jobs/create', { body: {} })).body).toEqual({
      error_code: 'ENDPOINT_NOT_FOUND',
      message: "No API found for 'POST /jobs/create'",
    });
  });

  it('an API version the workspace does not serve is the gateway\'s "Bad Target"', async () => {
    const reply = await ctx.api.send('POST', '/api/2.3/jobs/run-now', { body: {} });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error: 'Bad Target: /api/2.3/jobs/run-now' });
  });
});
