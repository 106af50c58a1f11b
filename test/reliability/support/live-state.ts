// Checking what the fault suite's commands left behind, without going through hookql: the emulator's
// own REST list (faults switched off for the read), compared with the manifest read by the `yaml`
// package — so a bug in hookql cannot hide itself in the check.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_ADMIN_TOKEN } from '../../../src/emulator/index.js';

export interface LiveHook {
  readonly id: string;
  readonly model_name?: string;
  readonly description?: string;
  readonly events: string[];
  readonly status: string;
  readonly http_url_spec?: { url: string; enable_ssl_verification: boolean };
  readonly job_spec?: { job_id: string; workspace_url?: string };
}

/** Every webhook of a workspace, page by page, through the plain REST API. */
export async function listLive(baseUrl: string, token = DEFAULT_ADMIN_TOKEN): Promise<LiveHook[]> {
  const out: LiveHook[] = [];
  let pageToken = '';
  for (;;) {
    const query = new URLSearchParams({ max_results: '1000', ...(pageToken ? { page_token: pageToken } : {}) });
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/registry-webhooks/list?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { webhooks?: LiveHook[]; next_page_token?: string };
    out.push(...(body.webhooks ?? []));
    if (!body.next_page_token) return out;
    pageToken = body.next_page_token;
  }
}

/** Sets an emulator's faults through its admin endpoint (works for a child process too). */
export async function setFaults(baseUrl: string, spec: string): Promise<void> {
  const res = await fetch(`${baseUrl}/__emulator/faults`, { method: 'POST', headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` }, body: spec });
  if (res.status !== 200) throw new Error(`setting faults failed: ${await res.text()}`);
}

/** How many faults an emulator injected so far (all kinds). */
export async function faultsInjected(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/__emulator/faults`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } });
  const report = (await res.json()) as { injected: Record<string, number> };
  return Object.values(report.injected).reduce((a, b) => a + b, 0);
}

/** The natural key apply matches on: model (or registry-wide), target URL or job. */
export function keyOf(hook: Pick<LiveHook, 'model_name' | 'http_url_spec' | 'job_spec'>): string {
  return JSON.stringify([hook.model_name ?? null, hook.http_url_spec?.url ?? null, hook.job_spec?.job_id ?? null]);
}

/** Rows beyond the first for each natural key: duplicates a retry must never create. */
export function duplicatesIn(hooks: readonly LiveHook[]): number {
  return hooks.length - new Set(hooks.map(keyOf)).size;
}

export interface ExpectedHook {
  readonly workspace: string;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

/** A manifest's entries as the live webhooks they should become, `{{ var }}`s filled from `vars`. */
export function expectedFromManifest(file: string, vars: Readonly<Record<string, string>>): ExpectedHook[] {
  const doc = parse(readFileSync(file, 'utf8')) as { webhooks: { props: { name: string; value: unknown }[] }[] };
  const fill = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => vars[name] ?? `{{${name}}}`) : v);
  return doc.webhooks.map((entry) => {
    const props = Object.fromEntries(entry.props.map((p) => [p.name, p.value]));
    const http = props.http_url_spec as { url: string; enable_ssl_verification?: boolean } | undefined;
    const job = props.job_spec as { job_id: string } | undefined;
    const hook = {
      model_name: props.model_name as string | undefined,
      http_url_spec: http && { url: http.url, enable_ssl_verification: http.enable_ssl_verification ?? true },
      job_spec: job && { job_id: String(job.job_id) },
    };
    return {
      workspace: String(fill(props.workspace)),
      key: keyOf(hook),
      fields: {
        model_name: hook.model_name,
        description: props.description,
        events: props.events,
        status: props.status ?? 'ACTIVE',
        http_url_spec: hook.http_url_spec,
        job_spec: hook.job_spec,
      },
    };
  });
}

/** The fields of a live hook that a manifest entry sets (absent ones as undefined). */
export function fieldsOf(hook: LiveHook): Record<string, unknown> {
  return {
    model_name: hook.model_name,
    description: hook.description,
    events: hook.events,
    status: hook.status,
    http_url_spec: hook.http_url_spec,
    job_spec: hook.job_spec && { job_id: hook.job_spec.job_id },
  };
}
