import { it } from 'vitest';
import { ATTACKS, type AttackClass } from './attacks';
import { expectStopped } from './attackRun';
import { describeWithWorker } from './suite';

// Hostile Labs against the tests themselves: lost, vacuous, forged reports, patched judges. The reviewer approves everything; each form must be
// stopped by a mechanical gate, with a reason that names the problem.
const CLASSES: AttackClass[] = ['tests-removed-or-hidden', 'vacuous-tests', 'forged-reports', 'judge-patched'];

describeWithWorker('attacks on verification: the tests themselves: lost, vacuous, forged reports, patched judges', 'attacks-tests', (h) => {

  it.each(ATTACKS.filter((f) => CLASSES.includes(f.cls)).map((f) => [`${f.cls}: ${f.name}`, f] as const))('%s', async (_name, form) => {
    await expectStopped(h, form);
  });
});
