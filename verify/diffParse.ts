// A unified git diff (made with --no-renames; rename headers are understood too) as
// per-file changes with their added and removed lines. Pure.
import { splitDiff, unquoteGitPath } from './diffText';

export interface DiffLine {
  text: string;
  line: number; // line number on its side (new side for added, old side for removed)
}

export interface FileChange {
  /** Path at base; undefined for a new file. */
  oldPath?: string;
  /** Path at lab; undefined for a deleted file. */
  newPath?: string;
  added: DiffLine[];
  removed: DiffLine[];
  /** The text after the second "@@" of each hunk header (git's function context). */
  hunkContext: string[];
  /** Every hunk line in order, with the index of its hunk. */
  body: Array<{ kind: ' ' | '+' | '-'; text: string; hunk: number }>;
}

export const pathOf = (c: FileChange): string => c.newPath ?? c.oldPath ?? '';
export const pathsOf = (c: FileChange): string[] => [...new Set([c.oldPath, c.newPath].filter((p): p is string => !!p))];

function diffPath(raw: string, prefix: 'a/' | 'b/'): string | undefined {
  let p = raw.replace(/\t$/, '');
  if (p === '/dev/null') return undefined;
  if (p.startsWith('"')) p = unquoteGitPath(p);
  return p.startsWith(prefix) ? p.slice(2) : p;
}

export function parseDiff(diff: string): FileChange[] {
  return splitDiff(diff).map((section) => {
    const lines = section.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const headerOk = !section.path.startsWith('diff --git ');
    let oldPath: string | undefined = headerOk ? section.path : undefined;
    let newPath: string | undefined = headerOk ? section.path : undefined;
    let isNew = false;
    let isDeleted = false;
    let i = 1;
    for (; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const l = lines[i]!;
      if (l.startsWith('new file mode')) isNew = true;
      else if (l.startsWith('deleted file mode')) isDeleted = true;
      else if (l.startsWith('rename from ')) oldPath = diffPath(l.slice(12), 'a/') ?? oldPath;
      else if (l.startsWith('rename to ')) newPath = diffPath(l.slice(10), 'b/') ?? newPath;
      else if (l.startsWith('--- ') && !headerOk) oldPath = diffPath(l.slice(4), 'a/');
      else if (l.startsWith('+++ ') && !headerOk) newPath = diffPath(l.slice(4), 'b/');
    }
    if (isNew) oldPath = undefined;
    if (isDeleted) newPath = undefined;
    if (!oldPath && !newPath) newPath = section.path; // unparseable: still checked under its header text

    const change: FileChange = { oldPath, newPath, added: [], removed: [], hunkContext: [], body: [] };
    const hunkNo = () => change.hunkContext.length - 1;
    let oldLine = 0;
    let newLine = 0;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/.exec(l);
      if (hunk) {
        oldLine = Number(hunk[1]);
        newLine = Number(hunk[2]);
        change.hunkContext.push(hunk[3] ?? '');
      } else if (l.startsWith('+')) {
        change.added.push({ text: l.slice(1), line: newLine++ });
        change.body.push({ kind: '+', text: l.slice(1), hunk: hunkNo() });
      } else if (l.startsWith('-')) {
        change.removed.push({ text: l.slice(1), line: oldLine++ });
        change.body.push({ kind: '-', text: l.slice(1), hunk: hunkNo() });
      } else if (!l.startsWith('\\')) {
        oldLine++;
        newLine++;
        change.body.push({ kind: ' ', text: l.slice(1), hunk: hunkNo() });
      }
    }
    return change;
  });
}
