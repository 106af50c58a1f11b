import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start emulators on 127.0.0.1:0 and spawn the CLI; two cores, so keep parallelism modest.
    maxWorkers: 2,
    // A safety net: a test that forgets HOOKQL_HOME writes under this HOME, never the user's own.
    env: { HOME: mkdtempSync(join(tmpdir(), 'hookql-test-home-')) },
  },
});
