// JDBC (the PostgreSQL driver, pgjdbc 42.7) against hookql serve: test/serve/jdbc/HookqlJdbc.java is
// compiled with javac into a temp dir and run against a server on 127.0.0.1:0. It needs a JDK and
// the driver's jar (from the local Maven repository, or $PGJDBC_JAR); without them the suite is
// skipped, saying so — also in CI, whose machine may have neither.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, RESOURCE, runProcess, startFixture, type ServeFixture } from './helpers.js';

const JAR = process.env.PGJDBC_JAR ?? '/root/.m2/repository/org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar';
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = !has('javac') || !has('java') ? 'javac/java (a JDK)' : !existsSync(JAR) ? `the PostgreSQL JDBC driver (${JAR}; set PGJDBC_JAR)` : null;
if (missing !== null) console.warn(`${missing} not found: the JDBC suite is skipped`);

describe.skipIf(missing !== null)('JDBC (pgjdbc) against hookql serve', () => {
  let fixture: ServeFixture;
  let classDir: string;
  beforeAll(async () => {
    classDir = mkdtempSync(join(tmpdir(), 'hookql-jdbc-'));
    const source = join(classDir, 'HookqlJdbc.java');
    copyFileSync(fileURLToPath(new URL('./jdbc/HookqlJdbc.java', import.meta.url)), source);
    const compiled = spawnSync('javac', ['-cp', JAR, '-d', classDir, source], { encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(`javac failed: ${compiled.stderr}`);
    fixture = await startFixture({ models: ['churn', 'fraud'] });
  }, 120_000);
  afterAll(() => fixture?.close());

  it('connects with SCRAM, browses metadata, runs prepared statements and reports errors by SQLState', async () => {
    const r = await runProcess('java', ['-cp', [classDir, JAR].join(delimiter), 'HookqlJdbc', String(fixture.server.port), PASSWORD, fixture.workspace, RESOURCE], {});
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    const value = (key: string) => lines.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));
    expect(value('product')).toEqual(['PostgreSQL 15']);
    expect(value('tables')[0].split(',')).toContain('ml.model_registry_webhooks:VIEW');
    // JDBC types: text = VARCHAR (12), int8 = BIGINT (-5), json = OTHER (1111).
    expect(value('columns')[0].split(',')).toEqual(expect.arrayContaining(['id:text:12', 'creation_timestamp:int8:-5', 'events:json:1111', 'workspace:text:12']));
    // Six runs of one PreparedStatement: the last ones go through a named server-side statement.
    expect(value('row')).toEqual(Array.from({ length: 6 }, (_, i) => `${i % 2 === 0 ? 'churn' : 'fraud'}|true|Long|["MODEL_VERSION_CREATED"]|true|int8,json,int8`));
    expect(value('count')).toEqual(['2']);
    expect(value('error')).toEqual(["42703|ERROR: unknown column 'nope' in databricks_workspace.ml.model_registry_webhooks"]);
    expect(value('write')).toEqual(['25006|ERROR: this session is read-only: delete on databricks_workspace.ml.model_registry_webhooks was refused, nothing was sent']);
    expect(fixture.log.join('\n')).toContain('user alice from 127.0.0.1');
  }, 60_000);
});
