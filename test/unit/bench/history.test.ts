import { describe, expect, it } from 'vitest';
import { verificationWall, type HistoryFacts } from '../../../bench/history';

const facts = (activities: Array<[string, number, number]>): HistoryFacts => ({
  events: 0,
  workflowTasks: 0,
  workflowTaskMs: 0,
  spanMs: 0,
  activities: activities.map(([name, runMs, endAt]) => ({ name, queueMs: 0, runMs, endAt })),
});

describe('verificationWall', () => {
  it('runs from the Lab branch fetched to the last test run or mutation stage, so steps run in turn add up and steps run at once do not', () => {
    // baseline before the fetch is not verification; two runs at once, then the mutants.
    const h = facts([['runTests', 700, 1_700], ['spawnLab', 400, 2_100], ['fetchBranch', 100, 2_200], ['runTests', 1_000, 3_500], ['runTests', 1_600, 4_100], ['mutationTests', 2_000, 6_200], ['llmReview', 20, 6_300]]);
    expect(verificationWall(h)).toBe(4_000);
  });

  it('is unknown when the generation never fetched a branch or ran no test after it', () => {
    expect(verificationWall(facts([['runTests', 700, 1_700]]))).toBeUndefined();
    expect(verificationWall(facts([['runTests', 700, 1_700], ['fetchBranch', 100, 2_200]]))).toBeUndefined();
  });
});
