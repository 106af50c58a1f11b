// Emulators for the benchmarks, each its own process (`node dist/emulator/main.js`), in memory, on
// 127.0.0.1 only. Seeding and fault changes go through the admin endpoint, which is never faulted.

import { startWithFirstLine, stop } from './processes.js';

/** Starts an emulator; resolves { url, admin(path, body), close() }. */
export async function startEmulator(ctx, { faults } = {}) {
  const args = [ctx.dist('emulator/main.js'), '--port', '0', '--host', '127.0.0.1', '--db', ':memory:', '--token', ctx.token];
  if (faults) args.push('--faults', faults);
  const { child, line } = await startWithFirstLine(process.execPath, args, { env: ctx.env() });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) {
    await stop(child);
    throw new Error(`emulator printed '${line}' instead of its base URL`);
  }
  const admin = async (path, body) => {
    const res = await fetch(`${line}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { url: line, admin, close: () => stop(child) };
}

/** Starts `count` emulators at once; if any fails to start, the others are stopped. */
export async function startEmulators(ctx, count, options) {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => startEmulator(ctx, options)));
  const started = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((e) => e.close()));
    throw failed.reason;
  }
  return started;
}

/** Creates `count` webhooks directly in the emulator's store (one admin call, not timed). */
export async function seed(emulator, count) {
  const { created } = await emulator.admin('seed', { count, model_names: ['churn-model', 'fraud-model', 'ltv-model', 'search-ranker'] });
  if (created !== count) throw new Error(`seeded ${created} webhooks, wanted ${count}`);
}

/** How many webhooks the emulator holds (paged list, max page size; not timed). */
export async function countWebhooks(ctx, emulator) {
  let total = 0;
  let token = null;
  do {
    const query = new URLSearchParams({ max_results: '1000', ...(token ? { page_token: token } : {}) });
    const res = await fetch(`${emulator.url}/api/2.0/mlflow/registry-webhooks/list?${query}`, { headers: { authorization: `Bearer ${ctx.token}` } });
    if (!res.ok) throw new Error(`list: ${res.status} ${await res.text()}`);
    const body = await res.json();
    total += (body.webhooks ?? []).length;
    token = body.next_page_token ?? null;
  } while (token);
  return total;
}
