import { describe, expect, it } from 'vitest';
import { billedInputTokens, costUsd, countsOf, priceOf, promptTokens } from '../../../model/pricing';

describe('priceOf', () => {
  it('resolves dated ids by prefix', () => {
    expect(priceOf('claude-sonnet-4-20250514')).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(priceOf('claude-3-5-haiku-20241022')).toEqual({ inputPerMTok: 0.8, outputPerMTok: 4 });
    expect(priceOf('claude-haiku-4-5-20251001')).toEqual({ inputPerMTok: 1, outputPerMTok: 5 });
  });

  it('prefers the longest matching prefix', () => {
    expect(priceOf('claude-opus-4-20250514')).toEqual({ inputPerMTok: 15, outputPerMTok: 75 });
    expect(priceOf('claude-opus-4-6')).toEqual({ inputPerMTok: 5, outputPerMTok: 25 });
    expect(priceOf('claude-opus-4-1-20250805')).toEqual({ inputPerMTok: 15, outputPerMTok: 75 });
  });

  it('knows nothing of unknown models', () => {
    expect(priceOf('gpt-4o')).toBeUndefined();
    expect(priceOf('claude-3-opus-20240229')).toBeUndefined();
    expect(costUsd('gpt-4o', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(0);
  });
});

describe('costUsd', () => {
  it('charges input and output per million tokens', () => {
    expect(costUsd('claude-sonnet-4-6', { inputTokens: 1_000_000, outputTokens: 0 })).toBe(3);
    expect(costUsd('claude-sonnet-4-6', { inputTokens: 0, outputTokens: 1_000_000 })).toBe(15);
    expect(costUsd('claude-opus-4-6', { inputTokens: 2000, outputTokens: 400 })).toBeCloseTo(0.02, 12);
    expect(costUsd('claude-opus-4', { inputTokens: 2000, outputTokens: 400 })).toBeCloseTo(0.06, 12);
    expect(costUsd('claude-sonnet-4', { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});
