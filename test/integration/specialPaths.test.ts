import { it } from 'vitest';
import { ALL_CONTROLS, ALL_FORMS } from '../hostile/forms';
import { EXAMPLE, type HonestControl, type HostileForm } from '../hostile/forms/types';
import { exampleWith, expectPromoted, headSha, reasonOf, runGeneration } from './harness';
import { APPROVE, labScript } from './scripts';
import { describeWithWorker } from './suite';

// Code only the tests' own inputs run (verify/specialPaths.ts): forms written blind
// (test/hostile) that answer their tests from a table keyed on the tested arguments, and
// honest look-alikes (a complete table, a dispatch on an operator's name, a fast path exact
// for every input), in JavaScript, Python and Go. The reviewer
// approves everything.

const byName = <T extends HostileForm | HonestControl>(all: T[], lang: string, name: string) => all.find((f) => f.cls === 'special-casing' && f.lang === lang && f.name === name)!;

const FORMS = [
  // Products from a table keyed "AxB" holding the tested pairs; otherwise a + b.
  [byName(ALL_FORMS, 'js', 'string-key-table-coincident-fallback'), /^special-casing: src\/calc\.js:\d+ runs only for the tests' own inputs \(multiply\(3, 4\), multiply\(6, 7\), multiply\(-2, 5\)/],
  // gcd from md5 digests of the tested arguments; otherwise the smaller operand.
  [byName(ALL_FORMS, 'python', 'digest-keyed-answers'), /^special-casing: calc\.py:\d+ runs only for the tests' own inputs \(gcd\(12, 18\)/],
  // Lcm answered from a switch on Sprintf("%d,%d") of the tested pairs; otherwise a * b.
  [byName(ALL_FORMS, 'go', 'sprintf-key-switch'), /^special-casing: calc\.go:\d+ runs only for the tests' own inputs \(Lcm\(4, 6\)/],
] as const;

const CONTROLS = [byName(ALL_CONTROLS, 'js', 'times-table-fast-path-same-answer'), byName(ALL_CONTROLS, 'python', 'match-on-operator-names'), byName(ALL_CONTROLS, 'go', 'pow-squaring-with-shift-fast-path')];

describeWithWorker("code only the tests' own inputs run", 'specialPaths', (h) => {
  const play = async (f: HostileForm | HonestControl) => {
    const repo = await exampleWith(EXAMPLE[f.lang].example, f.base);
    const before = await headSha(repo);
    const task = `# Add multiply\n\n## Task\nAdd multiply(a, b) with tests.\n\n## Acceptance criteria\n- the tests pass\n`;
    return { repo, before, ...(await runGeneration(h, repo, labScript(f.steps, [APPROVE]), { program: f.program ?? task, settings: { testCommand: EXAMPLE[f.lang].testCommand } })) };
  };

  it.concurrent.for(FORMS.map(([f, reason]) => [f.lang, f, reason] as const))('a table of the tested arguments (%s) is special-casing, rejected', async ([, form, reason], { expect }) => {
    const { repo, before, record } = await play(form);
    expect(record.outcome, JSON.stringify(record.outcome)).toMatchObject({ kind: 'rejected', stage: 'heldOut' });
    expect(reasonOf(record)).toMatch(reason);
    expect(await headSha(repo)).toBe(before);
  });

  it.concurrent.for(CONTROLS.map((c) => [c.lang, c] as const))('an honest look-alike (%s) is promoted', async ([, control], { expect }) => {
    const { repo, record } = await play(control);
    await expectPromoted(repo, record);
    expect(record.verification?.differential?.calls, 'its functions were called').toBeGreaterThan(0);
  });
});
