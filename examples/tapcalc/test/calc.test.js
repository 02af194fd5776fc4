import t from 'tap';
import { add, subtract } from '../src/calc.js';

t.test('add', async (t) => {
  t.equal(add(2, 3), 5);
  t.equal(add(-1, 1), 0);
});

t.test('subtract', async (t) => {
  t.equal(subtract(5, 3), 2);
});
