// Writes a single-workspace apply manifest of N webhooks (default 1,000) for B4.
// Same mix as manifests/examples/generate-fleet.mjs (Slack-style HTTP hook, CI hook, request/comment
// hook and a retraining job hook per model), but all entries target ONE workspace ({{ workspace }}),
// so `--concurrency 16` means 16 requests in flight against that workspace, as B4 specifies.
//
//   node bench/make-manifest.js --count 1000 --out /tmp/manifest.yaml

import { writeFileSync } from 'node:fs';

/** The environment the manifest's `{{ env.… }}` secrets come from (placeholders, not real secrets). */
export const MANIFEST_ENV = Object.freeze({ BENCH_HOOK_SECRET: 'bench-hook-secret-value', BENCH_JOB_TOKEN: 'bench-job-token-value' });

/**
 * The hooks, in order, as create bodies: per model a Slack-style production hook, a staging CI hook,
 * a request/comment hook and a retraining job hook. `secrets` fills their write-only values: the
 * manifest's `{{ env.… }}` templates, or the values those stand for (what a bare client sends).
 */
function hooks(count, secrets) {
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const m = Math.floor(i / 4) + 1;
    const model = `model-${String(m).padStart(4, '0')}`;
    const base = `https://hooks.example.com/bench/${model}`;
    const secret = secrets.hook;
    switch (i % 4) {
      case 0:
        bodies.push({ model_name: model, events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'], description: `${model}: production transitions`, http_url_spec: { url: `${base}/prod`, secret } });
        break;
      case 1:
        bodies.push({ model_name: model, events: ['MODEL_VERSION_TRANSITIONED_TO_STAGING'], status: m % 3 === 0 ? 'TEST_MODE' : 'ACTIVE', http_url_spec: { url: `${base}/staging`, secret } });
        break;
      case 2:
        bodies.push({ model_name: model, events: ['TRANSITION_REQUEST_TO_PRODUCTION_CREATED', 'COMMENT_CREATED'], http_url_spec: { url: `${base}/requests`, enable_ssl_verification: true, secret } });
        break;
      default:
        bodies.push({ model_name: model, events: ['MODEL_VERSION_CREATED'], description: `${model}: retraining job`, job_spec: { job_id: String(900000 + m), access_token: secrets.job } });
    }
  }
  return bodies;
}

export function manifestText(count) {
  const lines = ['version: 1', 'vars:', '  workspace: local', 'webhooks:'];
  hooks(count, { hook: '{{ env.BENCH_HOOK_SECRET }}', job: '{{ env.BENCH_JOB_TOKEN }}' }).forEach((body, i) => {
    const props = Object.entries({ workspace: '{{ workspace }}', ...body });
    lines.push(`  - name: ${body.model_name}-${i % 4}`, '    props:', ...props.map(([k, v]) => `      - { name: ${k}, value: ${flow(v)} }`));
  });
  return lines.join('\n') + '\n';
}

/** The create request bodies the manifest's entries become, for B4's floor: what a bare client sends. */
export function createBodies(count) {
  return hooks(count, { hook: MANIFEST_ENV.BENCH_HOOK_SECRET, job: MANIFEST_ENV.BENCH_JOB_TOKEN });
}

/** A value in YAML flow style: names plain, any other text double-quoted, lists and maps inline. */
function flow(value) {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  return typeof value === 'string' && !/^[A-Za-z][\w-]*$/.test(value) ? JSON.stringify(value) : String(value);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  writeFileSync(arg('--out', 'manifest.yaml'), manifestText(Number(arg('--count', '1000'))));
}
