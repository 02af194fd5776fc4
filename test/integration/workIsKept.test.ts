import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { addMultiply, labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { exampleRepo, git, headSha, leftoverContainers, reasonOf, runGeneration } from './harness';
import { describeWithWorker } from './suite';

// Six ways a naive pipeline loses work or pollutes the change (fetching too late, checking out
// in the user's working copy, editing ignore files, losing the spec, showing artifacts to the
// reviewer, leaving the branch in the container), each a test that fails on that implementation.
describeWithWorker('work is never lost or polluted', 'bugs', (h) => {

  it("the Lab's branch reaches the host, checked by SHA, before any test runs", async () => {
    const repo = await exampleRepo();
    // The Lab commits by itself through bash: that commit too must reach the host.
    const selfCommit = { tool: 'bash', input: { command: 'git add -A && git commit -q -m "multiply" && git rev-parse HEAD' } };
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, MULTIPLY_TEST, selfCommit]), { generation: 47 });
    expect(record.outcome.kind).toBe('promoted');
    expect(await headSha(repo, 'refs/heads/lab/gen-47')).toBe(record.labSha);
    expect(await git(repo, 'log', '-1', '--format=%s', record.labSha!)).toContain('multiply');

    // runTests refuses a commit that was never fetched, instead of "pathspec did not match".
    const base = await headSha(repo, 'main~1');
    const other = await exampleRepo();
    await expect(
      h.activities.runTests({ scope: { repoPath: other, runId: 'bug1-direct', generation: 48, mounts: [], setupPaths: [] }, ref: 'refs/heads/lab/gen-48', sha: base, baseSha: base, testCommand: 'npm test', purpose: 'lab', report: 'auto' }),
    ).rejects.toThrow(/refs\/heads\/lab\/gen-48 is not on the host.*fetchBranch must complete before runTests/);
    expect(await leftoverContainers('bug1-direct')).toBe(0);
  });

  it("the user's dirty working copy survives a promoted generation byte for byte", async () => {
    const repo = await exampleRepo();
    const readme = join(repo, 'README.md');
    const notes = join(repo, 'notes.txt');
    writeFileSync(readme, readFileSync(readme, 'utf8') + '\nlocal edit, not committed\n');
    writeFileSync(notes, 'an untracked file\n');
    writeFileSync(join(repo, 'package.json'), readFileSync(join(repo, 'package.json'), 'utf8').replace('"1.0.0"', '"1.0.1"'));
    await git(repo, 'add', 'package.json'); // a staged change too
    const before = { readme: readFileSync(readme), notes: readFileSync(notes), pkg: readFileSync(join(repo, 'package.json')), status: await git(repo, 'status', '--porcelain') };

    const { record } = await runGeneration(h, repo, addMultiply());
    expect(record.outcome.kind).toBe('promoted');
    expect(readFileSync(readme)).toEqual(before.readme);
    expect(readFileSync(notes)).toEqual(before.notes);
    expect(readFileSync(join(repo, 'package.json'))).toEqual(before.pkg);
    expect(await git(repo, 'status', '--porcelain')).toBe(before.status);
    // The checked-out branch moved with its files: the promoted change is there too.
    expect(readFileSync(join(repo, 'src/calc.js'), 'utf8')).toContain('multiply');
  });

  it('local edits to a file the Lab changed are never overwritten; promotion waits', async () => {
    const repo = await exampleRepo();
    const calc = join(repo, 'src/calc.js');
    writeFileSync(calc, readFileSync(calc, 'utf8') + '\n// my work in progress\n');
    const before = readFileSync(calc);
    const base = await headSha(repo);
    const { record } = await runGeneration(h, repo, addMultiply());
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'promote' });
    expect(reasonOf(record)).toMatch(/local changes/);
    expect(readFileSync(calc)).toEqual(before);
    expect(await headSha(repo)).toBe(base);
  });

  it('no ignore-file line is ever added, over several generations', async () => {
    const repo = await exampleRepo();
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    await git(repo, 'add', '.gitignore');
    await git(repo, 'commit', '-q', '-m', 'ignore node_modules');
    for (const generation of [1, 2]) {
      // The task is outside the tree the Lab's tools scan: not in the workspace, in the Lab user's home.
      const extra = { tool: 'bash', input: { command: `mkdir -p docs && test ! -e program.md && head -1 ~/program.md > docs/gen-${generation}.md` } };
      const { record } = await runGeneration(h, repo, labScript([extra]), { generation });
      expect(record.outcome, JSON.stringify(record.outcome)).toMatchObject({ kind: 'promoted' });
      expect(await git(repo, 'show', `main:docs/gen-${generation}.md`)).toBe('# Add multiply\n');
    }
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    expect(await git(repo, 'log', '--format=%H', '--', '.gitignore')).toHaveLength(41); // one commit: the user's
    expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('program.md');
  });

  it('an empty Lab change is an ordinary outcome, and the task spec is kept in the record', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const program = '# Nothing to do\n\nLook around; change nothing.\n';
    const { record, workflowId } = await runGeneration(h, repo, labScript([{ tool: 'bash', input: { command: 'git status --short' } }]), { program });
    expect(record.outcome).toEqual({ kind: 'rejected', stage: 'spawnLab', reason: 'the Lab made no change' });
    expect(record.labSha).toBe(base);
    expect(record.program).toBe(program);
    expect(await headSha(repo)).toBe(base);
    expect(await leftoverContainers(workflowId)).toBe(0);
  });

  it('the review diff holds only source changes, even when the Lab commits program.md', async () => {
    const repo = await exampleRepo();
    const sneak = { tool: 'bash', input: { command: 'mkdir -p .loom && echo scratch > .loom/notes && git add -f program.md .loom/notes && git commit -q -m wip' } };
    const { record, model } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, MULTIPLY_TEST, sneak]));
    const reviewRequest = model.requests.find((r) => r.channel === 'prime');
    const prompt = JSON.stringify(reviewRequest?.body.messages);
    expect(prompt).toContain('diff --git a/src/calc.js b/src/calc.js');
    expect(prompt).not.toContain('b/program.md');
    expect(prompt).not.toContain('.loom/notes');
    expect(prompt).not.toContain('.gitignore');
    expect(record.outcome.kind).toBe('promoted');
    // What the reviewer did not see never lands in the tracked tree.
    const tree = await git(repo, 'ls-tree', '-r', '--name-only', 'main');
    expect(tree).not.toContain('program.md');
    expect(tree).not.toContain('.loom/notes');
  });
});
