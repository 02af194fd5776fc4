import { defineConfig } from 'vitest/config';
import { LONG_SUITE } from './test/longSuite';

// The long suite (test/longSuite.ts says which files and why): npm run test:long.
export default defineConfig({
  test: {
    include: LONG_SUITE,
    globalSetup: ['test/globalSetup.ts'],
    // A margin, not a measure: the 3 MB change took over 180 s on a fresh machine with a core busy.
    testTimeout: 600_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
