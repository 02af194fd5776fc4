import { defineConfig } from 'vitest/config';

// The cluster suite: the PostgreSQL-backed Temporal server (provision/cluster.sh), one file
// at a time, since its fault tests kill the server and restart PostgreSQL under everything.
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/globalSetup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
