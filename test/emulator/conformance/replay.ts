// Replays a recording (recordings/*.json, made by record/record.mjs) against a fresh emulator: fills the
// {{placeholders}} in, maps the recorded ids, tokens and page tokens onto the ones this run hands out,
// and returns each exchange with the emulator's answer, for the source checks in conformance.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'undici';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { startReceiver } from '../helpers.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Exchange {
  readonly step: string;
  readonly client_outcome?: string;
  readonly request: RecordedRequest;
  readonly response: { readonly status: number; readonly body: any };
}

export interface Recording {
  readonly file: string;
  readonly client: string;
  readonly version: string;
  readonly runtime: string;
  readonly exchanges: readonly Exchange[];
}

export interface Replayed {
  readonly exchange: Exchange;
  /** The request as sent in this run (placeholders filled, ids mapped). */
  readonly sent: RecordedRequest;
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: any;
}

export interface ReplayRun {
  readonly url: string;
  readonly receiverUrl: string;
  readonly replayed: readonly Replayed[];
  /** The emulator's admin view after the replay (deliveries and runs). */
  admin(path: string): Promise<any>;
  close(): Promise<void>;
}

/** The credentials record.mjs gave its emulator; the recordings carry only the placeholder names. */
export const SECRETS = { admin_token: 'rec-admin-token', user_token: 'rec-user-token', client_id: 'rec-client', client_secret: 'rec-client-secret', hook_secret: 'rec-hook-secret', receiver_token: 'rec-receiver-token' };

const HERE = new URL('./recordings/', import.meta.url);

export function loadRecordings(): Recording[] {
  return readdirSync(HERE)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, HERE), 'utf8')) }));
}

export async function replay(recording: Recording): Promise<ReplayRun> {
  const emulator: RunningEmulator = await startEmulator({
    token: SECRETS.admin_token,
    userToken: SECRETS.user_token,
    clientId: SECRETS.client_id,
    clientSecret: SECRETS.client_secret,
    allowHttpTargets: true,
  });
  const receiver = await startReceiver();
  const values = new Map<string, string>([
    ['{{host}}', emulator.url],
    ['{{receiver}}', receiver.url],
    ['{{client_basic}}', Buffer.from(`${SECRETS.client_id}:${SECRETS.client_secret}`).toString('base64')],
    ...Object.entries(SECRETS).map(([key, value]): [string, string] => [`{{${key}}}`, value]),
  ]);
  const fill = (text: string): string => {
    let out = text;
    for (const [from, to] of values) out = out.split(from).join(to);
    return out;
  };
  const replayed: Replayed[] = [];
  for (const exchange of recording.exchanges) {
    const sent = {
      ...exchange.request,
      query: fill(exchange.request.query),
      headers: Object.fromEntries(Object.entries(exchange.request.headers).map(([k, v]) => [k, fill(v)])),
      body: fill(exchange.request.body),
    };
    const url = `${emulator.url}${sent.path}${sent.query ? `?${sent.query}` : ''}`;
    const response = await request(url, { method: sent.method as 'GET', headers: sent.headers, body: sent.body === '' ? undefined : sent.body });
    const text = await response.body.text();
    const body = parse(text);
    learn(exchange.response.body, body, values);
    replayed.push({ exchange, sent, status: response.statusCode, headers: response.headers, body });
  }
  return {
    url: emulator.url,
    receiverUrl: receiver.url,
    replayed,
    admin: async (path) => {
      const response = await request(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${SECRETS.admin_token}` } });
      return response.body.json();
    },
    close: async () => {
      await receiver.close();
      await emulator.close();
    },
  };
}

function parse(text: string): any {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/** Values the server chose (ids, tokens, job ids): the recorded one stands for this run's from now on. */
const CHOSEN = new Set(['id', 'next_page_token', 'access_token', 'job_id']);

function learn(recorded: unknown, now: unknown, values: Map<string, string>): void {
  if (Array.isArray(recorded) && Array.isArray(now)) {
    recorded.forEach((item, i) => learn(item, now[i], values));
    return;
  }
  if (typeof recorded !== 'object' || recorded === null || typeof now !== 'object' || now === null) return;
  for (const [key, value] of Object.entries(recorded)) {
    const other = (now as Record<string, unknown>)[key];
    if (CHOSEN.has(key) && (typeof value === 'string' || typeof value === 'number') && value !== other && other !== undefined) {
      // A recorded placeholder ({{m2m_token}}) is learnt the same way as an id.
      values.set(String(value), String(other));
    } else {
      learn(value, other, values);
    }
  }
}
