// What the reviewer must not see: Loom's own artifacts are not the Lab's change.
export const LAB_ARTIFACT_PATHS = ['program.md', '.loom/'];

/** Git pathspecs that leave Lab artifacts out of a diff. */
export function artifactExclusions(extra: string[] = []): string[] {
  return [...LAB_ARTIFACT_PATHS, ...extra].map((p) => `:(exclude)${p.endsWith('/') ? p + '**' : p}`);
}

interface FileSection {
  path: string;
  text: string;
}

/** Splits a unified git diff into its per-file sections. */
export function splitDiff(diff: string): FileSection[] {
  const sections: FileSection[] = [];
  const starts = [...diff.matchAll(/^diff --git a\/(.+?) b\/(.+)$/gm)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : diff.length;
    sections.push({ path: m[2]!, text: diff.slice(m.index, end) });
  });
  return sections;
}

export function isArtifact(path: string, extra: string[] = []): boolean {
  return [...LAB_ARTIFACT_PATHS, ...extra].some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

/** The diff without artifact files: a second guard behind the pathspecs. */
export function sourceOnlyDiff(diff: string, extra: string[] = []): string {
  return splitDiff(diff)
    .filter((s) => !isArtifact(s.path, extra))
    .map((s) => s.text)
    .join('');
}
