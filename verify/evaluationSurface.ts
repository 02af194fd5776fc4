// The evaluation surface, measured: what the base's test run actually read, rather than what
// conventions name. The run script records every tracked file a run reads (their access
// times, set back before the run); from the baseline's reads, the files that belong to the
// tests rather than to what users get join the held-out tree's restored paths, and after the
// held-out run, what its tests read instead is compared with the base's. Pure.

import { globMatch } from './testResults';

/** Source files by extension: a read of one of these is code the run loaded. */
const CODE = /\.(?:[cm]?[jt]sx?|py|go)$/;
/** Files read to decide how to build or resolve, whoever reads them: their own rules judge them. */
const MANIFEST = /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.mod|go\.sum|go\.work|pyproject\.toml|setup\.cfg|setup\.py|tsconfig(?:\.[\w-]+)?\.json|jsconfig\.json|\.gitignore|\.gitattributes)$/;

export const isCode = (path: string): boolean => CODE.test(path);

export interface SurfaceInput {
  /** Tracked files the base's test run read. */
  reads: readonly string[];
  /** Already on the evaluation side by convention, or protected. */
  isEvaluation: (path: string) => boolean;
  /**
   * Code users get: for JavaScript, every file reachable by import from the package's
   * declared entry points; for Python, every module inside a package folder; for Go, every
   * non-test file outside `internal/` folders only tests import. Undefined for a file whose
   * side cannot be told (a package that declares nothing): such code stays the Lab's.
   */
  isPublished: (path: string) => boolean | undefined;
  /** Whether code users get names the file (a data file it opens or embeds). */
  namedByPublished: (path: string) => boolean;
}

/**
 * The files the base's tests read that belong to the tests: data no published code names
 * (expected values, golden files) and code only the tests reach in a package that declares
 * what it publishes (an assertion helper). The held-out run takes them from the base.
 * Code that may be what users get is never taken: restoring it would test the base's code.
 */
export function measuredEvaluation(input: SurfaceInput): string[] {
  const out: string[] = [];
  for (const p of input.reads) {
    if (input.isEvaluation(p) || MANIFEST.test(p)) continue;
    if (isCode(p) ? input.isPublished(p) === false : !input.namedByPublished(p)) out.push(p);
  }
  return out.sort();
}

/**
 * Whether a package builds what it publishes from other files: a script npm runs to build
 * (`build`, or one it runs by itself before packing, publishing or testing). Then code outside
 * its `files` may be the source of what users get, and is never taken for the tests' own.
 */
export function buildsWhatItPublishes(scripts: Record<string, unknown>): boolean {
  return ['build', 'prepare', 'prepack', 'prepublish', 'prepublishOnly', 'pretest'].some((s) => typeof scripts[s] === 'string' && scripts[s] !== '');
}

/** The name a module is imported by: `lib/sum.js`, `lib/sum`, `lib/sum/index.js` and `src/sum/__init__.py` are all `sum`. */
export function moduleName(path: string): string {
  const parts = path.split('/');
  const file = parts[parts.length - 1]!;
  const stem = file.replace(/\..*$/, '');
  if ((stem === 'index' || stem === '__init__') && parts.length > 1) return parts[parts.length - 2]!;
  return stem;
}

export interface EntryPoint {
  /** How users reach it: `package.json exports["."].require`, `the package mypkg`. */
  via: string;
  path: string;
  /** The Lab added the file, changed it, or pointed the entry at it. */
  changed: boolean;
  /** The Lab added the file or pointed the entry at it: users reach code they did not before. */
  fresh?: boolean;
}

export interface SurfaceVerdictInput {
  baseReads: readonly string[];
  heldOutReads: readonly string[];
  /** The Lab's own run, with its own tests: a new entry point is tested there. */
  labReads: readonly string[];
  /** Paths only the Lab's tree has. */
  added: readonly string[];
  /** Paths the Lab deleted. */
  deleted: readonly string[];
  /** The entry points of the Lab's tree. */
  entries: readonly EntryPoint[];
}

export interface SurfaceViolation {
  rule: 'evaluation-surface';
  detail: string;
}

/**
 * What the held-out run read, held against the base's:
 * - a module the base's tests read and still there, which they no longer read while they
 *   read a module of the same name the Lab added, was shadowed for them (an extensionless
 *   twin, an index folder, a top-level module before the package); so was a data file, by
 *   one of the same file name (a units.json in the working folder before the bundled one);
 * - an entry point users reach that the change added, or changed where the base's tests
 *   loaded it, must be code some test ran.
 */
export function surfaceViolations(input: SurfaceVerdictInput): SurfaceViolation[] {
  const out: SurfaceViolation[] = [];
  const held = new Set(input.heldOutReads);
  const base = new Set(input.baseReads);
  const lab = new Set(input.labReads);
  const addedRead = input.added.filter((p) => held.has(p));
  const deleted = new Set(input.deleted);
  const fileName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const was of base) {
    if (held.has(was) || deleted.has(was) || MANIFEST.test(was)) continue;
    if (isCode(was)) {
      const twin = addedRead.find((p) => moduleName(p) === moduleName(was));
      if (twin) out.push({ rule: 'evaluation-surface', detail: `the base's tests read ${was}, and on the change they read ${twin} instead: a file the Lab added changes what their imports resolve to, so they no longer test what users get` });
      continue;
    }
    // A data file of the same name, found first where the tests run (the working folder, a search path).
    const twin = addedRead.find((p) => !isCode(p) && fileName(p) === fileName(was));
    if (twin) out.push({ rule: 'evaluation-surface', detail: `the base's tests read ${was}, and on the change they read ${twin} instead: a file of the same name the Lab added is found first where the tests run, so they no longer test the ${was} users get` });
  }
  for (const e of input.entries) {
    if (!e.changed || held.has(e.path) || lab.has(e.path)) continue;
    // An entry the base's tests never loaded either was never theirs to test: its changed lines are the mutants' to judge.
    if (!e.fresh && !base.has(e.path)) continue;
    out.push({ rule: 'evaluation-surface', detail: `${e.via} resolves to ${e.path}, which the change ${input.added.includes(e.path) ? 'adds' : 'changes'} and no test loaded: users would get code the tests never ran` });
  }
  return out;
}

/** The files a package.json's entry points name (main, module, bin, every exports condition), with how each is reached. */
export function packageEntries(pkgPath: string, pkg: Record<string, unknown>): Array<{ via: string; path: string }> {
  const dir = pkgPath.includes('/') ? pkgPath.slice(0, pkgPath.lastIndexOf('/') + 1) : '';
  const out: Array<{ via: string; path: string }> = [];
  const add = (via: string, target: unknown) => {
    if (typeof target !== 'string' || target.includes('*') || !target.startsWith('./') && !/^[\w@]/.test(target)) return;
    const clean = target.replace(/^\.\//, '');
    if (clean.startsWith('..') || clean.includes('/../')) return;
    out.push({ via: `${pkgPath} ${via}`, path: `${dir}${clean}` });
  };
  add('main', pkg.main);
  add('module', pkg.module);
  if (typeof pkg.bin === 'string') add('bin', pkg.bin);
  else if (pkg.bin && typeof pkg.bin === 'object') for (const [k, v] of Object.entries(pkg.bin)) add(`bin.${k}`, v);
  const walk = (via: string, v: unknown) => {
    if (typeof v === 'string') add(via, v);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(`${via}[${i}]`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${via}[${JSON.stringify(k)}]`, x);
  };
  walk('exports', pkg.exports);
  return out;
}

/** Files npm always packs, whatever `files` says. */
const ALWAYS_PACKED = /^(?:package\.json|README(?:\.[^/]*)?|LICEN[CS]E(?:\.[^/]*)?|CHANGELOG(?:\.[^/]*)?)$/i;

/** Whether npm packs `path` (relative to the package) under a `files` field. */
export function packedByFiles(path: string, files: string[], entries: string[]): boolean {
  if (ALWAYS_PACKED.test(path) || entries.includes(path)) return true;
  return files.some((f) => {
    const clean = f.replace(/^\.\//, '').replace(/\/+$/, '');
    if (/[*?[]/.test(clean)) return globMatch(clean, path) || globMatch(`${clean}/**`, path);
    return path === clean || path.startsWith(`${clean}/`);
  });
}

/**
 * Code the package's published entry points import that npm would not pack: users who install
 * it get an import that fails. Only what the change made so (`before` lists what was already).
 */
export function unpublishedImports(reached: Map<string, string>, files: string[], entries: string[], before: ReadonlySet<string>): string[] {
  return [...reached]
    .filter(([p]) => !before.has(p) && !packedByFiles(p, files, entries))
    .map(([p, from]) => `${p} is imported by ${from}, which users reach through the package's entry points, but package.json "files" does not include it, so npm would not publish it: users who install the package get an import that fails`);
}
