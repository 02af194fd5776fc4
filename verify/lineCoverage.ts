// Which changed lines no test runs at all, from each language's own coverage: V8's block
// coverage for JavaScript, the standard library's trace module for Python, go test's cover
// profile for Go. A changed line of code that no test ever runs is untested, mutants or not:
// a branch only production takes (after N calls, after five seconds, outside the test
// runner) is exactly such code. A file the tool did not report is unknown, never unrun.
// Pure.
import { executed, type BlockCoverage } from './blockCoverage';

/** A line that is code, not a brace, a comment, a blank or a lone keyword. */
export function isCodeLine(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (/^(?:\/\/|#|\/\*|\*|--)/.test(t)) return false;
  if (/^[\])}]+[;,)]*$/.test(t) || /^[)}\]]*\s*(?:else|finally|try|do)?\s*[{(]?$/.test(t) || /^(?:else|finally|try|except|else:|finally:|try:)\s*:?$/.test(t)) return false;
  return true;
}

/**
 * Changed lines of a JavaScript file part of which never ran (a branch, a ternary's arm, the
 * right of a `||`: any block V8 counted zero times in every process); undefined when no
 * process reported the file. Never-run code inside an `exempt` span (a throw statement) does
 * not count.
 */
export function unrunJsLines(coverage: BlockCoverage, file: string, content: string, lines: number[], exempt: Array<[number, number]> = []): number[] | undefined {
  const processes = coverage[file];
  if (!processes?.length) return undefined;
  const starts = [0];
  for (let i = 0; i < content.length; i++) if (content[i] === '\n') starts.push(i + 1);
  const never = processes.flat().filter((r) => r[2] === 0 && executed(coverage, file, r[0], r[1]) === false);
  return lines.filter((n) => {
    const text = content.slice(starts[n - 1] ?? 0, (starts[n] ?? content.length + 1) - 1);
    if (!isCodeLine(text)) return false;
    const from = (starts[n - 1] ?? 0) + text.length - text.trimStart().length;
    const to = from + text.trim().length;
    // What of the line lies in a block that never ran must be code, not just the block's `{` or `}`.
    // Code inside an exempt span (a throw statement) does not count.
    return never.some(([a, b]) => {
      const [x, y] = [Math.max(a, from), Math.min(b, to)];
      return x < y && /[\w$'"`]/.test(content.slice(x, y)) && !exempt.some(([s, e]) => s <= x && y <= e);
    });
  });
}

/** Lines the trace module marks as never run (">>>>>>") in one module's .cover file. */
export function unrunTraceLines(cover: string): Set<number> {
  const out = new Set<number>();
  cover.split('\n').forEach((l, i) => {
    if (l.startsWith('>>>>>>')) out.add(i + 1);
  });
  return out;
}

/** The .cover file name the trace module gives a repository file, for each import root it may have been found under. */
export function traceNames(file: string): string[] {
  const parts = file.replace(/\.py$/, '').split('/');
  const names = [parts.join('.')];
  if (parts.length > 1 && ['src', 'lib'].includes(parts[0]!)) names.push(parts.slice(1).join('.'));
  for (let i = 1; i < parts.length; i++) names.push(parts.slice(i).join('.'));
  return [...new Set(names.map((n) => `${n}.cover`))];
}

/** Per repository file, the lines of go test's cover profile blocks that never ran (and the files it reported at all). */
export function unrunGoLines(profile: string, goModule: string | undefined, contentOf: (file: string) => string | undefined): { unrun: Map<string, Set<number>>; reported: Set<string> } {
  const lines = new Map<string, string[]>();
  const firstColumn = (file: string, n: number) => {
    if (!lines.has(file)) lines.set(file, (contentOf(file) ?? '').split('\n'));
    const text = lines.get(file)![n - 1] ?? '';
    return text.length - text.trimStart().length + 1;
  };
  const unrun = new Map<string, Set<number>>();
  const ran = new Map<string, Set<number>>();
  const reported = new Set<string>();
  for (const line of profile.split('\n')) {
    const m = /^(.+\.go):(\d+)\.(\d+),(\d+)\.(\d+) \d+ (\d+)$/.exec(line.trim());
    if (!m) continue;
    let file = m[1]!;
    if (goModule && file.startsWith(`${goModule}/`)) file = file.slice(goModule.length + 1);
    else if (goModule && file === goModule) continue;
    reported.add(file);
    const [startLine, startCol, endLine] = [Number(m[2]), Number(m[3]), Number(m[4])];
    const count = Number(m[6]);
    // A block starts just after its `{` (so its first line holds only what came before) or at its first statement.
    const first = startCol > firstColumn(file, startLine) ? startLine + 1 : startLine;
    const target = count > 0 ? ran : unrun;
    for (let n = first; n <= endLine; n++) target.set(file, (target.get(file) ?? new Set()).add(n));
  }
  // A line some block ran (several blocks may share one) ran.
  for (const [file, lines] of unrun) for (const n of ran.get(file) ?? []) lines.delete(n);
  return { unrun, reported };
}

/**
 * Lines a program runs only as itself, which tests never run in-process: a Python
 * `if __name__ == "__main__":` block, a Go `package main` file, a JavaScript shebang file or
 * is-this-the-main-module block (programLines). Not "untested" for never running under test.
 */
export function pythonMainLines(code: string): Set<number> {
  const out = new Set<number>();
  const lines = code.split('\n');
  lines.forEach((l, i) => {
    if (!/^if\s+__name__\s*==\s*['"]__main__['"]\s*:/.test(l) && !/^if\s+['"]__main__['"]\s*==\s*__name__\s*:/.test(l)) return;
    out.add(i + 1);
    for (let j = i + 1; j < lines.length && (lines[j]!.trim() === '' || /^\s/.test(lines[j]!)); j++) if (lines[j]!.trim()) out.add(j + 1);
  });
  return out;
}

export const isGoProgram = (code: string): boolean => /^\s*package\s+main\s*$/m.test(code);
