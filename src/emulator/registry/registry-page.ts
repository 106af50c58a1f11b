// Page tokens for the registry's listings. Unlike webhooks (a keyset over creation order), these
// listings sort by name or by a user-chosen order_by, so the token is the offset of the next row
// plus a fingerprint of the query it belongs to: a token replayed with another filter is refused.
// Rows created or deleted between pages can shift an offset; for a local emulator that trade-off
// is accepted (the real service's token format is opaque and UNVERIFIED).

import { createHash } from 'node:crypto';
import { invalidParameter } from '../wire/api-error.js';

const PREFIX = 'hqr1.';

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export function encodeRegistryToken(offset: number, queryKey: string): string {
  return PREFIX + Buffer.from(`${offset}:${fingerprint(queryKey)}`).toString('base64url');
}

export function decodeRegistryToken(token: string | null, queryKey: string): number {
  if (token === null || token === '') return 0;
  const text = token.startsWith(PREFIX) ? Buffer.from(token.slice(PREFIX.length), 'base64url').toString() : '';
  const match = /^(\d{1,12}):([0-9a-f]{12})$/.exec(text);
  if (!match || match[2] !== fingerprint(queryKey)) throw invalidParameter('Invalid page_token.');
  return Number(match[1]);
}

/** max_results: a whole number; absent or 0 is the default; above the maximum is clamped (§6: clamping is the safer choice). */
export function registryPageSize(text: string | null, defaultSize: number, maxSize: number): number {
  if (text === null || text === '') return defaultSize;
  if (!/^\d{1,18}$/.test(text)) throw invalidParameter(`'max_results' must be a whole number, got '${text.slice(0, 40)}'.`);
  const size = Number(text);
  return size === 0 ? defaultSize : Math.min(size, maxSize);
}

/** The body of one page: items under `key` (omitted when empty) and a token only when more follow. */
export function pageBody(key: string, items: readonly unknown[], more: boolean, offset: number, queryKey: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (items.length > 0) body[key] = items;
  if (more && items.length > 0) body.next_page_token = encodeRegistryToken(offset + items.length, queryKey);
  return body;
}

function fingerprint(queryKey: string): string {
  return createHash('sha256').update(queryKey).digest('hex').slice(0, 12);
}
