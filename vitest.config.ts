import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start emulators on 127.0.0.1:0 and spawn the CLI; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
