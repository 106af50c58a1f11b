// The run-now body a job hook sends, by the job's task type (GUIDE "Job registry webhooks"; model-
// registry.md §7): <payload> is the event payload serialised as a JSON string.
//   notebook or Python-wheel single task  → {job_id, notebook_params: {event_message: <payload>}}
//   Python, JAR or spark-submit single task → {job_id, python_params: [<payload>]}
//   any other single task                  → {job_id}
//   multi-task job                         → every form at once
// For a job the emulator does not hold (another workspace), the notebook form is sent: the real
// service presumably reads the job first; the emulator cannot (UNVERIFIED).

import type { StoredJob } from './job-store.js';

export type RunNowForm = 'notebook' | 'python' | 'other' | 'multi-task';

const NOTEBOOK_TASKS = ['notebook_task', 'python_wheel_task'];
const PYTHON_TASKS = ['spark_python_task', 'spark_jar_task', 'spark_submit_task'];

export function runNowForm(job: StoredJob | undefined): RunNowForm {
  if (!job) return 'notebook';
  const tasks = job.settings.tasks ?? [];
  if (tasks.length > 1) return 'multi-task';
  const task = tasks[0] ?? {};
  if (NOTEBOOK_TASKS.some((key) => key in task)) return 'notebook';
  if (PYTHON_TASKS.some((key) => key in task)) return 'python';
  return 'other';
}

export function runNowBody(jobId: number | string, form: RunNowForm, payload: string): Record<string, unknown> {
  const notebook = { notebook_params: { event_message: payload } };
  const python = { python_params: [payload] };
  switch (form) {
    case 'notebook':
      return { job_id: jobId, ...notebook };
    case 'python':
      return { job_id: jobId, ...python };
    case 'other':
      return { job_id: jobId };
    case 'multi-task':
      return { job_id: jobId, ...notebook, python_named_params: { event_message: payload }, jar_params: [payload], ...python, spark_submit_params: [payload] };
  }
}
