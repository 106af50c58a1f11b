// The jobs family: jobs/create|get|list and the run-now endpoint job-spec webhooks call, with the
// jobs and the runs they recorded.

import type { EmulatorFamily } from '../family.js';
import { jobRoutes } from './job-routes.js';
import { JOB_RUNS_SCHEMA } from './job-run-store.js';
import { JOBS_SCHEMA } from './job-store.js';

export const jobsFamily: EmulatorFamily = {
  name: 'jobs',
  schema: JOBS_SCHEMA + JOB_RUNS_SCHEMA,
  routes: jobRoutes,
  reset: (ctx) => {
    ctx.jobs.clear();
    ctx.runs.clear();
  },
};
