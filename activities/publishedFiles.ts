// Gathers, from git, what verify/evaluationSurface.ts's unpublishedImports judges: the code a
// package's entry points import, on the base and on the Lab's tree, where package.json has a
// `files` field that decides what npm publishes.
import { readFiles } from '../git/gitObjects';
import { packageEntries, packedByFiles, unpublishedImports } from '../verify/evaluationSurface';
import { importsOf, isJsLike, resolveSpecifier } from '../verify/jsImports';
import { parseJsonObject } from '../verify/protectedSurface';
import type { Violation } from '../verify/inspectChange';

/** Each file the entry points reach by static import, with a file that imports it (an entry reaches itself). */
async function reachedFrom(repo: string, sha: string, tree: ReadonlySet<string>, entries: string[]): Promise<Map<string, string>> {
  const reached = new Map<string, string>(entries.map((e) => [e, e]));
  let level = [...entries];
  for (let depth = 0; level.length && depth < 50; depth++) {
    const texts = await readFiles(repo, sha, level.filter((f) => isJsLike(f)));
    const next: string[] = [];
    for (const f of level) {
      const code = texts.get(f);
      if (code === undefined) continue;
      for (const imp of importsOf(code, f)) {
        const target = resolveSpecifier(f, imp.spec, tree);
        if (!target || reached.has(target)) continue;
        reached.set(target, f);
        next.push(target);
      }
    }
    level = next.slice(0, 2000);
  }
  return reached;
}

/** The change's code that the Lab's package would import but npm would not publish (the root package.json's `files`). */
export async function unpublishedViolations(repo: string, base: { sha: string; tree: ReadonlySet<string> }, lab: { sha: string; tree: ReadonlySet<string> }): Promise<Violation[]> {
  if (!lab.tree.has('package.json')) return [];
  const pkg = parseJsonObject((await readFiles(repo, lab.sha, ['package.json'])).get('package.json'));
  if (!pkg || pkg === 'invalid' || !Array.isArray(pkg.files)) return [];
  const files = (pkg.files as unknown[]).filter((f): f is string => typeof f === 'string' && !f.startsWith('!'));
  const entries = [...new Set(packageEntries('package.json', pkg).map((e) => e.path))];
  const labReached = await reachedFrom(repo, lab.sha, lab.tree, entries.filter((e) => lab.tree.has(e)));
  // What the base's own entry points already left out is not this change's doing.
  const basePkg = base.tree.has('package.json') ? parseJsonObject((await readFiles(repo, base.sha, ['package.json'])).get('package.json')) : undefined;
  const baseFiles = basePkg && basePkg !== 'invalid' && Array.isArray(basePkg.files) ? (basePkg.files as unknown[]).filter((f): f is string => typeof f === 'string' && !f.startsWith('!')) : undefined;
  const baseEntries = basePkg && basePkg !== 'invalid' ? [...new Set(packageEntries('package.json', basePkg).map((e) => e.path))].filter((e) => base.tree.has(e)) : [];
  const baseReached = baseFiles ? await reachedFrom(repo, base.sha, base.tree, baseEntries) : new Map<string, string>();
  const before = new Set(baseFiles ? [...baseReached.keys()].filter((p) => !packedByFiles(p, baseFiles, baseEntries)) : []);
  return unpublishedImports(labReached, files, entries, before).slice(0, 5).map((detail) => ({ rule: 'evaluation-surface' as const, detail }));
}
