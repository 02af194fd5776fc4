import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../../config/didYouMean';

describe('helpers', () => {
  it('didYouMean suggests only near misses', () => {
    expect(didYouMean('basebranch', ['baseBranch', 'budgets'])).toBe('baseBranch');
    expect(didYouMean('mount', ['mounts', 'maxTurns'])).toBe('mounts');
    expect(didYouMean('colour', ['mounts', 'maxTurns'])).toBeUndefined();
  });
});
