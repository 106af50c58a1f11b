// A file argument where `-` means stdin (SQL scripts, manifests). Read with a size cap (a manifest
// of `/dev/zero` must fail, not fill memory) and decoded as strict UTF-8: a Latin-1 file would
// otherwise be read as `caf�` and sent like that.

import { closeSync, constants, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Far above any real script or manifest (a 10,000-webhook manifest is about 3 MB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export async function readInput(stdin: NodeJS.ReadableStream, file: string, what: string): Promise<string> {
  const name = file === '-' ? `${what} on stdin` : `${what} ${file}`;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readCapped(stdin, MAX_INPUT_BYTES) : (readRegularFile(file, MAX_INPUT_BYTES) ?? (await readCapped(createReadStream(file), MAX_INPUT_BYTES)));
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${name} ${e.message}`, { hint: e.hint });
    throw new UsageError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: 'check the path (use - to read from stdin)' });
  }
  return decodeUtf8(bytes, name);
}

/**
 * A regular file in one read, its size checked first; undefined for anything else (a FIFO, a
 * device such as /dev/zero, a directory), which is streamed with the cap. A stream costs ~5 ms
 * more on a 400 KB manifest in a fresh process (bench B8).
 */
function readRegularFile(file: string, max: number): Buffer | undefined {
  // Non-blocking, so opening a FIFO nobody writes to yet does not block the main thread (and Ctrl-C
  // with it); a regular file ignores the flag.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > max) throw new UsageError(`is larger than ${max / 1024 / 1024} MiB`, { hint: 'split it into smaller files' });
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function readCapped(stream: NodeJS.ReadableStream, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > max) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new UsageError(`is larger than ${max / 1024 / 1024} MiB`, { hint: 'split it into smaller files' });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

function decodeUtf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new UsageError(`${name} is not valid UTF-8: byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at} (line ${lineOf(bytes, at)})`, {
      hint: 'save it as UTF-8 (for example: iconv -f latin1 -t utf-8 FILE > FILE.utf8)',
    });
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    // Overlong, surrogate and past-U+10FFFF forms are refused by the second byte's range.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

function lineOf(b: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (b[i] === 0x0a) line++;
  return line;
}
