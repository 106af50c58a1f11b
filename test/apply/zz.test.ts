import { it } from 'vitest';
import { join } from 'node:path';
import { applyWorld } from './support.js';
it('x', async () => {
  const w = await applyWorld();
  const r = await w.cli(['apply', join(import.meta.dirname, '../../manifests/examples/fleet-200.yaml'), '--var', `workspace_a=${w.emu.url}`, '--var', `workspace_b=${w.emu.url}/`], { FLEET_HOOK_SECRET: 'xxxxx', FLEET_JOB_TOKEN: 'yyyyy' });
  console.log(r.stdout.slice(-1500), r.stderr.slice(0, 3000));
  console.log(JSON.stringify(await w.sql(`SELECT * FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace IN ('${w.emu.url}', '${w.emu.url}/') LIMIT 2`)));
  await w.close();
});
