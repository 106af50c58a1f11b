// A minimal Jobs API: just run-now, so job-spec webhooks can be delivered locally. There is no jobs
// list in the emulator, so any job id "exists"; each call is recorded as a run (GET /__emulator/runs).

import type { EmulatorContext, RouteTable } from '../emulator-context.js';
import { invalidParameter } from '../wire/api-error.js';
import { parseJsonObject } from '../wire/parse-json.js';
import type { Handler } from '../types.js';
import { validateJobId } from '../webhooks/validate-fields.js';

export function jobRoutes(ctx: EmulatorContext): RouteTable {
  const runNow = runNowHandler(ctx);
  // Which API version webhooks call is UNVERIFIED, so serve both.
  return { '/api/2.0/jobs/run-now': { POST: runNow }, '/api/2.1/jobs/run-now': { POST: runNow } };
}

function runNowHandler(ctx: EmulatorContext): Handler {
  return (req) => {
    const body = parseJsonObject(req.text);
    if (body === undefined) throw invalidParameter('Missing required field: job_id');
    const jobId = validateJobId(body.job_id, 'job_id');
    const run = ctx.runs.record(jobId, body);
    return { status: 200, body: { run_id: run.run_id, number_in_job: ctx.runs.countForJob(jobId) } };
  };
}
