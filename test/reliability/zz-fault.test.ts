import { it } from 'vitest';
import { openSandbox } from './support/sandbox.js';
it('fault', async () => {
  const box = await openSandbox({ faults: '' });
  await box.admin('seed', { count: 2000, model_names: ['a', 'b', 'c', 'd'] });
  for (const seed of [12, 14]) {
    box.emu.setFaults(`503=0.1,429=0.05,drop-after=0.02,seed=${seed}`);
    const t = performance.now();
    const r = await box.cli(['exec', '-o', 'text', '--', `SELECT count(*) FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = '${box.emu.url}' AND max_results = 37`], { env: { HOOKQL_DEBUG: '1' } });
    console.log(r.code, r.stdout, Math.round(performance.now() - t), r.stderr.split('\n').filter(l => !l.startsWith('debug: http → ') && !/^\s+at /.test(l)).slice(-30).join('\n'));
  }
  await box.close();
}, 120000);
