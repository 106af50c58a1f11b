import { it } from 'vitest';
import { hookql } from '../helpers/run-cli.js';
it('timing', async () => {
  const t = performance.now();
  for (let i = 0; i < 200; i++) await hookql(['exec', `SELECT id FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'http://127.0.0.1:1' AND AND`], { env: {} });
  console.log('per case ms', (performance.now() - t) / 200);
  const r = await hookql(['exec', `SELECT id FROM databricks_workspace.ml.model_registry_webhooks WHERE workspace = 'http://127.0.0.1:1' AND AND`], { env: {} });
  console.log(r);
});
