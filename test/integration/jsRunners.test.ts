import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOOM_ROOT } from '../../provision/state';
import { exampleRepo, expectPromoted, headSha, reasonOf, runGeneration } from './harness';
import { edit, labScript, write } from './scripts';
import { describeWithWorker } from './suite';

// JavaScript runners Loom reads through TAP, each run for real in the Lab image on a small
// repository of its own: an honest change promoted with per-test counts (a test with four
// assertions is one test), a breaking change rejected with the failing test named, and a
// deleted test caught by name. Containers have no network: the repository's node_modules
// is Loom's own (ava and tap are its development dependencies), hard-linked in, git-ignored,
// and mounted read-only.
interface Runner {
  example: string;
  runner: string;
  honest: Parameters<typeof labScript>[0];
  added: string[];
  assertions?: number;
  failing: RegExp;
  deleteTest: Parameters<typeof labScript>[0];
  lost: string;
}

const MULTIPLY = edit('src/calc.js', 'export function subtract(a, b) {', 'export function multiply(a, b) {\n  return a * b;\n}\n\nexport function subtract(a, b) {');

const RUNNERS: Runner[] = [
  {
    example: 'avacalc',
    runner: 'ava',
    honest: [
      MULTIPLY,
      write(
        'test/multiply.test.js',
        "import test from 'ava';\nimport { multiply } from '../src/calc.js';\n\ntest('multiply', (t) => {\n  t.is(multiply(3, 4), 12);\n  t.is(multiply(0, 4), 0);\n  t.is(multiply(1, 7), 7);\n  t.is(multiply(2, 2), 4);\n});\n\ntest('multiply negative', (t) => {\n  t.is(multiply(-2, 5), -10);\n});\n",
      ),
    ],
    added: ['test/multiply.test.js > multiply', 'test/multiply.test.js > multiply negative'],
    failing: /test\/calc\.test\.js > add \(.*Difference/,
    deleteTest: [edit('src/calc.js', 'return a - b;', 'return a - b + 1;'), edit('test/calc.test.js', "\ntest('subtract', (t) => {\n  t.is(subtract(5, 3), 2);\n});\n", '')],
    lost: 'test/calc.test.js > subtract',
  },
  {
    example: 'tapcalc',
    runner: 'tap',
    honest: [
      MULTIPLY,
      write(
        'test/multiply.test.js',
        "import t from 'tap';\nimport { multiply } from '../src/calc.js';\n\nt.test('multiply', async (t) => {\n  t.equal(multiply(3, 4), 12);\n  t.equal(multiply(0, 4), 0);\n  t.equal(multiply(1, 7), 7);\n  t.equal(multiply(2, 2), 4);\n});\n\nt.test('multiply negative', async (t) => {\n  t.equal(multiply(-2, 5), -10);\n});\n",
      ),
    ],
    added: ['test/multiply.test.js > multiply', 'test/multiply.test.js > multiply negative'],
    // 2 + 1 on the base, 4 + 1 new.
    assertions: 8,
    failing: /test\/calc\.test\.js > add \(should be equal/,
    deleteTest: [edit('src/calc.js', 'return a - b;', 'return a - b + 1;'), edit('test/calc.test.js', "\nt.test('subtract', async (t) => {\n  t.equal(subtract(5, 3), 2);\n});\n", '')],
    lost: 'test/calc.test.js > subtract',
  },
  {
    example: 'uvucalc',
    runner: 'uvu',
    honest: [
      MULTIPLY,
      write(
        'tests/multiply.test.js',
        "import { suite } from 'uvu';\nimport * as assert from 'uvu/assert';\nimport { multiply } from '../src/calc.js';\n\nconst multiplying = suite('multiply');\n\nmultiplying('positive', () => {\n  assert.is(multiply(3, 4), 12);\n  assert.is(multiply(0, 4), 0);\n  assert.is(multiply(1, 7), 7);\n  assert.is(multiply(2, 2), 4);\n});\n\nmultiplying('negative', () => {\n  assert.is(multiply(-2, 5), -10);\n});\n\nmultiplying.run();\n",
      ),
    ],
    added: ['tests/multiply.test.js > multiply > negative', 'tests/multiply.test.js > multiply > positive'],
    failing: /tests\/calc\.test\.js > add \(Expected values to be strictly equal/,
    deleteTest: [edit('src/calc.js', 'return a - b;', 'return a - b + 1;'), edit('tests/calc.test.js', "\ntest('subtract', () => {\n  assert.is(subtract(5, 3), 2);\n});\n", '')],
    lost: 'tests/calc.test.js > subtract',
  },
];

/** The example as a fresh repository, with Loom's node_modules hard-linked in (under a second, no copy of the data). */
async function jsRepo(example: string): Promise<string> {
  const repo = await exampleRepo(example);
  const started = Date.now();
  try {
    execFileSync('cp', ['-al', join(LOOM_ROOT, 'node_modules'), join(repo, 'node_modules')], { stdio: 'pipe' });
  } catch {
    // Hard links cannot cross filesystems (a checkout on another mount than the temp folder): copy.
    execFileSync('rm', ['-rf', join(repo, 'node_modules')]);
    execFileSync('cp', ['-a', join(LOOM_ROOT, 'node_modules'), join(repo, 'node_modules')]);
  }
  // As in a fresh install: no tool has left a cache in node_modules yet.
  execFileSync('rm', ['-rf', join(repo, 'node_modules', '.cache')]);
  if (Date.now() - started > 10_000) console.warn(`linking node_modules took ${Date.now() - started} ms`);
  expect(execFileSync('git', ['-C', repo, 'status', '--porcelain'], { encoding: 'utf8' })).toBe('');
  return repo;
}

describeWithWorker('JavaScript runners read through TAP, and uvu through a recorder', 'jsrunners', (h) => {
  for (const r of RUNNERS) describe(`${r.example} (${r.runner})`, () => {
    const settings = { testCommand: 'npm test', mounts: ['node_modules'] };

    it('needs its runner in Loom\'s node_modules', () => {
      expect(existsSync(join(LOOM_ROOT, 'node_modules', r.runner, 'package.json'))).toBe(true);
    });

    it('an honest change is promoted, a test with four assertions counting once', async () => {
      const repo = await jsRepo(r.example);
      const { record } = await runGeneration(h, repo, labScript(r.honest), { settings });
      await expectPromoted(repo, record);
      expect(record.tests).toMatchObject({ runner: r.runner, passed: 4, failed: 0, skipped: 0, total: 4, exitCode: 0 });
      expect(record.verification!.lab!.added.sort()).toEqual(r.added);
      expect(record.verification!.lab!.assertions).toBe(r.assertions);
      expect(record.tests!.assertions).toBe(r.assertions);
      expect(record.verification!.heldOut).toMatchObject({ stillPassing: 2, basePassed: 2 });
      expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    });

    it('a breaking change is rejected at runTests, naming the failing test and its failure', async () => {
      const repo = await jsRepo(r.example);
      const base = await headSha(repo);
      const { record } = await runGeneration(h, repo, labScript([edit('src/calc.js', 'return a + b;', 'return a + b + 1;')]), { settings });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'runTests' });
      expect(reasonOf(record)).toMatch(r.failing);
      expect(await headSha(repo)).toBe(base);
    });

    it('a deleted test is caught by name', async () => {
      const repo = await jsRepo(r.example);
      const { record } = await runGeneration(h, repo, labScript(r.deleteTest), { settings });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'runTests' });
      expect(reasonOf(record)).toContain(`tests-lost: 1 test that passed on the base did not run: ${r.lost}`);
    });
  });

  it("ava keeping its cache in a read-only node_modules: the baseline fails, saying why and how to make it writable", async () => {
    const repo = await jsRepo('avacalc');
    // As most repositories have it: ava's cache in its default place, node_modules/.cache/ava.
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete pkg.ava;
    writeFileSync(join(repo, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    execFileSync('git', ['-C', repo, 'commit', '-qam', 'ava: default cache']);
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY]), { settings: { testCommand: 'npm test', mounts: ['node_modules'] } });
    expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'failed', stage: 'baseline' });
    expect(reasonOf(record)).toMatch(/node_modules is mounted read-only \(--mount \/ "mounts"\), and the tests write into it .*"setup": "npm ci"/);
  });
});
