// Gathers, from git, what verify/evaluationSurface.ts judges: which of the files the base's
// tests read belong to the tests, and the entry points users reach on the Lab's tree.
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { gitIn } from '../git/gitCommand';
import { lsTree, readFiles } from '../git/gitObjects';
import { globMatch } from '../verify/testResults';
import { buildsWhatItPublishes, isCode, measuredEvaluation, packageEntries, type EntryPoint } from '../verify/evaluationSurface';
import { isEvaluationPath } from '../verify/testPaths';
import { protectedPath, parseJsonObject } from '../verify/protectedSurface';
import { goModulePath } from '../runners/go';

export interface ChangeSurface {
  /** Files the base's tests read that belong to the tests: the held-out tree takes them from the base. */
  measured: string[];
  entries: EntryPoint[];
  added: string[];
  deleted: string[];
}

type Tree = Awaited<ReturnType<typeof lsTree>>;

/** `base` and `lab`: each commit with its tree, as checkChange listed it. */
export async function surfaceOfChange(repo: string, base: { sha: string; tree: Tree }, lab: { sha: string; tree: Tree }, baseReads: string[] | undefined, reportedTestFiles: ReadonlySet<string>, raw: Array<{ path: string; status: string }>): Promise<ChangeSurface> {
  const [baseSha, labSha, baseTree, labTree] = [base.sha, lab.sha, base.tree, lab.tree];
  const changed = new Set(raw.map((c) => c.path));
  const added = raw.filter((c) => c.status === 'A').map((c) => c.path);
  const deleted = raw.filter((c) => c.status === 'D').map((c) => c.path);
  const isEvaluation = (p: string) => isEvaluationPath(p, reportedTestFiles) || protectedPath(p) !== undefined;
  const basePaths = new Set(baseTree.keys());

  let measured: string[] = [];
  if (baseReads?.length) {
    const published = await publishedCode(repo, baseSha, basePaths, isEvaluation);
    const data = baseReads.filter((p) => !isCode(p) && !isEvaluation(p));
    const spelled = data.length ? await pathNamesInCode(repo, baseSha, [...basePaths].filter((p) => isCode(p) && !isEvaluation(p) && !p.endsWith('_test.go'))) : () => false;
    const named = (p: string) => spelled(posix.basename(p)) || (p.includes('/') && spelled(posix.basename(posix.dirname(p))));
    measured = measuredEvaluation({ reads: baseReads.filter((p) => basePaths.has(p)), isEvaluation, isPublished: published, namedByPublished: named });
  }

  // The entry points of the Lab's tree, and whether the change touched what each reaches.
  const entries: EntryPoint[] = [];
  const labPkg = labTree.has('package.json') ? parseJsonObject((await readFiles(repo, labSha, ['package.json'])).get('package.json')) : undefined;
  const basePkg = baseTree.has('package.json') ? parseJsonObject((await readFiles(repo, baseSha, ['package.json'])).get('package.json')) : undefined;
  if (labPkg && labPkg !== 'invalid') {
    const before = new Set(basePkg && basePkg !== 'invalid' ? packageEntries('package.json', basePkg).map((e) => `${e.via}\u0000${e.path}`) : []);
    for (const e of packageEntries('package.json', labPkg)) {
      if (!labTree.has(e.path)) continue;
      const fresh = added.includes(e.path) || !before.has(`${e.via}\u0000${e.path}`);
      entries.push({ ...e, changed: fresh || changed.has(e.path), fresh });
    }
  }
  // A Python package's __init__ is what `import pkg` gives users.
  for (const p of labTree.keys()) {
    const m = /^(?:src\/)?([A-Za-z_]\w*)\/__init__\.py$/.exec(p);
    if (m && !isEvaluation(p)) entries.push({ via: `the Python package ${m[1]}`, path: p, changed: changed.has(p), fresh: added.includes(p) });
  }
  return { measured, entries, added, deleted };
}

/**
 * Whether a code file of the base is published (what users get), not (only the tests can
 * reach it), or cannot be told (undefined). Only what the language's own packaging makes
 * certain: taking code users get for the tests' would hold the Lab's change to it out of the
 * held-out run. JavaScript: inside package.json's `files`, else unknown. Python: inside a
 * package folder, under src/, or a module pyproject.toml installs; outside all of them where
 * the repository has any, not; else unknown. Go: outside an `internal/` folder, or inside one
 * some non-test file imports (Go loads no code by name at run time).
 */
async function publishedCode(repo: string, sha: string, paths: Set<string>, isEvaluation: (p: string) => boolean): Promise<(p: string) => boolean | undefined> {
  // JavaScript: npm publishes only what a package.json `files` field lists (and package.json,
  // README and LICENSE). Without one, every file may be loaded by users or by the package's own
  // dynamic requires, so nothing can be said: an entry point's static import closure is not
  // enough, since a lazy `require(path)` reaches past it.
  const pkg = paths.has('package.json') ? parseJsonObject((await readFiles(repo, sha, ['package.json'])).get('package.json')) : undefined;
  const filesField = pkg && pkg !== 'invalid' && Array.isArray(pkg.files) ? (pkg.files as unknown[]).filter((f): f is string => typeof f === 'string' && !f.startsWith('!')).map((f) => f.replace(/^\.\//, '').replace(/\/$/, '')) : [];
  // A package that builds what it publishes: code outside `files` may be the build's source.
  const built = pkg && pkg !== 'invalid' && typeof pkg.scripts === 'object' && pkg.scripts !== null && buildsWhatItPublishes(pkg.scripts as Record<string, unknown>);
  const published = (p: string) => filesField.some((f) => (/[*?[]/.test(f) ? globMatch(f, p) || globMatch(`${f}/**`, p) : p === f || p.startsWith(`${f}/`)));
  // Python's packages, and the modules a pyproject.toml says it installs.
  const packageDirs = new Set([...paths].filter((p) => p.endsWith('/__init__.py') && !isEvaluation(p)).map((p) => posix.dirname(p)));
  const declaredPy = paths.has('pyproject.toml') ? pythonModulesDeclared((await readFiles(repo, sha, ['pyproject.toml'])).get('pyproject.toml') ?? '') : new Set<string>();
  // Go's internal packages some non-test file imports.
  const goModule = paths.has('go.mod') ? goModulePath((await readFiles(repo, sha, ['go.mod'])).get('go.mod')) : undefined;
  const importedInternal = new Map<string, boolean>();
  const goImported = async (dir: string) => {
    if (!importedInternal.has(dir)) {
      const hits = await gitIn(repo).text(['grep', '-l', '-F', '-e', `"${goModule}/${dir}"`, sha, '--', '*.go', ':!*_test.go']).catch(() => '');
      importedInternal.set(dir, hits.trim() !== '');
    }
    return importedInternal.get(dir)!;
  };
  const goVerdicts = new Map<string, boolean>();
  for (const p of paths) {
    if (!p.endsWith('.go') || p.endsWith('_test.go') || !goModule) continue;
    const dir = posix.dirname(p);
    goVerdicts.set(p, !/(?:^|\/)internal(?:\/|$)/.test(dir) || (await goImported(dir)));
  }
  return (p: string) => {
    if (p.endsWith('.go')) return goVerdicts.get(p);
    if (p.endsWith('.py')) {
      // A namespace package (no __init__.py) under src/ or a declared name is published too.
      if (packageDirs.has(posix.dirname(p)) || p.startsWith('src/') || p.split('/').some((seg) => declaredPy.has(seg.replace(/\.py$/, '')))) return true;
      return packageDirs.size || declaredPy.size ? false : undefined;
    }
    if (!filesField.length) return undefined;
    return published(p) || (built ? undefined : false);
  };
}

/** The top-level modules and packages a pyproject.toml installs or runs: setuptools' py-modules and packages, poetry's and hatch's packages, the project's own name, the modules its scripts and entry points name. */
export function pythonModulesDeclared(text: string): Set<string> {
  const out = new Set<string>();
  let doc: Record<string, any>;
  try {
    doc = parseToml(text) as Record<string, any>;
  } catch {
    return out;
  }
  // A dotted module name's top level ("pkg.sub" is pkg), a folder's last name ("src/pkg" is pkg).
  const add = (v: unknown) => typeof v === 'string' && v && out.add((v.includes('/') ? v.split('/').filter(Boolean).pop()! : v.split('.')[0]!).replace(/-/g, '_'));
  const st = doc.tool?.setuptools;
  for (const m of [st?.['py-modules'], st?.packages].flat()) add(m);
  for (const p of [doc.tool?.poetry?.packages].flat()) add(p?.include);
  for (const p of [doc.tool?.hatch?.build?.targets?.wheel?.packages].flat()) add(p);
  if (typeof doc.project?.name === 'string') add(doc.project.name);
  // Console scripts and entry points name the module they run ("cli:main" runs cli.py).
  const targets = [doc.project?.scripts, doc.project?.['gui-scripts'], ...Object.values(doc.project?.['entry-points'] ?? {}), doc.tool?.poetry?.scripts];
  for (const t of targets) for (const v of Object.values(t ?? {})) if (typeof v === 'string') add(v.split(':')[0]!.split('.')[0]!);
  return out;
}

/** Code files read at most, for the names they use: past it, every data file counts as named (nothing is restored). */
const MAX_CODE_BYTES = 64 * 1024 * 1024;

/**
 * Every path segment code spells in a string or a go:embed line (`"data/units.json"` gives
 * data and units.json): a data file is named by code when its name or its folder's is among
 * them. Read once, in one batch, however many data files the tests read.
 */
async function pathNamesInCode(repo: string, sha: string, codeFiles: string[]): Promise<(name: string) => boolean> {
  const out = new Set<string>();
  const texts = await readFiles(repo, sha, codeFiles);
  let bytes = 0;
  for (const text of texts.values()) {
    bytes += text.length;
    if (bytes > MAX_CODE_BYTES) return () => true;
    for (const seg of spelledPathSegments(text)) out.add(seg);
  }
  return (name) => out.has(name);
}

/** The path segments a text spells in its strings and go:embed lines. */
export function spelledPathSegments(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n]){1,300})\1|\/\/go:embed\s+([^\n]+)/g)) {
    for (const seg of (m[2] ?? m[3] ?? '').split(/[\/\\\s]+/)) if (seg) out.push(seg);
  }
  return out;
}
