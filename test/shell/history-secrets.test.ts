import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/definition/index.js';
import { secretDetector } from '../../src/cli/shell/history-secrets.js';

// The real definitions: the write-only fields (http_url_spec.secret, .authorization,
// job_spec.access_token) come from the YAML, not from a list in the shell.
const holdsSecret = secretDetector(loadRegistry([]));

describe('history entries that are kept out of the history file', () => {
  it.each([
    [`INSERT INTO r (http_url_spec) SELECT '{"url": "https://x", "secret": "s3cret"}';`, true],
    [`UPDATE r SET http_url_spec = '{"url":"https://x","authorization":"Bearer t"}' WHERE id = '1';`, true],
    [`INSERT INTO r (job_spec) SELECT '{"job_id": "1", "access_token": "dapi123"}';`, true],
    ['.set hook_secret abc', true],
    ['.set slack_token abc', true],
    [`SELECT json_extract(http_url_spec, '$.url') FROM r;`, false],
    [`INSERT INTO r (http_url_spec) SELECT '{"url": "https://x"}';`, false],
    ['.set model churn-model', false],
    ['SELECT secret_santa FROM t;', false],
  ])('%s → %s', (entry, secret) => expect(holdsSecret(entry)).toBe(secret));
});
