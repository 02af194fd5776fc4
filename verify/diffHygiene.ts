// What a change may contain at all. A source file that turns binary (one NUL byte is
// enough) shows as "Binary files differ": no rule can read it and the reviewer sees
// nothing. A symlink can point the user's worktree, or a later container's mount, at a
// host path. A new executable in a test path can stand in for a tool. Bidirectional
// control characters make code read differently from how it runs. Pure: the caller
// reads the tree entries and blobs.
import { globMatch } from './testResults';
import { isEvaluationPath } from './testPaths';

export interface TreeChange {
  path: string;
  /** A added, M modified, D deleted, T type changed (git diff --raw). */
  status: 'A' | 'M' | 'D' | 'T';
  oldMode?: string;
  newMode?: string;
  /** Offset of the first NUL byte on each side, when there is one. */
  baseNulAt?: number;
  labNulAt?: number;
  /** A symlink's target, as committed. */
  linkTarget?: string;
  /** Added lines holding bidirectional control characters. */
  bidiLines?: number[];
}

export interface HygieneViolation {
  rule: 'diff-hygiene';
  detail: string;
}

const SYMLINK = '120000';
const GITLINK = '160000';
const EXECUTABLE = '100755';

/** Whether a symlink's target leaves the repository (absolute, or climbing above its root). */
export function linkLeavesRepo(linkPath: string, target: string): boolean {
  if (target.startsWith('/')) return true;
  const parts = linkPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') {
      if (parts.length === 0) return true;
      parts.pop();
    } else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return false;
}

export function hygieneViolations(changes: TreeChange[], binaryAllowed: string[] = []): HygieneViolation[] {
  const out: HygieneViolation[] = [];
  const allowed = (p: string) => binaryAllowed.some((g) => globMatch(g, p));
  for (const c of changes) {
    if (c.status === 'D') continue;
    if (c.newMode === SYMLINK) {
      const where = c.linkTarget !== undefined && linkLeavesRepo(c.path, c.linkTarget) ? 'outside the repository' : 'inside the repository';
      out.push({ rule: 'diff-hygiene', detail: `${c.path} is a symlink to ${JSON.stringify(c.linkTarget ?? '?')} (${where}); Loom promotes no symlinks: commit the file itself` });
      continue;
    }
    if (c.newMode === GITLINK) {
      out.push({ rule: 'diff-hygiene', detail: `${c.path} is a submodule link; the sealed Lab cannot have fetched it` });
      continue;
    }
    if (c.labNulAt !== undefined && !allowed(c.path)) {
      const before = c.status === 'A' ? 'a new binary file' : c.baseNulAt === undefined ? 'a text file turned binary' : 'a changed binary file';
      out.push({ rule: 'diff-hygiene', detail: `${c.path} is ${before} (NUL byte at offset ${c.labNulAt}): git shows no diff for it, so neither the rules nor the reviewer can read it; list it in verification.binaryFiles in loom.config.json if it is meant to be binary` });
    }
    const becameExecutable = c.newMode === EXECUTABLE && c.oldMode !== EXECUTABLE;
    if (becameExecutable && isEvaluationPath(c.path)) {
      out.push({ rule: 'diff-hygiene', detail: `${c.path} is ${c.status === 'A' ? 'a new executable' : 'made executable'} in a test path, where it can stand in for a tool the tests run` });
    }
    if (c.bidiLines?.length) {
      out.push({ rule: 'diff-hygiene', detail: `${c.path} line${c.bidiLines.length === 1 ? '' : 's'} ${c.bidiLines.slice(0, 5).join(', ')} hold${c.bidiLines.length === 1 ? 's' : ''} bidirectional control characters, which make code read differently from how it runs` });
    }
  }
  return out;
}

/** Bidirectional embedding, override and isolate controls. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
