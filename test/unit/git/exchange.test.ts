import { describe, expect, it } from 'vitest';
import { exchangeRef } from '../../../git/exchange';

describe('the exchange', () => {
  it('keeps each run apart in the exchange, whatever its id holds', () => {
    expect(exchangeRef('loom-calc-1/gen 2', 'lab')).toBe('refs/loom/exchange/loom-calc-1_gen_2/lab');
  });
});
