// Writes a single-workspace apply manifest of N webhooks (default 1,000) for B4.
// Same mix as manifests/examples/generate-fleet.mjs (Slack-style HTTP hook, CI hook, request/comment
// hook and a retraining job hook per model), but all entries target ONE workspace ({{ workspace }}),
// so `--concurrency 16` means 16 requests in flight against that workspace, as B4 specifies.
//
//   node bench/make-manifest.js --count 1000 --out /tmp/manifest.yaml

import { writeFileSync } from 'node:fs';

/** The environment the manifest's `{{ env.… }}` secrets come from (placeholders, not real secrets). */
export const MANIFEST_ENV = Object.freeze({ BENCH_HOOK_SECRET: 'bench-hook-secret-value', BENCH_JOB_TOKEN: 'bench-job-token-value' });

export function manifestText(count) {
  const lines = ['version: 1', 'vars:', '  workspace: local', 'webhooks:'];
  const secret = '"{{ env.BENCH_HOOK_SECRET }}"';
  for (let i = 0; i < count; i++) {
    const m = Math.floor(i / 4) + 1;
    const model = `model-${String(m).padStart(4, '0')}`;
    const base = `https://hooks.example.com/bench/${model}`;
    const props = [['workspace', '"{{ workspace }}"'], ['model_name', model]];
    switch (i % 4) {
      case 0:
        props.push(['events', '[MODEL_VERSION_TRANSITIONED_TO_PRODUCTION]'], ['description', `"${model}: production transitions"`], ['http_url_spec', `{ url: "${base}/prod", secret: ${secret} }`]);
        break;
      case 1:
        props.push(['events', '[MODEL_VERSION_TRANSITIONED_TO_STAGING]'], ['status', m % 3 === 0 ? 'TEST_MODE' : 'ACTIVE'], ['http_url_spec', `{ url: "${base}/staging", secret: ${secret} }`]);
        break;
      case 2:
        props.push(['events', '[TRANSITION_REQUEST_TO_PRODUCTION_CREATED, COMMENT_CREATED]'], ['http_url_spec', `{ url: "${base}/requests", enable_ssl_verification: true, secret: ${secret} }`]);
        break;
      default:
        props.push(['events', '[MODEL_VERSION_CREATED]'], ['description', `"${model}: retraining job"`], ['job_spec', `{ job_id: "${900000 + m}", access_token: "{{ env.BENCH_JOB_TOKEN }}" }`]);
    }
    lines.push(`  - name: ${model}-${i % 4}`, '    props:', ...props.map(([k, v]) => `      - { name: ${k}, value: ${v} }`));
  }
  return lines.join('\n') + '\n';
}

/**
 * The create request bodies the manifest's entries become (the same models, events, URLs and
 * secrets), for B4's floor: what a bare client sends to make the same hooks.
 */
export function createBodies(count) {
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const m = Math.floor(i / 4) + 1;
    const model = `model-${String(m).padStart(4, '0')}`;
    const base = `https://hooks.example.com/bench/${model}`;
    const secret = MANIFEST_ENV.BENCH_HOOK_SECRET;
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
        bodies.push({ model_name: model, events: ['MODEL_VERSION_CREATED'], description: `${model}: retraining job`, job_spec: { job_id: String(900000 + m), access_token: MANIFEST_ENV.BENCH_JOB_TOKEN } });
    }
  }
  return bodies;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  writeFileSync(arg('--out', 'manifest.yaml'), manifestText(Number(arg('--count', '1000'))));
}
