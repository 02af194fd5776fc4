import { describe, expect, it } from 'vitest';
import { resolveWorkSettings } from '../../../config/resolvedSettings';
import type { WorkSettings } from '../../../config/workSettings';

const models = { prime: { model: 'claude-sonnet-4-6' }, lab: { model: 'claude-opus-4-6' } };

describe('the settings a generation runs under', () => {
  it("fills every setting the table gives a default, and the heartbeat timeout", () => {
    expect(resolveWorkSettings({ testCommand: 'npm test', models })).toEqual({
      testCommand: 'npm test',
      models,
      reviewExcludes: [],
      mounts: [],
      labBudget: { usd: 3, tokens: 3_000_000 },
      maxTurns: 40,
      verification: { report: 'auto', binaryFiles: [], maxMutants: 12, plantedFaults: 3, perturbedRun: true, maxChangeFiles: 500, maxChangeMb: 20, maxFileMb: 10 },
      maxRepoMb: 2048,
      labs: 1,
      heartbeatTimeout: '2m',
    });
  });

  it('keeps what is given, zero and false included, beside the defaults of its neighbours', () => {
    const given: WorkSettings = { testCommand: 'make test', models, labBudget: { usd: 10 }, verification: { maxMutants: 0, perturbedRun: false }, mounts: ['node_modules'], heartbeatTimeout: '4s' };
    const resolved = resolveWorkSettings(given);
    expect(resolved.labBudget).toEqual({ usd: 10, tokens: 3_000_000 });
    expect(resolved.verification).toMatchObject({ maxMutants: 0, perturbedRun: false, plantedFaults: 3, report: 'auto' });
    expect(resolved).toMatchObject({ mounts: ['node_modules'], heartbeatTimeout: '4s' });
    // The given object is left as it was.
    expect(given).toEqual({ testCommand: 'make test', models, labBudget: { usd: 10 }, verification: { maxMutants: 0, perturbedRun: false }, mounts: ['node_modules'], heartbeatTimeout: '4s' });
  });

  it("leaves the Lab image and the test timeout to the worker when the work does not carry them", () => {
    const resolved = resolveWorkSettings({ testCommand: 'npm test', models });
    expect(resolved).not.toHaveProperty('labImage');
    expect(resolved).not.toHaveProperty('testTimeoutSec');
    expect(resolveWorkSettings({ testCommand: 'npm test', models, labImage: 'img:1', testTimeoutSec: 30 })).toMatchObject({ labImage: 'img:1', testTimeoutSec: 30 });
  });
});
