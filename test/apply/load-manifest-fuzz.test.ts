// Whatever the manifest text, loading ends in a manifest or a ManifestError — never a crash.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/apply/index.js';
import { loadRegistry } from '../../src/definition/index.js';
import { ManifestError } from '../../src/errors.js';
import { editedText } from '../helpers/text-edits.js';

const registry = loadRegistry();
const SEED = `version: 1
vars: { workspace: local, evs: [COMMENT_CREATED] }
webhooks:
  - name: a
    match: [workspace, model_name, http_url_spec.url]
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: m }
      - { name: events, value: ["{{ evs }}"] }
      - { name: http_url_spec, value: { url: "https://x", secret: "{{ env.S }}", enable_ssl_verification: {{ ssl }} } }
  - name: b
    props:
      - { name: workspace, value: local }
      - { name: events, value: [REGISTERED_MODEL_CREATED] }
      - { name: job_spec, value: { job_id: "1", access_token: "{{ env.S }}" } }
`;

function outcome(text: string): 'ok' | 'manifest-error' {
  try {
    loadManifest(text, 'f.yaml', registry, { env: { S: 'sss' }, vars: { ssl: 'true' } });
    return 'ok';
  } catch (e) {
    if (e instanceof ManifestError && e.issues.every((i) => /^f\.yaml:\d+:\d+$/.test(i.at))) return 'manifest-error';
    throw e;
  }
}

describe('loadManifest on mutated input', () => {
  it('when the seed manifest is loaded then it is valid', () => {
    expect(outcome(SEED)).toBe('ok');
  });

  it('when characters are inserted, deleted or replaced then the result is a manifest or a located ManifestError', () => {
    const pieces = [' ', '\n', ':', '-', '{', '}', '[', ']', '"', "'", '{{', '}}', '&a', '*a', 'null', '~', '#', '\t', 'é', '\\', 'props', 'name', 'value'];
    fc.assert(
      fc.property(editedText(SEED, pieces), (text) => {
        expect(['ok', 'manifest-error']).toContain(outcome(text));
      }),
      { seed: 4242, numRuns: 1000 },
    );
  });

  it('when the document is any YAML-ish value then it is refused with a position, never thrown raw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(['ok', 'manifest-error']).toContain(outcome(JSON.stringify({ webhooks: [value] })));
        expect(['ok', 'manifest-error']).toContain(outcome(JSON.stringify(value)));
      }),
      { seed: 7, numRuns: 800 },
    );
  });
});
