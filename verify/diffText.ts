// A unified git diff as text: its per-file sections, git's quoted paths, and git's glob
// rules. Pure, and free of node: imports, so the workflow may use it too.

/** git's glob pathspec rules: `*` and `?` stay within a folder, `**` crosses folders. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface FileSection {
  path: string;
  text: string;
}

/** Undoes git's C-style quoting of a path ("a/\"q.js", octal escapes for UTF-8 bytes). */
export function unquoteGitPath(quoted: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '\\': 92, '"': 34 };
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = quoted[i + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The path of a `diff --git` header, for diffs made with --no-renames (both sides name
 * the same path). Splitting at " b/" would be wrong for a path that contains " b/";
 * with equal sides the unquoted form is "a/P b/P", so P's length is known.
 */
export function headerPath(header: string): string | undefined {
  const rest = header.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")/.exec(rest);
    return m ? unquoteGitPath(m[1]!).replace(/^a\//, '') : undefined;
  }
  if ((rest.length - 5) % 2 !== 0) return undefined;
  const len = (rest.length - 5) / 2;
  const a = rest.slice(2, 2 + len);
  return rest.startsWith('a/') && rest.slice(2 + len) === ` b/${a}` ? a : undefined;
}

/** Splits a unified git diff (made with --no-renames) into its per-file sections. */
export function splitDiff(diff: string): FileSection[] {
  const starts = [...diff.matchAll(/^diff --git .*$/gm)];
  return starts.map((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : diff.length;
    // An unparseable header keeps its section (and so stays visible to the reviewer).
    return { path: headerPath(m[0]) ?? m[0], text: diff.slice(m.index, end) };
  });
}
