// How `hookql exec` reads its SQL argument. A script that starts with a comment line — what
// `hookql exec "$(cat deploy.sql)"` passes — begins with `--`; it used to be refused as an unknown
// option (found by the fuzz suite, test/reliability).

import { describe, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

const env = { DATABRICKS_CONFIG_FILE: '/nonexistent', HOOKQL_HOME: tempHome() };

describe('hookql exec <sql>', () => {
  it('runs a script whose first line is a -- comment', async () => {
    const run = await hookql(['exec', '-o', 'csv', '-- deploy the hooks\nSELECT 1 AS n;'], { env });
    expect(run).toEqual({ stdout: 'n\r\n1\r\n', stderr: '', code: 0 });
  });

  it('takes options after it as well', async () => {
    const run = await hookql(['exec', '-- header\nSELECT 2 AS n', '-o', 'csv'], { env });
    expect(run.stdout).toBe('n\r\n2\r\n');
  });

  it.each([
    ['a mistyped option before the SQL', ['--bogus', 'SELECT 1'], "error [USAGE]: unknown option '--bogus'"],
    ['a mistyped option alone (not a no-op comment)', ['--nope'], "error [USAGE]: unknown option '--nope'"],
    ['two SQL arguments', ['SELECT 1', 'SELECT 2'], 'error [USAGE]: expected the SQL as one argument, got 2'],
  ])('refuses %s with exit 2', async (_name, args, message) => {
    const run = await hookql(['exec', ...args], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(message);
  });
});
