// An executor looks executables up on PATH once per name for a few seconds (find-executable.ts), so
// a statement over many workspaces does not search PATH for every one, and a CLI installed during a
// long session is still found by a later statement.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable, recentExecutables } from '../../src/execute/auth/find-executable.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function pathDirs(count: number): string[] {
  return Array.from({ length: count }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookql-path-'));
    dirs.push(dir);
    return dir;
  });
}

function install(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe.skipIf(process.platform === 'win32')('recentExecutables', () => {
  it('answers as findExecutable does: the first executable on PATH, or null', () => {
    const [a, b] = pathDirs(2);
    const env = { PATH: `${a}:${b}` };
    const databricks = install(b, 'databricks');
    writeFileSync(join(a, 'az'), 'not executable');
    const find = recentExecutables(env);
    expect(find('databricks')).toBe(databricks);
    expect(find('az')).toBe(findExecutable(env, 'az'));
    expect(find('az')).toBeNull();
  });

  it('reuses an answer for maxAgeMs, then looks again (a CLI installed meanwhile is found)', () => {
    const [dir] = pathDirs(1);
    let clock = 1_000;
    const find = recentExecutables({ PATH: dir }, 5_000, () => clock);
    expect(find('databricks')).toBeNull();
    const installed = install(dir, 'databricks');
    clock += 4_999;
    expect(find('databricks')).toBeNull();
    clock += 1;
    expect(find('databricks')).toBe(installed);
  });
});
