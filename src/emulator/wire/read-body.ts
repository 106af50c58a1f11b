// Reads a request body with a hard cap, and decodes it strictly. Hostile input (a huge or endless
// body, invalid UTF-8) becomes an ApiError with the envelope, never a crash or unbounded buffering.

import type { IncomingMessage } from 'node:http';
import { ApiError, malformedRequest } from './api-error.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(): ApiError {
  // The real service's code for this case is UNVERIFIED; 413 with INVALID_PARAMETER_VALUE keeps
  // clients from mistaking it for a retryable limit (REQUEST_LIMIT_EXCEEDED maps to 429).
  return new ApiError(413, 'INVALID_PARAMETER_VALUE', `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
}

/** Resolves to the body, or rejects with 413 as soon as the declared or received size passes the cap. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(bodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => reject(clientGone()));
    // A client that hangs up mid-body must not leave this promise (and its buffers) pending.
    req.once('close', () => {
      if (!req.complete) reject(clientGone());
    });
  });
}

function clientGone(): ApiError {
  return malformedRequest('The client closed the connection before the body was complete.');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw malformedRequest('The request body is not valid UTF-8.');
  }
}
