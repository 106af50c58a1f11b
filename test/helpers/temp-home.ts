import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh $HOOKQL_HOME, so tests never write to the real ~/.hookql. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'hookql-'));
}
