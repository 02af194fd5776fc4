import { describe, expect, it } from 'vitest';
import { isDependencyInput, lockfileViolations } from '../../verify/dependencies';
import { parseDiff } from '../../verify/diffParse';
import { setupPathViolations } from '../../verify/inspectChange';
import { setupKey, setupOutputs } from '../../lab/setupSnapshot';
import { baselineFailure, failureTail, readOnlyHint } from '../../generation/verificationStory';

const tree = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, sha]) => [p, { sha }]));

describe('the setup snapshot key', () => {
  const files = { 'package.json': 'a1', 'package-lock.json': 'b1', 'src/index.js': 'c1', 'packages/ui/package.json': 'd1', 'node_modules/x/package.json': 'e1', 'requirements-dev.txt': 'f1', 'go.sum': 'g1' };

  it('is made from the command, the image and the dependency files only', () => {
    const { key, inputs } = setupKey('npm ci', 'sha256:img', tree(files));
    expect(inputs).toEqual(['go.sum', 'package-lock.json', 'package.json', 'packages/ui/package.json', 'requirements-dev.txt']);
    // Source changes keep the key: a loop pays for the install once.
    expect(setupKey('npm ci', 'sha256:img', tree({ ...files, 'src/index.js': 'c2', 'src/new.js': 'n' })).key).toBe(key);
    // A lockfile, a workspace manifest, the command or the image change it.
    for (const other of [
      setupKey('npm ci', 'sha256:img', tree({ ...files, 'package-lock.json': 'b2' })),
      setupKey('npm ci', 'sha256:img', tree({ ...files, 'packages/ui/package.json': 'd2' })),
      setupKey('npm install', 'sha256:img', tree(files)),
      setupKey('npm ci', 'sha256:other', tree(files)),
    ]) expect(other.key).not.toBe(key);
  });

  it('knows the dependency files of each ecosystem, and not installed copies', () => {
    for (const p of ['yarn.lock', 'pnpm-lock.yaml', 'a/pyproject.toml', 'requirements/base.txt', 'go.mod', 'Cargo.lock', '.npmrc', 'uv.lock']) expect(isDependencyInput(p), p).toBe(true);
    for (const p of ['README.md', 'node_modules/a/package.json', '.venv/lib/pyproject.toml', 'src/requirements.js']) expect(isDependencyInput(p), p).toBe(false);
  });
});

describe("what a setup command made", () => {
  it('keeps what it created, and names tracked files it changed', () => {
    const status = ['!! node_modules/', '?? .venv/', ' M package-lock.json', 'R  new.txt', 'old.txt', '!! .cache/tool.db', ''].join('\0');
    expect(setupOutputs(status)).toEqual({ made: ['.cache/tool.db', '.venv/', 'node_modules/'], changed: ['new.txt', 'package-lock.json'] });
    expect(setupOutputs('')).toEqual({ made: [], changed: [] });
  });
});

describe('the guard around installed dependencies', () => {
  const diffOf = (path: string, lines: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,4 +1,4 @@\n${lines}`;

  it('rejects a lockfile that would install something the tests never ran with, in every format', () => {
    const forms = [
      diffOf('package-lock.json', '     "node_modules/left-pad": {\n-      "version": "1.3.0",\n+      "version": "1.3.1",\n'),
      diffOf('yarn.lock', ' left-pad@^1.3.0:\n-  version "1.3.0"\n+  version "1.3.1"\n'),
      diffOf('go.sum', ' golang.org/x/text v0.3.0 h1:abc=\n+github.com/evil/mod v1.0.0 h1:def=\n'),
      diffOf('sub/pnpm-lock.yaml', ' packages:\n+  /evil@1.0.0:\n+    resolution: {integrity: sha512-x}\n'),
    ];
    for (const d of forms) {
      const v = lockfileViolations(parseDiff(d));
      expect(v, d).toHaveLength(1);
      expect(v[0]!.detail).toMatch(/never tested/);
    }
  });

  it("allows a lockfile that only drops entries, and other files' changes", () => {
    // Removing the last entry of a JSON object reshapes the one before it: brackets and commas only.
    expect(lockfileViolations(parseDiff(diffOf('package-lock.json', '     "a": {\n-    },\n-    "node_modules/b": { "version": "1.0.0" }\n+    }\n')))).toEqual([]);
    expect(lockfileViolations(parseDiff(diffOf('src/lock.json', '+{"version": 2}\n')))).toEqual([]);
  });

  it('rejects a change inside what the setup step installed, and nothing else', () => {
    const made = ['node_modules/', '.venv/', 'tool.db'];
    expect(setupPathViolations(['node_modules/left-pad/index.js', '.venv', 'tool.db', 'src/a.js', 'node_modules_note.md'], made).map((v) => v.detail)).toEqual([
      "node_modules/left-pad/index.js is inside node_modules/, which the setup step installs: installed files are not the Lab's to change",
      ".venv is inside .venv/, which the setup step installs: installed files are not the Lab's to change",
      "tool.db is a file the setup step installs: installed files are not the Lab's to change",
    ]);
    expect(setupPathViolations(['node_modules/x.js'])).toEqual([]);
  });
});

describe('a base that fails because a mounted folder is read-only', () => {
  it('says which mount, and that a setup step makes dependencies writable', () => {
    const forms = [
      "Error: ENOENT: no such file or directory, mkdir '/workspace/node_modules/.cache/ava'",
      "EROFS: read-only file system, open '/workspace/node_modules/.cache/.eslintcache'",
      'OSError: [Errno 30] Read-only file system: /workspace/node_modules/.vite',
    ];
    for (const f of forms) expect(readOnlyHint(f, ['node_modules']), f).toMatch(/^node_modules is mounted read-only .*"setup": "npm ci"/);
  });

  it('stays quiet for other failures and other folders', () => {
    expect(readOnlyHint("ENOENT: no such file or directory, open '/workspace/src/missing.json'", ['node_modules'])).toBeUndefined();
    expect(readOnlyHint("EROFS: read-only file system, open '/workspace/node_modules/x'", [])).toBeUndefined();
    expect(readOnlyHint('AssertionError: 5 !== 6 in node_modules', ['node_modules'])).toBeUndefined();
  });
});

describe('the output beside a rejection', () => {
  it('leaves out lines that only say a test passed, in each runner, and keeps the failures', () => {
    const output = [
      '........................................................................ [  9%]',
      '.....F..s...                                                             [ 19%]',
      '\x1b[32m✔ add (0.4ms)\x1b[39m',
      '  ✓ subtract',
      'ok 1 - test/calc.test.js > add',
      '=== RUN   TestAdd',
      '--- PASS: TestAdd (0.00s)',
      '• • • (3 / 3)',
      'FAILED tests/test_calc.py::test_add - assert 6 == 5',
      'not ok 2 - subtract',
      '--- FAIL: TestSubtract (0.00s)',
    ].join('\n');
    // A progress line with a failure mark in it stays.
    expect(failureTail(output)).toBe('.....F..s...                                                             [ 19%]\nFAILED tests/test_calc.py::test_add - assert 6 == 5\nnot ok 2 - subtract\n--- FAIL: TestSubtract (0.00s)');
    expect(failureTail('error '.repeat(250), 1000)).toHaveLength(1001);
  });
});

describe('a base whose tests pass but whose results cannot be read', () => {
  it('says it is a reading problem with its fix, not a red base', () => {
    const run = { runner: 'uvu', how: 'uvu', exitCode: 0, timedOut: false, problems: ["Loom's recorder could not follow this uvu (version 0.3.3): Upgrade uvu to 0.5.6"], files: [], cases: [] };
    expect(baselineFailure('a'.repeat(40), 'npm test', run, 'Total: 15')).toMatch(/^Loom cannot read the results of `npm test` on the base a{12}, whose tests exit 0: Loom's recorder could not follow this uvu \(version 0\.3\.3\): Upgrade uvu to 0\.5\.6\nTotal: 15$/);
    expect(baselineFailure('a'.repeat(40), 'npm test', { ...run, exitCode: 1 }, '')).toMatch(/^the tests are not green on the base/);
  });
});
