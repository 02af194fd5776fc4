import { describe, expect, it } from 'vitest';
import { heldOutIsLabTree, heldOutPlan } from '../../../verify/heldOut';

const entry = (sha: string, mode = '100644') => ({ mode, type: 'blob', sha });

describe('the evaluation side of a repository', () => {
  it("the held-out plan puts back the base's evaluation paths and drops the Lab's new ones", () => {
    const base = new Map([['src/a.js', entry('1')], ['test/a.test.js', entry('2')], ['test/helpers.js', entry('3')], ['.npmrc', entry('9')]]);
    const lab = new Map([['src/a.js', entry('4')], ['test/a.test.js', entry('5')], ['test/new.test.js', entry('6')], ['src/b.test.js', entry('7')], ['.npmrc', entry('8')]]);
    const plan = heldOutPlan(base, lab);
    expect([...plan.restore.keys()].sort()).toEqual(['.npmrc', 'test/a.test.js', 'test/helpers.js']);
    expect(plan.remove).toEqual(['src/b.test.js', 'test/new.test.js']);
    expect(plan.restore.get('src/a.js')).toBeUndefined(); // the Lab's source stays
    expect(heldOutIsLabTree(heldOutPlan(base, new Map([...base, ['src/a.js', entry('4')]])))).toBe(true);
  });
});
