import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../../program/parseProgram';
import { renderProgram } from '../../../program/programMarkdown';
import { formatProblems, taskKey, type ProgramProblem, type ProgramSpec } from '../../../program/programSpec';
import { validateSpec } from '../../../program/validateSpec';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), 'utf8');

/** The example in docs/program-md.md: the only ````markdown fence there. */
function docExample(): string {
  const blocks = [...read('docs/program-md.md').matchAll(/^````markdown\n([\s\S]*?)\n````$/gm)];
  expect(blocks).toHaveLength(1);
  return `${blocks[0]![1]}\n`;
}

const DOC_SPEC: ProgramSpec = {
  title: 'Add a median function to stats',
  task: [
    'Add `median(values)` to `src/stats.js` and export it next to `mean`. It returns',
    'the middle value of a sorted copy of `values`, the mean of the two middle',
    'values for an even count, and throws a `RangeError` for an empty array:',
    '',
    '```js',
    'median([3, 1, 2]); // 2',
    'median([4, 1, 3, 2]); // 2.5',
    '```',
  ].join('\n'),
  context: '`mean` already validates its input the same way; follow its style.',
  acceptanceCriteria: [
    '`median([3, 1, 2])` is 2 and `median([4, 1, 3, 2])` is 2.5.',
    '`median([])` throws a `RangeError`, and the input array is not reordered.',
    'New tests in `test/stats.test.js` cover these cases; `npm test` passes.',
  ],
  successConditions: ['The number of passing tests grows by at least three.'],
  constraints: ['Do not change `mean` or its tests.', 'No new dependencies.'],
  risk: 'feature',
};

// Lines: 1 title, 2 blank, 3 "## Task", 4 body, 5 blank, 6 "## Acceptance criteria", 7 bullet.
const BASE = ['# A valid title', '', '## Task', 'Do the thing properly.', '', '## Acceptance criteria', '- it works'];
const base = (...more: string[]) => [...BASE, ...more].join('\n');

/** Asserts the text is invalid with exactly one problem, and returns it. */
function onlyProblem(text: string): ProgramProblem {
  const r = parseProgram(text);
  expect(r.spec).toBeUndefined();
  expect(r.problems).toHaveLength(1);
  return r.problems[0]!;
}

function validSpec(text: string): ProgramSpec {
  const r = parseProgram(text);
  expect(r.problems).toEqual([]);
  expect(r.spec).toBeDefined();
  return r.spec!;
}

describe('parseProgram: documented and bundled examples', () => {
  it('parses the example in docs/program-md.md', () => {
    expect(validSpec(docExample())).toStrictEqual(DOC_SPEC);
  });

  it('parses examples/calc.program.md', () => {
    expect(validSpec(read('examples/calc.program.md'))).toStrictEqual({
      title: 'Add multiply to calc',
      task: 'Add a `multiply(a, b)` function to `src/calc.js`, exported like the others.',
      acceptanceCriteria: ['`multiply(3, 4)` returns 12 and `multiply(-2, 5)` returns -10.', 'A new test file covers it; `npm test` passes.'],
      successConditions: [],
      constraints: ['Do not change `add` or `subtract` or their tests.'],
    });
  });

  it('accepts the minimal document and leaves the optional fields out', () => {
    const spec = validSpec(base());
    expect(spec).toStrictEqual({ title: 'A valid title', task: 'Do the thing properly.', acceptanceCriteria: ['it works'], successConditions: [], constraints: [] });
    expect('context' in spec).toBe(false);
    expect('risk' in spec).toBe(false);
  });
});

describe('renderProgram', () => {
  it('round-trips the full documented spec', () => {
    expect(parseProgram(renderProgram(DOC_SPEC))).toStrictEqual({ spec: DOC_SPEC, problems: [] });
  });

  it('round-trips a minimal spec and renders it canonically', () => {
    const spec: ProgramSpec = { title: 'Tidy up', task: 'Remove the dead code in src/a.ts.', acceptanceCriteria: ['nothing else changes'], successConditions: [], constraints: [] };
    const text = renderProgram(spec);
    expect(text).toBe('# Tidy up\n\n## Task\nRemove the dead code in src/a.ts.\n\n## Acceptance criteria\n- nothing else changes\n');
    expect(parseProgram(text)).toStrictEqual({ spec, problems: [] });
  });

  it('renders sections in canonical order whatever the input order, and is stable', () => {
    const shuffled = ['# Reordered sections', '## Risk', 'Refactor', '## Out of scope', '- x', '## Acceptance criteria', '- y', '## Context', 'Why.', '## Task', 'Rename foo to bar everywhere.'].join('\n');
    const spec = validSpec(shuffled);
    const text = renderProgram(spec);
    expect(text.match(/^## .*/gm)).toEqual(['## Task', '## Context', '## Acceptance criteria', '## Constraints', '## Risk']);
    expect(validSpec(text)).toStrictEqual(spec);
    expect(renderProgram(validSpec(text))).toBe(text);
  });
});

describe('parseProgram: problems', () => {
  it('reports an empty or blank file as one problem without a line', () => {
    for (const text of ['', '  \n\n\t\n', '\r\n']) {
      const p = onlyProblem(text);
      expect(p.line).toBeUndefined();
      expect(p.message).toMatch(/^program\.md is empty: /);
    }
  });

  it('rejects a document over 20,000 characters and accepts one at the limit', () => {
    const pad = (n: number) => base('', '## Context', 'x'.repeat(n - base('', '## Context', '').length));
    expect(pad(20_000)).toHaveLength(20_000);
    expect(parseProgram(pad(20_000)).problems).toEqual([]);
    expect(onlyProblem(pad(20_001)).message).toContain('20001 characters, over the limit of 20000');
  });

  it.each<[string, string, number | undefined, RegExp]>([
    ['no title', BASE.slice(2).join('\n'), undefined, /^missing "# " title line: start the file with "# /],
    ['text before the title', `intro\n${base()}`, 1, /^text before the "# " title/],
    ['a second title', base().replace('# A valid title', '# A valid title\n# Another title'), 2, /^a second "# " title \(the first is at line 1\): keep exactly one/],
    ['a title after the sections', base('# Another title'), 8, /^a "# " title after the first section/],
    ['a title after a section', `## Context\nWhy.\n${base()}`, 3, /title after the first section/],
    ['a title too short', base().replace('# A valid title', '# ab'), 1, /^the title is 2 characters: make it 3 to 120/],
    ['a title too long', base().replace('# A valid title', `# ${'t'.repeat(121)}`), 1, /^the title is 121 characters/],
    ['text between title and first section', base().replace('\n\n## Task', '\nSome preface.\n## Task'), 2, /^text between the title and the first section/],
    ['an unknown section', base('## Notes', 'anything'), 8, /^unknown section "## Notes": use only .*"## Task".*"## Acceptance criteria".*"## Out of scope".*"## Risk"/],
    ['a duplicate section', base('## Task', 'Something else to do.'), 8, /^duplicate "## Task" section \(the first is at line 3\): merge/],
    ['a duplicate alias, case-insensitively', base('## Out of scope', '- a', '## OUT OF SCOPE', '- b'), 10, /^duplicate "## Out of scope" section \(the first is at line 8\)/],
    ['no Task section', [BASE[0], ...BASE.slice(5)].join('\n'), undefined, /^missing "## Task" section: add one/],
    ['an empty Task', base().replace('Do the thing properly.', ''), 3, /^the "## Task" section is empty: describe/],
    ['a Task under 10 characters', base().replace('Do the thing properly.', ' 123456789 '), 3, /^the task is 9 characters: describe the change in at least 10/],
    ['no Acceptance criteria section', BASE.slice(0, 4).join('\n'), undefined, /^missing "## Acceptance criteria" section: add one with at least one "- " bullet$/],
    ['Acceptance criteria without bullets', BASE.slice(0, 6).join('\n'), 6, /^the "## Acceptance criteria" section has no bullets: add at least one "- " bullet/],
    ['prose in a bullet section', base('Also it is fast.', '- more'), 8, /^"## Acceptance criteria" holds text that is not a bullet \("Also it is fast\."\): start each item with "- "/],
    ['an indented line before any bullet', base('## Constraints', '  indented first'), 9, /^"## Constraints" holds text that is not a bullet/],
    ['an empty bullet', base('-', '- fine'), 8, /^an empty bullet in "## Acceptance criteria"/],
    ['an invalid risk', base('## Risk', 'huge'), 9, /^the risk \("## Risk"\) is "huge": make it exactly one of tests, refactor, feature/],
    ['a risk of two words', base('## Risk', 'tests', 'feature'), 9, /is "tests feature"/],
    ['a risk written as a bullet', base('## Risk', '- tests'), 9, /is "- tests"/],
    ['an unclosed code fence', base('## Context', '```sh', 'npm test'), 9, /code fence at line 9 that is never closed: close it/],
  ])('reports %s', (_name, text, line, message) => {
    const p = onlyProblem(text);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(message);
  });

  it('accepts the boundary lengths of title and task', () => {
    expect(validSpec(base().replace('# A valid title', '# abc')).title).toBe('abc');
    expect(validSpec(base().replace('# A valid title', `# ${'t'.repeat(120)}`)).title).toHaveLength(120);
    expect(validSpec(base().replace('Do the thing properly.', '1234567890')).task).toBe('1234567890');
  });

  it('reports several problems sorted by line, those without a line last', () => {
    const r = parseProgram(['# ab', '## Task', 'short', '## Notes', '## Context', 'fine'].join('\n'));
    expect(r.spec).toBeUndefined();
    expect(r.problems.map((p) => p.line)).toEqual([1, 2, 4, undefined]);
    expect(r.problems.at(-1)!.message).toMatch(/^missing "## Acceptance criteria"/);
  });

  it('reads "## May read the environment" and its like as a declared capability, the bullets saying what', () => {
    const r = parseProgram(`${base()}\n## May read the environment\n- CALC_DECIMALS: decimal places (default 2)\n- CALC_MODE\n\n## May build code from strings\n`);
    expect(r.problems).toEqual([]);
    expect(r.spec!.capabilities).toEqual(['environment: CALC_DECIMALS: decimal places (default 2); CALC_MODE', 'dynamic code']);
    for (const [heading, cap] of [['May read environment variables', 'environment'], ["May read the process's arguments", 'arguments'], ['May inspect the call stack', 'call stack'], ['May read its own source', 'source files'], ['May reach into process internals', 'process internals']] as const) {
      expect(parseProgram(`${base()}\n## ${heading}\n- why\n`).spec!.capabilities, heading).toEqual([`${cap}: why`]);
    }
    // A "May" heading naming nothing Loom knows is a problem on its line, with the forms there are.
    const bad = parseProgram(`${base()}\n## May read the clock\n- timestamps\n`);
    expect(bad.problems).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/^the section "## May read the clock" declares no capability Loom knows: write "## May read the environment"/) }]);
  });

  it('names the line of a capability bullet that names no capability, and the ones there are', () => {
    const r = parseProgram(`${base()}\n## Capabilities\n- environment: the port comes from PORT\n- network access\n`);
    expect(r.spec).toBeUndefined();
    expect(r.problems).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/^the capability "network access" .*: start the bullet with one of environment, arguments, call stack, source files, test runner, dynamic code, process internals/) }]);
    expect(parseProgram(`${base()}\n## Capabilities\n- environment: the port comes from PORT\n`).spec!.capabilities).toEqual(['environment: the port comes from PORT']);
  });

  it('reports prose in a bullet section once per section', () => {
    const r = parseProgram(base('first prose', 'second prose', '## Constraints', 'third prose'));
    expect(r.problems.map((p) => p.line)).toEqual([8, 11]);
  });

  it('treats # lines inside a code fence as task text, and ### headings as text', () => {
    const task = ['Fix the script:', '```sh', '# a shell comment', '## not a section', '```', '### Details', 'More text.'].join('\n');
    expect(validSpec(base().replace('Do the thing properly.', task)).task).toBe(task);
  });

  it('matches headings case-insensitively and ignores a trailing colon', () => {
    const spec = validSpec(['# Headings in caps', '## TASK:', 'Do the thing properly.', '##   acceptance   CRITERIA', '- ok', '## risk', 'Tests'].join('\n'));
    expect(spec.acceptanceCriteria).toEqual(['ok']);
    expect(spec.risk).toBe('tests');
  });

  it('leaves out empty optional sections', () => {
    const spec = validSpec(base('## Context', '', '## Success conditions', '## Risk', ''));
    expect(spec).toStrictEqual(validSpec(base()));
  });
});

describe('parseProgram: line endings, bullets, aliases', () => {
  it('accepts CRLF (and a BOM) with the same result as LF', () => {
    const crlf = `\uFEFF${docExample().replace(/\n/g, '\r\n')}`;
    expect(crlf).toContain('\r\n');
    expect(validSpec(crlf)).toStrictEqual(DOC_SPEC);
  });

  it('counts lines the same way under CRLF', () => {
    const p = onlyProblem(base('## Notes').replace(/\n/g, '\r\n'));
    expect(p.line).toBe(8);
  });

  it('joins indented continuation lines to the previous bullet with a space', () => {
    const spec = validSpec(base('* second item', '  continues here', '\tand with a tab', '', '    after a blank line', '- third   '));
    expect(spec.acceptanceCriteria).toEqual(['it works', 'second item continues here and with a tab after a blank line', 'third']);
  });

  it('does not treat a one-space indent as a continuation', () => {
    expect(onlyProblem(base(' not enough indent')).line).toBe(8);
  });

  it.each(['Constraints', 'Constraints and out of scope', 'Out of scope', 'constraints AND out of scope'])('reads "## %s" into constraints', (heading) => {
    expect(validSpec(base(`## ${heading}`, '- keep the API')).constraints).toEqual(['keep the API']);
  });

  it('merges the constraint aliases in document order', () => {
    const spec = validSpec(base('## Out of scope', '- b', '## Constraints', '- c', '## Constraints and out of scope', '- d'));
    expect(spec.constraints).toEqual(['b', 'c', 'd']);
  });
});

describe('validateSpec', () => {
  const good: ProgramSpec = { title: 'Add median', task: 'Add median() to src/stats.js.', acceptanceCriteria: ['median([1,2,3]) is 2'], successConditions: [], constraints: [] };

  it('accepts what parseProgram produces', () => {
    expect(validateSpec(DOC_SPEC)).toEqual([]);
    expect(validateSpec(good)).toEqual([]);
  });

  it.each<[string, Partial<ProgramSpec> | Record<string, unknown>, RegExp]>([
    ['a short title', { title: 'ab' }, /^the title is 2 characters/],
    ['a long title', { title: 'x'.repeat(121) }, /^the title is 121 characters/],
    ['a missing title', { title: undefined }, /^title is missing/],
    ['a multi-line title', { title: 'one\ntwo' }, /title spans several lines/],
    ['an empty task', { task: '  ' }, /^task \("## Task"\) is empty/],
    ['a short task', { task: 'too short' }, /^the task is 9 characters/],
    ['a heading in the task', { task: 'Do this.\n## Acceptance criteria\n- sneaky' }, /^task line 2 is a "#" or "##" heading/],
    ['an unclosed fence in the context', { context: 'See:\n```\ncode' }, /^context opens a code fence at line 2 that is never closed/],
    ['no acceptance criteria', { acceptanceCriteria: [] }, /^acceptance criteria \("## Acceptance criteria"\) is empty: add at least one/],
    ['acceptance criteria not a list', { acceptanceCriteria: 'works' }, /must be a list of strings/],
    ['a blank criterion', { acceptanceCriteria: ['ok', ' '] }, /^acceptance criteria item 2 is empty/],
    ['a multi-line constraint', { constraints: ['one\ntwo'] }, /^constraints item 1 spans several lines/],
    ['a non-string success condition', { successConditions: [3] }, /^success conditions item 1 is not text/],
    ['an invalid risk', { risk: 'huge' }, /is "huge": make it exactly one of tests, refactor, feature/],
    ['a spec over 20,000 characters', { context: 'x'.repeat(20_000) }, /over the limit of 20000/],
    ['a capability Loom does not know', { capabilities: ['environment: PORT', 'the clock, for timestamps'] }, /^the capability "the clock, for timestamps" \("## Capabilities"\) names none Loom knows: start the bullet with one of environment, arguments, call stack/],
  ])('reports %s', (_name, change, message) => {
    const problems = validateSpec({ ...good, ...change } as ProgramSpec);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(message);
  });

  it('accepts fenced # lines and ### headings in the task', () => {
    expect(validateSpec({ ...good, task: 'Run:\n```sh\n# comment\n```\n### Notes\nok' })).toEqual([]);
  });
});

describe('formatProblems', () => {
  it('writes one line per problem, prefixed with its line when it has one', () => {
    expect(formatProblems([{ line: 3, message: 'first' }, { message: 'second' }])).toBe('line 3: first\nsecond');
    expect(formatProblems([])).toBe('');
  });

  it('formats what parseProgram reports', () => {
    expect(formatProblems(parseProgram(base('## Notes')).problems)).toMatch(/^line 8: unknown section "## Notes"/);
  });
});

describe('taskKey', () => {
  const spec = { title: 'Add median', task: 'Add median() to src/stats.js.\nExport it.' };

  it('is the same under case and whitespace changes', () => {
    expect(taskKey({ title: '  ADD   median ', task: 'add MEDIAN() to src/stats.js.   export it.\n' })).toBe(taskKey(spec));
    expect(taskKey({ title: 'Add\tmedian', task: 'Add median() to\r\nsrc/stats.js. Export it.' })).toBe(taskKey(spec));
  });

  it('differs when the task or the title changes', () => {
    expect(taskKey({ ...spec, task: 'Add median() to src/stats.js. Export it and test it.' })).not.toBe(taskKey(spec));
    expect(taskKey({ ...spec, title: 'Add a median' })).not.toBe(taskKey(spec));
    expect(taskKey({ title: 'ab', task: 'c' })).not.toBe(taskKey({ title: 'a', task: 'bc' }));
  });

  it('ignores the other fields of a spec', () => {
    const other: ProgramSpec = { ...DOC_SPEC, acceptanceCriteria: ['other'], risk: 'tests' };
    expect(taskKey(DOC_SPEC)).toBe(taskKey(other));
  });
});
