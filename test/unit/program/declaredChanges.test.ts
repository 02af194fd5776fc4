import { describe, expect, it } from 'vitest';
import { behaviourUnchanged } from '../../../program/declaredChanges';

describe('behaviourUnchanged', () => {
  it('holds for a refactor that names no test that may change, and for nothing else', () => {
    expect(behaviourUnchanged({ risk: 'refactor' })).toBe(true);
    expect(behaviourUnchanged({ risk: 'refactor', testsThatMayChange: ['test/divide.test.js > divide by zero'] })).toBe(false);
    expect(behaviourUnchanged({ risk: 'feature' })).toBe(false);
    expect(behaviourUnchanged({})).toBe(false);
    expect(behaviourUnchanged(undefined)).toBe(false);
  });
});
