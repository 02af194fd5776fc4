// What every report reader shares: failure messages as plain text, paths as the repository
// names them, and the rule that a runner's report file must be there. Nothing a runner
// reads looks at what the tests printed: a test can print anything, but it does not write
// the runner's report.
import { stripAnsi } from '../verify/ansi';
import type { ParsedReport } from './runner';

/** A failure message as plain text: no colour codes, the first lines only. */
export function plainMessage(text: unknown): string | undefined {
  if (text === undefined || text === null) return undefined;
  const t = stripAnsi(String(text)).trim();
  if (!t) return undefined;
  const lines = t.split(/\r?\n/).filter((l) => !/^\s+at\s/.test(l)).slice(0, 8).join('\n');
  return lines.length > 1000 ? `${lines.slice(0, 999)}…` : lines;
}

/** A path as the repository names it: relative to the workspace the tests ran in. */
export function repoRelative(path: string, workspace = '/workspace'): string {
  const p = path.replace(/^file:\/\//, '');
  if (p === workspace) return '.';
  return p.startsWith(`${workspace}/`) ? p.slice(workspace.length + 1) : p.replace(/^\.\//, '');
}

/** The runner's one report file, parsed; its absence is a problem, not zero tests. */
export function oneReport(runner: string, name: string, files: Record<string, string>, parse: (text: string) => ParsedReport): ParsedReport {
  const content = files[name];
  return content === undefined ? { cases: [], problems: [`${runner} wrote no report (${name} is missing): the runner did not run to the end, or the test command dropped the flags Loom adds`] } : parse(content);
}

/** A runner that writes one report file writes nothing else in the report folder. */
export function onlyReport(runner: string, name: string, files: Record<string, string>, parsed: ParsedReport): ParsedReport {
  const others = Object.keys(files).filter((f) => f !== name);
  return others.length ? { ...parsed, problems: [...parsed.problems, `the report folder holds files ${runner} did not write: ${others.slice(0, 5).join(', ')}`] } : parsed;
}

/** The runner's one report file, and nothing else beside it. */
export const soleReport = (runner: string, name: string, files: Record<string, string>, parse: (text: string) => ParsedReport): ParsedReport => onlyReport(runner, name, files, oneReport(runner, name, files, parse));
