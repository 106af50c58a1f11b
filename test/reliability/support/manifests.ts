// fast-check generators for manifests: valid ones (nasty text in every free-text value, secrets from
// {{ env.NAME }}), and mutations of them, textual (YAML broken anywhere) and structural (one rule of
// the manifest format broken on purpose).

import fc from 'fast-check';
import { EVENTS, nastyText, nonEmptyNasty, STATUSES } from './arbitraries.js';

export const MANIFEST_ENV = { HOOK_SECRET: 'mf-hook-secret-5521', JOB_TOKEN: 'mf-job-token-7730', HOOK_AUTH: 'Bearer mf-auth-1187' };

export interface EntrySpec {
  readonly model: string | null;
  readonly events: readonly string[];
  readonly status: string | null;
  readonly description: string | null;
  readonly target: 'http' | 'job';
}

/** In a manifest `{{ … }}` is a template, so plain text leaves it out (templates are fuzzed apart). */
const plain = (text: fc.Arbitrary<string>) => text.filter((t) => !t.includes('{{'));

const entry = fc.record({
  model: fc.option(plain(nonEmptyNasty), { nil: null }),
  events: fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 3 }),
  status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
  description: fc.option(plain(nastyText), { nil: null }),
  target: fc.constantFrom('http' as const, 'job' as const),
});

/** 1-5 entries; keys stay unique because each target URL / job id carries the entry's index. */
export const entries = fc.array(entry, { minLength: 1, maxLength: 5 }).map((list) =>
  // REGISTERED_MODEL_CREATED only on registry-wide hooks (a documented rule, tested separately).
  list.map((e) => (e.model === null ? e : { ...e, events: e.events.filter((v) => v !== 'REGISTERED_MODEL_CREATED') })).map((e) => (e.events.length === 0 ? { ...e, events: ['COMMENT_CREATED'] } : e)),
);

/** YAML double-quoted scalars accept JSON string syntax, so JSON.stringify quotes any text safely. */
const q = (text: string) => JSON.stringify(text);

/** `tag` makes every target of this manifest new to the workspace (URL path and job id). */
export function manifestYaml(workspace: string, receiver: string, list: readonly EntrySpec[], tag: number): string {
  const lines = ['version: 1', 'vars:', `  workspace: ${q(workspace)}`, 'webhooks:'];
  list.forEach((e, i) => {
    lines.push(`  - name: ${q(`entry-${i}`)}`, '    props:', '      - { name: workspace, value: "{{ workspace }}" }');
    if (e.model !== null) lines.push(`      - { name: model_name, value: ${q(e.model)} }`);
    lines.push(`      - { name: events, value: [${e.events.join(', ')}] }`);
    if (e.status !== null) lines.push(`      - { name: status, value: ${e.status} }`);
    if (e.description !== null) lines.push(`      - { name: description, value: ${q(e.description)} }`);
    if (e.target === 'http') {
      lines.push(`      - { name: http_url_spec, value: { url: ${q(`${receiver}/m${tag}/${i}`)}, secret: "{{ env.HOOK_SECRET }}", authorization: "{{ env.HOOK_AUTH }}" } }`);
    } else {
      lines.push(`      - { name: job_spec, value: { job_id: "${tag * 10 + i + 1}", access_token: "{{ env.JOB_TOKEN }}" } }`);
    }
  });
  return lines.join('\n') + '\n';
}

/** One rule of the manifest format broken on purpose: each must be refused before any request. */
export const STRUCTURAL_BREAKS: readonly { readonly name: string; readonly apply: (yaml: string) => string }[] = [
  { name: 'a literal secret', apply: (y) => y.replace('"{{ env.HOOK_SECRET }}"', '"literal-secret-9"').replace('"{{ env.JOB_TOKEN }}"', '"literal-token-9"') },
  { name: 'an unset environment variable', apply: (y) => y.replaceAll('env.HOOK_SECRET', 'env.NOT_SET_ANYWHERE').replaceAll('env.JOB_TOKEN', 'env.NOT_SET_ANYWHERE') },
  { name: 'an unknown var', apply: (y) => y.replace('"{{ workspace }}"', '"{{ workspacee }}"') },
  { name: 'an unknown prop', apply: (y) => y.replace('- { name: events,', '- { name: evnets,') },
  { name: 'an unknown event', apply: (y) => y.replace(/value: \[([A-Z_]+)/, 'value: [$1X') },
  { name: 'an unknown status', apply: (y) => y.replace(/name: events, value: \[/, 'name: status, value: active }\n      - { name: events, value: [') },
  { name: 'events that are not a list', apply: (y) => y.replace(/value: \[([A-Z_, ]+)\]/, 'value: "$1"') },
  { name: 'no events', apply: (y) => y.replace(/value: \[[A-Z_, ]+\]/, 'value: []') },
  { name: 'both targets', apply: (y) => y.replace('- { name: events,', '- { name: job_spec, value: { job_id: "1", access_token: "{{ env.JOB_TOKEN }}" } }\n      - { name: http_url_spec, value: { url: "https://h.example/x", secret: "{{ env.HOOK_SECRET }}" } }\n      - { name: events,') },
  { name: 'a duplicate name', apply: (y) => y + firstEntry(y).replace(/\/(\d+)" ?,/, '/$1-other",').replace(/job_id: "(\d+)"/, 'job_id: "$19"') },
  { name: 'a duplicate entry', apply: (y) => y + y.slice(y.indexOf('  - name:')).replace('"entry-0"', '"entry-copy"') },
  { name: 'a wrong version', apply: (y) => y.replace('version: 1', 'version: 2') },
  { name: 'an unknown top-level key', apply: (y) => y.replace('version: 1', 'version: 1\nwebhoks: []') },
  { name: 'no webhooks list', apply: (y) => y.slice(0, y.indexOf('webhooks:')) },
  { name: 'webhooks as a map', apply: (y) => y.replace('webhooks:\n', 'webhooks:\n  x: 1\n').replace(/\n {2}- name:[\s\S]*$/, '\n') },
  { name: 'an entry without props', apply: (y) => y.replace(/ {4}props:\n( {6}.*\n)+/, '') },
  { name: 'an entry without a name', apply: (y) => y.replace(/ {2}- name: "entry-0"\n {4}props:/, '  - props:') },
  { name: 'a prop without a value', apply: (y) => y.replace('{ name: workspace, value: "{{ workspace }}" }', '{ name: workspace }') },
  { name: 'a readOnly prop', apply: (y) => y.replace('- { name: events,', '- { name: id, value: "abc" }\n      - { name: events,') },
  { name: 'a spec without its required property', apply: (y) => y.replace(/url: "[^"]*", /, '').replace(/job_id: "\d+", /, '') },
  { name: 'an unknown spec property', apply: (y) => y.replace('secret: "{{ env.HOOK_SECRET }}"', 'secret: "{{ env.HOOK_SECRET }}", secrett: x').replace('access_token:', 'acess_token: x, access_token:') },
  { name: 'a tab-indented line', apply: (y) => y.replace('    props:', '\tprops:') },
  { name: 'an empty document', apply: () => '' },
  { name: 'a YAML anchor loop', apply: () => 'a: &a [*a]\n' },
  { name: 'a billion laughs', apply: () => `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nwebhooks: *f\n` },
  { name: 'a huge number', apply: (y) => y.replace('version: 1', 'version: 1e400') },
];

function firstEntry(yaml: string): string {
  const start = yaml.indexOf('  - name:');
  const next = yaml.indexOf('  - name:', start + 1);
  return yaml.slice(start, next < 0 ? undefined : next);
}

/** Text-level damage: YAML punctuation and template syntax dropped in anywhere. */
const YAML_FRAGMENTS = [':', '- ', '{', '}', '[', ']', '"', "'", '#', '&a', '*a', '!!binary', '|', '>', '\n', '\t', '  ', '{{', '}}', '{{ env.X }}', '{{ workspace }}', 'null', '~', '---', '...', '%YAML 1.2\n', '? ', '@', '`', ',', '\\', '日本'];

export const yamlDamage = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    cut: fc.integer({ min: 0, max: 8 }),
    text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...YAML_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }),
  }),
  { minLength: 1, maxLength: 3 },
);

export function damage(yaml: string, edits: readonly { at: number; cut: number; text: string }[]): string {
  return edits.reduce((y, e) => {
    const at = Math.floor(e.at * (y.length + 1));
    return y.slice(0, at) + e.text + y.slice(at + e.cut);
  }, yaml);
}
