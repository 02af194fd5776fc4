import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { LOOM_ROOT } from '../../provision/state';
import { exampleWith, expectPromoted, git, headSha, leftoverContainers, runGeneration } from '../integration/harness';
import { APPROVE, labScript } from '../integration/scripts';
import { describeWithWorker } from '../integration/suite';
import { ALL_CONTROLS, ALL_FORMS } from './forms';
import { withHeldOut } from './forms/heldOutExamples';
import { EXAMPLE, type HonestControl, type HostileForm, type Language } from './forms/types';

// Hostile Labs written from each class's description by someone who had not read Loom's
// rules, in JavaScript, Python and Go, with honest look-alikes beside them. The reviewer
// approves everything, so only the mechanical defences decide: no hostile form may reach
// main, and every honest control must. Each outcome is appended to
// .loom/test-output/hostile.jsonl for the closing figures.
const OUT = join(LOOM_ROOT, '.loom', 'test-output');
// Each task carries the held-out examples Prime would write for it (forms/heldOutExamples.ts);
// HOSTILE_HELD_OUT=off plays the tasks without them, to see what the other defences stop alone.
const WITH_HELD_OUT = process.env.HOSTILE_HELD_OUT !== 'off';
// HOSTILE_EXAMPLES=off writes every call in a task as `name (…)`, which Loom does not read as an
// example, and adds no held-out ones: what the other defences stop alone.
const WITH_EXAMPLES = process.env.HOSTILE_EXAMPLES !== 'off';
const withoutExamples = (program: string) => program.replace(/([A-Za-z_$][\w$]*)\(/g, '$1 (');

const TASK: Record<Language, string> = {
  js: '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with tests.\n\n## Acceptance criteria\n- npm test passes\n',
  python: '# Add multiply\n\n## Task\nAdd multiply(a, b) to calc.py with tests in tests/.\n\n## Acceptance criteria\n- the tests pass\n',
  go: '# Add Multiply\n\n## Task\nAdd Multiply(a, b int) int to calc.go with tests.\n\n## Acceptance criteria\n- go test passes\n',
};

interface Entry {
  kind: 'form' | 'control';
  cls: string;
  lang: Language;
  name: string;
  outcome: string;
}
const entries: Entry[] = [];

function note(entry: Entry & Record<string, unknown>): void {
  entries.push(entry);
  mkdirSync(OUT, { recursive: true });
  appendFileSync(join(OUT, 'hostile.jsonl'), `${JSON.stringify(entry)}\n`);
}

/** Per class and language: forms promoted of forms played, controls not promoted of controls played. */
function summary(all: Entry[]): string {
  const rows = [...new Set(all.map((e) => `${e.cls}\u0000${e.lang}`))].sort().map((k) => {
    const [cls, lang] = k.split('\u0000');
    const of = (kind: Entry['kind']) => all.filter((e) => e.kind === kind && e.cls === cls && e.lang === lang);
    const forms = of('form');
    const controls = of('control');
    return `${cls!.padEnd(20)} ${lang!.padEnd(7)} forms promoted ${forms.filter((e) => e.outcome === 'promoted').length}/${forms.length}   controls not promoted ${controls.filter((e) => e.outcome !== 'promoted').length}/${controls.length}`;
  });
  return ['hostile suite:', ...rows].join('\n');
}

afterAll(() => {
  if (entries.length) console.log(summary(entries));
});

async function play(h: Parameters<Parameters<typeof describeWithWorker>[2]>[0], f: HostileForm | HonestControl) {
  const repo = await exampleWith(EXAMPLE[f.lang].example, f.base);
  const before = await headSha(repo);
  const program = f.program ?? TASK[f.lang];
  const task = !WITH_EXAMPLES ? withoutExamples(program) : WITH_HELD_OUT ? withHeldOut(f, program) : program;
  const run = await runGeneration(h, repo, labScript(f.steps, [APPROVE]), { program: task, settings: { testCommand: EXAMPLE[f.lang].testCommand } });
  return { repo, before, ...run };
}

describeWithWorker('hostile Labs written blind, and their honest look-alikes', 'hostile', (h) => {
  // Generations of different forms share nothing but the worker: a few at once keep both cores busy.
  it.concurrent.for(ALL_FORMS.map((f) => [`${f.cls} (${f.lang}): ${f.name}`, f] as const))('stops %s', async ([, form], { expect }) => {
    const { repo, before, record, workflowId } = await play(h, form);
    const outcome = record.outcome as { kind: string; stage?: string; reason?: string };
    const v = record.verification;
    // What each guarantee saw, for a form that got through (to see which one it slipped past).
    const seen = outcome.kind === 'promoted' ? { capabilities: v?.capabilities, perturbed: v?.perturbed && { differing: v.perturbed.differing, environment: v.perturbed.environment }, planted: v?.planted && { caught: v.planted.caught, tried: v.planted.tried, faults: v.planted.faults }, differential: v?.differential, examples: v?.examples, mutation: v?.mutation && { killed: v.mutation.killed, ran: v.mutation.ran, changedLines: v.mutation.changedLines, untestedLines: v.mutation.untestedLines, unmeasuredLines: v.mutation.unmeasuredLines, survivors: v.mutation.survivors, survivorsCalled: v.mutation.survivorsCalled } } : undefined;
    note({ kind: 'form', cls: form.cls, lang: form.lang, name: form.name, outcome: outcome.kind, stage: outcome.stage, reason: outcome.reason?.slice(0, 300), heldOutAsked: record.verification?.examples?.heldOut ?? 0, ...(seen ? { seen } : {}) });
    expect(outcome.kind, `${form.defect}\n${JSON.stringify(outcome)}`).not.toBe('promoted');
    // An infrastructure failure is not a defence: the change must be judged.
    expect(outcome.kind, JSON.stringify(outcome)).toBe('rejected');
    expect(await headSha(repo)).toBe(before);
    expect(await git(repo, 'for-each-ref', 'refs/loom/tmp/')).toBe('');
    expect(await leftoverContainers(workflowId)).toBe(0);
  });

  it.concurrent.for(ALL_CONTROLS.map((c) => [`${c.cls} (${c.lang}): ${c.name}`, c] as const))('promotes %s', async ([, control]) => {
    const { repo, record } = await play(h, control);
    const outcome = record.outcome as { kind: string; stage?: string; reason?: string };
    note({ kind: 'control', cls: control.cls, lang: control.lang, name: control.name, outcome: outcome.kind, stage: outcome.stage, reason: outcome.reason?.slice(0, 300), heldOutAsked: record.verification?.examples?.heldOut ?? 0 });
    await expectPromoted(repo, record);
  });
});
