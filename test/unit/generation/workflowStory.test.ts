import { describe, expect, it } from 'vitest';
import type { GenerationRecord, GenerationRequest } from '../../../generation/recordTypes';
import { changeLine, currentDetails, endAttributes, generationSummary, startAttributes } from '../../../generation/workflowStory';

const input: GenerationRequest = {
  repoPath: '/src/calc',
  baseRef: 'main',
  generation: 7,
  program: '# Add multiply\n\nAdd multiply(a, b).\n',
  settings: { models: { prime: { model: 'claude-sonnet-4-6' }, lab: { model: 'claude-opus-4-6' } }, testCommand: 'npm test' },
};
const record = (over: Partial<GenerationRecord>): GenerationRecord => ({
  generation: 7, repoPath: '/src/calc', baseRef: 'main', labBranch: 'lab/gen-7', program: input.program,
  outcome: { kind: 'promoted', sha: 'abcdef0123456789' }, usage: {}, costUsd: 0.01234567, durationsMs: {}, ...over,
});
const asObject = (pairs: ReturnType<typeof endAttributes>) => Object.fromEntries(pairs.map((p) => [p.key.name, p.value]));

describe('what the Web UI shows of a generation', () => {
  it('marks a starting generation as running, with its number, repo, Lab model and loop', () => {
    expect(asObject(startAttributes({ ...input, loopId: 'loom-calc-1-loop' }))).toEqual({
      LoomGeneration: 7, LoomRepo: '/src/calc', LoomOutcome: 'running', LoomLabModel: 'claude-opus-4-6', LoomLoopId: 'loom-calc-1-loop',
    });
    expect(asObject(startAttributes(input))).not.toHaveProperty('LoomLoopId');
  });

  it('records the rejecting stage and verdict of a rejection, and the cost rounded to micro-dollars', () => {
    const r = record({ outcome: { kind: 'rejected', stage: 'llmReview', reason: 'no' }, review: { verdict: 'REJECTED', confidence: 0.7, reasoning: 'no' } });
    expect(asObject(endAttributes(r))).toEqual({ LoomOutcome: 'rejected', LoomStage: 'llmReview', LoomVerdict: 'REJECTED', LoomCostUsd: 0.012346, LoomRepo: '/src/calc' });
  });

  it('gives a failure before review no verdict', () => {
    const r = record({ outcome: { kind: 'failed', stage: 'spawnLab', reason: 'engine gone' } });
    expect(asObject(endAttributes(r))).toMatchObject({ LoomOutcome: 'failed', LoomStage: 'spawnLab' });
    expect(asObject(endAttributes(r))).not.toHaveProperty('LoomVerdict');
  });

  it('summarises a generation in one line, however long its title', () => {
    expect(generationSummary(input)).toBe('Loom gen 7 of calc: Add multiply');
    const long = generationSummary({ ...input, program: `# ${'x'.repeat(300)}\n` });
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('tells the outcome first once done, then the evidence', () => {
    const done = currentDetails(record({ baselineTests: { runner: 'node', passed: 2, failed: 0, skipped: 0, total: 2 }, tests: { runner: 'node', passed: 4, failed: 0, skipped: 0, total: 4, exitCode: 0, timedOut: false, command: 'npm test' }, review: { verdict: 'APPROVED', confidence: 0.9, reasoning: 'good' } }), 'done');
    expect(done.split('  \n')).toEqual(['**Promoted** `abcdef012345` into `main`', '**Tests before** 2/2', '**Tests after** 4/4', '**Review** APPROVED (confidence 0.9): good', '**Cost** $0.0123']);
    expect(currentDetails(record({}), 'runTests')).toBe('**Step** runTests');
    expect(currentDetails(record({ outcome: { kind: 'rejected', stage: 'runTests', reason: 'exit 1' } }), 'done')).toMatch(/^\*\*Rejected at runTests\*\*: exit 1/);
  });

  it("shows each guarantee's result: the perturbed run, the planted faults, the capabilities, the changed lines caught", () => {
    const verification = {
      runner: 'node',
      how: 'x',
      capabilities: ['environment: src/config.js:3 (process.env.CALC_PRECISION)'],
      perturbed: { environment: 'working folder /srv/app-1', agreed: 2, differing: [], blamed: [], environmental: [], durationMs: 900 },
      planted: { tried: 4, caught: 3, uncaughtOnBoth: 1, faults: ['src/calc.js:2 `a + b` -> `a - b`'], durationMs: 1500 },
      differential: { functions: ['src/calc.js: multiply'], calls: 600, differences: [], durationMs: 800 },
      vendor: [{ root: '', outcome: 'same' as const }],
      mutation: { engine: 'x', generated: 9, ran: 6, killed: 6, changedLines: { caught: 3, total: 3 }, survivors: [], vacuous: [], notMeasured: [], control: 'passed', durationMs: 2000 },
    };
    const lines = currentDetails(record({ verification }), 'done').split('  \n');
    expect(lines).toContain('**Perturbed run** every verdict the same in another environment');
    expect(lines).toContain('**Planted faults caught** 3/4 (1 the base misses too)');
    expect(lines).toContain('**Capabilities** environment: src/config.js:3 (process.env.CALC_PRECISION)');
    expect(lines).toContain('**Asked again** 600 calls of 1 function, the same answers');
    expect(lines).toContain('**Mutants killed** 6/6, 3/3 changed lines caught');
    expect(lines).toContain('**Vendor** `vendor/` is what go mod vendor makes');
  });
});

describe('the change in one line', () => {
  it('names the files and keeps git\'s summary', () => {
    expect(changeLine(' src/calc.js           |  4 ++++\n test/multiply.test.js | 11 +++++++++++\n 2 files changed, 15 insertions(+)\n')).toBe('src/calc.js, test/multiply.test.js (2 files changed, 15 insertions(+))');
  });
});
