import { spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOM_ROOT } from '../../provision/state';
import { startScriptedModelServer, type ScriptedModelServer } from '../../model/scriptedModelServer';
import { addMultiply } from './scripts';
import { readLedger } from '../../ledger/generationLedger';
import { exampleRepo, git, headSha, ready, removeTempRepos, runLoom } from './harness';
import { describeIntegration } from './suite';

const LOOM = join(LOOM_ROOT, 'bin', 'loom');

/** loom itself, or another program (such as script) that runs it. */
const run = (args: string[], env: NodeJS.ProcessEnv, program?: string) => (program ? runProgram(program, args, env) : runLoom(args, env));

function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

// The README's path for your own repo: `loom worker` in one process, `loom generate` in another.
describeIntegration('the loom command', () => {
  let model: ScriptedModelServer;
  let worker: ChildProcess;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(join(tmpdir(), 'loom-cli-'));

  beforeAll(async () => {
    const e = ready();
    // Three generations' worth: one in a pipe, one on a terminal, one as events.
    const once = addMultiply();
    model = await startScriptedModelServer({ lab: [...once.lab!, ...once.lab!, ...once.lab!], prime: [...once.prime!, ...once.prime!, ...once.prime!] });
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: e.temporalAddress,
      LOOM_TASK_QUEUE: `cli-${process.pid}`,
      LOOM_LAB_IMAGE: e.labImage,
      ANTHROPIC_API_KEY: 'scripted-cli-key',
      ANTHROPIC_BASE_URL: model.baseUrl('prime'),
      LOOM_LAB_API_BASE: model.baseUrl('lab'),
    };
    // Its own process group, so stopping it stops tsx's node child too.
    worker = spawn(LOOM, ['worker'], { env, stdio: 'ignore', detached: true });
  });
  afterAll(async () => {
    if (worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      process.kill(-worker.pid!, 'SIGTERM');
      await exited;
    }
    await model?.close();
    rmSync(dir, { recursive: true, force: true });
    removeTempRepos();
  });

  it('generate starts generation N+1, shows its steps and exits 0 on promotion', async () => {
    const repo = await exampleRepo();
    await git(repo, 'branch', 'lab/gen-4'); // an earlier generation's branch
    const program = join(dir, 'task.md');
    writeFileSync(program, '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with tests.\n\n## Acceptance criteria\n- multiply(3, 4) is 12\n');
    // The repository's loom.config.json gives generate its test command (no --test-command here).
    // and keeps the tests out of the reviewer's diff (they still run).
    writeFileSync(join(repo, 'loom.config.json'), JSON.stringify({ testCommand: 'node --test', baseBranch: 'main', excludeFromReview: ['test/**'] }));
    const { code, out } = await run(['generate', '--repo', repo, '--program', program], env);
    expect(out).toMatch(/generation 5 started: workflow loom-calc-[0-9a-f]{8}-gen-5/);
    // Not a terminal: plain step lines, no carriage returns.
    expect(out).toContain('  → spawnLab\n');
    expect(out).not.toContain('\r');
    expect(out).toMatch(/outcome +promoted [0-9a-f]{12}/);
    expect(out).toMatch(/tests +4 passed, 0 failed, 0 skipped of 4 \(node, `node --test`, exit 0\)/);
    expect(code).toBe(0);
    // main holds one Loom commit of the tree lab/gen-5 verified.
    expect(await headSha(repo, 'main^{tree}')).toBe(await headSha(repo, 'lab/gen-5^{tree}'));
    expect(out).toMatch(/held-out +2 of the base's 2 passing tests pass on the Lab's source/);
    expect(out).toMatch(/mutants +\d+\/\d+ killed/);
    const reviewed = JSON.stringify(model.requests.filter((r) => r.channel === 'prime').at(-1)!.body.messages);
    expect(reviewed).toContain('src/calc.js');
    expect(reviewed).not.toContain('test/multiply.test.js');
    // A generation run alone is recorded too, for loom history.
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => [e.record.generation, e.title, e.loopId])).toEqual([[5, 'Add multiply', undefined]]);

    // loom report reads that ledger: one promoted generation on the Lab's model, and a chart beside the ledger.
    const report = await run(['report', '--repo', repo], env);
    expect(report.code).toBe(0);
    expect(report.out).toContain('**1 promoted (100%), 0 rejected, 0 failed;');
    expect(report.out).toMatch(/\| claude-sonnet-4-6 \| 1 \| 1 \| 100% \| \$0\.\d{4} \| \$0\.\d{4} \| [\d.]+ s \|/);
    const svg = join(repo, '.git', 'loom', 'report-fitness.svg');
    expect(report.out).toContain(`![fitness over time](${svg})`);
    expect(readFileSync(svg, 'utf8').match(/<circle /g)).toHaveLength(1);

    // loom ui's link lists exactly this repository's workflows in the Web UI.
    const ui = await run(['ui', '--repo', repo, '--json'], env);
    expect(ui.code).toBe(0);
    const query = new URL(JSON.parse(ui.out).url).searchParams.get('query')!;
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS! });
    try {
      const client = new Client({ connection });
      let ids: string[] = [];
      for (let i = 0; i < 50 && !ids.length; i++) {
        ids = [];
        for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
        if (!ids.length) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ids).toEqual([ledger[0]!.workflowId]);
    } finally {
      await connection.close();
    }
  });

  it('on a terminal, generate shows one live line with the step and its seconds, and keeps the finished steps', async () => {
    const repo = await exampleRepo();
    const program = join(dir, 'tty-task.md');
    writeFileSync(program, '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with tests.\n\n## Acceptance criteria\n- multiply(3, 4) is 12\n');
    // util-linux script gives the command a pseudo-terminal, as a person's shell would.
    const cmd = [LOOM, 'generate', '--repo', repo, '--program', program].map((a) => `'${a}'`).join(' ');
    const { code, out } = await run(['-qec', cmd, '/dev/null'], env, 'script');
    expect(code).toBe(0);
    // The live line is rewritten in place: spinner, step, whole seconds.
    expect(out).toMatch(/\r\x1b\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] spawnLab \d+s/);
    // Each finished step stays as a line with its time.
    for (const step of ['spawnLab', 'runTests']) expect(out).toMatch(new RegExp(`\\r\\x1b\\[2K  → ${step} \\d+\\.\\ds\\r?\\n`));
    expect(out).toMatch(/outcome +promoted [0-9a-f]{12}/);
  });

  it('generate --events prints one JSON line per step as the generation moves, and the record last', async () => {
    const repo = await exampleRepo();
    const program = join(dir, 'events-task.md');
    writeFileSync(program, '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with tests.\n\n## Acceptance criteria\n- multiply(3, 4) is 12\n');
    // Each line as it arrives, with when it arrived: a script reading the stream sees progress before the end.
    const lines: Array<{ at: number; line: string }> = [];
    const code = await new Promise<number>((resolve) => {
      const child = spawn(LOOM, ['generate', '--repo', repo, '--program', program, '--events'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let buffered = '';
      child.stdout!.on('data', (d) => {
        buffered += d;
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          lines.push({ at: Date.now(), line: buffered.slice(0, nl) });
          buffered = buffered.slice(nl + 1);
        }
      });
      child.on('exit', (c) => resolve(c ?? -1));
    });
    expect(code).toBe(0);
    const events = lines.map((l) => ({ ...l, e: JSON.parse(l.line) as { event: string; step?: string; record?: { outcome: { kind: string } } } }));
    expect(events[0]!.e).toMatchObject({ event: 'started', generation: 1 });
    expect(events.at(-1)!.e).toMatchObject({ event: 'record', record: { outcome: { kind: 'promoted' } } });
    const steps = events.filter((x) => x.e.event === 'step').map((x) => x.e.step);
    for (const step of ['baseline', 'spawnLab', 'runTests', 'llmReview', 'promote']) expect(steps).toContain(step);
    // The steps came while it ran, not all at the end.
    const firstStep = events.find((x) => x.e.event === 'step')!;
    expect(events.at(-1)!.at - firstStep.at).toBeGreaterThan(1000);
  });

  it("uses the repository's own Lab image from loom.config.json, and says plainly when the engine lacks it", async () => {
    const repo = await exampleRepo();
    const program = join(dir, 'task-image.md');
    writeFileSync(program, '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with tests.\n\n## Acceptance criteria\n- multiply(3, 4) is 12\n');
    writeFileSync(join(repo, 'loom.config.json'), JSON.stringify({ labImage: 'loom-lab:not-built-here' }));
    const started = Date.now();
    // Without LOOM_LAB_IMAGE in this shell, the file's image travels with the generation.
    const { code, out } = await run(['generate', '--repo', repo, '--program', program], { ...env, LOOM_LAB_IMAGE: undefined });
    expect(code).toBe(1);
    expect(out).toContain('the Lab image loom-lab:not-built-here is not on this Docker engine: run `npm run setup`');
    // Not retried for minutes: a missing image is a permanent error.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('names the problem and the fix for bad input, and exits 2', async () => {
    const notRepo = mkdtempSync(join(dir, 'plain-'));
    const program = join(dir, 'task.md');
    writeFileSync(program, '# Task\n');
    const a = await run(['generate', '--repo', notRepo, '--program', program], env);
    expect(a.code).toBe(2);
    expect(a.out).toContain(`${notRepo} is not a git repository: run \`git init\``);
    const b = await run(['generate', '--repo', notRepo], env);
    expect(b.code).toBe(2);
    expect(b.out).toContain('generate needs --repo PATH and --program FILE');
    const repo = await exampleRepo();
    const c = await run(['generate', '--repo', repo, '--program', join(dir, 'missing.md')], env);
    expect(c.code).toBe(2);
    expect(c.out).toMatch(/cannot read the program .*missing\.md/);
    const e = await run(['run', '--repo', repo, '--generations', 'many'], env);
    expect(e.code).toBe(2);
    expect(e.out).toContain('--generations must be a positive integer, got "many"');
    writeFileSync(program, '# Task\n\nDo something.\n');
    const d = await run(['generate', '--repo', repo, '--program', program], env);
    expect(d.code).toBe(2);
    expect(d.out).toContain('is not a valid program.md');
    expect(d.out).toMatch(/Acceptance criteria/);
  });
});
