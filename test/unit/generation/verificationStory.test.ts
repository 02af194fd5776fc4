import { describe, expect, it } from 'vitest';
import { baselineFailure, failureTail, readOnlyHint } from '../../../generation/verificationStory';

// What a person reads when a base or a change is turned away.
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

describe('a base that ran out of time', () => {
  it('names what was still running at the limit', () => {
    const run = { runner: 'node', how: 'node:test', exitCode: 124, timedOut: true, problems: [], files: [], cases: [], stillRunning: ['node --test', 'node /workspace/test/slow.test.js'] };
    expect(baselineFailure('b'.repeat(40), 'npm test', run, '')).toMatch(/^the tests are not green on the base b{12} \(`npm test`: timed out \(still running at the limit: node --test \| node \/workspace\/test\/slow\.test\.js\)\)/);
  });
});
