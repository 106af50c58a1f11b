// Suites and docs transcripts that run real Python clients (psycopg, asyncpg, SQLAlchemy) need their
// modules; .ci/run installs them from the machine's package index, and a machine without one skips
// those suites, saying so.

import { spawnSync } from 'node:child_process';

/** `python3` when it can import `modules` (comma-separated), else null, saying which suite is skipped. */
export function pythonWith(modules: string, install: string, suite: string): string | null {
  if (spawnSync('python3', ['-c', `import ${modules}`], { encoding: 'utf8' }).status === 0) return 'python3';
  console.warn(`${modules} not installed (${install}): the ${suite} suite is skipped`);
  return null;
}
