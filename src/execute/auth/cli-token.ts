// Tokens from a CLI that prints them as JSON: `databricks auth token` (U2M: the CLI owns the login
// and its refresh) and `az account get-access-token`. Run without a shell, bounded in time.

import { AuthError } from '../../errors.js';
import { isPlainObject } from '../object-path.js';
import type { Operation } from '../operation.js';
import type { TokenPlan } from './auth-plan.js';
import type { FetchDeps } from './fetch-token.js';
import { runCommand } from './run-command.js';
import { parseCliTime, tokenExpiringAt, type Token } from './token-response.js';

export async function commandToken(plan: Extract<TokenPlan, { kind: 'command' }>, d: FetchDeps, op: Operation): Promise<Token> {
  const shown = `${plan.command.split(/[\\/]/).pop()} ${plan.args.join(' ')}`;
  let result;
  try {
    result = await runCommand(plan.command, plan.args, d.env, d.commandTimeoutMs, op.signal);
  } catch (err) {
    op.throwIfStopped();
    throw new AuthError(`\`${shown}\` could not be run: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: plan.output === 'azure-cli' ? 'install the Azure CLI and run `az login`' : 'install the Databricks CLI and run `databricks auth login`',
    });
  }
  if (result.code !== 0) {
    const why = firstLines(result.stderr) || `exit status ${result.code ?? 'killed'}`;
    throw new AuthError(`\`${shown}\` failed: ${why}`, {
      hint: plan.output === 'azure-cli' ? 'run `az login`' : `run \`databricks auth login ${plan.args.slice(2).join(' ')}\``,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(result.stdout);
  } catch {
    throw new AuthError(`\`${shown}\` printed no JSON`, { hint: 'update the CLI; hookql reads its JSON output' });
  }
  const fields = plan.output === 'azure-cli' ? { value: 'accessToken', type: 'tokenType', expiry: 'expiresOn' } : { value: 'access_token', type: 'token_type', expiry: 'expiry' };
  const value = isPlainObject(body) ? body[fields.value] : undefined;
  if (!isPlainObject(body) || typeof value !== 'string' || value === '') throw new AuthError(`\`${shown}\` printed no ${fields.value}`, { hint: 'update the CLI' });
  d.secrets.add(value);
  // Newer az prints `expires_on` (epoch seconds) beside the local-time `expiresOn`; prefer it.
  const expiresAt = typeof body.expires_on === 'number' ? body.expires_on * 1000 : typeof body[fields.expiry] === 'string' ? parseCliTime(body[fields.expiry] as string) : null;
  return tokenExpiringAt(value, typeof body[fields.type] === 'string' ? (body[fields.type] as string) : undefined, expiresAt);
}

function firstLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(0, 3).join(' / ').slice(0, 400);
}
