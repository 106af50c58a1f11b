// execute/: Plan requests → API responses. Workspaces and credentials are resolved here; pagination,
// retries, deadlines and typed errors happen here; nothing here knows which resource it serves.

export { createExecutor } from './create-executor.js';
export type { ExecutorOptions, LocalWorkspace } from './executor-options.js';
export type { Executor, ExecutorStats, ResponsePage } from './types.js';
