import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface RunResult {
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a program (no shell), timing it; throws with its output when it fails. */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: Buffer | string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr, ms });
      else reject(new Error(`\`${cmd} ${args.join(' ').slice(0, 300)}\` exited ${code}: ${(stderr || stdout).trim().slice(-2000)}`));
    });
    child.stdin.end(opts.input);
  });
}

/** A bash script with `set -euo pipefail`, variables passed through the environment. */
export function bash(script: string, vars: Record<string, string> = {}): Promise<RunResult> {
  return run('bash', ['-c', `set -euo pipefail\n${script}`], { env: { ...process.env, ...vars } });
}
