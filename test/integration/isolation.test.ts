import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labScript } from './scripts';
import { exampleRepo, removeTempRepos, runGeneration, startHarness, toolResults, type Harness } from './harness';
import { describeIntegration } from './suite';

// Starts 300 sleeping children, counts how many the kernel refused, then kills them all.
const FORK_PROBE = `cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max; node -e '
const { spawn } = require("child_process");
const kids = []; let failed = 0;
for (let i = 0; i < 300; i++) { const c = spawn("sleep", ["30"], { stdio: "ignore" }); c.on("error", () => failed++); kids.push(c); }
setTimeout(() => { console.log("spawned", kids.length - failed, "failed", failed); for (const k of kids) try { k.kill("SIGKILL"); } catch {} process.exit(0); }, 1500);'`;

// The Lab is untrusted: no network, no secrets, bounded processes, and its tests see
// nothing of the host when they run during verification.
describeIntegration('isolation', () => {
  let h: Harness;
  const secret = `sk-ant-loom-test-${process.pid}`;
  const saved = process.env.ANTHROPIC_API_KEY;
  let hostDir = '';
  let hostServer: Server;
  let hostPort = 0;
  beforeAll(async () => {
    // A server on the host's loopback, as the model server is: the Lab must not reach it.
    hostServer = createServer((_req, res) => res.end('host'));
    await new Promise<void>((r) => hostServer.listen(0, '127.0.0.1', r));
    hostPort = (hostServer.address() as { port: number }).port;
    // The worker's own environment holds a key, as it would in production.
    process.env.ANTHROPIC_API_KEY = secret;
    hostDir = mkdtempSync(join(tmpdir(), 'loom-host-secret-'));
    writeFileSync(join(hostDir, 'secret.txt'), secret);
    h = await startHarness('isolation');
  });
  afterAll(async () => {
    await h?.close();
    hostServer.close();
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved;
    rmSync(hostDir, { recursive: true, force: true });
    removeTempRepos();
  });

  it("the agent's bash has no network, no API key and a pids limit", async () => {
    const repo = await exampleRepo();
    const probes = [
      { tool: 'bash', input: { command: `node -e "fetch('http://127.0.0.1:${hostPort}/').then(() => console.log('NETWORK-OPEN'), (e) => console.log('NETWORK-CLOSED', e.cause?.code))"; ls /sys/class/net` } },
      { tool: 'bash', input: { command: `env; tr '\\0' '\\n' < /proc/1/environ; grep -rl ${secret} /workspace /home /tmp /etc 2>/dev/null; echo END-ENV` } },
      { tool: 'bash', input: { command: FORK_PROBE, timeout: 60 } },
      { tool: 'bash', input: { command: 'id -u; cat /proc/self/status | grep -E "^(CapEff|NoNewPrivs)"' } },
    ];
    const { record, model } = await runGeneration(h, repo, labScript(probes));
    const [net, env, fork, ids] = toolResults(model);
    expect(net).toContain('NETWORK-CLOSED');
    expect(net).not.toContain('NETWORK-OPEN');
    // Only a loopback interface of its own: no route anywhere.
    expect(net?.split('\n').filter((l) => !/NETWORK|exit code/.test(l) && l.trim())).toEqual(['lo']);
    expect(env).toContain('END-ENV');
    expect(env).toContain('HOME=/home/lab');
    expect(env).not.toContain(secret);
    expect(env).not.toContain('ANTHROPIC');
    // 300 children against a pids limit of 256: the kernel refuses the rest.
    expect(fork).toMatch(/^256\n/);
    const [, spawned, failed] = /spawned (\d+) failed (\d+)/.exec(fork ?? '') ?? [];
    expect(Number(spawned)).toBeLessThan(256);
    expect(Number(failed)).toBeGreaterThan(0);
    expect(ids).toMatch(/^1000\n/);
    expect(ids).toMatch(/CapEff:\s+0000000000000000/);
    expect(ids).toMatch(/NoNewPrivs:\s+1/);
    expect(record.outcome).toMatchObject({ kind: 'rejected', reason: 'the Lab made no change' });
  });

  it("a Lab test that looks for the host's environment or files during runTests finds nothing", async () => {
    const repo = await exampleRepo();
    const spy = {
      tool: 'write',
      input: {
        path: 'test/spy.test.js',
        content:
          "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { existsSync } from 'node:fs';\n\n" +
          // Loom's own report folder is the one variable it sets; nothing of the worker's reaches the tests.
          "test('no key in the environment', () => {\n  assert.deepEqual(Object.keys(process.env).filter((k) => /ANTHROPIC|LOOM|TEMPORAL/.test(k) && !/^LOOM_(REPORT_DIR|NODE_REPORTER_PID)$/.test(k)), []);\n" +
          `  assert.ok(!JSON.stringify(process.env).includes(${JSON.stringify(secret)}));\n});\n\n` +
          `test('no host files', () => {\n  assert.equal(existsSync(${JSON.stringify(join(hostDir, 'secret.txt'))}), false);\n  assert.equal(existsSync('/work'), false);\n});\n`,
      },
    };
    const { record } = await runGeneration(h, repo, labScript([spy]));
    // Both spy tests pass only if verification was sealed; a leak fails them and rejects.
    expect(record.tests).toMatchObject({ passed: 4, failed: 0, total: 4 });
    // They test nothing of the project, so the change itself is not promoted.
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'mutation', reason: expect.stringMatching(/vacuous-test: 2 new tests .*test\/spy\.test\.js > no key in the environment \(exercises no code of the project\)/) });
  });
});
