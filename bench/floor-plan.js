// The floor for B8: the work a bare client must do to plan a manifest, beyond listing.
//
//   node bench/floor-plan.js <manifest.yaml> <base-url> <token>   prints "<updates> <unchanged> <creates> <ms>"
//
// It reads the manifest with js-yaml (the fastest of the common YAML readers), fills its
// `{{ workspace }}` and `{{ env.… }}` placeholders, lists the workspace (undici, one page of 1,000,
// as hookql asks), pairs entries with live hooks by the natural key of the resource definition and
// compares the fields each entry gives (lists as sets, write-only ones skipped). No validation, no
// positions, no duplicate check, no rendering: the least a plan is. <ms> is the time of that work
// alone, in this fresh process (cold, as in a CLI run): reading and parsing the file, filling it in,
// pairing and comparing. Not in it: start-up, loading modules and the definition, the list request
// — what the listing it is added to pays as well.

import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { Agent, request } from 'undici';
import { findResource, loadRegistry, writeOnlyNames } from '../dist/definition/index.js';
import { RESOURCE } from './lib/context.js';

// The resource's YAML says what identifies a hook and what the API never returns (one workspace here,
// and live hooks carry no workspace field: the server param is left out of the key).
const def = findResource(loadRegistry(), RESOURCE);
const WRITE_ONLY = writeOnlyNames(def);
const NATURAL_KEY = def.naturalKey.filter((p) => p !== def.serverParam);

async function listHooks(base, token) {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const res = await request(`${base}/api/2.0/mlflow/registry-webhooks/list?max_results=1000`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, dispatcher });
  const body = await res.body.json();
  if (res.statusCode !== 200 || body.next_page_token) throw new Error(`list: ${res.statusCode}, wanted one page`);
  await dispatcher.close();
  return body.webhooks ?? [];
}

const at = (value, path) => path.split('.').reduce((v, part) => (v === null || typeof v !== 'object' ? undefined : v[part]), value) ?? null;
const keyOf = (hook) => JSON.stringify(NATURAL_KEY.map((p) => at(hook, p)));

function fill(value, vars) {
  if (typeof value === 'string') return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name) => (name.startsWith('env.') ? process.env[name.slice(4)] : vars[name]) ?? '');
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

function same(want, have) {
  if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w) => have.includes(w));
  if (want !== null && typeof want === 'object') return Object.entries(want).every(([k, v]) => WRITE_ONLY.has(k) || same(v, have?.[k]));
  return want === have;
}

const [file, base, token] = process.argv.slice(2);
const t0 = performance.now();
const doc = load(readFileSync(file, 'utf8'));
const vars = { ...doc.vars, workspace: base };
const entries = doc.webhooks.map((e) => Object.fromEntries(e.props.map((p) => [p.name, fill(p.value, vars)])));
const read = performance.now() - t0;
const hooks = await listHooks(base, token);
const t1 = performance.now();
const live = new Map(hooks.map((hook) => [keyOf(hook), hook]));
let updates = 0;
let unchanged = 0;
let creates = 0;
for (const { workspace, ...values } of entries) {
  const hook = live.get(keyOf(values));
  if (hook === undefined) creates++;
  else if (Object.entries(values).every(([k, v]) => same(v, hook[k]))) unchanged++;
  else updates++;
}
const work = read + performance.now() - t1;
process.stdout.write(`${updates} ${unchanged} ${creates} ${work.toFixed(1)}\n`);
