// The account an emulator in account mode serves: its id and its workspaces as the Account API
// describes them (contract §6.2). Each workspace is another emulator's URL, so its deployment_name is
// that URL: a name hookql resolves as a workspace (a loopback host has no DNS name to derive from).

import type { AccountOptions } from '../types.js';

export interface AccountWorkspace {
  readonly workspace_id: number;
  readonly workspace_name: string;
  readonly deployment_name: string;
  readonly workspace_status: string;
  readonly workspace_status_message: string;
  readonly account_id: string;
  readonly cloud: string;
  readonly aws_region: string;
  readonly creation_time: number;
  readonly pricing_tier: string;
  readonly compute_mode: string;
}

export interface AccountConfig {
  readonly id: string;
  readonly workspaces: readonly AccountWorkspace[];
}

const STATUSES = new Set(['NOT_PROVISIONED', 'PROVISIONING', 'RUNNING', 'FAILED', 'BANNED', 'CANCELLING']);
// A fixed creation time keeps listings (and the docs' transcripts) deterministic.
const CREATED = Date.UTC(2026, 0, 15);

export function accountConfig(options: AccountOptions): AccountConfig {
  const workspaces = options.workspaces.map((w, i): AccountWorkspace => {
    const status = (w.status ?? 'RUNNING').toUpperCase();
    if (!STATUSES.has(status)) throw new Error(`account workspace ${i + 1}: unknown status '${w.status}' (use ${[...STATUSES].join(', ')})`);
    return {
      workspace_id: 1_000_000_000_000_000 + i + 1,
      workspace_name: w.name ?? `workspace-${i + 1}`,
      deployment_name: w.url.replace(/\/+$/, ''),
      workspace_status: status,
      workspace_status_message: status === 'RUNNING' ? 'Workspace is running.' : `Workspace is ${status.toLowerCase()}.`,
      account_id: options.id,
      cloud: 'aws',
      aws_region: 'us-west-2',
      creation_time: CREATED + i * 86_400_000,
      pricing_tier: 'PREMIUM',
      compute_mode: 'HYBRID',
    };
  });
  return { id: options.id, workspaces };
}
