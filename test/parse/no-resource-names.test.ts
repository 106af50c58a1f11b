// parse/ knows SQL, not any resource: adding a resource must need no change here.
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';

test('no file in src/parse mentions a resource by name', () => {
  const dir = new URL('../../src/parse/', import.meta.url);
  const offenders = readdirSync(dir).filter((f) => /webhook/i.test(readFileSync(new URL(f, dir), 'utf8')));
  expect(offenders).toEqual([]);
});
