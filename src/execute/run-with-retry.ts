import { CancelledError, DeadlineError, HookqlError } from '../errors.js';
import type { ApiRequest, ExistenceCheck } from '../plan/types.js';
import { backoffDelayMs } from './backoff.js';
import { prepareExistenceProbe, type ExistenceProbe, type ListRows, type SnapshotCache } from './existence-check.js';
import type { Operation } from './operation.js';
import type { AttemptOutcome } from './send-attempt.js';
import type { ExecutorStats } from './types.js';

type Failed = Extract<AttemptOutcome, { kind: 'failed' }>;

/** A response body, or (after an ambiguous create) the row a check found it had created. */
export type RunResult = { readonly kind: 'body'; readonly body: unknown } | { readonly kind: 'found'; readonly row: unknown };

export interface RetryDeps {
  readonly attempt: (request: ApiRequest, op: Operation, attempt: number) => Promise<AttemptOutcome>;
  readonly listRows: ListRows;
  /** Shares "before" listings between creates (see existence-check.ts). */
  readonly snapshots?: SnapshotCache;
  readonly stats: ExecutorStats;
  readonly random?: () => number;
}

/** Runs `request` under its RetryPolicy (see definition/types.ts for what each mode means). */
export async function runWithRetry(request: ApiRequest, op: Operation, d: RetryDeps): Promise<RunResult> {
  const policy = request.retry;
  const probe = policy.mode === 'check-then-retry' && request.existenceCheck ? await prepareProbe(request.existenceCheck, op, d) : null;
  let budget = policy.mode === 'never' ? 1 : Math.max(1, policy.attempts);
  let refreshed = false;
  let ambiguousSeen = false;
  for (let attempt = 1; ; attempt++) {
    const outcome = await d.attempt(request, op, attempt);
    if (outcome.kind === 'ok') return { kind: 'body', body: outcome.body };
    if (outcome.rejectToken && !refreshed) {
      // An expired OAuth token is ours to fix, not a failure of the request: one free retry.
      refreshed = true;
      outcome.rejectToken();
      budget++;
      d.stats.retries++;
      continue;
    }
    // The earlier attempt did the work and only its answer was lost (a retried delete).
    if (ambiguousSeen && outcome.status === 404 && policy.notFoundAfterRetryIsSuccess) return { kind: 'body', body: {} };
    ambiguousSeen ||= outcome.ambiguous;
    const found = outcome.ambiguous && probe ? await checkApplied(probe, outcome, op) : undefined;
    if (found !== undefined) return { kind: 'found', row: found };
    const why = giveUpReason(request, outcome, attempt, budget, probe);
    if (why !== null) throw annotate(outcome.error, why);
    const delay = backoffDelayMs(policy, attempt, outcome.retryAfterMs, d.random);
    if (delay >= op.remainingMs()) throw op.deadlineError(outcome.error);
    d.stats.retries++;
    await op.sleep(delay, outcome.error);
  }
}

/** The listing taken before a create's first attempt; when it fails, the create was never sent: say so. */
async function prepareProbe(check: ExistenceCheck, op: Operation, d: RetryDeps): Promise<ExistenceProbe> {
  try {
    return await prepareExistenceProbe(check, d.listRows, op, d.snapshots);
  } catch (err) {
    if (err instanceof HookqlError && !(err instanceof CancelledError || err instanceof DeadlineError)) {
      throw annotate(err, 'listing before the create failed, so it was not sent: nothing was created');
    }
    throw err;
  }
}

/** null: retry. A string: give up, appending it to the message ('' = nothing to add). */
function giveUpReason(request: ApiRequest, f: Failed, attempt: number, budget: number, probe: ExistenceProbe | null): string | null {
  const policy = request.retry;
  const checked = probe && f.ambiguous ? '; a check found it was not applied' : '';
  if (policy.mode === 'check-then-retry' && f.ambiguous && !probe) {
    return 'it may or may not have been applied; not retried, as there is no way to check';
  }
  const retryable = f.status === null ? policy.retryNetworkErrors : policy.retryOn.includes(f.status);
  if (!retryable) return attempt > 1 ? `gave up after ${attempt} attempts${checked}` : checked.slice(2);
  if (attempt >= budget) return `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}${checked}`;
  return null;
}

/** The created row if the ambiguous attempt did create it; a failed check leaves the outcome unknown. */
async function checkApplied(probe: ExistenceProbe, f: Failed, op: Operation): Promise<unknown> {
  try {
    return await probe.findNew(op);
  } catch (err) {
    if (err instanceof CancelledError || err instanceof DeadlineError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw annotate(f.error, `it may or may not have been applied; checking failed: ${reason}`);
  }
}

function annotate(error: HookqlError, suffix: string): HookqlError {
  // A shared failure (one token fetch awaited by several calls) must not be annotated twice.
  if (suffix !== '' && !error.message.endsWith(`(${suffix})`)) error.message = `${error.message} (${suffix})`;
  return error;
}
