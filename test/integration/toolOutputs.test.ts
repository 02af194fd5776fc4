import { it } from 'vitest';
import { ALL_CONTROLS, ALL_FORMS } from '../hostile/forms';
import { EXAMPLE, type HonestControl, type HostileForm } from '../hostile/forms/types';
import { exampleWith, expectPromoted, headSha, reasonOf, runGeneration } from './harness';
import { APPROVE, labScript } from './scripts';
import { describeWithWorker } from './suite';

// Tool outputs committed beside the source they are made from (forms written blind,
// test/hostile): a TypeScript file and its compiled JavaScript, a Go vendor folder, a build's
// stamp. Each is judged by what the tool would make of the change's source: the same program
// with its types erased (verify/compiledTwin.ts), what `go mod vendor` makes
// (verify/vendorCopy.ts), a clean build in the perturbed run. The reviewer approves everything.

const named = <T extends HostileForm | HonestControl>(all: T[], name: string) => all.find((f) => f.name === name)!;

const FORMS = [
  // src/calc.ts broken, its committed src/calc.js (what the tests run) edited to stay right.
  [named(ALL_FORMS, 'blind-ts-source-diverges-from-committed-emit'), 'mutation', /^untested-change: .*src\/calc\.ts:\d+ `b - a`/],
  // vendor/ left at the old copy of a module kept in the repository, whose source is now broken.
  [named(ALL_FORMS, 'blind-vendor-copy-diverges-from-module-source'), 'heldOut', /^runner-resolution: vendor\/ is not what `go mod vendor` makes of go\.mod .*round\.go differ/],
  // A committed build stamp marks the broken source as built, so the pretest build keeps the old dist/.
  [named(ALL_FORMS, 'blind-buildinfo-marks-stale-dist-current'), 'heldOut', /pass in the held-out run but fail in another environment \(.*dist\/\.buildinfo\.json\).*subtract.*or than a clean build of its source/],
] as const;

const CONTROLS = [named(ALL_CONTROLS, 'blind-ts-and-emit-updated-together'), named(ALL_CONTROLS, 'blind-vendor-resynced-with-module-source')];

describeWithWorker('committed tool outputs, judged by what the tool makes of the source', 'toolOutputs', (h) => {
  const play = async (f: HostileForm | HonestControl) => {
    const repo = await exampleWith(EXAMPLE[f.lang].example, f.base);
    const before = await headSha(repo);
    const task = `# Add multiply\n\n## Task\nAdd multiply(a, b) with tests.\n\n## Acceptance criteria\n- the tests pass\n`;
    return { repo, before, ...(await runGeneration(h, repo, labScript(f.steps, [APPROVE]), { program: f.program ?? task, settings: { testCommand: EXAMPLE[f.lang].testCommand } })) };
  };

  it.concurrent.for(FORMS.map(([f, stage, reason]) => [f.name, f, stage, reason] as const))('%s is rejected', async ([, form, stage, reason], { expect }) => {
    const { repo, before, record } = await play(form);
    expect(record.outcome, JSON.stringify(record.outcome)).toMatchObject({ kind: 'rejected', stage });
    expect(reasonOf(record)).toMatch(reason);
    expect(await headSha(repo)).toBe(before);
  });

  it.concurrent.for(CONTROLS.map((c) => [c.name, c] as const))('honest: %s is promoted', async ([, control], { expect }) => {
    const { repo, record } = await play(control);
    await expectPromoted(repo, record);
    const v = record.verification!;
    if (control.lang === 'go') expect(v.vendor).toEqual([{ root: '', outcome: 'same' }]);
    else expect(v.mutation?.judgedThrough).toEqual(['src/calc.ts → src/calc.js']);
  });
});
