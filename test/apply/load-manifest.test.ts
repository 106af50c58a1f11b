// Manifest loading: every problem reported at once, each with file:line:column and the entry's name.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/apply/index.js';
import { loadRegistry } from '../../src/definition/index.js';
import { ManifestError } from '../../src/errors.js';

const registry = loadRegistry();
const env = { HOOK_SECRET: 's3cr3t-value', JOB_TOKEN: 'dapi-job-token' };

function load(text: string, options: Parameters<typeof loadManifest>[3] = {}) {
  return loadManifest(text, 'm.yaml', registry, { env, ...options });
}

function problems(text: string, options: Parameters<typeof loadManifest>[3] = {}): string[] {
  try {
    load(text, options);
  } catch (e) {
    if (e instanceof ManifestError) return e.issues.map((i) => `${i.at} ${i.message}`);
    throw e;
  }
  throw new Error('expected a ManifestError');
}

const GOOD = `version: 1
vars: { workspace: local }
webhooks:
  - name: prod-to-slack
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: churn-model }
      - { name: events, value: [MODEL_VERSION_TRANSITIONED_TO_PRODUCTION] }
      - { name: status, value: ACTIVE }
      - name: http_url_spec
        value: { url: "https://hooks.example.com/x", secret: "{{ env.HOOK_SECRET }}" }
`;

describe('loadManifest', () => {
  it('when entries repeat a scalar prop then each problem is still reported at its own entry and position', () => {
    const entry = (name: string, status: string) => `  - name: ${name}
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: churn-model }
      - { name: events, value: [MODEL_VERSION_CREATED] }
      - { name: status, value: ${status} }
      - { name: job_spec, value: { job_id: "${name}", access_token: "{{ env.JOB_TOKEN }}" } }
`;
    const text = `version: 1\nvars: { workspace: local }\nwebhooks:\n${entry('a', 'ACTIVE')}${entry('b', 'ACTVE')}${entry('c', 'ACTIVE')}${entry('d', 'ACTVE')}`;
    expect(problems(text)).toEqual([
      "m.yaml:16:32 entry 'b': status: 'ACTVE' is not a RegistryWebhookStatus — did you mean 'ACTIVE'?",
      "m.yaml:30:32 entry 'd': status: 'ACTVE' is not a RegistryWebhookStatus — did you mean 'ACTIVE'?",
    ]);
    const fixed = load(text.replaceAll('ACTVE', 'ACTIVE')).manifest.entries;
    expect(fixed.map((e) => [e.name, e.workspace, e.values.status, e.values.model_name])).toEqual(['a', 'b', 'c', 'd'].map((n) => [n, 'local', 'ACTIVE', 'churn-model']));
  });

  it('when the manifest is valid then entries carry resolved, typed values', () => {
    const { manifest, def } = load(GOOD);
    expect(def.id).toBe('databricks_workspace.ml.model_registry_webhooks');
    expect(manifest.entries).toEqual([
      {
        kind: 'desired',
        name: 'prod-to-slack',
        at: 'm.yaml:4:5',
        workspace: 'local',
        values: {
          model_name: 'churn-model',
          events: ['MODEL_VERSION_TRANSITIONED_TO_PRODUCTION'],
          status: 'ACTIVE',
          http_url_spec: { url: 'https://hooks.example.com/x', secret: 's3cr3t-value' },
        },
        match: def.naturalKey,
      },
    ]);
    expect(manifest.secrets).toEqual(['s3cr3t-value']);
  });

  it('when --var is given then it overrides the manifest var', () => {
    expect(load(GOOD, { vars: { workspace: 'https://x.cloud.databricks.com' } }).manifest.entries[0].workspace).toBe('https://x.cloud.databricks.com');
  });

  it("when StackQL's documented manifest is given with its vars then it is accepted", () => {
    const stackql = readFileSync(new URL('../fixtures/stackql/manifest.yaml', import.meta.url), 'utf8');
    const vars = {
      workspace: 'local', events: '["MODEL_VERSION_CREATED","COMMENT_CREATED"]', description: 'from stackql', url: 'https://h.example.com/a',
      authorization: '', enable_ssl_verification: 'false', secret: '', job_id: '', access_token: '', workspace_url: '', model_name: 'm1', status: 'TEST_MODE',
    };
    const [entry] = load(stackql, { vars }).manifest.entries;
    expect(entry.values).toEqual({
      events: ['MODEL_VERSION_CREATED', 'COMMENT_CREATED'],
      description: 'from stackql',
      http_url_spec: { url: 'https://h.example.com/a', enable_ssl_verification: false },
      model_name: 'm1',
      status: 'TEST_MODE',
    });
  });

  it('when a value is a whole {{ var }} holding a list then the list is spliced in', () => {
    const text = GOOD.replace('vars: { workspace: local }', 'vars: { workspace: local, prod: [MODEL_VERSION_CREATED, COMMENT_CREATED] }').replace('[MODEL_VERSION_TRANSITIONED_TO_PRODUCTION]', '["{{ prod }}"]');
    expect(load(text).manifest.entries[0].values.events).toEqual(['MODEL_VERSION_CREATED', 'COMMENT_CREATED']);
  });

  it('when authorization mixes text and env then it counts as coming from env', () => {
    const text = GOOD.replace('secret: "{{ env.HOOK_SECRET }}"', 'authorization: "Bearer {{ env.HOOK_SECRET }}"');
    expect(load(text).manifest.entries[0].values.http_url_spec).toEqual({ url: 'https://hooks.example.com/x', authorization: 'Bearer s3cr3t-value' });
  });
});

describe('loadManifest problems', () => {
  const cases: [string, string, string[]][] = [
    ['unknown prop', GOOD.replace('name: status,', 'name: stauts,'), ["m.yaml:9:17 entry 'prod-to-slack': unknown prop 'stauts' — did you mean 'status'? (props: workspace, events, description, http_url_spec, job_spec, model_name, status)"]],
    ['bad event', GOOD.replace('[MODEL_VERSION_TRANSITIONED_TO_PRODUCTION]', '[MODEL_VERSION_CREATED, MODEL_VERSION_CRATED]'), ["m.yaml:8:56 entry 'prod-to-slack': events[1]: 'MODEL_VERSION_CRATED' is not a RegistryWebhookEvent — did you mean 'MODEL_VERSION_CREATED'?"]],
    ['bad status', GOOD.replace('value: ACTIVE', 'value: ON'), ["m.yaml:9:32 entry 'prod-to-slack': status: 'ON' is not a RegistryWebhookStatus (one of ACTIVE, DISABLED, TEST_MODE)"]],
    ['unresolved var', GOOD.replace('"{{ workspace }}"', '"{{ wrkspace }}"'), ["m.yaml:6:35 entry 'prod-to-slack': workspace: unresolved {{ wrkspace }}: no such var (add it under vars: or pass --var wrkspace=…)"]],
    ['unset env', GOOD.replace('HOOK_SECRET', 'MISSING_SECRET'), ["m.yaml:11:62 entry 'prod-to-slack': http_url_spec: unresolved {{ env.MISSING_SECRET }}: environment variable MISSING_SECRET is not set (or is empty)"]],
    ['literal secret', GOOD.replace('"{{ env.HOOK_SECRET }}"', 'hunter2'), ["m.yaml:11:62 entry 'prod-to-slack': http_url_spec.secret is a write-only secret written in the manifest; use \"{{ env.NAME }}\" (or pass --allow-literal-secrets)"]],
  ];
  it.each(cases)('when there is a %s then it is reported at its line:column', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('when a literal secret is allowed then it loads, and the secret is still known for redaction', () => {
    const { manifest } = load(GOOD.replace('"{{ env.HOOK_SECRET }}"', 'hunter2'), { allowLiteralSecrets: true });
    expect(manifest.secrets).toEqual(['hunter2']);
  });

  it('when the literal secret is refused then the message does not contain it', () => {
    expect(problems(GOOD.replace('"{{ env.HOOK_SECRET }}"', 'hunter2')).join('\n')).not.toContain('hunter2');
  });

  it('when both or neither target spec is given then the entry is refused', () => {
    const both = GOOD.replace('      - name: http_url_spec', '      - { name: job_spec, value: { job_id: "1", access_token: "{{ env.JOB_TOKEN }}" } }\n      - name: http_url_spec');
    expect(problems(both)).toEqual(["m.yaml:4:5 entry 'prod-to-slack': exactly one of http_url_spec, job_spec must be given to create a webhook (got http_url_spec and job_spec)"]);
    const neither = GOOD.split('\n').slice(0, 9).join('\n') + '\n';
    expect(problems(neither)).toEqual(["m.yaml:4:5 entry 'prod-to-slack': exactly one of http_url_spec, job_spec must be given to create a webhook (got none)"]);
  });

  it('when names or keys repeat then both are reported, pointing at the first', () => {
    const twice = GOOD + GOOD.split('\n').slice(3).join('\n');
    expect(problems(twice)).toEqual([
      "m.yaml:12:5 entry 'prod-to-slack': duplicate name (first used at m.yaml:4:5)",
      "m.yaml:12:5 entry 'prod-to-slack': duplicate key: entry 'prod-to-slack' (at m.yaml:4:5) has the same workspace, model_name, http_url_spec.url, job_spec.job_id, job_spec.workspace_url — both would manage the same live webhook",
    ]);
  });

  it('when several entries have problems then every one is reported in one error', () => {
    const text = `webhooks:
  - name: a
    props:
      - { name: workspace, value: local }
      - { name: events, value: [NOPE] }
      - { name: http_url_spec, value: { url: "https://a" } }
  - name: b
    bogus: 1
    props:
      - { name: events, value: [COMMENT_CREATED] }
      - { name: job_spec, value: { job_id: "7" } }
`;
    expect(problems(text)).toEqual([
      "m.yaml:5:33 entry 'a': events[0]: 'NOPE' is not a RegistryWebhookEvent (one of MODEL_VERSION_CREATED, MODEL_VERSION_TRANSITIONED_STAGE, TRANSITION_REQUEST_CREATED, COMMENT_CREATED, REGISTERED_MODEL_CREATED, MODEL_VERSION_TAG_SET, MODEL_VERSION_TRANSITIONED_TO_STAGING, MODEL_VERSION_TRANSITIONED_TO_PRODUCTION, MODEL_VERSION_TRANSITIONED_TO_ARCHIVED, TRANSITION_REQUEST_TO_STAGING_CREATED, TRANSITION_REQUEST_TO_PRODUCTION_CREATED, TRANSITION_REQUEST_TO_ARCHIVED_CREATED)",
      "m.yaml:7:5 entry 'b': missing required prop 'workspace'",
      "m.yaml:8:5 entry 'b': unknown key 'bogus' (expected one of name, props, match, description)",
      "m.yaml:11:34 entry 'b': job_spec: missing required property 'access_token'",
    ]);
  });

  it('when REGISTERED_MODEL_CREATED is on a model hook then the constraint is reported', () => {
    expect(problems(GOOD.replace('[MODEL_VERSION_TRANSITIONED_TO_PRODUCTION]', '[REGISTERED_MODEL_CREATED]'))).toEqual([
      "m.yaml:4:5 entry 'prod-to-slack': events: 'REGISTERED_MODEL_CREATED' is allowed only when model_name is not given",
    ]);
  });

  it('when match names a field that cannot identify a row then it is refused', () => {
    const text = GOOD.replace('  - name: prod-to-slack\n', '  - name: prod-to-slack\n    match: [model_name, http_url_spec.secret]\n');
    expect(problems(text)).toEqual(["m.yaml:5:12 entry 'prod-to-slack': match: 'http_url_spec.secret' cannot identify a live webhook (not a readable input field) — did you mean 'http_url_spec.url'?"]);
  });

  it('when the YAML itself is broken then the parser error has a position', () => {
    expect(problems('webhooks:\n  - name: a\n   props: [\n')[0]).toMatch(/^m\.yaml:\d+:\d+ YAML: /);
  });

  it('when the top level has an unknown key or version then it says so', () => {
    expect(problems(GOOD.replace('version: 1', 'version: 2\nwebhoks: []'))).toEqual([
      'm.yaml:1:10 unsupported version 2 (this hookql reads version 1)',
      "m.yaml:2:1 unknown key 'webhoks' — did you mean 'webhooks'? (expected one of version, vars, resource, webhooks)",
    ]);
  });
});
