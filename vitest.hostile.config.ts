import { defineConfig } from 'vitest/config';

// The hostile-Lab suite: every blind-written attack form and honest control as a real
// generation (npm run test:hostile, about 25 minutes: a measurement, kept out of npm test).
export default defineConfig({
  test: {
    include: ['test/hostile/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 600_000,
    maxConcurrency: 3,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
