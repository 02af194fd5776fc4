import { describe, expect, it } from 'vitest';
import { chooseCandidate, labCandidates, rankApproved, tooManyLabs } from '../../../generation/bestOfK';
import type { CandidateRecord } from '../../../generation/recordTypes';

const cand = (candidate: number, outcome: CandidateRecord['outcome'], score = 0, passed = 0, costUsd = 0.01): CandidateRecord => ({
  candidate, labModel: 'm', labBranch: `lab/gen-1-c${candidate}`, outcome, usage: {}, costUsd, durationsMs: {},
  fitness: { score, testsAdded: 0, penalties: [] }, tests: { runner: 'node', passed, failed: 0, skipped: 0, total: passed, exitCode: 0, timedOut: false, command: 'npm test' },
});
const ok = { kind: 'approved' } as const;

describe('best-of-K choice', () => {
  it('promotes the fittest approved Lab; ties go to more passing tests, then the cheaper, then the first', () => {
    expect(chooseCandidate([cand(1, ok, 2), cand(2, ok, 3.5), cand(3, { kind: 'rejected', stage: 'llmReview', reason: 'no' }, 9)]).chosen.candidate).toBe(2);
    expect(rankApproved([cand(1, ok, 2, 4), cand(2, ok, 2, 6)]).map((c) => c.candidate)).toEqual([2, 1]);
    expect(rankApproved([cand(1, ok, 2, 4, 0.05), cand(2, ok, 2, 4, 0.02)]).map((c) => c.candidate)).toEqual([2, 1]);
    expect(rankApproved([cand(1, ok, 2, 4), cand(2, ok, 2, 4)]).map((c) => c.candidate)).toEqual([1, 2]);
    expect(chooseCandidate([cand(1, ok)]).outcome).toBeUndefined();
  });

  it('without an approved Lab, reports the one that got furthest and every reason', () => {
    const choice = chooseCandidate([
      cand(1, { kind: 'failed', stage: 'runTests', reason: 'engine gone' }),
      cand(2, { kind: 'rejected', stage: 'runTests', reason: 'exit 1\nlong output' }),
      cand(3, { kind: 'rejected', stage: 'spawnLab', reason: 'the Lab made no change' }),
    ]);
    expect(choice.chosen.candidate).toBe(2);
    expect(choice.outcome).toEqual({
      kind: 'rejected',
      stage: 'runTests',
      reason: 'none of the 3 Labs was approved: Lab 1 failed at runTests: engine gone; Lab 2 rejected at runTests: exit 1; Lab 3 rejected at spawnLab: the Lab made no change',
    });
    expect(chooseCandidate([cand(1, { kind: 'failed', stage: 'spawnLab', reason: 'x' })]).outcome).toMatchObject({ kind: 'failed', stage: 'spawnLab' });
  });

  it('runs K copies of the Lab model, or one Lab per listed model', () => {
    const models = { prime: { model: 'p' }, lab: { model: 'l' } };
    expect(labCandidates({ models, labs: 1 })).toEqual([{ model: 'l' }]);
    expect(labCandidates({ models, labs: 3 })).toEqual([{ model: 'l' }, { model: 'l' }, { model: 'l' }]);
    expect(labCandidates({ models, labs: 3, labModels: [{ model: 'a' }, { model: 'b' }] })).toEqual([{ model: 'a' }, { model: 'b' }]);
  });

  it('refuses more Labs than run at once, counted as labCandidates counts them', () => {
    const models = { prime: { model: 'p' }, lab: { model: 'l' } };
    expect(tooManyLabs({ models, labs: 8 })).toBeUndefined();
    expect(tooManyLabs({ models, labs: 9 })).toBe('best-of-K asks for 9 Labs; at most 8 run at once');
    expect(tooManyLabs({ models, labs: 1, labModels: Array.from({ length: 9 }, () => ({ model: 'a' })) })).toBe('best-of-K asks for 9 Labs; at most 8 run at once');
  });
});
