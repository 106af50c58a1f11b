import type { ApiRequest } from '../plan/types.js';
import type { ExecutorOptions } from './executor-options.js';
import { Operation } from './operation.js';
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
    // Idempotent: the engine and the CLI's signal handler may both close the executor.
    close: () => (closing ??= parts.close()),
  };
}

/** One operation (deadline + signal); the result at objectKey, or the row a create check found. */
async function callOnce(parts: ExecutorParts, request: ApiRequest, signal: AbortSignal | undefined): Promise<unknown> {
  const op = new Operation(parts.deadlineMs, signal);
  try {
    const result = await runWithRetry(request, op, parts.retryDeps);
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
  try {
    // pages() consumers read to the end or abort `signal` when they stop, so prefetching is safe.
    for await (const items of paginate(request, op, parts.fetchBody, { prefetch: true })) {
      parts.stats.pages++;
      yield { workspace: request.workspace, items };
    }
  } catch (err) {
    throw scrubError(err, parts.secrets);
  } finally {
    op.dispose();
  }
}
