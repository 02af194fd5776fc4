import { it } from 'vitest';
import { ATTACKS } from './attacks';
import { expectStopped } from './attackRun';
import { describeWithWorker } from './suite';

// Hostile Labs against everything around the tests: the run's setup, history, bytes, links, words, program.md, runners. The reviewer approves everything; each form must be
// stopped by a mechanical gate, with a reason that names the problem.
const CLASSES = [3,6,7,8,9,10,11];

describeWithWorker(`attacks on verification: everything around the tests: the run's setup, history, bytes, links, words, program.md, runners`, 'attacks-surface', (h) => {

  it.each(ATTACKS.filter((f) => CLASSES.includes(f.cls)).map((f) => [`class ${f.cls}: ${f.name}`, f] as const))('%s', async (_name, form) => {
    await expectStopped(h, form);
  });
});
