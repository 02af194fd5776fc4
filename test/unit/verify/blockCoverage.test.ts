import { describe, expect, it } from 'vitest';
import { executed, type BlockCoverage } from '../../../verify/blockCoverage';

// V8's block coverage of `add` from a run where only the first arm of its ternary ran:
// const loadedAt = performance.now();
// export function add(a, b) { const sum = a + b; return fresh ? sum : Math.round(sum); }
const coverage: BlockCoverage = { 'src/calc.js': [[[0, 195, 1], [43, 156, 1], [136, 153, 0]]] };

describe('block coverage', () => {
  it('says a span ran when the innermost range around it ran, in any process', () => {
    expect(executed(coverage, 'src/calc.js', 100, 105)).toBe(true);
    expect(executed(coverage, 'src/calc.js', 136, 153)).toBe(false);
    expect(executed(coverage, 'src/calc.js', 140, 150)).toBe(false);
    // Another process ran the second arm too.
    expect(executed({ 'src/calc.js': [...coverage['src/calc.js']!, [[0, 195, 1], [136, 153, 2]]] }, 'src/calc.js', 140, 150)).toBe(true);
  });

  it('knows nothing of a file no process reported', () => {
    expect(executed(coverage, 'src/other.js', 0, 5)).toBeUndefined();
  });
});
