import { expect, it } from 'vitest';
import { execIn, getFiles } from '../../lab/labContainer';
import { docker, ready } from './harness';
import { describeIntegration } from './suite';

// Docker holds a container's lock until an archive it sends is read to its end or closed: one
// left open after a report over the size limit stopped every later call on the container, and
// the generation waited for ever.
describeIntegration('reading a report over the size limit', () => {
  it('fails that read, and the container still answers the next call', async () => {
    const c = await docker.createContainer({ Image: ready().labImage, Cmd: ['sleep', '120'], HostConfig: { NetworkMode: 'none', AutoRemove: true } });
    await c.start();
    try {
      await execIn(c, ['bash', '-c', 'mkdir -p /tmp/r && head -c 4000000 /dev/zero > /tmp/r/go.jsonl && echo x > /tmp/r/z'], { timeoutSec: 30, maxOutputBytes: 4096 });
      await expect(getFiles(c, '/tmp/r', 1024 * 1024)).rejects.toThrow(/exceed the 1048576-byte limit/);
      const next = await Promise.race([c.inspect().then((i) => i.State.Running), new Promise((resolve) => setTimeout(() => resolve('no answer in 20 s'), 20_000))]);
      expect(next).toBe(true);
      expect((await execIn(c, ['echo', 'still here'], { timeoutSec: 30, maxOutputBytes: 4096 })).stdout.trim()).toBe('still here');
    } finally {
      await c.kill().catch(() => undefined);
    }
  });
});
