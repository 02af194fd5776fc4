import { describe, expect, it } from 'vitest';
import { labProgram, splitHeldOut } from '../../../program/heldOutExamples';
import { parseProgram } from '../../../program/parseProgram';
import { renderProgram } from '../../../program/programMarkdown';
import { validateSpec } from '../../../program/validateSpec';

const PROGRAM = `# Add isqrt

## Task
Add \`isqrt(n)\` to src/calc.js: the largest r with r * r <= n.

## Held-out examples
- \`isqrt(400)\` is 20
- isqrt(999999) returns 999

## Acceptance criteria
- isqrt(16) is 4

## Risk
feature
`;

describe('held-out examples', () => {
  it('are cut from the program.md the Lab works from, and nothing else is', () => {
    const lab = labProgram(PROGRAM);
    expect(lab).not.toMatch(/400|999|Held-out/);
    expect(lab).toContain('## Acceptance criteria\n- isqrt(16) is 4');
    expect(lab).toContain('## Risk\nfeature');
    expect(parseProgram(lab).spec?.heldOutExamples).toBeUndefined();
    expect(splitHeldOut(PROGRAM).heldOut).toMatch(/^## Held-out examples\n- `isqrt\(400\)` is 20\n- isqrt\(999999\) returns 999\n/);
  });

  it('are matched however the heading is written, but not inside a code fence', () => {
    expect(labProgram(PROGRAM.replace('## Held-out examples', '##   held-OUT Examples  '))).not.toMatch(/400/);
    const fenced = '# Title here\n\n## Task\nExplain this block:\n```\n## Held-out examples\n- f(1) is 2\n```\n\n## Acceptance criteria\n- ok\n';
    expect(labProgram(fenced)).toBe(fenced);
  });

  it('are read into the spec and rendered back', () => {
    const { spec, problems } = parseProgram(PROGRAM);
    expect(problems).toEqual([]);
    expect(spec?.heldOutExamples).toEqual(['`isqrt(400)` is 20', 'isqrt(999999) returns 999']);
    expect(parseProgram(renderProgram(spec!)).spec).toEqual(spec);
    expect(validateSpec(spec!)).toEqual([]);
  });

  it('must each state a call and its value, or the bullet is named with the form to use', () => {
    const { spec, problems } = parseProgram(PROGRAM.replace('- isqrt(999999) returns 999', '- large inputs work too'));
    expect(spec).toBeUndefined();
    expect(problems).toEqual([{ line: 8, message: expect.stringMatching(/^the held-out example "large inputs work too" states no call and value Loom can read: write it as "name\(literal arguments\) is literal value"/) }]);
    const structured = parseProgram(PROGRAM).spec!;
    expect(validateSpec({ ...structured, heldOutExamples: ['isqrt(n) is big'] })).toEqual([{ message: expect.stringMatching(/^the held-out example "isqrt\(n\) is big" states no call/) }]);
  });
});
