import type { ApiRequest } from '../plan/types.js';
import type { ExecutorOptions } from './executor-options.js';
import { Operation } from './operation.js';
import { MAX_SNAPSHOT_ROWS } from './existence-check.js';
import { paginate } from './paginate.js';
import { runWithRetry } from './run-with-retry.js';
import { scrubError } from './scrub-secrets.js';
import { selectCallResult } from './select-result.js';
import type { Executor, ResponsePage } from './types.js';
import { wireExecutor, type ExecutorParts } from './wire-executor.js';

export function createExecutor(options: ExecutorOptions): Executor {
  const parts = wireExecutor(options);
  let closing: Promise<void> | null = null;
  return {
    stats: parts.stats,
    call: (request, signal) => callOnce(parts, request, signal),
    pages: (request, signal) => pagesOf(parts, request, signal),
    resolve: async (workspace, server) => {
      try {
        await parts.resolve(workspace, server);
      } catch (err) {
        throw scrubError(err, parts.secrets);
      }
    },
    // Idempotent: the engine and the CLI's signal handler may both close the executor.
    close: () => (closing ??= parts.close()),
  };
}

/** One operation (deadline + signal); the result at objectKey, or the row a create check found. */
async function callOnce(parts: ExecutorParts, request: ApiRequest, signal: AbortSignal | undefined): Promise<unknown> {
  const op = new Operation(parts.deadlineMs, signal);
  try {
    const run = () => runWithRetry(request, op, parts.retryDeps);
    // Creates with the same natural key (two identical rows of one INSERT) run one at a time: each
    // one's existence check then starts after the other has finished, so a row one of them created
    // is never taken by the other's check for its own (one create, two reported, one missing).
    const check = request.retry.mode === 'check-then-retry' ? request.existenceCheck : null;
    const result = check ? await parts.sameKey.run(JSON.stringify([request.workspace, check.key]), run) : await run();
    return result.kind === 'found' ? result.row : selectCallResult(result.body, request.objectKey, request.alternativeKeys);
  } catch (err) {
    throw scrubError(err, parts.secrets);
  } finally {
    op.dispose();
  }
}

/** Pages as they arrive: the deadline runs from the first page to the last. */
async function* pagesOf(parts: ExecutorParts, request: ApiRequest, signal: AbortSignal | undefined): AsyncGenerator<ResponsePage> {
  const op = new Operation(parts.deadlineMs, signal);
  // An unfiltered listing of a workspace is remembered (up to a size) as the "before" state that
  // later creates' existence checks need, so a plan-then-apply does not list again per model.
  let kept: unknown[] | null = request.pagination !== null && request.query.length === 0 ? [] : null;
  try {
    for await (const items of paginate(request, op, parts.fetchBody, parts.limits.maxPages)) {
      parts.stats.pages++;
      if (kept !== null && kept.length + items.length > MAX_SNAPSHOT_ROWS) kept = null;
      kept?.push(...items);
      yield { workspace: request.workspace, items };
    }
    if (kept !== null) parts.retryDeps.snapshots?.recordUnfiltered(request, kept);
  } catch (err) {
    throw scrubError(err, parts.secrets);
  } finally {
    op.dispose();
  }
}
