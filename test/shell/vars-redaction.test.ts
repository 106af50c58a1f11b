import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';

describe('.set and .vars', () => {
  it('show secret-looking variables as *** and others as they are', async () => {
    const run = await hookql(['shell'], {
      env: { HOOKQL_HOME: mkdtempSync(join(tmpdir(), 'hookql-')) },
      stdin: '.set model churn\n.set hook_secret abc123xyz\n.set spec {"url": "https://x.example", "secret": "zzz-sekret"}\n.vars\n',
    });
    const all = run.stdout + run.stderr;
    expect(all).not.toContain('abc123xyz');
    expect(all).not.toContain('zzz-sekret');
    expect(run.stdout).toContain('model = churn\n');
    expect(run.stdout).toContain('hook_secret = ***\n');
    expect(run.stdout).toContain('spec = ***\n');
  });
});
