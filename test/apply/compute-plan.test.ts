// Matching and diffing, on plain data: no engine, no emulator.

import { describe, expect, it } from 'vitest';
import { computePlan, loadManifest, type LiveRow, type PlanOptions } from '../../src/apply/index.js';
import { loadRegistry } from '../../src/definition/index.js';

const registry = loadRegistry();
const env = { S: 'secret-value-1' };
const OFF: PlanOptions = { prune: 'off', rotateSecrets: false };

function entries(...lines: string[]): string {
  return `webhooks:\n${lines.join('')}`;
}
function hook(name: string, model: string | null, url: string, extra = ''): string {
  return `  - name: ${name}\n    props:\n      - { name: workspace, value: ws1 }\n${model ? `      - { name: model_name, value: ${model} }\n` : ''}      - { name: events, value: [COMMENT_CREATED] }\n${extra}      - { name: http_url_spec, value: { url: "${url}", secret: "{{ env.S }}" } }\n`;
}
function row(id: string, values: Record<string, unknown>, workspace = 'ws1'): LiveRow {
  return { id, workspace, values: { id, events: ['COMMENT_CREATED'], status: 'ACTIVE', ...values } };
}
function plan(text: string, rows: LiveRow[], options: PlanOptions = OFF) {
  const { def, manifest } = loadManifest(text, 'm.yaml', registry, { env });
  const live = new Map<string, LiveRow[]>([['ws1', rows.filter((r) => r.workspace === 'ws1')], ['ws2', rows.filter((r) => r.workspace === 'ws2')]]);
  return computePlan(def, manifest, live, options).changes;
}
const spec = (url: string) => ({ url, enable_ssl_verification: true });

describe('computePlan', () => {
  it('when nothing is live then every entry is a create', () => {
    expect(plan(entries(hook('a', 'm', 'https://x/a')), []).map((c) => c.kind)).toEqual(['create']);
  });

  it('when the live row has the same key and values then it is unchanged, with the secret noted', () => {
    const [c] = plan(entries(hook('a', 'm', 'https://x/a')), [row('1', { model_name: 'm', http_url_spec: spec('https://x/a') })]);
    expect(c).toMatchObject({ kind: 'unchanged', id: '1', diffs: [{ kind: 'write-only', path: 'http_url_spec.secret', resend: false }] });
  });

  it('when a registry-wide entry meets a model row with the same URL then they do not match', () => {
    const changes = plan(entries(hook('all', null, 'https://x/a')), [row('1', { model_name: 'm', http_url_spec: spec('https://x/a') })]);
    expect(changes.map((c) => c.kind)).toEqual(['create']);
  });

  it('when status and events differ then the update sets only those', () => {
    const [c] = plan(entries(hook('a', 'm', 'https://x/a', '      - { name: status, value: DISABLED }\n')), [
      row('1', { model_name: 'm', events: ['COMMENT_CREATED', 'MODEL_VERSION_CREATED'], http_url_spec: spec('https://x/a') }),
    ]);
    expect(c).toMatchObject({
      kind: 'update',
      set: { status: 'DISABLED', events: ['COMMENT_CREATED'] },
      diffs: [
        { kind: 'set', path: 'events', added: [], removed: ['MODEL_VERSION_CREATED'] },
        { kind: 'changed', path: 'status', from: 'ACTIVE', to: 'DISABLED' },
        { kind: 'write-only', path: 'http_url_spec.secret', resend: false },
      ],
    });
  });

  it('when --rotate-secrets then an unchanged entry with a secret re-sends its spec', () => {
    const [c] = plan(entries(hook('a', 'm', 'https://x/a')), [row('1', { model_name: 'm', http_url_spec: spec('https://x/a') })], { prune: 'off', rotateSecrets: true });
    expect(c).toMatchObject({ kind: 'update', set: { http_url_spec: { url: 'https://x/a', secret: 'secret-value-1' } } });
  });

  it('when two live rows share the key then the entry is a conflict naming both ids, and neither is pruned', () => {
    const live = [row('1', { model_name: 'm', http_url_spec: spec('https://x/a') }), row('2', { model_name: 'm', http_url_spec: spec('https://x/a') })];
    const changes = plan(entries(hook('a', 'm', 'https://x/a')), live, { prune: 'workspaces', rotateSecrets: false });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'conflict', ids: ['1', '2'] });
  });

  it('when a custom match leaves a non-updatable field different then it is a conflict, not a silent update', () => {
    const text = entries(hook('a', 'm2', 'https://x/a').replace('  - name: a\n', '  - name: a\n    match: [http_url_spec.url]\n'));
    const [c] = plan(text, [row('1', { model_name: 'm1', http_url_spec: spec('https://x/a') })]);
    expect(c).toMatchObject({ kind: 'conflict', ids: ['1'] });
    expect(c.kind === 'conflict' && c.reason).toContain('model_name cannot be changed');
  });

  it('when pruning whole workspaces then unmatched rows of the manifest workspaces are deleted, others kept', () => {
    const live = [row('1', { model_name: 'm', http_url_spec: spec('https://x/a') }), row('2', { model_name: 'z', http_url_spec: spec('https://x/z') }), row('3', { model_name: 'z', http_url_spec: spec('https://x/z') }, 'ws2')];
    const changes = plan(entries(hook('a', 'm', 'https://x/a')), live, { prune: 'workspaces', rotateSecrets: false });
    expect(changes.map((c) => [c.kind, 'id' in c ? c.id : null])).toEqual([['unchanged', '1'], ['delete', '2']]);
  });

  it('when pruning by models then only rows of named models (and registry-wide only with such an entry) go', () => {
    const live = [
      row('1', { model_name: 'm', http_url_spec: spec('https://x/old') }),
      row('2', { model_name: 'z', http_url_spec: spec('https://x/z') }),
      row('3', { http_url_spec: spec('https://x/all') }),
    ];
    const scoped = plan(entries(hook('a', 'm', 'https://x/a')), live, { prune: 'models', rotateSecrets: false });
    expect(scoped.map((c) => [c.kind, 'id' in c ? c.id : null])).toEqual([['create', null], ['delete', '1']]);
    const withWide = plan(entries(hook('a', 'm', 'https://x/a'), hook('w', null, 'https://x/w')), live, { prune: 'models', rotateSecrets: false });
    expect(withWide.filter((c) => c.kind === 'delete').map((c) => 'id' in c && c.id)).toEqual(['1', '3']);
  });

  it('when two entries use different match keys that overlap then loading refuses the looser one', () => {
    const text = entries(hook('a', 'm', 'https://x/a'), hook('b', 'm', 'https://x/a', '').replace('  - name: b\n', '  - name: b\n    match: [workspace, model_name, http_url_spec.url, events]\n').replace('[COMMENT_CREATED]', '[MODEL_VERSION_CREATED]'));
    expect(() => plan(text, [])).toThrow(/entry 'a': its key \(workspace, model_name, http_url_spec.url, job_spec.job_id, job_spec.workspace_url\) also fits entry 'b'/);
  });
});
