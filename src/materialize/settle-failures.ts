// What a query's failed workspaces come to: with `partial`, a list to return beside the rows of the
// others; without, the statement's error — that workspace's own when it asked only one, else
// WORKSPACES_FAILED naming every failed workspace and why.

import { WorkspacesFailedError, isHookqlError } from '../errors.js';
import type { WorkspaceFailure } from '../result.js';

export function settleFailures(failed: ReadonlyMap<string, unknown>, asked: number, partial: boolean): readonly WorkspaceFailure[] {
  if (failed.size === 0) return [];
  const first = [...failed.values()][0];
  if (asked === 1 && !partial) throw first;
  const failures = [...failed].map(([workspace, error]) => describe(workspace, error));
  if (!partial) throw new WorkspacesFailedError(failures, asked, first);
  return failures;
}

function describe(workspace: string, error: unknown): WorkspaceFailure {
  return isHookqlError(error)
    ? { workspace, code: error.code, message: error.message, hint: error.hint ?? null }
    : { workspace, code: 'INTERNAL', message: String(error), hint: null };
}
