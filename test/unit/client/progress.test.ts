import { describe, expect, it } from 'vitest';
import { Progress } from '../../../client/progress';

function sink(isTTY: boolean) {
  const out = { text: '', isTTY, write: (s: string) => void (out.text += s) };
  return out;
}

describe('Progress', () => {
  it('prints plain lines, one per step, when not on a terminal', () => {
    const out = sink(false);
    const p = new Progress(out);
    p.setStep('spawnLab');
    p.setStep('spawnLab');
    p.render();
    p.setStep('runTests');
    p.line('gen   1  promoted');
    p.stop();
    expect(out.text).toBe('  → spawnLab\n  → runTests\ngen   1  promoted\n');
    expect(out.text).not.toContain('\r');
  });

  it('rewrites one line on a terminal, with the step and its elapsed seconds', () => {
    const out = sink(true);
    let now = 1_000;
    const p = new Progress(out, { now: () => now });
    p.setStep('spawnLab');
    now += 12_400;
    expect(p.frame()).toMatch(/^\S spawnLab 12s$/);
    p.render();
    expect(out.text.split('\r').at(-1)).toMatch(/^\x1b\[2K\S spawnLab 12s$/);
    // A new step: the finished one stays as a line with its time, and the live line moves on.
    p.setStep('runTests');
    now += 3_000;
    p.stop();
    const lines = out.text.replace(/\r\x1b\[2K[^\r\n]*(?=\r)/g, '').split('\n').map((l) => l.replace(/^\r\x1b\[2K/, ''));
    expect(lines).toEqual(['  → spawnLab 12.4s', '  → runTests 3.0s', '']);
  });

  it('keeps lines above the live line, and drops finished steps when asked to', () => {
    const out = sink(true);
    const p = new Progress(out, { now: () => 0, keepSteps: false });
    p.setStep('reflect for generation 1');
    p.line('gen   1  promoted');
    p.setStep('generation 2: spawnLab');
    p.stop();
    // What remains on screen once every \r has done its work: only the generation line.
    const screen = out.text.split('\n').map((l) => l.split('\r').at(-1)!.replace(/\x1b\[2K/g, ''));
    expect(screen).toEqual(['gen   1  promoted', '']);
  });
});

describe('Progress details', () => {
  it("shows the agent's turn on the live line, and nothing of it in plain logs", () => {
    const tty = sink(true);
    let now = 0;
    const p = new Progress(tty, { now: () => now });
    p.setStep('spawnLab');
    p.detail('agent turn 3');
    now += 2_000;
    expect(p.frame()).toMatch(/^\S spawnLab 2s · agent turn 3$/);
    p.setStep('fetchBranch');
    expect(p.frame()).toMatch(/^\S fetchBranch 0s$/);
    p.stop();

    const log = sink(false);
    const q = new Progress(log);
    q.setStep('spawnLab');
    q.detail('agent turn 3');
    q.stop();
    expect(log.text).toBe('  → spawnLab\n');
  });
});
