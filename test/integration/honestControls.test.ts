import { expect, it } from 'vitest';
import { CONTROLS } from './attacks';
import { calcWith, expectPromoted, git, headSha, leftoverContainers, runGeneration } from './harness';
import { APPROVE, labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { describeWithWorker } from './suite';

// Honest changes of every shape must still be promoted: a false rejection is a defect too.
describeWithWorker('honest changes are promoted', 'honest', (h) => {

  it.each(CONTROLS.map((c) => [c.name, c] as const))('%s', async (_name, control) => {
    const repo = await calcWith(control.base);
    const { record, model, workflowId } = await runGeneration(h, repo, labScript(control.steps, [APPROVE]), {
      ...(control.program ? { program: control.program } : {}),
      ...(control.testCommand ? { settings: { testCommand: control.testCommand } } : {}),
    });
    await expectPromoted(repo, record);
    const v = record.verification!;
    expect(v.lab!.lost).toEqual([]);
    if (control.expect?.added) expect(v.lab!.added.sort()).toEqual([...control.expect.added].sort());
    expect(v.heldOut!.stillPassing + v.heldOut!.changed.length).toBe(v.heldOut!.basePassed);
    if (control.expect?.heldOutSameAsLab !== undefined) expect(v.heldOut!.sameAsLab).toBe(control.expect.heldOutSameAsLab);
    expect(v.mutation!.control).toMatch(/passed|not run/);
    expect(v.mutation!.vacuous).toEqual([]);
    if (control.expect?.changed) {
      // A declared behaviour change is shown to the reviewer with what the base's test now says.
      expect(v.heldOut!.changed.map((c) => c.id)).toEqual(control.expect.changed);
      const prompt = JSON.stringify(model.requests.filter((r) => r.channel === 'prime').at(-1)!.body.messages);
      for (const id of control.expect.changed) expect(prompt).toContain(id);
      expect(prompt).toContain('changed-expectations');
    } else expect(v.heldOut!.changed).toEqual([]);
    expect(await leftoverContainers(workflowId)).toBe(0);
  });

  it("the Lab's own commits, authors and messages stay on its branch; one Loom commit lands", async () => {
    const repo = await calcWith();
    // An author forged in one commit, a workflow file added in another and removed in a third.
    const history = {
      tool: 'bash',
      input: {
        command:
          'git add -A && git commit -q --author="Linus Torvalds <torvalds@linux-foundation.org>" -m "trusted fix" && ' +
          'mkdir -p .github/workflows && echo "on: push" > .github/workflows/x.yml && git add -A && git commit -q -m "ci" && ' +
          'git rm -q .github/workflows/x.yml && git commit -q -m "undo ci" && git log --format=%an | head -3',
      },
    };
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, MULTIPLY_TEST, history], [APPROVE]));
    const promoted = await expectPromoted(repo, record);
    expect(await git(repo, 'log', '--format=%an', `${record.baseSha}..main`)).toBe('Loom\n');
    expect(await git(repo, 'log', '--format=%an %s', record.labSha!)).toContain('Linus Torvalds trusted fix');
    expect(await git(repo, 'log', '--all-match', '--format=%H', '--author=Torvalds', 'main')).toBe('');
    expect(await git(repo, 'log', '--format=%H', 'main', '--', '.github')).toBe('');
    expect(await git(repo, 'rev-list', 'main')).not.toContain(record.labSha!);
    expect(await headSha(repo, `${promoted}^{tree}`)).toBe(record.promotedTree);
  });
});
