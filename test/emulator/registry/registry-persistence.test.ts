// The registry and the delivery log live in the emulator's SQLite file, like the webhooks: a restart
// keeps models, versions (and their numbering), open requests, comments and past deliveries.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { client, create, startReceiver } from '../helpers.js';

const ML = '/api/2.0/mlflow';

describe('a restart keeps the registry', () => {
  it('models, version numbers, open requests and the delivery log survive', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'hookql-registry-')), 'state.db');
    const receiver = await startReceiver();
    let emulator = await startEmulator({ dbPath, allowHttpTargets: true });
    let api = client(emulator.url);
    await create(api, { model_name: 'm', events: ['MODEL_VERSION_CREATED'], http_url_spec: { url: receiver.url } });
    await api.send('POST', `${ML}/registered-models/create`, { body: { name: 'm' } });
    await api.send('POST', `${ML}/model-versions/create`, { body: { name: 'm', source: 'dbfs:/1' } });
    await api.send('DELETE', `${ML}/model-versions/delete`, { query: 'name=m&version=1' });
    await api.send('POST', `${ML}/model-versions/create`, { body: { name: 'm', source: 'dbfs:/2' } });
    await api.send('POST', `${ML}/transition-requests/create`, { body: { name: 'm', version: '2', stage: 'Staging' } });
    await api.close();
    await emulator.close(); // waits for the deliveries under way

    // Restarted with the same flags: without allowHttpTargets the loopback receiver is refused (issue 10),
    // and version 3's delivery would be logged as refused before the log is read.
    emulator = await startEmulator({ dbPath, allowHttpTargets: true });
    api = client(emulator.url);
    try {
      expect((await api.send('GET', `${ML}/registered-models/list`)).body.registered_models.map((m: any) => m.name)).toEqual(['m']);
      expect((await api.send('GET', `${ML}/transition-requests/list`, { query: 'name=m&version=2' })).body.requests).toHaveLength(1);
      // A deleted version's number is never reused, across restarts too.
      expect((await api.send('POST', `${ML}/model-versions/create`, { body: { name: 'm', source: 'dbfs:/3' } })).body.model_version.version).toBe('3');
      const log = (await api.send('GET', '/api/2.0/hookql/webhook-deliveries/list')).body.deliveries;
      // Version 3's own delivery may or may not be logged yet; the two from before the restart must be.
      const before = log.filter((d: any) => d.version !== '3');
      expect(before.map((d: any) => [d.event, d.version, d.status_code])).toEqual([['MODEL_VERSION_CREATED', '1', 200], ['MODEL_VERSION_CREATED', '2', 200]]);
    } finally {
      await api.close();
      await emulator.close();
      await receiver.close();
    }
  });
});
