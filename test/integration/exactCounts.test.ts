import { expect, it } from 'vitest';
import { showGeneration } from '../../client/history';
import { readLedger } from '../../ledger/generationLedger';
import { calcWith, expectPromoted, runGeneration } from './harness';
import { addMultiply, edit, labScript } from './scripts';
import { describeWithWorker } from './suite';

// Two tests may share a file and a name. Each is its own test: counted, and judged by the
// lost, failed and skipped rules, numbered in the order the runner reports them. The
// record shows the runner's own count beside Loom's.
const TWIN_ADDS = {
  'test/calc.test.js':
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add, subtract } from '../src/calc.js';\n\n" +
    "test('add', () => {\n  assert.equal(add(2, 3), 5);\n});\n\ntest('add', () => {\n  assert.equal(add(-4, 1), -3);\n});\n\n" +
    "test('subtract', () => {\n  assert.equal(subtract(5, 3), 2);\n});\n",
};

describeWithWorker('every test counted, two of one name apart', 'counts', (h) => {
  it("counts both tests of one name, as the runner's own count does, and says the runner's count", async () => {
    const repo = await calcWith({ ...TWIN_ADDS, 'run-tests.sh': '#!/bin/sh\nexec node --test --test-reporter=junit --test-reporter-destination="$LOOM_REPORT_DIR/junit.xml"\n' });
    const { record } = await runGeneration(h, repo, addMultiply(), { settings: { testCommand: 'sh run-tests.sh', verification: { report: 'junit' } } });
    await expectPromoted(repo, record);
    expect(record.tests).toMatchObject({ total: 5, passed: 5, runnerTotal: 5 });
    expect(record.tests!.countWarning).toBeUndefined();
    expect(record.verification!.heldOut).toMatchObject({ stillPassing: 3, basePassed: 3 });
    const [entry] = await readLedger(repo);
    expect(showGeneration(entry!)).toMatch(/tests {5}5 passed, 0 failed, 0 skipped of 5 \(junit, .*; junit counted 5 too/);
  });

  it('a change that breaks the second of two same-named tests is rejected with that test named', async () => {
    const repo = await calcWith(TWIN_ADDS);
    const breakNegative = edit('src/calc.js', 'return a + b;', 'return a < 0 ? -a + b : a + b;');
    const { record } = await runGeneration(h, repo, labScript([breakNegative]), {});
    expect(record.outcome).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('test/calc.test.js > add #2') });
    expect(record.tests).toMatchObject({ total: 3, failed: 1 });
  });
});
