import test from 'ava';
import { add, subtract } from '../src/calc.js';

test('add', (t) => {
  t.is(add(2, 3), 5);
  t.is(add(-1, 1), 0);
});

test('subtract', (t) => {
  t.is(subtract(5, 3), 2);
});
