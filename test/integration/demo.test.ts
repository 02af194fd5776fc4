import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, ready, runLoom } from './harness';
import { describeIntegration } from './suite';

// The README's main command, as a newcomer runs it (against the suite's Temporal server,
// with its own state folder so the checkout's .loom/demo is left alone).
describeIntegration('loom demo', () => {
  const state = mkdtempSync(join(tmpdir(), 'loom-demo-state-'));
  afterAll(() => rmSync(state, { recursive: true, force: true }));

  it('runs three scripted generations on the example, one line each, and links them in the Web UI', async () => {
    const e = ready();
    const { code, out } = await runLoom(['demo'], {
      PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: e.temporalAddress, LOOM_UI_URL: e.uiUrl, LOOM_LAB_IMAGE: e.labImage, LOOM_STATE_DIR: state,
    });
    expect(code, out).toBe(0);
    expect(out).toContain('the Lab and the reviewer are played by the scripted model server');
    const lines = out.split('\n').filter((l) => /^gen +\d/.test(l));
    expect(lines.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['gen 1 promoted', 'gen 2 promoted', 'gen 3 promoted']);
    expect(out).toMatch(/loop ended \(generation budget reached: 3 of 3\): 3 generations, 3 promoted, 0 rejected, 0 failed, \$0\.\d{4}/);
    const repo = join(state, 'demo', 'calc');
    expect((await git(repo, 'log', '--format=%s', 'main')).trim().split('\n')).toHaveLength(4);
    expect(out).toContain(`see the generations in the Web UI: ${e.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(`LoomRepo="${repo}"`)}`);
  });
});
