import { describe, expect, it } from 'vitest';
import type { DifferentialTarget } from '../../../verify/differentialVerdict';
import { judgeElsewhere, judgeForked, movedTargets } from '../../../verify/runPlaceVerdict';

describe('from another folder', () => {
  it("rejects a function that answers another value when started outside the project's folder, but not an error there or what the base's function also answers by folder", () => {
    const t: DifferentialTarget = { file: 'units.py', name: 'convert', inputs: [[12, 'in', 'ft'], [1, 'km', 'm']] };
    const here = { file: 'units.py', name: 'convert', answers: ['1.0', '1000'] };
    const moved = { ...here, answers: ['0.9883268482490271', '1000'] };
    expect(judgeElsewhere([t], [here], [here], [moved]).violations).toEqual([
      'units.py: convert(12, "in", "ft") returns 1.0 in a program started in the project\'s folder, but 0.9883268482490271 in one started in another folder: the answer depends on a file where the tests run',
    ]);
    expect(movedTargets([t], [here], [moved])).toEqual([t]);
    expect(judgeElsewhere([t], [here], [here], [here])).toEqual({ compared: 2, violations: [] });
    // It reads a file relative to where it runs, and fails elsewhere: as the base may.
    expect(judgeElsewhere([t], [here], [here], [{ ...here, answers: ['raises FileNotFoundError', 'raises FileNotFoundError'] }]).violations).toEqual([]);
    expect(movedTargets([t], [here], [{ ...here, answers: ['raises FileNotFoundError', '1000'] }])).toEqual([]);
    // The base's function answers by folder too (a site file it always read): the folder is part of its meaning.
    expect(judgeElsewhere([t], [here], [here], [moved], [{ ...here, answers: ['1.0', '1000'] }], [{ ...here, answers: ['0.5', '1000'] }]).violations).toEqual([]);
    expect(judgeElsewhere([t], [here], [here], [moved], [here], [here]).violations).toHaveLength(1);
  });
});

describe('in a forked process', () => {
  it('rejects a function that draws anew on every call but draws the same in a forked child as its parent, and leaves alone what does not draw per call', () => {
    const t: DifferentialTarget = { file: 'calc.py', name: 'new_id', inputs: [[]] };
    const drawn = (xs: string[]) => ({ file: 'calc.py', name: 'new_id', answers: xs });
    const [first, second] = [drawn(["'a1'", "'b2'", "'c3'"]), drawn(["'x9'", "'y8'", "'z7'"])];
    expect(judgeForked([t], [first], [second], [{ ...drawn(["'q1'", "'q2'"]), alone: ["'q1'", "'q2'"] }]).violations).toEqual([
      "calc.py: new_id() draws a new answer on every call ('a1', then 'b2'), but a process forked from another draws what its parent draws, 'q1' and every other draw of 2: workers forked from one process hand out the same values",
    ]);
    // One draw of two the same by chance (a sample of one of two items) is not the same generator.
    expect(judgeForked([t], [first], [second], [{ ...drawn(["'q1'", "'q2'"]), alone: ["'q1'", "'r5'"] }]).violations).toEqual([]);
    // A value fixed per process (a salt drawn at import) is the same on every call: fork may share it.
    const salted = drawn(["'s1'", "'s1'", "'s1'"]);
    expect(judgeForked([t], [salted], [drawn(["'s2'", "'s2'", "'s2'"])], [{ ...drawn(["'s3'"]), alone: ["'s3'"] }]).violations).toEqual([]);
  });
});
