import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests only: no Temporal, no Docker. This is the test command Loom uses when it
// targets its own repository, where node_modules is mounted read-only, so the cache
// lives in the temp folder (run with --configLoader runner, which writes no temp file).
export default defineConfig({
  cacheDir: join(tmpdir(), 'loom-vite-cache'),
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Some unit tests run git in a temporary repository: under load (a verification container
    // on a busy machine) they take seconds, which is slowness, not a verdict.
    testTimeout: 60_000,
  },
});
