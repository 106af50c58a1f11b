// B6's measuring process: parse + plan of each StackQL documentation statement, in-process, from the
// built dist/. The statements are the resource's own examples titled "(StackQL documentation)" —
// StackQL's page, verbatim — with their {{ vars }} filled. Planning an INSERT … SELECT of literals
// evaluates that SELECT on SQLite, exactly as the engine does, so that is included too.
// Prints JSON: per statement, the first (cold) call and the median of ITERATIONS warm calls, in ms.

import { loadRegistry } from '../dist/definition/index.js';
import { fillSlots, openScratchDb } from '../dist/materialize/index.js';
import { parseStatement } from '../dist/parse/index.js';
import { planStatement } from '../dist/plan/index.js';

const WARM_UP = 30;
const ITERATIONS = 300;
const VARS = {
  workspace: 'https://adb-1234567890123456.7.azuredatabricks.net',
  events: '["MODEL_VERSION_TRANSITIONED_TO_PRODUCTION","COMMENT_CREATED"]',
  max_results: '100',
  model_name: 'churn-model',
  page_token: '',
  description: 'production transitions to Slack',
  http_url_spec: '{"url":"https://hooks.example.com/churn","secret":"s3cret"}',
  job_spec: '',
  status: 'ACTIVE',
  id: '1a2b3c4d5e6f',
  event: 'MODEL_VERSION_TRANSITIONED_TO_PRODUCTION',
};

const registry = loadRegistry();
const statements = [...registry.resources.values()].flatMap((def) => def.examples.filter((e) => e.title.includes('(StackQL documentation)')));
if (statements.length === 0) throw new Error('no "(StackQL documentation)" examples in the resource definitions');

// The engine's evaluate(): a SELECT without resources runs directly on SQLite.
const db = openScratchDb();
const evaluate = (select) => {
  const filled = fillSlots({ kind: 'query', text: select.text, scans: [], sql: select.sql, bindings: select.bindings });
  return db.prepare(filled.sql).raw(true).all(filled.bindings);
};
const options = { concurrency: 8, evaluate };

function once(sql) {
  const started = performance.now();
  planStatement(parseStatement(sql, VARS), registry, options);
  return performance.now() - started;
}

const cold = statements.map((s) => once(s.sql));
for (let i = 0; i < WARM_UP; i++) for (const s of statements) once(s.sql);
const samples = statements.map(() => []);
for (let i = 0; i < ITERATIONS; i++) statements.forEach((s, j) => samples[j].push(once(s.sql)));

const median = (v) => {
  const sorted = [...v].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
process.stdout.write(JSON.stringify(statements.map((s, j) => ({ title: s.title.replace(/\s*\(StackQL documentation\)/, ''), coldMs: cold[j], medianMs: median(samples[j]) }))) + '\n');
