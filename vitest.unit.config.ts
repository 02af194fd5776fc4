import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests only: no Temporal, no Docker. This is the test command Loom uses when it
// targets its own repository, where node_modules is mounted read-only, so the cache
// lives in the temp folder (run with --configLoader runner, which writes no temp file).
// A file that replaces a module (vi.mock) runs in a fresh module graph of its own; the rest
// share one, since none of them changes what a module exports: half the run's time.
const MOCKING = ['test/unit/generation/activityRoutes.test.ts'];
// Some unit tests run git in a temporary repository: under load (a verification container
// on a busy machine) they take seconds, which is slowness, not a verdict.
const testTimeout = 60_000;

export default defineConfig({
  cacheDir: join(tmpdir(), 'loom-vite-cache'),
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: MOCKING, isolate: false, testTimeout } },
      { extends: true, test: { name: 'unit (own module graph)', include: MOCKING, testTimeout } },
    ],
  },
});
