// The secret-leak suite: every command — exec (argument, -f file, -f -), shell on stdin, plan, apply,
// apply --dry-run, EXPLAIN, the error paths, each also with HOOKQL_DEBUG=1 — runs with known secret
// values in the environment (DATABRICKS_TOKEN, DATABRICKS_CLIENT_SECRET), in manifests
// ({{ env.NAME }}) and in statements (http_url_spec.secret / .authorization, job_spec.access_token,
// literal or through --var). None may appear in any stdout or stderr, nor in any file hookql leaves
// in $HOOKQL_HOME. Tokens hookql obtained itself (OAuth access tokens) are caught on the wire by the
// sandbox and checked too. And the client never takes a token or a client secret on its command line.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESOURCE, sqlString } from './support/arbitraries.js';
import { Figures } from './support/figures.js';
import { openSandbox, type CliRun, type Sandbox } from './support/sandbox.js';

// Generous: a loaded 2-core CI machine runs other files beside this one; nothing here is timed.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

// Random-looking on purpose: any 10 characters of one are checked for (see spellings()).
const ENV_SECRETS = {
  DATABRICKS_TOKEN: 'dapi0f3c9e77a1b24d6e',
  DATABRICKS_CLIENT_SECRET: 'dose5b8e2c4a9f1d07',
};
const OAUTH = { DATABRICKS_CLIENT_ID: 'hookql-ci-client', DATABRICKS_CLIENT_SECRET: 'dose7a3f90c2e6b514' };
const MANIFEST_SECRETS = { HOOK_SECRET: `mf"h9e4'd2\\b7c15a83f`, HOOK_AUTH: 'Bearer mfa3c8e1f7d2b49a6', JOB_TOKEN: 'dapi4b7e2a9c0d5f18' };
/** From {{ env.… }} into READABLE fields (a Slack URL carries its secret in its path): shown redacted too. */
const ENV_READABLE = { HOOK_PATH: 'services/T0b9e3c71/B0d2a4f8e/slk7c1e9a3f', HOOK_NOTE: 'note-c4e8a1b7f25d93' };
/** Written into statements: plain, one full of characters that get escaped on the way, one all digits. */
const STATEMENT_SECRETS = { hmac: 'sth5e2a8c1f9d7b30', auth: 'sta8d1f4c6e2b9a75', job: 'dapi9c2e7b4a1f8d36', odd: `p@ss'w"rd\\ü-5c0e9a`, digits: '7734019266' };

const figures = new Figures('secret-leak suite');
figures.add('secrets leaked (must be 0)', 0);
let box: Sandbox;
let oauthBox: Sandbox;

beforeAll(async () => {
  box = await openSandbox({ token: ENV_SECRETS.DATABRICKS_TOKEN });
  oauthBox = await openSandbox({ clientId: OAUTH.DATABRICKS_CLIENT_ID, clientSecret: OAUTH.DATABRICKS_CLIENT_SECRET, allowHttpTargets: false });
});

afterAll(async () => {
  await box?.close();
  await oauthBox?.close();
  console.log(figures.report());
});

/**
 * Every way a secret could show up in text: as is, JSON-escaped, SQL-escaped — and any 10
 * characters of it, since a message that quotes a window of its input (V8's JSON errors do) leaks
 * part of a secret. The secrets here are distinctive enough that no 10 of their characters occur
 * in any honest output.
 */
function spellings(secret: string): string[] {
  const whole = [secret, JSON.stringify(secret).slice(1, -1), secret.replaceAll("'", "''")];
  const windows = whole.flatMap((s) => (s.length <= WINDOW ? [s] : Array.from({ length: s.length - WINDOW + 1 }, (_, i) => s.slice(i, i + WINDOW))));
  return [...new Set(windows)];
}
const WINDOW = 10;

function knownSecrets(world: Sandbox): string[] {
  const values = [...Object.values(ENV_SECRETS), OAUTH.DATABRICKS_CLIENT_SECRET, ...Object.values(MANIFEST_SECRETS), ...Object.values(ENV_READABLE), 'mfa3c8e1f7d2b49a6', ...Object.values(STATEMENT_SECRETS), ...world.authorizations];
  return [...new Set(values.flatMap(spellings))];
}

/**
 * Runs a command twice (plain and HOOKQL_DEBUG=1) and checks both outputs for every secret. A
 * command that can only run once (a delete) is given as a function making fresh arguments.
 */
async function run(world: Sandbox, command: string[] | (() => Promise<string[]>), options: { env?: Record<string, string | undefined>; stdin?: string; expectCode?: number } = {}): Promise<CliRun> {
  let first: CliRun | null = null;
  for (const debug of [undefined, '1']) {
    const args = typeof command === 'function' ? await command() : command;
    const result = await world.cli(args, { env: { ...MANIFEST_SECRETS, ...options.env, HOOKQL_DEBUG: debug }, stdin: options.stdin });
    figures.add('commands run');
    if (options.expectCode !== undefined) expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(options.expectCode);
    const output = result.stdout + result.stderr;
    for (const secret of knownSecrets(world)) {
      figures.add('secret checks');
      if (output.includes(secret)) {
        figures.add('secrets leaked (must be 0)');
        expect.fail(`secret ${JSON.stringify(secret)} leaked by: hookql ${args.join(' ')} (HOOKQL_DEBUG=${debug ?? ''})\n${output}`);
      }
    }
    first ??= result;
  }
  return first as CliRun;
}

const exec = (sql: string, ...flags: string[]) => ['exec', '-o', 'json', ...flags, '--', sql];
const ws = () => sqlString(box.emu.url);
const httpSpec = (url: string) => JSON.stringify({ url, secret: STATEMENT_SECRETS.hmac, authorization: `Bearer ${STATEMENT_SECRETS.auth}` });
const jobSpec = () => JSON.stringify({ job_id: '4242', access_token: STATEMENT_SECRETS.job });
const insert = (workspace: string, spec: string, column = 'http_url_spec', extra = '') =>
  `INSERT INTO ${RESOURCE} (workspace, model_name, events, ${column}) VALUES (${workspace}, 'secret-model', '["COMMENT_CREATED"]', ${sqlString(spec)})${extra}`;

describe('exec', () => {
  let id = '';

  it('INSERT with secrets in the statement: RETURNING *, RETURNING webhook, and no RETURNING', async () => {
    const created = await run(box, exec(insert(ws(), httpSpec(`${box.receiver}/a`), 'http_url_spec', ' RETURNING *')), { env: ENV_SECRETS, expectCode: 0 });
    id = (JSON.parse(created.stdout) as { id: string }[])[0].id;
    await run(box, exec(insert(ws(), jobSpec(), 'job_spec', ' RETURNING webhook')), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(insert(ws(), JSON.stringify({ url: `${box.receiver}/odd`, secret: STATEMENT_SECRETS.odd }))), { env: ENV_SECRETS, expectCode: 0 });
  });

  it('the same statements through --var, -f file and -f - (stdin)', async () => {
    const template = `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec) SELECT '{{ ws }}', '["COMMENT_CREATED"]', '{{ spec }}' RETURNING *`;
    const vars = ['--var', `ws=${box.emu.url}`, '--var', `spec=${httpSpec(`${box.receiver}/var`)}`];
    await run(box, exec(template, ...vars), { env: ENV_SECRETS, expectCode: 0 });
    const file = join(box.dir, 'deploy.sql');
    writeFileSync(file, `${insert(ws(), httpSpec(`${box.receiver}/file`))};\n${insert(ws(), jobSpec(), 'job_spec')};\n`);
    await run(box, ['exec', '-f', file], { env: ENV_SECRETS, expectCode: 0 });
    await run(box, ['exec', '-f', '-'], { env: ENV_SECRETS, stdin: `${insert(ws(), httpSpec(`${box.receiver}/stdin`))};`, expectCode: 0 });
  });

  it('SELECT, UPDATE with a new secret, EXEC test and delete, DELETE', async () => {
    await run(box, exec(`SELECT * FROM ${RESOURCE} WHERE workspace = ${ws()}`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`UPDATE ${RESOURCE} SET http_url_spec = ${sqlString(httpSpec(`${box.receiver}/a`))} WHERE workspace = ${ws()} AND id = ${sqlString(id)} RETURNING *`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXEC ${RESOURCE}.test @workspace=${ws()} @@json='{"id": "${id}", "event": "COMMENT_CREATED"}'`), { env: ENV_SECRETS, expectCode: 0 });
    const fresh = async () => {
      const created = await box.cli(exec(insert(ws(), httpSpec(`${box.receiver}/b`), 'http_url_spec', ' RETURNING id')), { env: ENV_SECRETS });
      return (JSON.parse(created.stdout) as { id: string }[])[0].id;
    };
    await run(box, async () => exec(`EXEC ${RESOURCE}.delete @id='${await fresh()}', @workspace=${ws()}`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, async () => exec(`DELETE FROM ${RESOURCE} WHERE workspace = ${ws()} AND id = ${sqlString(await fresh())}`), { env: ENV_SECRETS, expectCode: 0 });
  });

  it('INSERT … ON CONFLICT DO NOTHING and DO UPDATE with secrets, and their EXPLAIN', async () => {
    const upsert = (conflict: string) => `${insert(ws(), httpSpec(`${box.receiver}/upsert`), 'http_url_spec', '')} ${conflict} RETURNING *`;
    await run(box, exec(upsert('ON CONFLICT DO NOTHING')), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(upsert('ON CONFLICT DO NOTHING')), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(upsert('ON CONFLICT DO UPDATE SET http_url_spec = EXCLUDED.http_url_spec, events = EXCLUDED.events')), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXPLAIN ${upsert('ON CONFLICT DO UPDATE SET http_url_spec = EXCLUDED.http_url_spec')}`), { env: ENV_SECRETS, expectCode: 0 });
  });

  it('EXPLAIN of writes that carry secrets', async () => {
    await run(box, exec(`EXPLAIN ${insert(ws(), httpSpec('https://hooks.example.com/x'))}`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXPLAIN UPDATE ${RESOURCE} SET job_spec = ${sqlString(jobSpec())} WHERE workspace = ${ws()} AND id = 'x'`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXPLAIN ${insert(ws(), JSON.stringify({ url: 'https://hooks.example.com/y', secret: STATEMENT_SECRETS.odd }))}`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXPLAIN (FORMAT JSON) ${insert(ws(), httpSpec('https://hooks.example.com/z'))}`), { env: ENV_SECRETS, expectCode: 0 });
    await run(box, exec(`EXPLAIN (FORMAT JSON) ${insert(ws(), JSON.stringify({ url: 'https://hooks.example.com/w', secret: STATEMENT_SECRETS.odd }))}`), { env: ENV_SECRETS, expectCode: 0 });
  });

  it.each<[string, () => string, number, Record<string, string>?]>([
    ['JSON that breaks just before the secret', () => insert(ws(), `{"url":"https://h.example/x","secret":${STATEMENT_SECRETS.hmac}}`), 2],
    ['JSON that breaks just after the secret', () => insert(ws(), `{"url":"https://h.example/x","secret":"${STATEMENT_SECRETS.hmac}"`), 2],
    ['a secret typed as a number (wrong type)', () => insert(ws(), `{"url":"https://h.example/x","secret":${STATEMENT_SECRETS.digits}}`), 2],
    ['a secret of the wrong type next to a token', () => insert(ws(), `{"url":"https://h.example/x","secret":["${STATEMENT_SECRETS.hmac}"],"authorization":"Bearer ${STATEMENT_SECRETS.auth}"}`), 2],
    ['an unknown property beside a secret', () => insert(ws(), `{"url":"https://h.example/x","secret":"${STATEMENT_SECRETS.hmac}","sekret":"${STATEMENT_SECRETS.auth}"}`), 2],
    ['both targets, each with its secret', () => `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec, job_spec) VALUES (${ws()}, '["COMMENT_CREATED"]', ${sqlString(httpSpec('https://h.example/x'))}, ${sqlString(jobSpec())})`, 2],
    ['a syntax error after the secret', () => `${insert(ws(), httpSpec('https://h.example/x'))} RETURNING`, 2],
    ['an unknown column beside a secret', () => `INSERT INTO ${RESOURCE} (workspace, events, http_url_spec, nope) VALUES (${ws()}, '["COMMENT_CREATED"]', ${sqlString(httpSpec('https://h.example/x'))}, 1)`, 2],
    ['the API refusing the write (404 on UPDATE)', () => `UPDATE ${RESOURCE} SET job_spec = ${sqlString(jobSpec())} WHERE workspace = ${ws()} AND id = '0123456789abcdef0123456789abcdef'`, 1],
    ['a refused connection', () => insert(`'http://127.0.0.1:9'`, httpSpec('https://h.example/x')), 1],
    ['a workspace that is not one', () => insert(`'not a workspace'`, jobSpec(), 'job_spec'), 2],
    ['a wrong token (403)', () => insert(ws(), httpSpec('https://h.example/x')), 1, { DATABRICKS_TOKEN: 'dapi-wrong-token-0d9e' }],
    ['no credentials at all', () => insert(ws(), httpSpec('https://h.example/x')), 2, { DATABRICKS_TOKEN: '' }],
    ['only half of an OAuth client', () => insert(ws(), httpSpec('https://h.example/x')), 2, { DATABRICKS_TOKEN: '', DATABRICKS_CLIENT_SECRET: ENV_SECRETS.DATABRICKS_CLIENT_SECRET }],
  ])('error path: %s', async (_name, sql, code, env = {}) => {
    const extra = env.DATABRICKS_TOKEN === 'dapi-wrong-token-0d9e' ? ['dapi-wrong-token-0d9e'] : [];
    const result = await run(box, exec(sql()), { env: { ...ENV_SECRETS, ...env }, expectCode: code });
    for (const secret of extra) expect(result.stdout + result.stderr).not.toContain(secret);
    expect(result.stderr).toMatch(/^error \[/m);
  });

  it('--timeout running out while the workspace is slow', async () => {
    box.emu.setFaults('latency=2500');
    try {
      await run(box, exec(insert(ws(), httpSpec(`${box.receiver}/slow`)), '--timeout', '1'), { env: ENV_SECRETS, expectCode: 1 });
    } finally {
      box.emu.setFaults('');
    }
  });
});

describe('OAuth machine-to-machine', () => {
  it('the client secret, the Basic header and the access tokens it obtained are never printed', async () => {
    const env = { ...OAUTH, DATABRICKS_TOKEN: '' };
    const w = sqlString(oauthBox.emu.url);
    await run(oauthBox, exec(insert(w, httpSpec('https://hooks.example.com/oauth'), 'http_url_spec', ' RETURNING *')), { env, expectCode: 0 });
    await run(oauthBox, exec(`SELECT id FROM ${RESOURCE} WHERE workspace = ${w}`), { env, expectCode: 0 });
    // The emulator refuses a plain-http target here: an API error after a token was used.
    await run(oauthBox, exec(insert(w, httpSpec('http://example.com/plain'))), { env, expectCode: 1 });
    await run(oauthBox, exec(`SELECT id FROM ${RESOURCE} WHERE workspace = ${w}`), { env: { ...env, DATABRICKS_CLIENT_SECRET: 'wrong-client-secret-77' }, expectCode: 1 });
    expect(oauthBox.authorizations.size).toBeGreaterThan(2);
  });
});

describe('shell on stdin', () => {
  it('runs writes, reads, EXPLAIN and failing statements without printing a secret', async () => {
    const script = [
      `${insert(ws(), httpSpec(`${box.receiver}/shell`), 'http_url_spec', ' RETURNING *')};`,
      `${insert(ws(), jobSpec(), 'job_spec')};`,
      `EXPLAIN ${insert(ws(), httpSpec('https://h.example/x'))};`,
      `${insert(ws(), `{"url":"https://h.example/x","secret":${STATEMENT_SECRETS.hmac}}`)};`,
      `UPDATE ${RESOURCE} SET job_spec = ${sqlString(jobSpec())} WHERE workspace = ${ws()} AND id = 'nope';`,
      `SELECT id, http_url_spec FROM ${RESOURCE} WHERE workspace = ${ws()};`,
    ].join('\n');
    const result = await run(box, ['shell', '-o', 'json'], { env: ENV_SECRETS, stdin: script + '\n' });
    expect(result.code).toBe(2);
  });
});

describe('plan and apply', () => {
  const manifest = (workspace: string, target: string) => `version: 1
vars:
  workspace: ${JSON.stringify(workspace)}
webhooks:
  - name: slack
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: secrets-model }
      - { name: events, value: [MODEL_VERSION_TRANSITIONED_TO_PRODUCTION] }
      - { name: http_url_spec, value: { url: "${target}", secret: "{{ env.HOOK_SECRET }}", authorization: "{{ env.HOOK_AUTH }}" } }
  - name: retrain
    props:
      - { name: workspace, value: "{{ workspace }}" }
      - { name: model_name, value: secrets-model }
      - { name: events, value: [MODEL_VERSION_CREATED] }
      - { name: job_spec, value: { job_id: "777", access_token: "{{ env.JOB_TOKEN }}" } }
`;
  const file = (name: string, text: string) => {
    const path = join(box.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('plan, apply --dry-run, apply, a second apply, --rotate-secrets: table and json', async () => {
    const m = file('m.yaml', manifest(box.emu.url, `${box.receiver}/manifest`));
    for (const output of ['table', 'json']) {
      await run(box, ['plan', m, '-o', output], { env: ENV_SECRETS, expectCode: 0 });
      await run(box, ['apply', m, '--dry-run', '-o', output], { env: ENV_SECRETS, expectCode: 0 });
    }
    await run(box, ['apply', m], { env: ENV_SECRETS, expectCode: 0 });
    await run(box, ['apply', m, '-o', 'json'], { env: ENV_SECRETS, expectCode: 0 });
    await run(box, ['plan', m, '--rotate-secrets', '--detailed-exitcode'], { env: ENV_SECRETS, expectCode: 3 });
    await run(box, ['apply', m, '--rotate-secrets'], { env: ENV_SECRETS, expectCode: 0 });
    await run(box, ['plan', '-'], { env: ENV_SECRETS, stdin: manifest(box.emu.url, `${box.receiver}/manifest`), expectCode: 0 });
  });

  it('values from {{ env.… }} in readable fields (URL path, description): plan, dry-run, apply, table and json', async () => {
    const m = file('env-readable.yaml', `version: 1
webhooks:
  - name: slack-from-env
    props:
      - { name: workspace, value: ${JSON.stringify(box.emu.url)} }
      - { name: model_name, value: env-model }
      - { name: events, value: [MODEL_VERSION_CREATED] }
      - { name: description, value: "{{ env.HOOK_NOTE }}" }
      - { name: http_url_spec, value: { url: "${box.receiver}/{{ env.HOOK_PATH }}", secret: "{{ env.HOOK_SECRET }}" } }
`);
    const env = { ...ENV_SECRETS, ...ENV_READABLE };
    for (const output of ['table', 'json']) {
      await run(box, ['plan', m, '-o', output], { env, expectCode: 0 });
      await run(box, ['apply', m, '--dry-run', '-o', output], { env, expectCode: 0 });
    }
    await run(box, ['apply', m], { env, expectCode: 0 });
    await run(box, ['plan', m, '--detailed-exitcode'], { env, expectCode: 0 });
  });

  // Exit codes of [plan, apply, apply --dry-run -o json] for each broken input.
  it.each<[string, () => string, readonly [number, number, number], Record<string, string>?]>([
    ['a literal secret in the manifest', () => manifest(box.emu.url, `${box.receiver}/lit`).replace('"{{ env.HOOK_SECRET }}"', JSON.stringify(STATEMENT_SECRETS.hmac)), [2, 2, 2]],
    ['a secret variable that is not set', () => manifest(box.emu.url, `${box.receiver}/unset`), [2, 2, 2], { JOB_TOKEN: '' }],
    ['a broken manifest', () => manifest(box.emu.url, `${box.receiver}/broken`).replace('events, value: [MODEL_VERSION_CREATED]', 'events, value: [NOPE]'), [2, 2, 2]],
    ['the API refusing a create (the apply failure summary)', () => manifest(box.emu.url, 'ftp://not-a-target.example/x'), [0, 1, 0]],
    ['an unreachable workspace', () => manifest('http://127.0.0.1:9', `${box.receiver}/down`), [1, 1, 1]],
    ['a wrong token', () => manifest(box.emu.url, `${box.receiver}/wrong`), [1, 1, 1], { DATABRICKS_TOKEN: 'dapi-wrong-token-0d9e' }],
  ])('error path: %s', async (_name, text, codes, env = {}) => {
    const m = file('broken.yaml', text());
    const commands = [['plan', m], ['apply', m], ['apply', m, '--dry-run', '-o', 'json']];
    for (const [i, command] of commands.entries()) {
      const result = await run(box, command, { env: { ...ENV_SECRETS, ...env } });
      expect(result.code, `${command.join(' ')}\n${result.stderr}`).toBe(codes[i]);
      expect(result.stdout + result.stderr).not.toContain('dapi-wrong-token-0d9e');
    }
  });
});

describe('nothing secret is left in $HOOKQL_HOME', () => {
  it('no file hookql wrote (definition cache, history, local state) holds a secret', () => {
    const files = walk(box.env.HOOKQL_HOME);
    for (const path of files) {
      const text = readFileSync(path, 'latin1');
      for (const secret of knownSecrets(box)) {
        figures.add('secret checks');
        expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
      }
    }
  });
});

describe('the client never takes a credential on its command line', () => {
  it.each([['exec'], ['shell'], ['plan'], ['apply']])('`hookql %s --help` offers no token or secret option, and such flags are refused', async (command) => {
    const help = await box.cli([command, '--help']);
    expect(help.code).toBe(0);
    // Options that take a credential as their value (`--rotate-secrets` is a switch, not a secret).
    expect(help.stdout).not.toMatch(/--[\w-]*(token|secret|password|client-id)[\w-]* </i);
    for (const flag of ['--token', '--client-secret', '--password']) {
      const args = command === 'exec' ? [command, flag, 'dapi-flag-secret-1', 'SELECT 1'] : command === 'shell' ? [command, flag, 'dapi-flag-secret-1'] : [command, 'm.yaml', flag, 'dapi-flag-secret-1'];
      const refused = await box.cli(args);
      expect(refused.code).toBe(2);
      expect(refused.requests).toBe(0);
      expect(refused.stdout + refused.stderr).not.toContain('dapi-flag-secret-1');
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
