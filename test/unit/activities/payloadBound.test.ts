import { ApplicationFailure } from '@temporalio/activity';
import { describe, expect, it } from 'vitest';
import { checkResultSize, MAX_RESULT_BYTES, withBoundedResults } from '../../../activities/payloadBound';

describe('an activity result too large for Temporal', () => {
  it('fails at once, not retried, naming the activity and its size', async () => {
    const acts = withBoundedResults({ runTests: async () => ({ output: 'x'.repeat(MAX_RESULT_BYTES + 1) }), promote: async () => ({ sha: 'abc' }) });
    const err = await acts.runTests().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
    expect((err as ApplicationFailure).message).toMatch(/^runTests returned 1500014 bytes, over the 1500000 bytes/);
    // Results within the bound pass through untouched.
    await expect(acts.promote()).resolves.toEqual({ sha: 'abc' });
  });

  it('counts bytes, not characters', () => {
    expect(() => checkResultSize('x', 'é'.repeat(600), 1000)).toThrow(/returned 1202 bytes/);
    expect(() => checkResultSize('x', undefined, 10)).not.toThrow();
  });
});
