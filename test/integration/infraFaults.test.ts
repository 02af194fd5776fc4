import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { addMultiply, labScript, MULTIPLY_EDIT, write } from './scripts';
import { docker, exampleRepo, expectPromoted, git, pollUntil, runGeneration } from './harness';
import { describeWithWorker } from './suite';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';

// Faults of the machine are never verdicts on the code: a verification container that stops
// under its run is run again, and a base is called red only when it is red twice.
describeWithWorker('infrastructure faults are not verdicts', 'infra-faults', (h) => {
  /** The calc example with one more base test, committed: it runs `command` in a child process. */
  async function repoWithTest(body: string, extra: (repo: string) => void = () => {}): Promise<string> {
    const repo = await exampleRepo();
    writeFileSync(join(repo, 'test/machine.test.js'), `import { test } from 'node:test';\nimport { execSync } from 'node:child_process';\nimport { readFileSync } from 'node:fs';\n\ntest('the machine', () => {\n${body}\n});\n`);
    extra(repo);
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-qm', 'a test that uses the machine');
    return repo;
  }

  /** The first container of a run, in the given role, in which a process running `command` shows. */
  async function running(workflowId: string, command: string, role = 'baseline') {
    return pollUntil(`a ${role} run of "${command}" in ${workflowId}`, async () => {
      const [info] = await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${workflowId}`, `${LABEL_ROLE}=${role}`], status: ['running'] } });
      if (!info) return undefined;
      const c = docker.getContainer(info.Id);
      const top = await c.top().catch(() => undefined);
      return top?.Processes?.some((p: string[]) => p.join(' ').includes(command)) ? c : undefined;
    }, 120_000);
  }

  // The baseline, the Lab's own run (whose container the mutants then use) and the held-out run,
  // each killed once in the same generation: every one is run again, none judged.
  it("runs the tests again when the baseline, verify and heldout containers are each killed from outside, rather than judging the run", async () => {
    const repo = await repoWithTest("  execSync('sleep 4');");
    const killed: string[] = [];
    const { record } = await runGeneration(h, repo, addMultiply(), {}, async (workflowId) => {
      for (const role of ['baseline', 'verify', 'heldout']) {
        const c = await running(workflowId, 'sleep 4', role);
        await c.kill();
        killed.push(role);
      }
    });
    expect(killed).toEqual(['baseline', 'verify', 'heldout']);
    await expectPromoted(repo, record);
    expect(record.baselineTests).toMatchObject({ passed: 3, failed: 0 });
  });

  it('calls a base red only when it is red twice: a baseline that hung once and passes when run again goes on', async () => {
    // The test hangs while a flag the harness holds says so (a read-only dependency mount), as
    // a suite can hang on an overloaded machine; the harness lifts it once the first run hangs.
    const repo = await repoWithTest("  if (readFileSync('state/flag', 'utf8').trim() === 'hang') execSync('sleep 600');", (r) => {
      mkdirSync(join(r, 'state'));
      writeFileSync(join(r, 'state/flag'), 'hang\n');
      writeFileSync(join(r, '.gitignore'), 'state/\n');
    });
    const { record } = await runGeneration(h, repo, addMultiply(), { settings: { mounts: ['state'], testTimeoutSec: 30 } }, async (workflowId) => {
      await running(workflowId, 'sleep 600');
      writeFileSync(join(repo, 'state/flag'), 'go on\n');
    });
    await expectPromoted(repo, record);
    expect(record.durationsMs.baseline).toBeGreaterThanOrEqual(30_000);
  });

  it("runs the Lab's tests again when they ran out of time on a machine that starved them of CPU, rather than rejecting the change", async () => {
    // The Lab's test spins while the flag says so. The harness loads the Lab's run container far
    // past its cores as soon as it exists, before the tests start, so the whole run is starved
    // and reaches its limit; once the test spins it lifts the flag for the run tried again.
    const repo = await exampleRepo();
    mkdirSync(join(repo, 'state'));
    writeFileSync(join(repo, 'state/flag'), 'spin\n');
    writeFileSync(join(repo, '.gitignore'), 'state/\n');
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-qm', 'ignore the state folder');
    const test =
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { readFileSync } from 'node:fs';\nimport { multiply } from '../src/calc.js';\n\n" +
      "test('multiply', () => {\n  let flag = '';\n  try { flag = readFileSync('state/flag', 'utf8').trim(); } catch {}\n  for (const end = Date.now() + 600_000; flag === 'spin' && Date.now() < end; );\n  assert.equal(multiply(3, 4), 12);\n  assert.equal(multiply(-2, 5), -10);\n});\n";
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, write('test/multiply.test.js', test)]), { settings: { mounts: ['state'], testTimeoutSec: 20 } }, async (workflowId) => {
      const c = await pollUntil("the Lab's run container", async () => {
        const [info] = await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${workflowId}`, `${LABEL_ROLE}=verify`], status: ['running'] } });
        return info ? docker.getContainer(info.Id) : undefined;
      }, 120_000, 50);
      // Sixteen busy processes beside the tests, in the container's own share of the machine
      // (another cgroup's load is kept apart by the scheduler); they end by themselves.
      const hog = await c.exec({ Cmd: ['sh', '-c', 'for i in $(seq 16); do timeout 60 yes > /dev/null & done; wait'], User: 'root' });
      await hog.start({ Detach: true });
      await running(workflowId, 'multiply.test.js', 'verify');
      writeFileSync(join(repo, 'state/flag'), 'go on\n');
    });
    await expectPromoted(repo, record);
  });

  it('names the failing test of a base that is red on both runs', async () => {
    const repo = await repoWithTest("  execSync('exit 3');");
    const { record } = await runGeneration(h, repo, addMultiply());
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'baseline' });
    expect(record.outcome.kind === 'failed' && record.outcome.reason).toMatch(/^the tests are not green on the base [0-9a-f]{12} \(`npm test`: 1 of 3 tests failed: test\/machine\.test\.js > the machine/);
  });

  it('reports a run the kernel cut short for lack of memory as that, not as a red base', async () => {
    // A child that fills memory until the container's limit is met and the kernel kills it.
    const repo = await repoWithTest("  execSync(`node -e \"const a = []; for (;;) a.push(Buffer.alloc(1 << 26, 1))\"`, { stdio: 'ignore' });");
    const { record } = await runGeneration(h, repo, addMultiply());
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'baseline' });
    expect(record.outcome.kind === 'failed' && record.outcome.reason).toMatch(/cut short for lack of memory: the kernel killed \d+ process(es)? in the verification container, whose limit is 2 GiB; this is not a verdict on the base/);
  });
});

/**
 * The Docker engine's socket, passed through a proxy that can cut every open connection at
 * once: what a dropped SSH tunnel or a restarted socket proxy does to a worker, while the
 * engine and its containers go on.
 */
function dockerSocketProxy() {
  const path = join(tmpdir(), `loom-docker-proxy-${process.pid}.sock`);
  const engine = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : '/var/run/docker.sock';
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(engine);
    const end = () => {
      for (const s of [client, upstream]) {
        s.destroy();
        open.delete(s);
      }
    };
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', end);
      s.on('close', end);
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(path);
  return {
    docker: new Docker({ socketPath: path }),
    /** Every connection open now is cut; new ones go through. Returns how many were cut. */
    cut: () => {
      const n = open.size / 2;
      for (const s of [...open]) s.destroy();
      return n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const proxy = dockerSocketProxy();
describeWithWorker(
  'a lost connection to the Docker engine is not a verdict',
  'docker-cut',
  (h) => {
    afterAll(() => proxy.close());
    // One generation, the connection cut once during each of its three runs.
    it("runs the tests again when the worker's connection to the engine drops during the baseline, verify and heldout runs, rather than judging them", async () => {
      const repo = await exampleRepo();
      writeFileSync(join(repo, 'test/machine.test.js'), "import { test } from 'node:test';\nimport { execSync } from 'node:child_process';\n\ntest('the machine', () => {\n  execSync('sleep 4');\n});\n");
      await git(repo, 'add', '-A');
      await git(repo, 'commit', '-qm', 'a test that takes a while');
      const roles = ['baseline', 'verify', 'heldout'] as const;
      const cut: Record<string, number> = {};
      const { record, workflowId } = await runGeneration(h, repo, addMultiply(), {}, async (workflowId) => {
        for (const role of roles) {
          // Cut while the run's "sleep 4" is running and the worker holds a connection: the
          // held-out run goes beside the Lab's, and the cut during the Lab's can leave it
          // between attempts, its old container still sleeping and no connection open.
          await pollUntil(`a ${role} run of "sleep 4", cut`, async () => {
            const [info] = await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${workflowId}`, `${LABEL_ROLE}=${role}`], status: ['running'] } });
            const top = info ? await docker.getContainer(info.Id).top().catch(() => undefined) : undefined;
            if (!top?.Processes?.some((p: string[]) => p.join(' ').includes('sleep 4'))) return false;
            cut[role] = proxy.cut();
            return cut[role]! > 0;
          }, 120_000);
        }
      });
      for (const role of roles) expect(cut[role], role).toBeGreaterThan(0);
      await expectPromoted(repo, record);
      expect(record.baselineTests).toMatchObject({ passed: 3, failed: 0 });
      // Each cut run was tried again inside its own step (a second attempt), not judged and run anew.
      const events = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
      for (const purpose of ['baseline', 'lab', 'heldOut']) {
        const runs = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runTests' && JSON.parse(Buffer.from(e.activityTaskScheduledEventAttributes.input!.payloads!.at(-1)!.data!).toString()).purpose === purpose);
        expect(runs, purpose).toHaveLength(1);
        const attempt = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(runs[0]!.eventId))?.activityTaskStartedEventAttributes?.attempt;
        expect(attempt, purpose).toBeGreaterThanOrEqual(2);
      }
    });
  },
  { docker: proxy.docker },
);
