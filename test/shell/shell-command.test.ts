// `hookql shell` mounted in the real CLI, stdin piped, with the real engine and the embedded local
// workspace: the non-TTY mode end to end.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';

const RES = 'databricks_workspace.ml.model_registry_webhooks';
const env = () => ({ HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-shell-')) });

describe('hookql shell on a pipe (real engine)', () => {
  it('counts 0 webhooks on a fresh local workspace', async () => {
    const run = await hookql(['shell'], { env: env(), stdin: `SELECT count(*) AS n FROM ${RES} WHERE workspace = 'local';\n` });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('┌───┐\n│ n │\n├───┤\n│ 0 │\n└───┘\n(1 row)\n');
  });

  it('creates and lists as JSON, the summary on stderr, using --workspace for every statement', async () => {
    const script = [
      `INSERT INTO ${RES} (model_name, events, http_url_spec)`,
      `SELECT 'churn-model', '["MODEL_VERSION_CREATED"]', '{"url": "https://example.com/hook", "secret": "s3cret"}';`,
      `.output json`,
      `SELECT model_name, events, http_url_spec FROM ${RES};`,
      `.output text`,
      `SELECT count(*) FROM ${RES};`,
    ].join('\n');
    const run = await hookql(['shell', '--workspace', 'local'], { env: env(), stdin: script });
    expect(run.stderr).toBe('1 webhook created\n');
    const [json, count] = run.stdout.split(/(?<=\]\n)/);
    expect(JSON.parse(json)).toEqual([
      { model_name: 'churn-model', events: ['MODEL_VERSION_CREATED'], http_url_spec: { url: 'https://example.com/hook', enable_ssl_verification: true } },
    ]);
    expect(count).toBe('1\n');
    expect(run.code).toBe(0);
  });

  it('goes on after errors and exits with the first failure’s code', async () => {
    const script = [
      `SELECT model_nme FROM ${RES} WHERE workspace = 'local';`,
      `SELECT id FROM ${RES};`,
      `SELECT count(*) FROM ${RES} WHERE workspace = 'local';`,
    ].join('\n');
    const run = await hookql(['shell', '-o', 'csv'], { env: env(), stdin: script });
    expect(run.stderr).toContain("error [UNKNOWN_COLUMN]: unknown column 'model_nme'");
    expect(run.stderr).toContain("did you mean 'model_name'?");
    expect(run.stderr).toContain('error [MISSING_PARAMETER]');
    expect(run.stdout).toBe('count(*)\r\n0\r\n');
    expect(run.code).toBe(2);
  });

  it('fills {{ }} placeholders from --var and .set', async () => {
    const script = `.set model churn-model\nSELECT '{{ model }}' AS m, '{{ who }}' AS w;\n`;
    const run = await hookql(['shell', '-o', 'text', '--var', 'who=me'], { env: env(), stdin: script });
    expect(run).toMatchObject({ code: 0, stdout: 'churn-model\tme\n' });
  });

  it('rejects an unknown output format as a usage error', async () => {
    const run = await hookql(['shell', '-o', 'xml'], { env: env(), stdin: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown output format 'xml'");
  });
});
