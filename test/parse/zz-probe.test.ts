import { test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseStatement } from '../../src/parse/index.js';
const dir = new URL('./fixtures/', import.meta.url);
const vars = { workspace: 'local', events: '["A"]', max_results: '10', model_name: 'm', page_token: '', id: 'x1', event: 'E', description: 'd', http_url_spec: '{"url":"u"}', job_spec: '', status: 'ACTIVE' };
test('speed', () => {
  for (const f of readdirSync(dir)) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (let i = 0; i < 200; i++) parseStatement(text, vars);
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) { const t0 = performance.now(); parseStatement(text, vars); times.push(performance.now() - t0); }
    times.sort((a, b) => a - b);
    console.log(f, 'median', times[500].toFixed(3), 'p90', times[900].toFixed(3));
  }
});
