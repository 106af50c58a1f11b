// What reaches the user's screen (issue 10, items 7, 10, 11, 12): values from {{ env.… }} are
// redacted in plans and reports yet still compared; control characters from servers and manifests
// never reach the terminal (JSON keeps data exact); a one-letter secret does not garble words; an
// API message of 50 MB is cut to a few lines, and a secret cut by that is still scrubbed.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { applyWorld, httpEntry, manifest, RESOURCE, type ApplyWorld } from '../apply/support.js';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';
import { Figures } from './support/figures.js';
import { startHostileServer, type HostileServer } from './support/hostile-server.js';

const figures = new Figures('output-hygiene suite');
figures.add('control characters on screen (must be 0)', 0);
figures.add('env secrets on screen (must be 0)', 0);
let w: ApplyWorld | null = null;
let server: HostileServer | null = null;
afterEach(async () => {
  await w?.close();
  await server?.close();
  w = null;
  server = null;
});
afterAll(() => console.log(figures.report()));

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
function noControls(text: string): void {
  const found = CONTROL.test(text);
  figures.add('outputs checked for control characters');
  if (found) figures.add('control characters on screen (must be 0)');
  expect(found, JSON.stringify(text.slice(0, 300))).toBe(false);
}

const HOSTILE = '\u001b]0;pwned\u0007\u001b[2Jcleared\u009b31m';

describe('terminal escapes', () => {
  it('when a webhook description holds OSC/CSI sequences then table and text output show them escaped, JSON keeps them exact', async () => {
    w = await applyWorld();
    const ws = w.emu.url;
    const insert = await w.cli(['exec', '--var', `d=${HOSTILE}`, `INSERT INTO ${RESOURCE} (workspace, model_name, events, description, http_url_spec) VALUES ('${ws}', 'm', '["MODEL_VERSION_CREATED"]', '{{ d }}', '{"url": "https://example.com/h"}')`]);
    expect(insert.code, insert.stderr).toBe(0);
    const select = `SELECT description FROM ${RESOURCE} WHERE workspace = '${ws}'`;
    for (const format of ['table', 'text']) {
      const run = await w.cli(['exec', '-o', format, select]);
      expect(run.code).toBe(0);
      noControls(run.stdout);
      expect(run.stdout).toContain('\\u001b]0;pwned\\u0007');
    }
    const json = await w.cli(['exec', '-o', 'json', select]);
    expect(JSON.parse(json.stdout)[0].description).toBe(HOSTILE);
  });

  it('when an API error message carries control characters then the error line shows them escaped', async () => {
    server = await startHostileServer({ kind: 'body', status: 400, text: JSON.stringify({ error_code: 'BAD', message: `nope${HOSTILE}` }) });
    const run = await hookql(['exec', `SELECT id FROM ${RESOURCE} WHERE workspace = '${server.url}'`], { env: { DATABRICKS_TOKEN: 'dapi-x', HOOKQL_HOME: tempHome() } });
    expect(run.code).toBe(1);
    noControls(run.stderr);
    expect(run.stderr).toContain('nope\\u001b]0;pwned');
  });

  it('when a manifest description holds escapes then plan text shows them escaped', async () => {
    w = await applyWorld();
    const file = w.write('hooks.yaml', manifest(w.emu.url, [httpEntry('a', 'm', 'https://example.com/a', { description: '\\u001b[2Jgone\\u0007' })]));
    const plan = await w.cli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    noControls(plan.stdout);
    expect(plan.stdout).toContain('\\u001b[2Jgone');
  });
});

describe('secrets from the environment in plans and reports', () => {
  const SLACK = 'https://hooks.slack.com/services/T0SECRET/B0SECRET/xoxbSECRETPATH';
  it('when a readable field comes from {{ env.NAME }} then plan text, plan JSON, dry-run and the apply report redact it, and the next plan compares it', async () => {
    w = await applyWorld();
    const entry = httpEntry('slack', 'm', '{{ env.SLACK_URL }}', { description: 'to {{ env.TEAM_CHANNEL }}' });
    const file = w.write('hooks.yaml', manifest(w.emu.url, [entry]));
    const env = { SLACK_URL: SLACK, TEAM_CHANNEL: 'ml-oncall-private' };
    const outputs = [
      await w.cli(['plan', file], env),
      await w.cli(['plan', file, '-o', 'json'], env),
      await w.cli(['apply', file, '--dry-run'], env),
      await w.cli(['apply', file], env),
    ];
    for (const run of outputs) {
      expect(run.code, run.stderr).toBe(0);
      const text = run.stdout + run.stderr;
      const leaked = ['services/T0SECRET', 'xoxbSECRETPATH', 'ml-oncall-private'].filter((s) => text.includes(s));
      figures.add('outputs checked for env secrets');
      figures.add('env secrets on screen (must be 0)', leaked.length);
      expect(leaked).toEqual([]);
    }
    expect(outputs[0].stdout).toContain('https://hooks.slack.com/***');
    // The live hook has the real URL, and the next plan matches it: compared, not just hidden.
    expect((await w.live())[0].http_url_spec).toMatchObject({ url: SLACK });
    const again = await w.cli(['plan', file], env);
    expect(again.stdout).toContain('No changes');
  });
});

describe('short secrets and long messages', () => {
  it('when DATABRICKS_TOKEN is one letter then the shell does not cut words (EXIT, SELECT, INSERT)', async () => {
    const run = await hookql(['shell', '--workspace', 'local'], { env: { DATABRICKS_TOKEN: 'T', HOOKQL_HOME: tempHome() }, stdin: 'exit;\n' });
    expect(run.stderr).toContain("'EXIT'");
    expect(run.stderr).not.toContain('***');
  });

  it('when a server echoes a one-letter token as a word then it is still redacted', async () => {
    server = await startHostileServer({ kind: 'body', status: 403, text: JSON.stringify({ error_code: 'BAD_TOKEN', message: 'token T is not valid for TEST' }) });
    const run = await hookql(['exec', `SELECT id FROM ${RESOURCE} WHERE workspace = '${server.url}'`], { env: { DATABRICKS_TOKEN: 'T', HOOKQL_HOME: tempHome() } });
    expect(run.stderr).toContain('token *** is not valid for TEST');
  });

  it('when an API error message is 50 MB then a few lines are shown, and a secret cut at the limit is scrubbed', async () => {
    const secret = 'dapiCUTSECRET0123456789';
    // The cap is 2,000 characters: the echo of the token straddles it, leaving its first 9 characters.
    const message = 'x'.repeat(1991) + secret + 'y'.repeat(50 * 1024 * 1024);
    server = await startHostileServer({ kind: 'body', status: 400, text: JSON.stringify({ error_code: 'BAD', message }) });
    const run = await hookql(['exec', `SELECT id FROM ${RESOURCE} WHERE workspace = '${server.url}'`], { env: { DATABRICKS_TOKEN: secret, HOOKQL_HOME: tempHome() } });
    figures.add('bytes of a 50 MB API message shown', run.stderr.length);
    expect(run.code).toBe(1);
    expect(run.stderr.length).toBeLessThan(3000);
    expect(run.stderr).toContain('more characters]');
    expect(run.stderr).not.toContain('dapiCUTSE');
    expect(run.stderr).toContain('xxx***… [truncated');
  });
});
