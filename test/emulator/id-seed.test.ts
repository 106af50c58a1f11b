// With an id seed the emulator's webhook ids are reproducible: the same creates on a fresh state give
// the same ids, whatever order they arrive in (the docs' transcripts depend on it). Without one,
// ids are random.

import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';

const hook = (model: string) => ({ model_name: model, events: ['COMMENT_CREATED'], http_url_spec: { url: `https://h.example.com/${model}` } });

async function createAll(idSeed: string | undefined, models: string[]): Promise<Record<string, string>> {
  const emulator = await startEmulator({ idSeed });
  try {
    const ids: Record<string, string> = {};
    for (const model of models) {
      const res = await fetch(`${emulator.url}/api/2.0/mlflow/registry-webhooks/create`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json' },
        body: JSON.stringify(hook(model)),
      });
      const body = (await res.json()) as { webhook: { id: string } };
      ids[`${model}#${Object.keys(ids).filter((k) => k.startsWith(`${model}#`)).length}`] = body.webhook.id;
    }
    return ids;
  } finally {
    await emulator.close();
  }
}

describe('emulator ids from a seed', () => {
  it('the same webhooks get the same ids in any order; identical ones get distinct ids', async () => {
    const first = await createAll('docs', ['a', 'b', 'a']);
    const second = await createAll('docs', ['b', 'a', 'a']);
    expect(second).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(3);
    for (const id of Object.values(first)) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('another seed, or none, gives other ids', async () => {
    const seeded = await createAll('docs', ['a']);
    expect(await createAll('other', ['a'])).not.toEqual(seeded);
    expect(await createAll(undefined, ['a'])).not.toEqual(await createAll(undefined, ['a']));
  });
});
