import { describe, expect, it } from 'vitest';
import { MAX_RESULT_BYTES } from '../../../activities/payloadBound';
import type { Mutant } from '../../../verify/mutants';
import { judgeMeasuredMutants, packMutationEvidence, type MutationMeasurement } from '../../../verify/mutationEvidence';
import { boundedVerdict, judgeMutation, LISTED, survivors, type MutantOutcome, type MutantStatus } from '../../../verify/mutationVerdict';
import { compactRun, testId, type TestRun } from '../../../verify/testResults';

// The mutation verdict is judged in the workflow on what the activity measured, packed to
// travel through the workflow's history: packed or not, the verdict must be the same.

/** The baseline's tests: those passing under `file`. */
const baseline = (ids: string[]): TestRun => compactRun({ runner: 'node', how: 'test', exitCode: 0, timedOut: false, problems: [] }, ids.map((id) => ({ file: id.slice(0, id.indexOf(' > ')), name: id.slice(id.indexOf(' > ') + 3), status: 'passed' as const })));

/** The verdict as the activity used to judge it, on the whole evidence, its lists cut to `listed`. */
function judgedWhole(e: MutationMeasurement, listed = LISTED) {
  const v = judgeMutation(e);
  return { verdict: boundedVerdict({ ...v, notMeasured: [...v.notMeasured, ...e.unplaced] }, listed), survivors: survivors(e.outcomes) };
}

const mutant = (file: string, line: number, mutator: string, origin: Mutant['origin'], k: number, extra: Partial<Mutant> = {}): Mutant => ({ id: `${file}:${line}:${k}`, file, line, mutator, start: k, end: k + 3, original: `a  +\n\tb /* ${k} ${'x'.repeat(k % 60)} */`, replacement: `a -  b ${'y'.repeat(k % 50)}`, origin, ...extra });

/** A small deterministic random source, so the cases are the same every run. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
  };
}

const MUTATORS = ['ArithmeticOperator', 'EqualityOperator', 'BlockStatement', 'ReturnValue', 'ReturnValueShift', 'StringLiteral', 'ConditionalExpression', 'Regex'];
const STATUSES: MutantStatus[] = ['killed', 'survived', 'timeout', 'error', 'notRun', 'unexecuted'];

/** Evidence of every shape the verdict reads: few files and lines, so lines share mutants of every status. */
function evidenceOf(seed: number, size = 1): { e: MutationMeasurement; base: TestRun } {
  const r = random(seed);
  const files = ['src/calc.js', 'src/a:b.js', 'lib/util.py'];
  const newIds = ['test/m.test.js > multiply', 'test/m.test.js > divide', 'test/n.test.js > add', 'test/n.test.js > sub'];
  const baseIds = Array.from({ length: 6 }, (_, k) => `test/base.test.js > case ${k}`);
  const otherIds = ['test/m.test.js > (file)', 'test/new-but-failing.test.js > x'];
  const outcomes = Array.from({ length: 1 + r(60 * size) }, (_, k): MutantOutcome<Mutant> => {
    const status = STATUSES[r(STATUSES.length)]!;
    const mutator = MUTATORS[r(MUTATORS.length)]!;
    const m = mutant(files[r(files.length)]!, 1 + r(8 * size), mutator, r(4) ? 'changed' : 'exercised', k, mutator === 'StringLiteral' && r(2) ? { inMessage: true } : {});
    const ran = status !== 'notRun' && status !== 'unexecuted';
    const killedBy = ran && status !== 'survived' ? [...newIds, ...baseIds, ...otherIds].filter(() => r(3) === 0) : [];
    return { mutant: m, status, killedBy, ...(status === 'unexecuted' && r(2) ? { errorPath: true } : {}) };
  });
  const lines = (n: number) => Array.from({ length: n * size }, () => `${files[r(files.length)]}:${1 + r(10 * size)}`);
  const placed = newIds.slice(0, 1 + r(newIds.length)).map((id) => ({ id, file: id.slice(0, id.indexOf(' > ')) }));
  const e: MutationMeasurement = {
    outcomes,
    control: r(8) ? { ok: true, detail: 'passed' } : { ok: false, detail: '1 failed: test/m.test.js > multiply' },
    newTests: placed,
    unplaced: r(3) ? [] : ['com.example.CalcTest > adds'],
    references: { 'test/m.test.js': [{ file: 'src/calc.js', names: ['multiply'] }, ...(r(2) ? [{ file: 'lib/util.py', names: ['*'] }] : [])], 'test/n.test.js': r(2) ? [{ file: 'src/a:b.js', ranges: [{ start: 1, end: 4 }], names: ['add'] }] : [] },
    unresolved: r(4) ? {} : { 'test/n.test.js': ['@alias/x'] },
    exitCodeOnly: r(10) === 0,
    baseTests: new Set(baseIds),
    ...(r(3) ? { unrunLines: lines(r(6)) } : {}),
    ...(r(3) ? { errorPathLines: lines(r(4)) } : {}),
  };
  return { e, base: baseline(baseIds) };
}

describe('the mutation evidence that travels to the workflow', () => {
  it('gives the verdict and survivors the whole evidence gives, over many shapes of it', () => {
    // Few lines listed of a kind, so that many are counted instead; and as many as the record lists.
    for (const [listed, size] of [[4, 1], [5, 6], [LISTED, 1], [LISTED, 30]] as const) {
      for (let seed = 1; seed <= 300; seed++) {
        const { e, base } = evidenceOf(seed, size);
        const travelled = JSON.parse(JSON.stringify(packMutationEvidence(e, listed)));
        expect(judgeMeasuredMutants(travelled, base, listed), `listed ${listed}, size ${size}, seed ${seed}`).toEqual(judgedWhole(e, listed));
      }
    }
  });

  it('counts lines alike past those the record names, the same as naming them', () => {
    // A generated file: lines that only raise and never run, lines never run at all, both on one
    // line, lines the budget left unrun, some of them coverage saw never run; and a few mutants run.
    const r = random(7);
    const file = 'src/generated.js';
    const ways: Array<Array<['notRun' | 'unexecuted', boolean]>> = [[['unexecuted', true]], [['unexecuted', false]], [['unexecuted', true], ['unexecuted', false]], [['notRun', false]], [['notRun', false], ['unexecuted', true]]];
    const outcomes = Array.from({ length: 600 }, (_, k): Array<MutantOutcome<Mutant>> => (ways[r(ways.length)]!).map(([status, errorPath], i) => ({ mutant: mutant(file, k + 1, 'EqualityOperator', 'changed', k * 2 + i), status, killedBy: [], ...(errorPath ? { errorPath } : {}) }))).flat();
    const ranSome = [10, 20, 30].map((line): MutantOutcome<Mutant> => ({ mutant: mutant(file, line, 'ArithmeticOperator', 'changed', 9000 + line), status: 'survived', killedBy: [] }));
    const unrunLines = Array.from({ length: 300 }, (_, k) => `${file}:${2 * k + 1}`);
    const e: MutationMeasurement = { ...evidenceOf(1).e, outcomes: [...ranSome, ...outcomes], unrunLines, errorPathLines: [`${file}:601`, `${file}:602`], exitCodeOnly: false };
    const packed = packMutationEvidence(e);
    expect(packed.unlisted.length).toBeGreaterThan(3);
    expect(judgeMeasuredMutants(packed, evidenceOf(1).base)).toEqual(judgedWhole(e));
  });

  it('keeps, of a mutant that ran, its text as a message shows it, and of its catchers what the verdict asks', () => {
    const long = mutant('src/calc.js', 3, 'BlockStatement', 'changed', 1, { original: `{\n${'  total += x;\n'.repeat(500)}}` });
    const base = Array.from({ length: 3000 }, (_, k) => `test/base.test.js > case ${k}`);
    const packed = packMutationEvidence({ ...evidenceOf(1).e, outcomes: [{ mutant: long, status: 'killed', killedBy: [...base, 'test/m.test.js > multiply'] }], newTests: [{ id: 'test/m.test.js > multiply', file: 'test/m.test.js' }], baseTests: new Set(base) });
    expect(packed.outcomes).toEqual([[0, 3, 0, 'changed', 'killed', '{ total += x; total += x; total += x; to', 'a - b y', [0, 1], 0]]);
    expect(packed.tests).toEqual(['test/base.test.js > case 0', 'test/m.test.js > multiply']);
  });

  it('stays well under the bound of a Temporal payload for a 250-mutant run over a generated file', () => {
    // 250 mutants run, each caught by all of 100 new tests and 2,000 of the base's; and 200,000
    // changed lines of a generated module (largeContent.test.ts adds one) no run reached, a
    // third never executed, a sixth of them coverage saw never run.
    const newTests = Array.from({ length: 100 }, (_, k) => ({ id: `test/generated/cases.test.js > computes the table entry number ${k} exactly`, file: 'test/generated/cases.test.js' }));
    const base = Array.from({ length: 2000 }, (_, k) => `test/base/suite.test.js > an older test of the module, number ${k}`);
    const file = 'src/generated/table-of-constants.js';
    const ran = Array.from({ length: 250 }, (_, k): MutantOutcome<Mutant> => ({ mutant: mutant(file, k + 1, 'ArithmeticOperator', 'changed', k), status: 'killed', killedBy: [...base, ...newTests.map((t) => t.id)] }));
    const unrun = Array.from({ length: 200_000 }, (_, k): MutantOutcome<Mutant> => ({ mutant: mutant(file, 251 + k, 'StringLiteral', 'changed', k), status: k % 3 ? 'notRun' : 'unexecuted', killedBy: [] }));
    const unrunLines = Array.from({ length: 200_000 / 6 }, (_, k) => `${file}:${251 + 6 * k}`);
    const e: MutationMeasurement = { outcomes: [...ran, ...unrun], control: { ok: true, detail: 'passed' }, newTests, unplaced: [], references: { 'test/generated/cases.test.js': [{ file, names: ['table'] }] }, unresolved: {}, exitCodeOnly: false, baseTests: new Set(base), unrunLines, errorPathLines: [] };
    const packed = packMutationEvidence(e);
    expect(Buffer.byteLength(JSON.stringify(packed), 'utf8')).toBeLessThan(MAX_RESULT_BYTES / 5);
    // The whole evidence, as it was judged in the activity, would not have fit.
    expect(Buffer.byteLength(JSON.stringify({ ...e, baseTests: [] }), 'utf8')).toBeGreaterThan(MAX_RESULT_BYTES);
    // A workflow task has seconds: the workflow judges hundreds of outcomes, not 200,000.
    expect(packed.outcomes.length).toBeLessThan(1000);
    expect(judgeMeasuredMutants(packed, baseline(base))).toEqual(judgedWhole(e));
  });
});
