// The jobs family: the run-now endpoint job-spec webhooks call, and the runs it recorded.

import type { EmulatorFamily } from '../family.js';
import { jobRoutes } from './job-routes.js';
import { JOB_RUNS_SCHEMA } from './job-run-store.js';

export const jobsFamily: EmulatorFamily = {
  name: 'jobs',
  schema: JOB_RUNS_SCHEMA,
  routes: jobRoutes,
  reset: (ctx) => ctx.runs.clear(),
};
