// What the base's .gitignore files ignore is what the project's tools make: installed
// dependencies, build output, and caches a run reads back (TypeScript's .tsbuildinfo, pytest's
// cache). A change that commits such a path hands the judge state it did not compute itself,
// so a path the base ignores is not the Lab's to add, whatever the Lab's own .gitignore says.
import ignore, { type Ignore } from 'ignore';

/** Each .gitignore of the base, by path, with its text. */
export type GitignoreFiles = Map<string, string>;

/** The rule that decides `path`: the deepest .gitignore with a pattern that matches it wins, as in git. */
export function ignoredBy(path: string, gitignores: GitignoreFiles): string | undefined {
  const layers = [...gitignores.entries()]
    .map(([file, text]) => ({ file, dir: file.slice(0, file.length - '.gitignore'.length), ig: ignore().add(text) as Ignore }))
    .filter((l) => path.startsWith(l.dir) && path !== l.file)
    .sort((a, b) => a.dir.length - b.dir.length);
  let by: string | undefined;
  for (const l of layers) {
    const r = l.ig.test(path.slice(l.dir.length));
    if (r.ignored) by = `${l.file}${r.rule ? ` (\`${r.rule.pattern}\`)` : ''}`;
    else if (r.unignored) by = undefined;
  }
  return by;
}

/** Paths the change adds that the base ignores. */
export function ignoredAdditions(addedPaths: string[], gitignores: GitignoreFiles): Array<{ rule: 'protected'; detail: string }> {
  if (!gitignores.size) return [];
  return addedPaths.flatMap((p) => {
    const by = ignoredBy(p, gitignores);
    return by ? [{ rule: 'protected' as const, detail: `${p} is a path the base ignores (${by}): what a project ignores is made by its tools (dependencies, build output, caches a run reads back), not source to commit` }] : [];
  });
}
