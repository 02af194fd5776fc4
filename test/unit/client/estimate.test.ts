import { describe, expect, it } from 'vitest';
import { checkPriced, DEFAULT_TOKENS, estimate, formatEstimate, historyFrom, KNOWN_MODELS } from '../../../client/estimate';
import type { GenerationRecord, Usage } from '../../../generation/recordTypes';
import type { LedgerEntry } from '../../../ledger/generationLedger';
import { priceOf } from '../../../model/pricing';

const usage = (model: string, inputTokens: number, outputTokens: number, costUsd: number, cache?: { write: number; read: number }): Usage => ({
  model,
  inputTokens,
  outputTokens,
  ...(cache ? { cacheWriteTokens: cache.write, cacheReadTokens: cache.read } : {}),
  costUsd,
  requests: 1,
});

function entry(generation: number, promoted: boolean, u: GenerationRecord['usage']): LedgerEntry {
  const costUsd = Object.values(u).reduce((s, x) => s + (x?.costUsd ?? 0), 0);
  const record: GenerationRecord = {
    generation,
    repoPath: '/r',
    baseRef: 'main',
    labBranch: `lab/gen-${generation}`,
    program: '# t',
    outcome: promoted ? { kind: 'promoted', sha: 'a' } : { kind: 'failed', stage: 'baseline', reason: 'red' },
    usage: u,
    costUsd,
    durationsMs: {},
  };
  return { workflowId: `w${generation}`, record, recordedAt: '2026-01-01T00:00:00Z' };
}

describe('estimate without history', () => {
  it('prices the default token assumptions on the chosen models', () => {
    const e = estimate(10, { prime: 'claude-sonnet-4-6', lab: 'claude-opus-4-6' });
    expect(e.basis).toBe('defaults');
    // Lab at $5/MTok: 2k in = 0.01, 32k cache writes at 1.25x = 0.20, 366k cache reads at 0.1x = 0.183, 8k out at $25 = 0.20.
    // Prime: 25k at $3 + 2k at $15 = 0.075 + 0.03.
    expect(e.perGeneration.lab).toMatchObject({ model: 'claude-opus-4-6', ...DEFAULT_TOKENS.lab, inputPerMTok: 5, outputPerMTok: 25 });
    expect(e.perGeneration.lab.costUsd).toBeCloseTo(0.593);
    expect(e.perGeneration.prime.costUsd).toBeCloseTo(0.105);
    expect(e.perGeneration.costUsd).toBeCloseTo(0.698);
    expect(e.totalUsd).toBeCloseTo(6.98);
    expect(e.expectedPromoted).toBeUndefined();
  });

  it('says it is using assumptions', () => {
    const text = formatEstimate(estimate(10, { prime: 'claude-sonnet-4-6', lab: 'claude-opus-4-6' }));
    expect(text).toContain('estimated cost of 10 generations: $6.98 ($0.6980 each)');
    expect(text).toContain('no history for this repository: using default assumptions');
    expect(text).toContain('Lab   claude-opus-4-6: 2000 in + 32k cache write + 366k cache read / 8000 out tokens at $5/$25 per MTok (cache write 1.25×, read 0.1× the input price) = $0.5930');
  });
});

describe('estimate from history', () => {
  const ledger = [
    entry(1, true, { lab: usage('claude-sonnet-4-6', 100_000, 4_000, 0.36), prime: usage('claude-sonnet-4-6', 10_000, 1_000, 0.045) }),
    entry(2, true, { lab: usage('claude-sonnet-4-6', 200_000, 6_000, 0.69, { write: 30_000, read: 300_000 }), prime: usage('claude-sonnet-4-6', 20_000, 1_000, 0.075) }),
    // Ended at the baseline: Prime's reflect only, no Lab. It still counts as a generation.
    entry(3, false, { prime: usage('claude-sonnet-4-6', 6_000, 400, 0.024) }),
  ];

  it('averages tokens per generation and role over every recorded generation', () => {
    const h = historyFrom(ledger)!;
    expect(h.generations).toBe(3);
    expect(h.promoted).toBe(2);
    // Records from before caching have no cache fields: they count as none.
    expect(h.tokens).toEqual({
      lab: { inputTokens: 100_000, cacheWriteTokens: 10_000, cacheReadTokens: 100_000, outputTokens: 3_333 },
      prime: { inputTokens: 12_000, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 800 },
    });
    expect(h.meanCostUsd).toBeCloseTo(1.194 / 3);
  });

  it('reprices the past tokens on the models asked for, and expects the past promotion rate', () => {
    const e = estimate(30, { prime: 'claude-sonnet-4-6', lab: 'claude-haiku-4-5' }, historyFrom(ledger));
    expect(e.basis).toBe('history');
    // Haiku 4.5 at $1/$5: 100k in = 0.1, 10k cache writes = 0.0125, 100k cache reads = 0.01, 3333 out = 0.016665.
    expect(e.perGeneration.lab.costUsd).toBeCloseTo(0.139165);
    // Sonnet at $3/$15: 12k in = 0.036, 800 out = 0.012.
    expect(e.perGeneration.prime.costUsd).toBeCloseTo(0.048);
    expect(e.totalUsd).toBeCloseTo(30 * 0.187165);
    expect(e.expectedPromoted).toBe(20);
    const text = formatEstimate(e);
    expect(text).toContain("based on this repository's 3 recorded generations");
    expect(text).toContain('at the past promotion rate (67%), about 20 would be promoted');
  });

  it('is no history when no generation ever reached the Lab', () => {
    expect(historyFrom([ledger[2]!])).toBeUndefined();
    expect(historyFrom([])).toBeUndefined();
  });
});

describe('models', () => {
  it('refuses a model without a price, naming the known ones', () => {
    expect(() => estimate(1, { prime: 'claude-sonnet-4-6', lab: 'gpt-4o' })).toThrow(/--lab-model "gpt-4o" is not in Loom's price table; known models: claude-opus-4-8, .*claude-3-5-haiku/);
    expect(() => checkPriced('--prime-model', 'claude-sonet-4-6')).toThrow('--prime-model "claude-sonet-4-6"');
    expect(() => checkPriced('--lab-model', 'claude-sonnet-4-20250514')).not.toThrow();
  });

  it('names only models the price table knows', () => {
    for (const m of KNOWN_MODELS) expect(priceOf(m), m).toBeDefined();
  });
});
