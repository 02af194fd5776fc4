import { describe, expect, it } from 'vitest';
import { inputsNearFrom } from '../../../verify/differential';
import type { DifferentialAnswers, DifferentialTarget, Value } from '../../../verify/differentialVerdict';
import { isEdgeValue, judgeSpecialPaths, piecesRun } from '../../../verify/specialPaths';

/**
 * A target made from the tests' inputs, and the answers of a function given as code: `run`
 * says which pieces of added code (by name) a call runs, `answer` what it returns.
 */
function play(seen: Value[][], run: (args: Value[]) => string[], answer: (args: Value[]) => string = () => '1') {
  const near = inputsNearFrom(seen, true);
  const pieces = ['a', 'b', 'c', 'd'];
  const target: DifferentialTarget = { file: 'src/calc.js', name: 'f', inputs: near.inputs, tested: near.tested, parents: near.parents, added: pieces.map((_, k) => [k * 10, k * 10 + 9, k + 1]) };
  const first: DifferentialAnswers = {
    file: 'src/calc.js',
    name: 'f',
    answers: near.inputs.map(answer),
    paths: near.inputs.map((args) => run(args).map((p) => [pieces.indexOf(p) * 10, pieces.indexOf(p) * 10 + 9] as [number, number])),
  };
  return judgeSpecialPaths([target], [first]).violations;
}

const key = (args: Value[]) => JSON.stringify(args);

describe('code only the tests’ own inputs run', () => {
  it('is special-casing: a table of the tested pairs, whatever computes the rest', () => {
    const table = new Set([key([3, 4]), key([-2, 5])]);
    const v = play([[3, 4], [-2, 5], [2, 2]], (args) => (table.has(key(args)) ? ['a', 'b'] : ['a', 'c']));
    expect(v).toEqual([
      "src/calc.js:2 runs only for the tests' own inputs (f(3, 4), f(-2, 5)): the inputs made from them answer without it, so the change answers its tests by recognising them",
    ]);
  });

  it('is not: a branch other inputs near the tests reach too (a case of one argument, a relation such as a === b)', () => {
    expect(play([[5, 0], [2, 3]], (args) => (args[1] === 0 ? ['b'] : ['c']))).toEqual([]);
    expect(play([[7, 7], [12, 18]], (args) => (args[0] === args[1] ? ['b'] : ['c']))).toEqual([]);
  });

  it('is not: a base case only edge values reach (0, ±1, empty)', () => {
    expect(play([[0, 0], [2, 3]], (args) => (args[0] === 0 && args[1] === 0 ? ['b'] : ['c']))).toEqual([]);
    expect(play([[[], ''], [[1, 2], 'x']], (args) => ((args[0] as Value[]).length === 0 && args[1] === '' ? ['b'] : ['c']))).toEqual([]);
  });

  it('is not: a path the inputs near the tested one cannot take because they fail (a strict format)', () => {
    const v = play([['2024-01-05', 'iso']], (args) => (args[0] === '2024-01-05' ? ['b'] : ['a']), (args) => (args[0] === '2024-01-05' ? '"ok"' : 'throws RangeError'));
    expect(v).toEqual([]);
  });

  it('is not: a way taken on a text argument, another key (a route matched on its method and path)', () => {
    const routes = new Set([key(['GET', '/users']), key(['POST', '/users'])]);
    expect(play([['GET', '/users'], ['POST', '/users']], (args) => (routes.has(key(args)) ? ['b'] : ['c']))).toEqual([]);
    // The same shape on numbers is special-casing.
    const pairs = new Set([key([3, 4]), key([5, 6])]);
    expect(play([[3, 4], [5, 6]], (args) => (pairs.has(key(args)) ? ['b'] : ['c']))).toHaveLength(1);
  });

  it("is not: code that runs on what earlier calls left (a memo filled on its first call), seen in each input's second call", () => {
    const near = inputsNearFrom([[100, 'EUR'], [108, 'USD']], true);
    const n = near.inputs.length;
    const target: DifferentialTarget = { file: 'src/calc.js', name: 'f', inputs: near.inputs, tested: near.tested, parents: near.parents, added: [[0, 9, 1], [10, 19, 2]] };
    // Called as the harnesses call: each once, then each twice in a row; the memo is keyed on the currency only.
    const order = [...near.inputs.keys(), ...[...near.inputs.keys()].flatMap((i) => [i, i])];
    const judge = (recorded: number) => {
      const memo = new Set<Value>();
      // An unknown currency throws before the memo.
      const known = (i: number) => ['EUR', 'USD'].includes(near.inputs[i]![1] as string);
      const paths = order.slice(0, recorded).map((i) => {
        const k = near.inputs[i]![1]!;
        if (!known(i)) return [[0, 9]] as Array<[number, number]>;
        const ran: Array<[number, number]> = memo.has(k) ? [[0, 9]] : [[0, 9], [10, 19]];
        memo.add(k);
        return ran;
      });
      return judgeSpecialPaths([target], [{ file: 'src/calc.js', name: 'f', answers: near.inputs.map((_, i) => (known(i) ? '1' : 'throws RangeError')), paths }]).violations;
    };
    // From the first calls alone, the memo's filling looks like code only the tested inputs run.
    expect(judge(n)).toHaveLength(1);
    expect(judge(3 * n)).toEqual([]);
  });

  it('is not judged for a function of one argument, where an honest switch over its values has this shape', () => {
    expect(play([[404], [200]], (args) => (args[0] === 404 ? ['b'] : args[0] === 200 ? ['c'] : ['d']))).toEqual([]);
  });

  it('cuts the added code each call ran into pieces at every boundary any call reported', () => {
    expect(piecesRun([[[0, 10]], [[0, 4]], undefined, [[4, 10]]])).toEqual([
      { at: [0, 4], by: [0, 1] },
      { at: [4, 10], by: [0, 3] },
    ]);
  });

  it('knows the edge of each kind of value', () => {
    expect([0, 1, -1, '', [], {}, null, true].every(isEdgeValue)).toBe(true);
    expect([2, -2, 0.5, 'a', [0], { a: 1 }].some(isEdgeValue)).toBe(false);
  });
});

describe('inputs near the tests’ own, with where each came from', () => {
  it('keeps the tested inputs first and names, for each near input, the tested one it was made from', () => {
    const n = inputsNearFrom([[3, 4], [7, 7]], true);
    expect(n.tested).toBe(2);
    expect(n.inputs.slice(0, 2)).toEqual([[3, 4], [7, 7]]);
    expect(n.inputs).toContainEqual([8, 8]);
    for (const [i, args] of n.inputs.entries()) {
      if (i < 2) expect(n.parents[i]).toBe(i);
      else expect(n.parents[i], JSON.stringify(args)).toBeLessThan(2);
    }
    expect(inputsNearFrom([[3, 4]], false).inputs).not.toContainEqual([4, 5]);
  });
});
