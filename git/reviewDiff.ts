// What the reviewer must not see: Loom's own artifacts are not the Lab's change.
import { globToRegExp, splitDiff } from '../verify/diffText';

export const LAB_ARTIFACT_PATHS = ['program.md', '.loom/'];

/** Git pathspecs that leave Lab artifacts out of a diff (top-level paths, taken literally). */
export function artifactExclusions(extra: string[] = []): string[] {
  return [...LAB_ARTIFACT_PATHS, ...extra].map((p) => (p.endsWith('/') ? `:(exclude,glob)${p}**` : isGlob(p) ? `:(exclude,glob)${p}` : `:(exclude,literal)${p}`));
}

const isGlob = (p: string) => /[*?[]/.test(p);

export function isArtifact(path: string, extra: string[] = []): boolean {
  return [...LAB_ARTIFACT_PATHS, ...extra].some((p) => (p.endsWith('/') ? path.startsWith(p) : isGlob(p) ? globToRegExp(p).test(path) : path === p));
}

/** The diff without artifact files: a second guard behind the pathspecs. */
export function sourceOnlyDiff(diff: string, extra: string[] = []): string {
  return splitDiff(diff)
    .filter((s) => !isArtifact(s.path, extra))
    .map((s) => s.text)
    .join('');
}
