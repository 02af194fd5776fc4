import { describe, expect, it } from 'vitest';
import { formatRecord } from '../../../client/formatRecord';
import type { GenerationRecord } from '../../../generation/recordTypes';

const record = (over: Partial<GenerationRecord>): GenerationRecord => ({
  generation: 3,
  repoPath: '/r',
  baseRef: 'main',
  labBranch: 'lab/gen-3',
  program: '# Task',
  outcome: { kind: 'promoted', sha: 'a'.repeat(40) },
  usage: {},
  costUsd: 0,
  durationsMs: {},
  ...over,
});
const tests = { runner: 'mocha', passed: 1977, failed: 0, skipped: 0, total: 1977, exitCode: 0, timedOut: false, command: 'npm test' };

describe('loom show', () => {
  it("gives the runner's own count beside Loom's, and a warning where they differ", () => {
    expect(formatRecord(record({ tests: { ...tests, runnerTotal: 1977 } }))).toMatch(/tests {5}1977 passed, 0 failed, 0 skipped of 1977 \(mocha, `npm test`, exit 0\); mocha counted 1977 too\n/);
    const differing = formatRecord(record({ tests: { ...tests, runnerTotal: 1978, countWarning: 'Loom read 1977 tests where mocha counted 1978' } }));
    expect(differing).toContain('  WARNING   Loom read 1977 tests where mocha counted 1978');
    expect(differing).not.toContain('counted 1978 too');
  });

  it('says how many surviving mutants were called like their function, and whether any answered differently', () => {
    const mutation = { engine: 'e', generated: 9, ran: 9, killed: 7, survivors: ['src/a.js:3 `x` -> `y` (Regex)'], vacuous: [], notMeasured: [], control: 'passed', durationMs: 5000 };
    const shown = (differing: string[]) => formatRecord(record({ verification: { runner: 'node', how: 'node', mutation: { ...mutation, survivorsCalled: { mutants: 2, calls: 240, differing, durationMs: 900 } } } }));
    expect(shown([])).toContain('2 survivors of changed lines called like their function (240 calls): each answers as the change does');
    expect(shown(['a', 'b'])).toContain('2 survivors of changed lines called like their function (240 calls): 2 answer differently');
  });

  it('says which TypeScript files were judged through their compiled JavaScript, and what became of each changed vendor folder', () => {
    const mutation = { engine: 'e', generated: 4, ran: 4, killed: 4, survivors: [], vacuous: [], notMeasured: [], control: 'passed', durationMs: 2000, judgedThrough: ['src/calc.ts → src/calc.js'] };
    const shown = formatRecord(record({ verification: { runner: 'go', how: 'go', mutation, vendor: [{ root: '', outcome: 'same' }, { root: 'tools', outcome: 'unmade' }] } }));
    expect(shown).toContain('judged through its compiled JavaScript: src/calc.ts → src/calc.js');
    expect(shown).toContain('  vendor    vendor/ is what go mod vendor makes, file for file');
    expect(shown).toContain('  vendor    tools/vendor/ could not be made again offline');
  });
});
