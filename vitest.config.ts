import { defineConfig } from 'vitest/config';
import { LONG_SUITE } from './test/longSuite';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The cluster suite has its own config and server (npm run test:cluster), the long suite
    // its own run (npm run test:long); the hostile suite is a measurement of every
    // blind-written form, with its own (npm run test:hostile).
    exclude: ['test/cluster/**', 'test/hostile/**', ...LONG_SUITE, '**/node_modules/**'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two cores: integration files each run a Temporal worker and containers.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
