import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { run } from './sh';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  kernel: string;
  docker: string;
  node: string;
  git: string;
  temporal: string;
  labImage: string;
}

async function quiet(cmd: string, args: string[]): Promise<string> {
  return run(cmd, args).then((r) => r.stdout.trim(), (e: Error) => `unknown (${e.message.slice(0, 80)})`);
}

/** The facts a reader needs to compare these numbers with their own. */
export async function machineFacts(temporalBin: string, labImage: string): Promise<Machine> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const hypervisor = /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo) ? ' (virtual machine)' : '';
  return {
    cpu: `${model}${hypervisor}`,
    cores: cpus().length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${type()} ${release()}`,
    docker: await quiet('docker', ['version', '--format', 'engine {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}']).then(async (v) => `${v}, storage ${await quiet('docker', ['info', '--format', '{{.Driver}}'])}`),
    node: process.version,
    git: (await quiet('git', ['--version'])).replace(/^git version /, ''),
    temporal: (await quiet(temporalBin, ['--version'])).replace(/^temporal version /, ''),
    labImage,
  };
}

/** The commit measured, and whether other files than the bench's own differed from it. */
export async function codeVersion(root: string): Promise<string> {
  try {
    const sha = (await run('git', ['-C', root, 'rev-parse', '--short=12', 'HEAD'])).stdout.trim();
    const dirty = (await run('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench', ':!docs/bench.md', ':!package.json'])).stdout.trim();
    return dirty ? `${sha} plus uncommitted changes (${dirty.split('\n').length} files)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}
