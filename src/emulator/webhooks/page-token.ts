// List page tokens. Opaque to clients; inside, the creation seq of the last webhook returned. Because
// pages are keyset ranges over a never-reused seq (not offsets), creates and deletes between pages
// cannot make the walk skip or repeat a webhook that existed throughout.

import { invalidParameter } from '../wire/api-error.js';

const PREFIX = 'hq1.';

export function encodePageToken(afterSeq: number): string {
  return PREFIX + Buffer.from(`seq:${afterSeq}`).toString('base64url');
}

/** 0 (the start) when there is no token; 400 INVALID_PARAMETER_VALUE for one we did not issue. */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const match = token.startsWith(PREFIX) ? /^seq:(\d{1,15})$/.exec(Buffer.from(token.slice(PREFIX.length), 'base64url').toString()) : null;
  if (!match) throw invalidParameter('Invalid page_token.');
  return Number(match[1]);
}
