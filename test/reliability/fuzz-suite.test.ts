// The fuzz suite: bad input never crashes hookql and never reaches the API. Property-based (fast-check,
// fixed seeds, thousands of cases): SQL statements generated from the resource definition and the
// StackQL documentation statements, then mutated; manifests generated, then broken. Every case ends in
// a typed error with exit 2 and ZERO HTTP requests, or in a correct result (support/verdict.ts) —
// never an uncaught exception, a stack trace or a hang. Values full of quotes, `;`, `--`, backslashes,
// newlines and non-ASCII round-trip exactly.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  applyMutation,
  BAD_VALUES,
  badInsert,
  badStatements,
  docVars,
  insertSql,
  mutation,
  NAMES,
  nastyText,
  RESOURCE,
  sqlString,
  STACKQL_DOCS,
  validCreate,
  varText,
  type ValidCreate,
} from './support/arbitraries.js';
import { Figures, withinMs } from './support/figures.js';
import { damage, entries, MANIFEST_ENV, manifestYaml, STRUCTURAL_BREAKS, yamlDamage } from './support/manifests.js';
import { openSandbox, type CliRun, type Sandbox } from './support/sandbox.js';
import { startHostileServer } from './support/hostile-server.js';
import { hookql } from '../helpers/run-cli.js';
import { isBoundedPass } from '../../src/materialize/bounded-sql.js';
import { tempHome } from '../helpers/temp-home.js';
import { judge, scriptProblems, type Ending } from './support/verdict.js';

// Generous: a loaded 2-core CI machine runs other files beside this one; nothing here is timed.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

// Fixed, so CI replays the same cases; HOOKQL_FUZZ_SEED=<n> explores others (failures print their seed).
const SEED = Number(process.env.HOOKQL_FUZZ_SEED ?? 20_261_127);
const CASE_MS = 20_000;
const figures = new Figures('fuzz suite');
figures.add('violations (must be 0)', 0);
figures.add('HTTP requests for refused input (must be 0)', 0);
let box: Sandbox;
let knownId = '';
let tag = 0;

beforeAll(async () => {
  box = await openSandbox();
  const first = await box.cli(['exec', '-o', 'json', '--', insertSql(box.emu.url, fc.sample(validCreate(box.receiver), { seed: SEED, numRuns: 1 })[0])]);
  if (first.code !== 0) throw new Error(first.stderr);
  knownId = (JSON.parse(first.stdout) as { id: string }[])[0].id;
});

afterAll(async () => {
  await box?.close();
  console.log(figures.report());
});

/** One CLI run, judged: any violation throws (fast-check then shrinks the case and reports it). */
async function sound(args: string[], options: { stdin?: string; env?: Record<string, string>; expect?: Ending } = {}): Promise<CliRun> {
  const run = await withinMs(box.cli(args, options), CASE_MS, args.join(' ').slice(0, 200));
  const verdict = judge(run);
  figures.add('cases fuzzed');
  figures.add(`ended: ${verdict.ending === 'known-bug' ? 'known bug elsewhere (KNOWN_BUGS)' : (verdict.ending ?? 'violation')}`);
  if (verdict.ending === 'input-error') figures.add('HTTP requests for refused input (must be 0)', run.requests + run.reachedEmulator);
  if (verdict.problems.length > 0 || (options.expect && verdict.ending !== options.expect)) {
    figures.add('violations (must be 0)');
    throw new Error(`${verdict.problems.join('; ') || `ended ${verdict.ending}, expected ${options.expect}`}\n--- args\n${args.join('\n')}\n--- stderr\n${run.stderr}`);
  }
  return run;
}

// No `--` before the SQL: a mutated statement that starts with a dash must be handled by exec itself.
const exec = (sql: string, ...flags: string[]) => ['exec', '-o', 'json', ...flags, sql];
const fill = (template: string, vars: Record<string, string>) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{{ ${k} }}`, v.replaceAll("'", "''")), template);
const varFlags = (vars: Record<string, string>) => Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);

describe('SQL: generated and mutated statements never crash and never send bad input', () => {
  it('the StackQL documentation statements, filled with generated values, then mutated', async () => {
    const arb = fc.tuple(fc.constantFrom(...STACKQL_DOCS), docVars(box.emu.url, knownId, box.receiver), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    await fc.assert(fc.asyncProperty(arb, async ([template, vars, mutations]) => {
      await sound(exec(mutations.reduce(applyMutation, fill(template, vars))));
    }), { seed: SEED, numRuns: 1200 });
  });

  it('the same statements as templates, values passed with --var, the template mutated', async () => {
    const arb = fc.tuple(fc.constantFrom(...STACKQL_DOCS), docVars(box.emu.url, knownId, box.receiver), fc.array(mutation, { maxLength: 2 }));
    await fc.assert(fc.asyncProperty(arb, async ([template, vars, mutations]) => {
      await sound(exec(mutations.reduce(applyMutation, template), ...varFlags(vars)));
    }), { seed: SEED + 1, numRuns: 400 });
  });

  it('any text, JSON or number in any column of an INSERT, UPDATE or SELECT', async () => {
    const value = fc.oneof(nastyText.map(sqlString), fc.json({ maxDepth: 2 }).map(sqlString), fc.integer().map(String), fc.double().map(String), fc.constant('NULL'));
    const arb = fc.tuple(fc.constantFrom('insert', 'update', 'select'), fc.subarray([...NAMES]), fc.array(value, { minLength: NAMES.length, maxLength: NAMES.length }));
    await fc.assert(fc.asyncProperty(arb, async ([verb, columns, values]) => {
      const ws = sqlString(box.emu.url);
      const pairs = columns.map((c, i) => [c, values[i]] as const);
      const sql =
        verb === 'insert'
          ? `INSERT INTO ${RESOURCE} (workspace${pairs.map(([c]) => `, ${c}`).join('')}) VALUES (${ws}${pairs.map(([, v]) => `, ${v}`).join('')})`
          : verb === 'update'
            ? `UPDATE ${RESOURCE} SET ${pairs.map(([c, v]) => `${c} = ${v}`).join(', ') || 'status = NULL'} WHERE workspace = ${ws} AND id = ${sqlString(knownId)}`
            : `SELECT * FROM ${RESOURCE} WHERE workspace = ${ws}${pairs.map(([c, v]) => ` AND ${c} = ${v}`).join('')}`;
      await sound(exec(sql));
    }), { seed: SEED + 2, numRuns: 600 });
  });

  it.each(Object.entries(BAD_VALUES).flatMap(([column, values]) => values.map((v) => [column, v] as const)))('when %s is %j then exit 2 and nothing is sent', async (column, value) => {
    await sound(exec(badInsert(box.emu.url, column, value)), { expect: 'input-error' });
  });

  it('every statement that is wrong as a whole exits 2 and sends nothing', async () => {
    for (const sql of badStatements(box.emu.url)) await sound(exec(sql), { expect: 'input-error' });
  });

  it('a script whose last statement is wrong sends nothing at all', async () => {
    const [good] = fc.sample(validCreate(box.receiver), { seed: SEED, numRuns: 1 });
    for (const bad of badStatements(box.emu.url)) await sound(exec(`${insertSql(box.emu.url, good)}\n${bad};`), { expect: 'input-error' });
  });

  it('scripts of mutated statements through `hookql shell` on stdin', async () => {
    const statement = fc.tuple(fc.constantFrom(...STACKQL_DOCS), docVars(box.emu.url, knownId, box.receiver), fc.array(mutation, { maxLength: 2 }))
      .map(([template, vars, mutations]) => mutations.reduce(applyMutation, fill(template, vars)));
    await fc.assert(fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 4 }), async (statements) => {
      const run = await withinMs(box.cli(['shell', '-o', 'json'], { stdin: statements.map((s) => s.trimEnd().replace(/;?$/, ';')).join('\n') + '\n' }), CASE_MS, 'shell');
      figures.add('cases fuzzed');
      figures.add('ended: shell script');
      expect(scriptProblems(run)).toEqual([]);
    }), { seed: SEED + 3, numRuns: 150 });
  });
});

describe('column references the parser accepts but SQLite cannot resolve', () => {
  it('a column reference of three or more parts is an input error, not a crash', async () => {
    for (const sql of [`SELECT id FROM ${RESOURCE} WHERE workspace = ${sqlString(box.emu.url)} AND a.b.c.d = 1`, `SELECT ${RESOURCE}.id FROM ${RESOURCE} WHERE workspace = ${sqlString(box.emu.url)}`]) {
      expect(judge(await box.cli(exec(sql))).ending).toBe('input-error');
    }
  });
});

describe('SQL: values round-trip exactly', () => {
  /** What a SELECT must show for a create (the API reads '' as "not given"; secrets are never returned). */
  const expected = (c: ValidCreate) => ({
    model_name: c.model_name,
    description: c.description === '' ? null : c.description,
    events: c.events,
    status: c.status,
    http_url_spec: { url: c.http_url_spec.url, enable_ssl_verification: c.http_url_spec.enable_ssl_verification ?? true },
  });

  /** The API omits empty fields; a missing key reads as NULL, as in the SELECT. */
  const withNulls = (row: Record<string, unknown>) => ({ model_name: null, description: null, ...row });

  async function selectById(id: string): Promise<Record<string, unknown>> {
    const run = await sound(exec(`SELECT * FROM ${RESOURCE} WHERE workspace = ${sqlString(box.emu.url)} AND id = ${sqlString(id)}`), { expect: 'result' });
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it('INSERT … VALUES of literal text, then SELECT, returns the identical strings', async () => {
    await fc.assert(fc.asyncProperty(validCreate(box.receiver), async (c) => {
      const created = await sound(exec(insertSql(box.emu.url, c, '*')), { expect: 'result' });
      const [row] = JSON.parse(created.stdout) as Record<string, unknown>[];
      expect(row).toMatchObject(expected(c));
      expect(await selectById(String(row.id))).toMatchObject(expected(c));
      figures.add('values round-tripped');
    }), { seed: SEED + 4, numRuns: 120 });
  });

  it('the StackQL INSERT with its values passed as --var, then SELECT, returns the identical strings', async () => {
    const template = STACKQL_DOCS.find((s) => s.startsWith('INSERT'))!;
    await fc.assert(fc.asyncProperty(validCreate(box.receiver), varText, async (generated, description) => {
      const c = { ...generated, description };
      const vars = { workspace: box.emu.url, events: JSON.stringify(c.events), description: c.description, http_url_spec: JSON.stringify(c.http_url_spec), job_spec: '', model_name: c.model_name, status: c.status };
      const created = await sound(exec(template, ...varFlags(vars)), { expect: 'result' });
      const [{ webhook }] = JSON.parse(created.stdout) as { webhook: Record<string, unknown> }[];
      expect(withNulls(webhook)).toMatchObject(expected(c));
      expect(await selectById(String(webhook.id))).toMatchObject(expected(c));
      figures.add('values round-tripped');
    }), { seed: SEED + 5, numRuns: 80 });
  });

  it('UPDATE … SET of literal text, then SELECT, returns the identical string', async () => {
    const [c] = fc.sample(validCreate(box.receiver), { seed: SEED + 6, numRuns: 1 });
    const id = String((JSON.parse((await sound(exec(insertSql(box.emu.url, c)), { expect: 'result' })).stdout) as { id: string }[])[0].id);
    await fc.assert(fc.asyncProperty(nastyText.filter((t) => t !== ''), async (text) => {
      await sound(exec(`UPDATE ${RESOURCE} SET description = ${sqlString(text)} WHERE workspace = ${sqlString(box.emu.url)} AND id = ${sqlString(id)}`), { expect: 'result' });
      expect((await selectById(id)).description).toBe(text);
      figures.add('values round-tripped');
    }), { seed: SEED + 6, numRuns: 60 });
  });
});

describe('manifests: generated and broken manifests never crash and never send bad input', () => {
  beforeAll(async () => {
    await box.admin('reset', {});
  });
  const plan = (yaml: string, ...flags: string[]) => sound(['plan', '-', ...flags], { stdin: yaml, env: MANIFEST_ENV });

  it('a generated manifest applies, and a second plan has no changes (the values round-trip)', async () => {
    await fc.assert(fc.asyncProperty(entries, async (list) => {
      const yaml = manifestYaml(box.emu.url, box.receiver, list, tag++);
      const apply = await sound(['apply', '-'], { stdin: yaml, env: MANIFEST_ENV, expect: 'result' });
      expect(apply.stdout).toContain(`Apply complete: ${list.length} created`);
      const again = await box.cli(['plan', '-', '--detailed-exitcode'], { stdin: yaml, env: MANIFEST_ENV });
      figures.add('cases fuzzed');
      expect(again.stderr).toBe('');
      expect(again.stdout).toContain('No changes');
      expect(again.code).toBe(0);
      figures.add('manifests applied then found unchanged');
    }), { seed: SEED + 7, numRuns: 40 });
  });

  it.each(STRUCTURAL_BREAKS.map((b) => [b.name, b] as const))('when a manifest has %s then plan and apply exit 2 and send nothing', async (_name, brk) => {
    await fc.assert(fc.asyncProperty(entries, async (list) => {
      const yaml = manifestYaml(box.emu.url, box.receiver, list, tag++);
      const broken = brk.apply(yaml);
      fc.pre(broken !== yaml);
      await sound(['plan', '-'], { stdin: broken, env: MANIFEST_ENV, expect: 'input-error' });
      await sound(['apply', '-'], { stdin: broken, env: MANIFEST_ENV, expect: 'input-error' });
    }), { seed: SEED + 8, numRuns: 8 });
  });

  it('manifests damaged anywhere (YAML punctuation, templates, stray text)', async () => {
    await fc.assert(fc.asyncProperty(entries, yamlDamage, async (list, edits) => {
      const yaml = damage(manifestYaml(box.emu.url, box.receiver, list, tag++), edits);
      await plan(yaml);
      await sound(['apply', '-', '--dry-run'], { stdin: yaml, env: MANIFEST_ENV });
    }), { seed: SEED + 9, numRuns: 500 });
  });
});

describe('responses: whatever a server answers, hookql never crashes and never shows rows that are not there', () => {
  // A row as the API sends it, then bodies around rows: valid ones, and any JSON at all in their place.
  const row = fc.record(
    {
      id: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 32 }), fc.integer()),
      model_name: fc.oneof(fc.string(), fc.constant(null)),
      events: fc.array(fc.constantFrom('MODEL_VERSION_CREATED', 'COMMENT_CREATED')),
      status: fc.constantFrom('ACTIVE', 'DISABLED', 'TEST_MODE'),
      creation_timestamp: fc.oneof(fc.integer({ min: 0 }), fc.integer({ min: 0 }).map(String)),
      http_url_spec: fc.record({ url: fc.webUrl() }),
    },
    { requiredKeys: ['id'] },
  );
  const anything = fc.jsonValue({ maxDepth: 3 });
  // Well-formed pages (tagged: these must be accepted), then everything else.
  const valid = fc.record({ webhooks: fc.array(row, { maxLength: 5 }) }).map((b) => ({ b, valid: true }));
  const body = fc.oneof(
    valid,
    fc.oneof(
    fc.record({ webhooks: fc.array(fc.oneof(row, anything), { maxLength: 4 }) }),
    fc.record({ webhooks: anything }),
    fc.record({ webhooks: fc.array(fc.record({ id: fc.string(), events: anything, http_url_spec: anything }), { maxLength: 3 }) }),
    fc.record({ error_code: fc.string({ minLength: 1 }), message: fc.string() }),
    anything,
    ).map((b) => ({ b, valid: false })),
  );
  /** What a correct client may report for `body`: its row count, or null when it must fail. */
  function expectedRows(b: unknown): number | null {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return null;
    const o = b as Record<string, unknown>;
    if (typeof o.error_code === 'string' && o.error_code !== '' && !('webhooks' in o)) return null;
    const list = o.webhooks;
    if (list === undefined || list === null) return 0;
    const items = Array.isArray(list) ? list : [list];
    if (!Array.isArray(list) && (typeof list !== 'object')) return null;
    return items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i)) ? items.length : null;
  }

  it('a generated 200 body for the list: exit 0 with exactly its rows, or exit 1 naming what is wrong', async () => {
    const server = await startHostileServer({ kind: 'scripted' });
    const home = tempHome();
    try {
      await fc.assert(
        fc.asyncProperty(body, async ({ b, valid: mustPass }) => {
          server.next = { status: 200, text: JSON.stringify(b) };
          const run = await withinMs(
            hookql(['exec', '-o', 'json', `SELECT count(*) AS n FROM ${RESOURCE} WHERE workspace = '${server.url}'`], { env: { DATABRICKS_TOKEN: 'dapi-fuzz', HOOKQL_HOME: home } }),
            CASE_MS,
            'response fuzz',
          );
          figures.add('response bodies fuzzed');
          const want = expectedRows(b);
          const crashed = /INTERNAL|\n\s+at /.test(run.stderr) || ![0, 1].includes(run.code);
          const wrong = (run.code === 0 && (want === null || JSON.parse(run.stdout)[0].n !== want)) || (mustPass && run.code !== 0);
          if (run.code === 1) figures.add('response bodies refused (exit 1)');
          if (crashed || wrong) {
            figures.add('violations (must be 0)');
            throw new Error(`body ${JSON.stringify(b).slice(0, 300)}: exit ${run.code}, expected ${want} rows\n${run.stdout}${run.stderr}`);
          }
        }),
        { seed: SEED, numRuns: 300 },
      );
    } finally {
      await server.close();
    }
  });
});

describe('runaway local SQL: generated statements that never end are stopped by the deadline', () => {
  // Cores that SQLite would run forever (or for hours), over nothing or over the resource's rows.
  const CORES = [
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c',
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT max(x) FROM c',
    'SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c) AS n',
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 100000000000) SELECT sum(x) OVER () FROM c LIMIT 1',
    `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM ${RESOURCE} AS w, c WHERE w.workspace = '{{ ws }}'`,
    `SELECT count(*) FROM ${RESOURCE} AS w WHERE w.workspace = '{{ ws }}' AND EXISTS (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT 1 FROM c WHERE x < 0)`,
  ];
  /** The same statement, differently spelled: keyword case, spacing, comments. */
  const spelled = fc.tuple(fc.constantFrom(...CORES), fc.array(fc.constantFrom('upper', 'lower', 'spaces', 'comment'), { maxLength: 3 })).map(([core, changes]) =>
    changes.reduce((sql, change) => {
      if (change === 'upper') return sql.replace(/\b(with|recursive|select|union|all|from|where|exists|over|limit)\b/gi, (w) => w.toUpperCase());
      if (change === 'lower') return sql.replace(/\b(WITH|RECURSIVE|SELECT|UNION|ALL|FROM|WHERE|EXISTS|OVER|LIMIT)\b/g, (w) => w.toLowerCase());
      if (change === 'spaces') return sql.replace(/ /g, '  \n ');
      return `/* runaway */ ${sql} -- end`;
    }, core),
  );

  it('none of them, however spelled, is judged safe to run in-process (thousands, no SQLite run)', () => {
    fc.assert(
      fc.property(spelled, (sql) => {
        figures.add('runaway statements classified');
        expect(isBoundedPass(sql, {}, 1)).toBe(false);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('each one ends in DEADLINE (exit 1) within a generous bound, and the next statement still works', async () => {
    await fc.assert(
      fc.asyncProperty(spelled, async (sql) => {
        const started = Date.now();
        const run = await withinMs(box.cli(['exec', '--timeout', '1', sql.replaceAll('{{ ws }}', box.emu.url)]), CASE_MS, sql);
        figures.add('runaway statements stopped');
        expect(run.stderr).toContain('error [DEADLINE]: deadline of 1000 ms passed while SQLite ran the local part of the statement');
        expect(run.code).toBe(1);
        figures.add('runaway: slowest stop (ms)', 0);
        const ms = Date.now() - started;
        if (ms > figures.get('runaway: slowest stop (ms)')) figures.add('runaway: slowest stop (ms)', ms - figures.get('runaway: slowest stop (ms)'));
      }),
      { seed: SEED, numRuns: 8 },
    );
    const next = await box.cli(['exec', '-o', 'csv', `SELECT count(*) >= 0 AS ok FROM ${RESOURCE} WHERE workspace = '${box.emu.url}'`]);
    expect(next.stdout.trim().split('\n').pop()).toBe('1');
  });
});
