// What a checkout on another operating system makes of the change's paths, and how much it
// adds. Loom tests the tree as Linux holds it; a macOS or Windows checkout folds case and
// Unicode normalisation, and refuses some names, so there the tree could hold a file Loom
// never tested, or fail to check out. And a change too large to read is judged by its size,
// since nothing but a reviewer would otherwise limit it. Pure.

export interface CheckoutViolation {
  rule: 'checkout' | 'change-size';
  detail: string;
}

/** The key two paths share when a case-insensitive, normalisation-insensitive file system holds them. */
const folded = (p: string): string => p.normalize('NFC').toLowerCase();

/** Every folder of a path and the path itself: "a/b/c.js" -> "a", "a/b", "a/b/c.js". */
const prefixes = (p: string): string[] => p.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'));

/**
 * Paths (or folders) of the Lab's tree that one file system tells apart and another does not,
 * where at least one of them is the change's: on macOS or Windows one of the two would be
 * checked out in place of the other.
 */
export function collidingPaths(treePaths: string[], changedPaths: Iterable<string>): CheckoutViolation[] {
  const changed = new Set([...changedPaths].flatMap(prefixes));
  const byKey = new Map<string, Set<string>>();
  for (const p of treePaths) {
    for (const q of prefixes(p)) {
      const k = folded(q);
      const seen = byKey.get(k) ?? new Set<string>();
      seen.add(q);
      byKey.set(k, seen);
    }
  }
  const out: CheckoutViolation[] = [];
  for (const names of byKey.values()) {
    if (names.size < 2 || ![...names].some((n) => changed.has(n))) continue;
    const list = [...names].sort();
    out.push({ rule: 'checkout', detail: `${list.map((n) => JSON.stringify(n)).join(' and ')} differ only in letter case or Unicode normalisation: a macOS or Windows checkout holds one of them in place of the other, which is not the tree Loom tested` });
  }
  return out;
}

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;
// Control characters and the characters Windows file names may not hold.
// eslint-disable-next-line no-control-regex
const WINDOWS_FORBIDDEN = /[\u0000-\u001f<>:"|?*\\]/;

/** Why Windows cannot check out a path's name, or undefined. */
export function windowsProblem(path: string): string | undefined {
  for (const seg of path.split('/')) {
    if (WINDOWS_RESERVED.test(seg)) return `"${seg}" is a device name on Windows`;
    const bad = WINDOWS_FORBIDDEN.exec(seg);
    if (bad) return `"${seg.replace(/[\u0000-\u001f]/g, '?')}" holds ${JSON.stringify(bad[0])}, which Windows file names cannot`;
    if (/[. ]$/.test(seg)) return `"${seg}" ends in a ${seg.endsWith('.') ? 'dot' : 'space'}, which Windows drops`;
  }
  return undefined;
}

/** Names the change adds that a Windows checkout refuses or alters. */
export function windowsViolations(addedPaths: string[]): CheckoutViolation[] {
  return addedPaths.flatMap((p) => {
    const why = windowsProblem(p);
    return why ? [{ rule: 'checkout' as const, detail: `${JSON.stringify(p)}: ${why}, so the change cannot be checked out there` }] : [];
  });
}

export interface ChangeSizeLimits {
  files: number;
  megabytes: number;
  fileMegabytes: number;
}

export const DEFAULT_CHANGE_LIMITS: ChangeSizeLimits = { files: 500, megabytes: 20, fileMegabytes: 10 };

/** Limits as set, each unset one at its default. */
export function withDefaultLimits(set: Partial<ChangeSizeLimits> = {}): ChangeSizeLimits {
  return { files: set.files ?? DEFAULT_CHANGE_LIMITS.files, megabytes: set.megabytes ?? DEFAULT_CHANGE_LIMITS.megabytes, fileMegabytes: set.fileMegabytes ?? DEFAULT_CHANGE_LIMITS.fileMegabytes };
}

const mb = (bytes: number): string => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** A change past any of its size limits: files changed, bytes of content added or changed, the largest file. */
export function sizeViolations(changes: Array<{ path: string; bytes?: number }>, limits: ChangeSizeLimits): CheckoutViolation[] {
  const out: CheckoutViolation[] = [];
  const total = changes.reduce((a, c) => a + (c.bytes ?? 0), 0);
  const largest = changes.reduce<{ path: string; bytes?: number } | undefined>((a, c) => ((c.bytes ?? 0) > (a?.bytes ?? -1) ? c : a), undefined);
  const fix = 'split the work into smaller changes, or raise the limit in loom.config.json';
  if (changes.length > limits.files) out.push({ rule: 'change-size', detail: `the change touches ${changes.length} files, more than verification.maxChangeFiles (${limits.files}): ${fix}` });
  if (total > limits.megabytes * 1e6) out.push({ rule: 'change-size', detail: `the change writes ${mb(total)}, more than verification.maxChangeMb (${limits.megabytes} MB): ${fix}` });
  if (largest?.bytes !== undefined && largest.bytes > limits.fileMegabytes * 1e6) out.push({ rule: 'change-size', detail: `${largest.path} is ${mb(largest.bytes)}, more than verification.maxFileMb (${limits.fileMegabytes} MB): ${fix}` });
  return out;
}
