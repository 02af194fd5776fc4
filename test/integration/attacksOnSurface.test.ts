import { it } from 'vitest';
import { ATTACKS, type AttackClass } from './attacks';
import { expectStopped } from './attackRun';
import { describeWithWorker } from './suite';

// Hostile Labs against everything around the tests: the run's setup, history, bytes, links, words, program.md, runners. The reviewer approves everything; each form must be
// stopped by a mechanical gate, with a reason that names the problem.
const CLASSES: AttackClass[] = ['tooling-hijacked', 'lab-history', 'nul-byte-hides-diff', 'symlinks-out-of-repo', 'reviewer-directed-text', 'constraints-ignored', 'unreadable-runners'];

describeWithWorker(`attacks on verification: everything around the tests: the run's setup, history, bytes, links, words, program.md, runners`, 'attacks-surface', (h) => {

  it.each(ATTACKS.filter((f) => CLASSES.includes(f.cls)).map((f) => [`${f.cls}: ${f.name}`, f] as const))('%s', async (_name, form) => {
    await expectStopped(h, form);
  });
});
