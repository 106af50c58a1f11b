// exportManifest on plain data, with the fixture resource: the export is generic (names, vars and
// placeholders come from the definition) and plans back to no changes.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computePlan, exportManifest, loadManifest, type LiveRow } from '../../src/apply/index.js';
import { findResource, loadRegistry } from '../../src/definition/index.js';

const registry = loadRegistry([fileURLToPath(new URL('../fixtures/resources', import.meta.url))]);
const def = findResource(registry, 'acme_cloud.alerts.notification_channels');

const rows: LiveRow[] = [
  { id: 'ch2', workspace: 'eu', values: { channel_id: 'ch2', kind: 'SMS', labels: ['ops', 'night'], priority: 2, target: { address: '+100', verified: true } } },
  { id: 'ch1', workspace: 'eu', values: { channel_id: 'ch1', kind: 'EMAIL', labels: ['ops'], target: { address: 'ops@example.com', verified: false } } },
];

describe('exportManifest (fixture resource)', () => {
  it('names entries from the natural key, keeps write-only values out, and plans to no changes', () => {
    const { text, entries } = exportManifest(def, new Map([['eu', rows]]), { workspaces: ['eu'], scopes: [], format: 'hookql' });
    expect(entries).toBe(2);
    expect(text).toContain('vars:\n  region: eu\nchannels:\n');
    expect([...text.matchAll(/^ {2}- name: (.+)$/gm)].map((m) => m[1])).toEqual(['email-ops-example-com', 'sms-100']);
    expect(text).toContain('          # token: "{{ env.SMS_100_TOKEN }}"');
    expect(text).not.toContain('channel_id');
    const { manifest } = loadManifest(text, 'x.yaml', registry, {});
    const plan = computePlan(def, manifest, new Map([['eu', rows]]), { prune: 'workspaces', rotateSecrets: false });
    expect(plan.changes.map((c) => c.kind)).toEqual(['unchanged', 'unchanged']);
  });

  it('the StackQL format is a bare list of the same entries', () => {
    const { text } = exportManifest(def, new Map([['eu', rows]]), { workspaces: ['eu'], scopes: [], format: 'stackql' });
    expect(text).toMatch(/^- name: email-ops-example-com\n {2}props:\n {4}- name: region\n {6}value: "\{\{ region \}\}"$/m);
    expect(text).toContain('# StackQL\'s manifest format takes its vars on the command line: --var region=eu\n');
    expect(text).toContain('    - name: labels\n      value:\n        - ops\n        - night\n');
  });
});

describe('a bare (StackQL-style) list beside other resources', () => {
  it('means the one manageable resource whose create takes its props', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-readonly-'));
    mkdirSync(join(dir, 'acme'), { recursive: true });
    writeFileSync(
      join(dir, 'acme', 'regions.yaml'),
      [
        'id: acme.directory.regions', 'provider: acme', 'service: directory', 'name: regions', 'title: Regions', 'description: Read only.',
        'noun: { singular: region, plural: regions }', 'serverParam: directory', 'idField: name', 'naturalKey: [directory, name]',
        'fields:', '  name: { type: string, readOnly: true }', 'params:', '  directory: { type: string, local: server }',
        'methods:', '  list:', '    httpMethod: GET', '    path: /v1/regions', '    inputs: {}', '    required: [directory]', '    objectKey: $.regions',
        '    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, retryOn: [], retryNetworkErrors: false, mode: never }', '    pastTense: listed',
        'sqlVerbs: { select: list }', '',
      ].join('\n'),
    );
    const withReadOnly = loadRegistry([dir]);
    expect(withReadOnly.resources.size).toBe(loadRegistry().resources.size + 1);
    const text = '- name: churn-hooks-example-com-prod\n  props:\n    - { name: workspace, value: local }\n    - { name: events, value: [MODEL_VERSION_CREATED] }\n    - { name: http_url_spec, value: { url: "https://hooks.example.com/prod" } }\n';
    expect(loadManifest(text, 'x.yaml', withReadOnly).def.id).toBe('databricks_workspace.ml.model_registry_webhooks');
  });
});
