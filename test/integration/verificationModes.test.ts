import { expect, it } from 'vitest';
import { showGeneration } from '../../client/history';
import { readLedger } from '../../ledger/generationLedger';
import { calcWith, expectPromoted, runGeneration } from './harness';
import { addMultiply } from './scripts';
import { describeWithWorker } from './suite';

// The two ways to verify a repository whose runner Loom does not read itself.
describeWithWorker('verification without a runner Loom reads', 'modes', (h) => {

  it('JUnit XML the test command writes into $LOOM_REPORT_DIR gives per-test results, by name', async () => {
    const repo = await calcWith({ 'run-tests.sh': '#!/bin/sh\nexec node --test --test-reporter=junit --test-reporter-destination="$LOOM_REPORT_DIR/junit.xml"\n' });
    const { record } = await runGeneration(h, repo, addMultiply(), { settings: { testCommand: 'sh run-tests.sh', verification: { report: 'junit' } } });
    await expectPromoted(repo, record);
    expect(record.verification).toMatchObject({ runner: 'junit', how: expect.stringMatching(/^JUnit XML the test command writes/) });
    expect(record.verification!.blind).toBeUndefined();
    expect(record.verification!.lab!.added.sort()).toEqual(['test > multiply', 'test > multiply negative']);
    expect(record.verification!.heldOut).toMatchObject({ stillPassing: 2, basePassed: 2 });
  });

  it('verified by exit code alone: promoted, and every record says what went unseen', async () => {
    const repo = await calcWith({ 'run-tests.sh': '#!/bin/sh\nexec node --test\n' });
    const { record } = await runGeneration(h, repo, addMultiply(), { settings: { testCommand: 'sh run-tests.sh', verification: { report: 'exit-code' } } });
    await expectPromoted(repo, record);
    expect(record.verification!.runner).toBe('exit-code');
    expect(record.verification!.blind).toEqual(['lost tests (no per-test results)', 'skipped tests (no per-test results)', 'vacuous new tests (kills are not attributed to tests)']);
    // Mutants are still killed by the exit code.
    expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    const [entry] = await readLedger(repo);
    expect(showGeneration(entry!)).toMatch(/BLIND +lost tests \(no per-test results\)/);
  });

  it('by exit code alone, a broken change still fails the held-out run', async () => {
    const repo = await calcWith({ 'run-tests.sh': '#!/bin/sh\nexec node --test\n' });
    const breakAdd = { tool: 'edit', input: { path: 'src/calc.js', old_text: 'return a + b;', new_text: 'return a + b + 1;' } };
    const rewrite = { tool: 'edit', input: { path: 'test/calc.test.js', old_text: 'add(2, 3), 5', new_text: 'add(2, 3), 6' } };
    const { record } = await runGeneration(h, repo, { lab: [breakAdd, rewrite, { text: 'Done.' }], prime: [] }, { settings: { testCommand: 'sh run-tests.sh', verification: { report: 'exit-code' } } });
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'heldOut', reason: expect.stringMatching(/the test command exited 1/) });
  });
});
