// The RegistryWebhook the API returns: secrets stripped (HttpUrlSpecWithoutSecret, JobSpecWithoutSecret)
// and absent fields omitted, as every SDK type is `omitempty`.

import type { StoredWebhook } from './webhook-types.js';

export interface PublicWebhook {
  id: string;
  model_name?: string;
  description?: string;
  events: string[];
  status: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  http_url_spec?: { url: string; enable_ssl_verification: boolean };
  job_spec?: { job_id: string; workspace_url?: string };
}

export function toPublicWebhook(webhook: StoredWebhook): PublicWebhook {
  const view: PublicWebhook = {
    id: webhook.id,
    creation_timestamp: webhook.creation_timestamp,
    last_updated_timestamp: webhook.last_updated_timestamp,
    events: [...webhook.events],
    status: webhook.status,
  };
  if (webhook.model_name !== undefined) view.model_name = webhook.model_name;
  if (webhook.description) view.description = webhook.description;
  if (webhook.http_url_spec) {
    // Built field by field so a write-only field can never slip through a spread.
    const { url, enable_ssl_verification } = webhook.http_url_spec;
    view.http_url_spec = { url, enable_ssl_verification };
  }
  if (webhook.job_spec) {
    const { job_id, workspace_url } = webhook.job_spec;
    view.job_spec = workspace_url === undefined ? { job_id } : { job_id, workspace_url };
  }
  return view;
}
