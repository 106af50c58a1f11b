// A file argument where `-` means stdin (SQL scripts, manifests).

import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export async function readInput(stdin: NodeJS.ReadableStream, file: string, what: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: 'check the path (use - to read from stdin)' });
  }
}
