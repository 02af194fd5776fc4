import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  parseJest,
  parseMocha,
  parseNodeTest,
  parseTap,
  parseTestReport,
  parseVitest,
  type TestCounts,
} from '../../verify/testReport';

// Fixtures are real runner outputs (vitest 4.1.12, jest 30.5.2, node 20.20.2, mocha 12.0.3, tape, tap 21.8.0),
// captured non-TTY through a pipe; the *-color ones with FORCE_COLOR=1.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/test-output/${name}.txt`, import.meta.url), 'utf8');

// Expected values are what each runner printed in its own summary (see comments).
const cases: Array<[string, TestCounts]> = [
  // Tests  1 failed | 3 passed | 2 skipped | 1 todo (7)
  ['vitest-mixed', { runner: 'vitest', passed: 3, failed: 1, skipped: 3, total: 7 }],
  ['vitest-color', { runner: 'vitest', passed: 3, failed: 1, skipped: 3, total: 7 }],
  // Tests  3 passed (3)
  ['vitest-allpass', { runner: 'vitest', passed: 3, failed: 0, skipped: 0, total: 3 }],
  // Test Files  1 failed | 1 passed (2) / Tests  1 passed (1): the syntax-error file counts as a failure.
  ['vitest-broken', { runner: 'vitest', passed: 1, failed: 1, skipped: 0, total: 2 }],
  // Test Files  1 failed (1) / Tests  no tests
  ['vitest-onlybroken', { runner: 'vitest', passed: 0, failed: 1, skipped: 0, total: 1 }],
  // Tests  2 passed (2) / Errors  1 error
  ['vitest-unhandled', { runner: 'vitest', passed: 2, failed: 1, skipped: 0, total: 3 }],
  // npm test --workspaces: (1 failed | 3 passed | 2 skipped | 1 todo) + (3 passed)
  ['vitest-workspaces', { runner: 'vitest', passed: 6, failed: 1, skipped: 3, total: 10 }],
  // Tests:       1 failed, 1 skipped, 1 todo, 3 passed, 6 total
  ['jest-mixed', { runner: 'jest', passed: 3, failed: 1, skipped: 2, total: 6 }],
  ['jest-color', { runner: 'jest', passed: 3, failed: 1, skipped: 2, total: 6 }],
  // Test Suites: 1 failed, 1 passed, 2 total / Tests:       1 passed, 1 total
  ['jest-broken', { runner: 'jest', passed: 1, failed: 1, skipped: 0, total: 2 }],
  // Test Suites: 1 failed, 1 total / Tests:       0 total
  ['jest-onlybroken', { runner: 'jest', passed: 0, failed: 1, skipped: 0, total: 1 }],
  // tests 6, pass 2, fail 1, cancelled 1 (timeout), skipped 1, todo 1
  ['node-tap-mixed', { runner: 'node', passed: 2, failed: 2, skipped: 2, total: 6 }],
  ['node-spec-mixed', { runner: 'node', passed: 2, failed: 2, skipped: 2, total: 6 }],
  // 2 passing / 2 pending / 1 failing
  ['mocha-mixed', { runner: 'mocha', passed: 2, failed: 1, skipped: 2, total: 5 }],
  // tape: "# tests 5 / # pass 4 / # fail 1", where tape counts the failing "# TODO" point as a pass.
  ['tape-mixed', { runner: 'tap', passed: 3, failed: 1, skipped: 1, total: 5 }],
  // # { total: 6, pass: 3, fail: 1, todo: 1, skip: 1 }
  ['tap-mixed', { runner: 'tap', passed: 3, failed: 1, skipped: 2, total: 6, assertions: 6 }],
  // npm test -w b -w c -w d: vitest (3 passed) + mocha (2/1 failing/2 pending) + node --test (2/1+1 cancelled/1+1)
  ['workspaces-mixed', { runner: 'unknown', passed: 7, failed: 3, skipped: 4, total: 14 }],
];

describe('parseTestReport on real runner output', () => {
  it.each(cases)('%s', (name, expected) => {
    expect(parseTestReport(fixture(name))).toEqual(expected);
  });
});

describe('runner-specific parsers', () => {
  const parsers = { vitest: parseVitest, jest: parseJest, node: parseNodeTest, mocha: parseMocha, tap: parseTap };
  const single = cases.filter(([, c]) => c.runner !== 'unknown');

  it.each(single)('only the %s runner parser claims it', (name, expected) => {
    const output = fixture(name);
    for (const [runner, parse] of Object.entries(parsers)) {
      // node's TAP reporter output is valid TAP, so the generic TAP parser may read it too.
      if (runner === expected.runner || (runner === 'tap' && name === 'node-tap-mixed')) continue;
      expect(parse(output), runner).toBeUndefined();
    }
    expect(parsers[expected.runner as keyof typeof parsers](output)).toEqual(expected);
  });

  it("reads node's TAP output as plain TAP when asked, counting top-level points", () => {
    // not ok 1 - math / ok 2 - top pass / not ok 3 - timeout cancelled / 1..3
    expect(parseTap(fixture('node-tap-mixed'))).toEqual({ runner: 'tap', passed: 1, failed: 2, skipped: 0, total: 3 });
  });
});

describe('colour codes', () => {
  it.each(['vitest-color', 'jest-color'])('%s carries ANSI codes and parses like plain output', (name) => {
    const coloured = fixture(name);
    expect(coloured).toContain('\x1b[');
    const plain = coloured.replace(/\x1b\[[0-9;]*m/g, '');
    expect(parseTestReport(coloured)).toEqual(parseTestReport(plain));
    expect(parseTestReport(coloured)?.total).toBeGreaterThan(0);
  });
});

describe('failing suites are never reported as all passed', () => {
  it.each(['vitest-broken', 'vitest-onlybroken', 'vitest-unhandled', 'jest-broken', 'jest-onlybroken'])('%s', (name) => {
    const result = parseTestReport(fixture(name));
    expect(result?.failed ?? 1).toBeGreaterThan(0);
  });

  it('counts planned TAP points that never arrived as failures', () => {
    expect(parseTap('TAP version 13\n1..4\nok 1 a\nok 2 b\n')).toEqual({ runner: 'tap', passed: 2, failed: 2, skipped: 0, total: 4 });
    expect(parseTap('1..2\nok 1 a\nok 2 b\nBail out! database down\n')?.failed).toBe(1);
  });
});

describe('output without a summary', () => {
  it.each([
    ['empty', ''],
    ['npm error', 'npm error Missing script: "test"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\n'],
    ['crash before summary', 'Error: Cannot find module \'vitest\'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)\n'],
    ['TAP cut off before its plan', fixture('tape-mixed').split('\n1..5')[0] ?? ''],
    ['vitest per-file lines only', ' ✓ a.test.js (3 tests) 2ms\n'],
  ])('%s → undefined', (_name, output) => {
    expect(parseTestReport(output)).toBeUndefined();
  });
});
