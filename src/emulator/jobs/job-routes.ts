// A small Jobs API: create, get, list and run-now, enough for job-spec webhooks to be delivered
// locally and for clients to set their jobs up. Shapes follow the PY SDK (databricks-sdk 0.133,
// service/jobs.py), which calls /api/2.2/jobs/*; 2.1 is served too, and run-now also under 2.0
// (which version webhook deliveries call is UNVERIFIED). Each run-now is recorded (GET /__emulator/runs).

import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { ApiError, invalidParameter } from '../wire/api-error.js';
import { parseJsonObject, type JsonObject } from '../wire/parse-json.js';
import type { Handler } from '../types.js';
import type { JobSettings, StoredJob } from './job-store.js';

const DEFAULT_LIST_LIMIT = 20; // "The default value is 20" (PY jobs.py list)
const MAX_LIST_LIMIT = 100; // "greater than 0 and less or equal to 100"
const PAGE_PREFIX = 'hqj1.';

export function jobRoutes(ctx: EmulatorContext): RouteTable {
  const runNow = { POST: runNowHandler(ctx) };
  const table: Record<string, Record<string, Handler>> = { '/api/2.0/jobs/run-now': runNow };
  for (const version of ['2.1', '2.2']) {
    table[`/api/${version}/jobs/create`] = { POST: createHandler(ctx) };
    table[`/api/${version}/jobs/get`] = { GET: getHandler(ctx) };
    table[`/api/${version}/jobs/list`] = { GET: listHandler(ctx) };
    table[`/api/${version}/jobs/run-now`] = runNow;
  }
  return table;
}

/**
 * The real Jobs API answers an unknown job with 400 INVALID_PARAMETER_VALUE "Job <id> does not exist.":
 * run-now in astronomer/astronomer-providers#1254; get in the PY SDK's generated error overrides
 * (errors/overrides.py, "Jobs InvalidParameterValue=>ResourceDoesNotExist", message /Job .* does not exist/).
 */
export function jobDoesNotExist(jobId: number | string): ApiError {
  return invalidParameter(`Job ${String(jobId).slice(0, 40)} does not exist.`);
}

function createHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text) ?? {};
    const job = ctx.jobs.create(validateSettings(body), req.principal?.userName ?? 'unknown');
    return { status: 200, body: { job_id: job.job_id } };
  };
}

function getHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const jobId = parseJobId(req.query.get('job_id'));
    const job = ctx.jobs.get(jobId);
    if (!job) throw jobDoesNotExist(jobId);
    return { status: 200, body: jobView(job, true) };
  };
}

function listHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const limit = listLimit(req.query.get('limit'));
    const page = ctx.jobs.page(decodeJobsToken(req.query.get('page_token')), limit, req.query.get('name') || undefined);
    const expand = req.query.get('expand_tasks') === 'true';
    // jobs is "Only included in the response if there are jobs to list" (PY ListJobsResponse).
    const body: Record<string, unknown> = { has_more: page.more };
    if (page.rows.length > 0) body.jobs = page.rows.map((job) => jobView(job, expand));
    if (page.more) body.next_page_token = PAGE_PREFIX + String(page.rows[page.rows.length - 1].job_id);
    return { status: 200, body };
  };
}

function runNowHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text);
    if (body === undefined) throw invalidParameter('Missing required field: job_id');
    const jobId = parseJobId(body.job_id);
    if (!ctx.jobs.get(jobId)) throw jobDoesNotExist(jobId);
    const run = ctx.runs.record(String(jobId), body);
    // number_in_job "is set to the same value as run_id" (PY RunNowResponse).
    return { status: 200, body: { run_id: run.run_id, number_in_job: run.run_id } };
  };
}

/** BaseJob for list (tasks only with expand_tasks=true) and Job for get. */
function jobView(job: StoredJob, withTasks: boolean): Record<string, unknown> {
  const { tasks, ...rest } = job.settings;
  const settings = withTasks && tasks !== undefined ? { ...rest, tasks } : rest;
  return { job_id: job.job_id, creator_user_name: job.creator_user_name, created_time: job.created_time, settings };
}

/** The JobSettings fields the emulator reads are checked; the rest is stored as sent. */
function validateSettings(body: JsonObject): JobSettings {
  if (body.name !== undefined && typeof body.name !== 'string') throw invalidParameter("'name' must be a string.");
  const tasks = body.tasks;
  if (tasks !== undefined) {
    if (!Array.isArray(tasks)) throw invalidParameter("'tasks' must be a list of tasks.");
    tasks.forEach((task, i) => {
      if (typeof task !== 'object' || task === null || Array.isArray(task)) throw invalidParameter(`'tasks[${i}]' must be an object.`);
      const key = (task as JsonObject).task_key;
      if (typeof key !== 'string' || key === '') throw invalidParameter(`Missing required field: tasks[${i}].task_key`);
    });
  }
  return { name: 'Untitled', ...body } as JobSettings;
}

/** job_id is an int64: a JSON number, or its decimal text in a query string. */
export function parseJobId(value: unknown): number {
  if (value === undefined || value === null || value === '') throw invalidParameter('Missing required field: job_id');
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw invalidParameter(`Invalid value '${String(value).slice(0, 40)}' for 'job_id': expected a job id (a whole number).`);
  }
  return Number(text);
}

function listLimit(text: string | null): number {
  if (text === null || text === '') return DEFAULT_LIST_LIMIT;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_LIST_LIMIT)) throw invalidParameter(`'limit' must be greater than 0 and at most ${MAX_LIST_LIMIT}, got '${text.slice(0, 20)}'.`);
  return n;
}

function decodeJobsToken(token: string | null): number {
  if (token === null || token === '') return Number.MAX_SAFE_INTEGER;
  const match = token.startsWith(PAGE_PREFIX) ? /^\d{1,16}$/.exec(token.slice(PAGE_PREFIX.length)) : null;
  if (!match) throw invalidParameter('Invalid page_token.');
  return Number(match[0]);
}

