import { it, expect } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { client } from './helpers.js';
it('close does not wait for injected latency', async () => {
  const e = await startEmulator({ faults: 'latency=20000' });
  const api = client(e.url);
  const pending = api.send('GET', '/api/2.0/mlflow/registry-webhooks/list').catch((x) => x);
  await new Promise((r) => setTimeout(r, 100));
  const t = Date.now();
  await e.close();
  expect(Date.now() - t).toBeLessThan(1000);
  expect(await pending).toBeInstanceOf(Error);
  await api.close();
});
