// A thin git runner for the hot path. simple-git waits a fixed 50 ms after every command
// that prints nothing (update-ref, bundle --quiet, fetch --quiet …); a generation runs
// about twenty such commands, so on a small repository that wait was a quarter of
// Loom's own overhead (docs/bench.md). Same shape as the simple-git calls it replaces.
import { execFile } from 'node:child_process';

export interface GitRunner {
  /** Output trimmed, as simple-git's `trimmed: true` gave it. */
  raw(args: string[]): Promise<string>;
  /** Output exactly as git printed it (file contents). */
  text(args: string[]): Promise<string>;
  revparse(args: string[]): Promise<string>;
  checkIsRepo(): Promise<boolean>;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
      // Like simple-git: the error says what git said.
      if (err) reject(new Error(stderr.trim() || stdout.trim() || err.message));
      else resolve(stdout);
    });
  });
}

export function gitIn(repoPath: string): GitRunner {
  return {
    raw: async (args) => (await run(repoPath, args)).trim(),
    text: (args) => run(repoPath, args),
    revparse: async (args) => (await run(repoPath, ['rev-parse', ...args])).trim(),
    checkIsRepo: () => run(repoPath, ['rev-parse', '--is-inside-work-tree']).then((o) => o.trim() === 'true', () => false),
  };
}

/** git with its output as bytes, optional standard input and extra environment (plumbing). */
export function gitBytes(cwd: string, args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd, maxBuffer: MAX_OUTPUT, encoding: 'buffer', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...opts.env } }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.toString('utf8').trim() || err.message));
      else resolve(stdout);
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}
