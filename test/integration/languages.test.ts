import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { javaLabImageTag, rustLabImageTag } from '../../provision/state';
import { summarizeRun } from '../../verify/testResults';
import { docker, exampleRepo, exampleWith, expectPromoted, git, headSha, reasonOf, runGeneration } from './harness';
import { edit, labScript, write } from './scripts';
import { describeWithWorker } from './suite';

// Repositories in other languages, each through its own runner in the Lab image: an honest
// change promoted with the runner's own per-test counts, a breaking change rejected with the
// failing test named, and a deleted test caught by name.
interface Language {
  example: string;
  testCommand: string;
  /** How the record says the runner was found and run. */
  how?: RegExp;
  runner: string;
  honest: Parameters<typeof labScript>[0];
  added: string[];
  breakAdd: Parameters<typeof labScript>[0];
  failing: RegExp;
  deleteTest: Parameters<typeof labScript>[0];
  lost: string;
  /** New code with a test that calls it but checks nothing. */
  vacuous: Parameters<typeof labScript>[0];
  /** A Lab image with the language's toolchain, when Loom's own has none. */
  labImage?: () => string;
  /** How the vacuous test is named, where Loom traces a test to the code it calls. */
  vacuousTest?: RegExp;
}

const RUST_MULTIPLY = edit('src/lib.rs', '/// Returns a - b.', '/// Returns a * b.\npub fn multiply(a: i64, b: i64) -> i64 {\n    a * b\n}\n\n/// Returns a - b.');

const LANGUAGES: Language[] = [
  {
    example: 'pycalc',
    testCommand: 'python3 -m pytest -q',
    runner: 'pytest',
    honest: [
      edit('calc.py', 'def subtract(a, b):\n    return a - b\n', 'def subtract(a, b):\n    return a - b\n\n\ndef multiply(a, b):\n    return a * b\n'),
      write('tests/test_multiply.py', 'from calc import multiply\n\n\ndef test_multiply():\n    assert multiply(3, 4) == 12\n\n\ndef test_multiply_negative():\n    assert multiply(-2, 5) == -10\n'),
    ],
    added: ['tests/test_multiply.py > test_multiply', 'tests/test_multiply.py > test_multiply_negative'],
    breakAdd: [edit('calc.py', 'return a + b', 'return a + b + 1')],
    failing: /tests\/test_calc\.py > test_add \(assert 6 == 5/,
    deleteTest: [edit('calc.py', 'return a - b', 'return a - b + 1'), edit('tests/test_calc.py', '\n\ndef test_subtract():\n    assert subtract(5, 3) == 2\n', '\n')],
    lost: 'tests/test_calc.py > test_subtract',
    vacuous: [
      edit('calc.py', 'def subtract(a, b):\n    return a - b\n', 'def subtract(a, b):\n    return a - b\n\n\ndef multiply(a, b):\n    return a * b\n'),
      write('tests/test_multiply.py', 'from calc import multiply\n\n\ndef test_multiply():\n    multiply(3, 4)\n'),
    ],
    vacuousTest: /vacuous-test: .*tests\/test_multiply\.py > test_multiply \(passes under all \d+ mutants of calc\.py: multiply/,
  },
  {
    example: 'gocalc',
    // go vet after the tests: go test runs alone, so its report flags reach it, and vet is no test result.
    testCommand: 'go test ./... && go vet ./...',
    how: /run alone, without the commands after go$/,
    runner: 'go',
    honest: [
      edit('calc.go', '// Subtract returns a - b.', '// Multiply returns a * b.\nfunc Multiply(a, b int) int {\n\treturn a * b\n}\n\n// Subtract returns a - b.'),
      write('multiply_test.go', 'package calc\n\nimport "testing"\n\nfunc TestMultiply(t *testing.T) {\n\tif got := Multiply(3, 4); got != 12 {\n\t\tt.Errorf("Multiply(3, 4) = %d, want 12", got)\n\t}\n}\n\nfunc TestMultiplyNegative(t *testing.T) {\n\tif got := Multiply(-2, 5); got != -10 {\n\t\tt.Errorf("Multiply(-2, 5) = %d, want -10", got)\n\t}\n}\n'),
    ],
    added: ['. > TestMultiply', '. > TestMultiplyNegative'],
    breakAdd: [edit('calc.go', 'return a + b', 'return a + b + 1')],
    failing: /\. > TestAdd \(calc_test\.go:\d+: Add\(2, 3\) = 6, want 5/,
    deleteTest: [
      edit('calc.go', 'return a - b', 'return a - b + 1'),
      edit('calc_test.go', '\n\nfunc TestSubtract(t *testing.T) {\n\tif got := Subtract(5, 3); got != 2 {\n\t\tt.Errorf("Subtract(5, 3) = %d, want 2", got)\n\t}\n}\n', '\n'),
    ],
    lost: '. > TestSubtract',
    vacuous: [
      edit('calc.go', '// Subtract returns a - b.', '// Multiply returns a * b.\nfunc Multiply(a, b int) int {\n\treturn a * b\n}\n\n// Subtract returns a - b.'),
      write('multiply_test.go', 'package calc\n\nimport "testing"\n\nfunc TestMultiply(t *testing.T) {\n\t_ = Multiply(3, 4)\n}\n'),
    ],
    vacuousTest: /vacuous-test: .*\. > TestMultiply \(passes under all \d+ mutants of calc\.go: Multiply/,
  },
  {
    example: 'rustcalc',
    testCommand: 'cargo test',
    runner: 'cargo',
    labImage: rustLabImageTag,
    honest: [
      RUST_MULTIPLY,
      write('tests/multiply.rs', 'use rustcalc::multiply;\n\n#[test]\nfn test_multiply() {\n    assert_eq!(multiply(3, 4), 12);\n}\n\n#[test]\nfn test_multiply_negative() {\n    assert_eq!(multiply(-2, 5), -10);\n}\n'),
    ],
    added: ['tests/multiply.rs > test_multiply', 'tests/multiply.rs > test_multiply_negative'],
    breakAdd: [edit('src/lib.rs', '    a + b\n', '    a + b + 1\n')],
    failing: /tests\/calc\.rs > test_add \(thread 'test_add' panicked at 'assertion failed: `\(left == right\)`\s+left: `6`, right: `5`'/,
    deleteTest: [edit('src/lib.rs', '    a - b\n', '    a - b + 1\n'), edit('tests/calc.rs', '\n#[test]\nfn test_subtract() {\n    assert_eq!(subtract(5, 3), 2);\n}\n', '\n'), edit('tests/calc.rs', 'use rustcalc::{add, subtract};', 'use rustcalc::add;')],
    lost: 'tests/calc.rs > test_subtract',
    vacuous: [RUST_MULTIPLY, write('tests/multiply.rs', 'use rustcalc::multiply;\n\n#[test]\nfn test_multiply() {\n    let _ = multiply(3, 4);\n}\n')],
  },
];

/** pycalc with its tests written for unittest alone: no conftest, a test package, a class of test methods. */
function unittestRepo(): Promise<string> {
  return exampleWith('pycalc', {
    'conftest.py': null,
    'README.md': '# pycalc, unittest\n\nTwo functions and their unittest tests (`python3 -m unittest discover -s tests -t .`).\n',
    'tests/__init__.py': '',
    'tests/test_calc.py': 'import unittest\n\nfrom calc import add, subtract\n\n\nclass TestCalc(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n\n    def test_subtract(self):\n        self.assertEqual(subtract(5, 3), 2)\n',
  });
}

const UNITTEST_MULTIPLY = [
  edit('calc.py', 'def subtract(a, b):\n    return a - b\n', 'def subtract(a, b):\n    return a - b\n\n\ndef multiply(a, b):\n    return a * b\n'),
  write('tests/test_multiply.py', 'import unittest\n\nfrom calc import multiply\n\n\nclass TestMultiply(unittest.TestCase):\n    def test_multiply(self):\n        self.assertEqual(multiply(3, 4), 12)\n\n    def test_multiply_negative(self):\n        self.assertEqual(multiply(-2, 5), -10)\n'),
];

// Java with Maven, in the Lab image docs/lab-images.md describes (provision/test-tools.sh builds it),
// with the loom.config.json settings that recipe gives, read from it as written: the setup step
// runs the tests once with network, which fetches surefire's JUnit Platform provider as well
// (dependency:go-offline does not), and leaves no target/ behind; the test command copies
// surefire's JUnit XML into $LOOM_REPORT_DIR, since surefire's reportsDirectory has no
// command-line property. Its labImage is the suite's own build of that image.
const LAB_IMAGES_DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'lab-images.md'), 'utf8');
const JAVA_SETTINGS = (() => {
  const block = /^## Java with Maven\n[\s\S]*?^```json\n([\s\S]*?)^```/m.exec(LAB_IMAGES_DOC);
  if (!block) throw new Error("docs/lab-images.md has no loom.config.json block under '## Java with Maven'");
  const { labImage: _, ...settings } = JSON.parse(block[1]!) as { labImage: string; setup: string; testCommand: string; verification: { report: 'junit' } };
  return settings;
})();
const JAVA_MULTIPLY = [
  edit('src/main/java/example/Calc.java', '    /** Returns a - b. */', '    /** Returns a * b. */\n    public static long multiply(long a, long b) {\n        return a * b;\n    }\n\n    /** Returns a - b. */'),
  write(
    'src/test/java/example/MultiplyTest.java',
    'package example;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass MultiplyTest {\n    @Test\n    void multiply() {\n        assertEquals(12, Calc.multiply(3, 4));\n    }\n\n    @Test\n    void multiplyNegative() {\n        assertEquals(-10, Calc.multiply(-2, 5));\n    }\n}\n',
  ),
];
/** Why the Java cases cannot run here, if they cannot: they skip for it outside CI, and run (and fail) under CI. */
const javaMissing = await (async () => {
  let tag: string;
  try {
    tag = javaLabImageTag();
  } catch (err) {
    return (err as Error).message;
  }
  return docker.getImage(tag).inspect().then(
    () => undefined,
    () => `the Java Lab image ${tag} is not on this Docker engine (bash provision/test-tools.sh builds it; .loom/java-image.log says why it did not)`,
  );
})();
const skipJava = Boolean(javaMissing) && !process.env.CI;
if (skipJava) console.warn(`\n!!! SKIPPING THE JAVA (MAVEN) TESTS: ${javaMissing} !!!\n`);

describeWithWorker('repositories in other languages', 'languages', (h) => {
  for (const lang of LANGUAGES) describe(`${lang.example} (${lang.runner})`, () => {
    const settings = () => ({ testCommand: lang.testCommand, ...(lang.labImage ? { labImage: lang.labImage() } : {}) });

    it("an honest change is promoted, with the runner's own per-test counts", async () => {
      const repo = await exampleRepo(lang.example);
      const { record } = await runGeneration(h, repo, labScript(lang.honest), { settings: settings() });
      await expectPromoted(repo, record);
      expect(record.tests).toMatchObject({ runner: lang.runner, passed: 4, failed: 0, skipped: 0, total: 4, exitCode: 0 });
      if (lang.how) expect(record.verification!.how).toMatch(lang.how);
      expect(record.verification!.lab!.added.sort()).toEqual(lang.added);
      expect(record.verification!.heldOut).toMatchObject({ stillPassing: 2, basePassed: 2 });
      expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    });

    it('a breaking change is rejected at runTests, naming the failing test and its failure', async () => {
      const repo = await exampleRepo(lang.example);
      const base = await headSha(repo);
      const { record } = await runGeneration(h, repo, labScript(lang.breakAdd), { settings: settings() });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'runTests' });
      expect(reasonOf(record)).toMatch(lang.failing);
      expect(await headSha(repo)).toBe(base);
    });

    it('a deleted test is caught by name', async () => {
      const repo = await exampleRepo(lang.example);
      const { record } = await runGeneration(h, repo, labScript(lang.deleteTest), { settings: settings() });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'runTests' });
      expect(reasonOf(record)).toContain(`tests-lost: 1 test that passed on the base did not run: ${lang.lost}`);
    });

    it('new code whose test checks nothing is rejected: its mutants survive', async () => {
      const repo = await exampleRepo(lang.example);
      const { record } = await runGeneration(h, repo, labScript(lang.vacuous), { settings: settings() });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'mutation' });
      // Python and Go tests are traced to the code they call, so the test itself is named; elsewhere
      // no mutant of the change is caught, so the change is untested as a whole.
      expect(reasonOf(record)).toMatch(lang.vacuousTest ?? /untested-change: /);
    });
  });

  describe.skipIf(skipJava)(`javacalc (junit: maven surefire)${skipJava ? ` (SKIPPED: ${javaMissing})` : ''}`, () => {
    const settings = () => ({ ...JAVA_SETTINGS, labImage: javaLabImageTag() });

    it("an honest change is promoted, with surefire's own count, parameterized invocations each a test", async () => {
      const repo = await exampleRepo('javacalc');
      const { record } = await runGeneration(h, repo, labScript(JAVA_MULTIPLY), { settings: settings() });
      await expectPromoted(repo, record);
      // The setup step installs into the home (~/.m2) alone, keyed by pom.xml: nothing of the workspace is kept.
      expect(record.setup).toMatchObject({ paths: [], inputs: ['pom.xml'] });
      // 3 tests and 3 invocations of the parameterized one: Loom's count is surefire's.
      expect(record.tests).toMatchObject({ runner: 'junit', passed: 7, failed: 0, skipped: 0, total: 7, runnerTotal: 7, exitCode: 0 });
      expect(record.tests!.countWarning).toBeUndefined();
      expect(record.verification!.lab!.added.sort()).toEqual(['example.MultiplyTest > multiply', 'example.MultiplyTest > multiplyNegative']);
      expect(record.verification!.heldOut).toMatchObject({ stillPassing: 5, basePassed: 5 });
      expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    });

    it('a breaking change is rejected at runTests, naming the failing tests and their failures', async () => {
      const repo = await exampleRepo('javacalc');
      const base = await headSha(repo);
      const { record } = await runGeneration(h, repo, labScript([edit('src/main/java/example/Calc.java', 'return a + b;', 'return a + b + 1;')]), { settings: settings() });
      expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'rejected', stage: 'runTests' });
      expect(reasonOf(record)).toMatch(/example\.CalcTest > add \(expected: <5> but was: <6>/);
      expect(reasonOf(record)).toMatch(/example\.CalcTest > addsPairs\(long, long, long\)\[3\] \(expected: <42> but was: <43>/);
      expect(record.tests).toMatchObject({ runner: 'junit', passed: 1, failed: 4, total: 5, runnerTotal: 5 });
      expect(await headSha(repo)).toBe(base);
    });
  });

  // unittest run by itself: one generation, then the same activity on a commit that breaks
  // add, which fails by the test's name.
  describe('pycalc, unittest only (unittest)', () => {
    const testCommand = 'python3 -m unittest discover -s tests -t .';

    it("an honest change is promoted with unittest's per-test counts, and a breaking commit fails naming its test", async () => {
      const repo = await unittestRepo();
      const { record } = await runGeneration(h, repo, labScript(UNITTEST_MULTIPLY), { settings: { testCommand } });
      await expectPromoted(repo, record);
      expect(record.tests).toMatchObject({ runner: 'unittest', passed: 4, failed: 0, skipped: 0, total: 4, exitCode: 0 });
      expect(record.verification!.lab!.added.sort()).toEqual(['tests/test_multiply.py > TestMultiply > test_multiply', 'tests/test_multiply.py > TestMultiply > test_multiply_negative']);
      expect(record.verification!.heldOut).toMatchObject({ stillPassing: 2, basePassed: 2 });
      expect(record.verification!.mutation!.killed).toBeGreaterThan(0);

      await git(repo, 'checkout', '-q', '-b', 'broken');
      writeFileSync(join(repo, 'calc.py'), readFileSync(join(repo, 'calc.py'), 'utf8').replace('return a + b', 'return a + b + 1'));
      await git(repo, 'commit', '-qam', 'add is off by one');
      const sha = await headSha(repo, 'broken');
      const broken = await h.activities.runTests({ scope: { repoPath: repo, runId: `unittest-broken-${process.pid}`, generation: 2, mounts: [], setupPaths: [] }, purpose: 'lab', ref: 'refs/heads/broken', sha, baseSha: sha, testCommand, report: 'auto' });
      expect(broken.ok).toBe(false);
      const summary = summarizeRun(broken.run);
      expect(summary).toMatchObject({ runner: 'unittest', passed: 3, failed: 1, total: 4, problems: [] });
      expect(summary.failedTests).toEqual([expect.stringMatching(/^tests\/test_calc\.py > TestCalc > test_add \(AssertionError: 6 != 5/)]);
    });
  });
});
