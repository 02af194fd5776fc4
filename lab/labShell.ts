import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { execIn, putFiles, WORKSPACE, type ExecResult } from './labContainer';

/** What the agent's tools need from a Lab: everything runs inside the container. */
export interface LabShell {
  bash(command: string, timeoutSec: number): Promise<ExecResult>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
}

export const OUTPUT_CAP_BYTES = 32 * 1024;
const READ_CAP_BYTES = 256 * 1024;

/** Resolves a tool path against the workspace; anything outside it is refused. */
export function workspacePath(path: string): string {
  const abs = posix.resolve(WORKSPACE, path);
  if (abs !== WORKSPACE && !abs.startsWith(WORKSPACE + '/')) {
    throw new Error(`path ${path} is outside ${WORKSPACE}; the Lab may only touch its workspace`);
  }
  return abs;
}

export function containerShell(container: Docker.Container): LabShell {
  return {
    bash: (command, timeoutSec) =>
      execIn(container, ['bash', '-c', command], { timeoutSec, maxOutputBytes: OUTPUT_CAP_BYTES, keepTail: true }),

    async readFile(path) {
      const r = await execIn(container, ['cat', '--', workspacePath(path)], { timeoutSec: 30, maxOutputBytes: READ_CAP_BYTES });
      if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `cannot read ${path}`);
      return r.stdout + (r.truncated ? `\n[truncated at ${READ_CAP_BYTES} bytes]` : '');
    },

    // The archive API writes as root, so it only drops a staging file; the Lab user
    // then moves it into place, which keeps file permissions honest.
    async writeFile(path, content) {
      const target = workspacePath(path);
      const stage = `loom-stage-${randomBytes(12).toString('hex')}`;
      await putFiles(container, '/tmp', [{ name: stage, content }]);
      const r = await execIn(
        container,
        ['sh', '-c', 'mkdir -p "$(dirname "$2")" && cat "$1" > "$2"; rc=$?; rm -f "$1"; exit $rc', 'sh', `/tmp/${stage}`, target],
        { timeoutSec: 30, maxOutputBytes: 4096 },
      );
      if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `cannot write ${path}`);
    },
  };
}
