import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { heartbeat, keepBeating } from '../../../activities/heartbeat';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an activity that heartbeats its own progress', () => {
  it('keeps beating its latest details through a step that does not beat, so the server does not take it for dead', async () => {
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    await env.run(() =>
      keepBeating(
        'runTests',
        (async () => {
          heartbeat({ step: 'coverage' });
          await sleep(300); // a long step with no beat of its own
        })(),
        20,
      ),
    );
    const after = beats.slice(beats.findIndex((b) => JSON.stringify(b) === '{"step":"coverage"}'));
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(after.every((b) => JSON.stringify(b) === '{"step":"coverage"}')).toBe(true);
  });

  it("on a retry, beats the last attempt's checkpoint until it beats its own, so the checkpoint is not lost", async () => {
    const env = new MockActivityEnvironment({ heartbeatDetails: { turn: 7 } });
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    await env.run(() => keepBeating('spawnLab', sleep(100), 20));
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.every((b) => JSON.stringify(b) === '{"turn":7}')).toBe(true);
  });
});
