import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDevServer, freePort } from '../../../client/devServer';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('starting the Temporal dev server', () => {
  const before = process.env.LOOM_TEMPORAL_BIN;
  afterEach(() => {
    if (before === undefined) delete process.env.LOOM_TEMPORAL_BIN;
    else process.env.LOOM_TEMPORAL_BIN = before;
  });

  it('ends a server that never answered on its port, rather than leaving it running after the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-devserver-'));
    try {
      // A stand-in for the CLI that starts and never listens.
      const fake = join(dir, 'temporal');
      writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(fake, 0o755);
      process.env.LOOM_TEMPORAL_BIN = fake;
      await expect(ensureDevServer({ dir, port: await freePort(), uiPort: await freePort(), startTimeoutMs: 300 })).rejects.toThrow(/Temporal dev server on 127\.0\.0\.1/);
      const pid = Number(readFileSync(join(dir, 'temporal.pid'), 'utf8'));
      // Gone once the kernel has reaped it, however loaded the machine: waited for, up to 10 s.
      for (let waited = 0; alive(pid) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(alive(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
