import { describe, expect, it } from 'vitest';
import { afterGeneration, budgetsLeft, budgetStop, failureBackoffMs, initialState, riskRung, RECENT_KEPT, type GenerationSummary } from '../../../generation/loop';

const models = { prime: { model: 'p' }, lab: { model: 'l' } };
const gen = (generation: number, outcome: GenerationSummary['outcome'], costUsd = 0.01, taskKey = `task ${generation}`): GenerationSummary => ({
  generation,
  title: `t${generation}`,
  taskKey,
  outcome,
  costUsd,
});

describe('loop budgets', () => {
  it('stops at each budget with a reason that names it', () => {
    let s = initialState(1000, { maxGenerations: 2, maxUsd: 1, maxWallClockMs: 60_000, maxConsecutiveFailures: 3 }, models);
    expect(budgetStop(s, 1000)).toBeUndefined();
    s = afterGeneration(afterGeneration(s, gen(1, 'promoted')), gen(2, 'promoted'));
    expect(budgetStop(s, 1000)).toBe('generation budget reached: 2 of 2');

    const rich = afterGeneration(initialState(0, { maxUsd: 0.5 }, models), gen(1, 'promoted', 0.75));
    expect(budgetStop(rich, 0)).toBe('USD budget reached: $0.7500 spent of $0.5');

    expect(budgetStop(initialState(0, { maxWallClockMs: 10_000 }, models), 9_999)).toBeUndefined();
    expect(budgetStop(initialState(0, { maxWallClockMs: 10_000 }, models), 10_000)).toBe('time budget reached: 10 s of 10 s');

    let f = initialState(0, { maxConsecutiveFailures: 2 }, models);
    f = afterGeneration(afterGeneration(f, gen(1, 'rejected')), gen(2, 'failed'));
    expect(budgetStop(f, 0)).toBe('2 generations in a row did not promote (limit 2)');
  });

  it('resets the failure streak on promotion and backs off exponentially, capped', () => {
    let s = initialState(0, {}, models);
    s = afterGeneration(s, gen(1, 'rejected'));
    s = afterGeneration(s, gen(2, 'failed'));
    expect(s.consecutiveFailures).toBe(2);
    expect(afterGeneration(s, gen(3, 'promoted')).consecutiveFailures).toBe(0);
    expect([0, 1, 2, 3].map((k) => failureBackoffMs(k, 1000))).toEqual([0, 1000, 2000, 4000]);
    expect(failureBackoffMs(30, 1000, 60_000)).toBe(60_000);
  });

  it('keeps totals, the next generation, recent history (bounded) and the keys of unpromoted tasks', () => {
    let s = initialState(0, {}, models, 7);
    expect(s.nextGeneration).toBe(7);
    for (let i = 7; i < 7 + RECENT_KEPT + 5; i++) s = afterGeneration(s, gen(i, i % 2 ? 'rejected' : 'promoted', 0.5));
    expect(s.nextGeneration).toBe(7 + RECENT_KEPT + 5);
    expect(s.recent).toHaveLength(RECENT_KEPT);
    expect(s.recent.at(-1)!.generation).toBe(6 + RECENT_KEPT + 5);
    expect(s.totals.generations).toBe(RECENT_KEPT + 5);
    expect(s.totals.promoted + s.totals.rejected).toBe(RECENT_KEPT + 5);
    expect(s.totals.costUsd).toBeCloseTo(0.5 * (RECENT_KEPT + 5));
    expect(s.rejectedTaskKeys).toContain('task 7');
    expect(s.rejectedTaskKeys).not.toContain('task 8');
  });
});

describe('the ladder of risk', () => {
  it('climbs from tests to refactors to features as changes are promoted', () => {
    expect([0, 1, 2, 3, 10].map(riskRung)).toEqual(['tests', 'refactor', 'refactor', 'feature', 'feature']);
  });
});

describe('budgets left, for loom status', () => {
  it('says what remains of each budget, and no limit where there is none', () => {
    const s = initialState(0, { maxGenerations: 10, maxUsd: 5, maxWallClockMs: 48 * 3_600_000, maxConsecutiveFailures: 3 }, { prime: { model: 'p' }, lab: { model: 'l' } });
    s.totals = { generations: 4, promoted: 3, rejected: 1, failed: 0, costUsd: 1.25 };
    s.consecutiveFailures = 1;
    expect(budgetsLeft(s, 12 * 3_600_000)).toBe('6 of 10 generations, $3.7500 of $5, 36.0 h of 48.0 h, 2 of 3 failures in a row');
    s.budgets = {};
    expect(budgetsLeft(s, 0)).toBe('generations: no limit, USD: no limit, time: no limit, failures: no limit');
  });
});
