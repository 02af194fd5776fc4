import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { add, subtract } from '../src/calc.js';

test('add', () => {
  assert.is(add(2, 3), 5);
  assert.is(add(-1, 1), 0);
});

test('subtract', () => {
  assert.is(subtract(5, 3), 2);
});

test.run();
