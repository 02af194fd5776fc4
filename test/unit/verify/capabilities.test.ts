import { describe, expect, it } from 'vitest';
import { declaredCapabilities, judgeCapabilities, newCapabilities, type CapabilityUse } from '../../../verify/capabilities';

describe('judging new capabilities', () => {
  const use = (what: string, line: number, file = 'src/a.js', capability: CapabilityUse['capability'] = 'environment'): CapabilityUse => ({ capability, what, line, file });

  it('counts only uses on added lines that the base version of the changed files did not already make', () => {
    const base = [use('process.env.LOG_LEVEL', 3)];
    const lab = [use('process.env.LOG_LEVEL', 9), use('process.env.CI', 10), use('process.env.HOME', 2)];
    const added = new Map([['src/a.js', new Set([9, 10])]]);
    expect(newCapabilities(base, lab, added).map((u) => u.what)).toEqual(['process.env.CI']);
  });

  it('rejects an undeclared capability with the place and the way to declare it, and reports a declared one without rejecting', () => {
    const reported = [use('process.env.CI', 4)];
    const j = judgeCapabilities(reported, new Set());
    expect(j.violations[0]).toMatch(/reads the environment .*src\/a\.js:4 \(process\.env\.CI\).*## Capabilities.*- environment: why/);
    expect(judgeCapabilities(reported, declaredCapabilities(['environment: reads CALC_PRECISION']).declared).violations).toEqual([]);
    expect(judgeCapabilities([], new Set(), [{ file: 'src/big.js', why: 'it does not parse' }]).violations[0]).toMatch(/src\/big\.js cannot be read as code/);
  });

  it('takes a use the task names in its own words as declared, that use only', () => {
    const task = "src/calc.js also registers a process 'beforeExit' listener that warns, and reads the rounding from CALC_MODE. The exit code stays as it is.";
    const uses = [use("process.on('beforeExit')", 4, 'src/calc.js', 'process internals'), use('process.env.CALC_MODE', 5, 'src/calc.js'), use('process.env.CI', 6, 'src/calc.js'), use("process.on('exit')", 7, 'src/calc.js', 'process internals')];
    const v = judgeCapabilities(uses, new Set(), [], task).violations;
    expect(v).toHaveLength(2);
    expect(v.join(' ')).toMatch(/src\/calc\.js:6 \(process\.env\.CI\)/);
    // "exit" in prose is not the 'exit' event; quoted, it is.
    expect(v.join(' ')).toMatch(/src\/calc\.js:7 \(process\.on\('exit'\)\)/);
    expect(judgeCapabilities([uses[3]!], new Set(), [], "an 'exit' listener").violations).toEqual([]);
    expect(judgeCapabilities(uses.slice(0, 2), new Set()).violations).toHaveLength(2);
    // A Go import path is not named by its host, nor a source file by the task that says where the change goes.
    const rewrite = use('example.com/gocalc.TieBreak = (rewrites a package it does not own)', 13, 'bankers/bankers.go', 'process internals');
    expect(judgeCapabilities([rewrite], new Set(), [], 'add package bankers (example.com/gocalc/bankers)').violations).toHaveLength(1);
    expect(judgeCapabilities([use('os.ReadFile("calc.go")', 3, 'calc.go', 'source files')], new Set(), [], 'Add Round to calc.go').violations).toHaveLength(1);
    expect(judgeCapabilities([use('os.Getenv("LEDGER_DECIMALS")', 15, 'ledger/ledger.go')], new Set(), [], 'reads LEDGER_DECIMALS from the environment').violations).toEqual([]);
  });

  it('reads declarations by their first words, and names the bullets it does not understand', () => {
    const d = declaredCapabilities(['Environment variables: CALC_PRECISION', 'the call stack for error messages', 'arguments: --verbose', 'network access']);
    expect([...d.declared].sort()).toEqual(['arguments', 'call stack', 'environment']);
    expect(d.unknown).toEqual(['network access']);
  });
});
