// Which test files can see a change, read from the imports alone. A test file none of whose
// imports, followed through every project file, reaches a changed file runs the base's own
// code: whatever it does, the base did too. The answer is "cannot tell" (undefined) wherever
// imports do not say all: a changed file that is not JavaScript (data, another language), a
// changed file that something the run reads other than through a test reaches (a runner's
// setup file, its config), or an import whose target is computed or resolved some other way
// than by its path (a subpath import, a path alias). Pure.
import { hasComputedImport, importsOf, isJsLike, resolveSpecifier } from './jsImports';

/** Specifiers a resolver maps to project files by configuration: subpath imports (#x) and the usual aliases (@/x, ~/x). */
const ALIASED = /^(?:#|@\/|~\/)/;

export interface ChangeReachInput {
  /** The test files the runner reports. */
  tests: string[];
  /** The files the change touched, in the tree the tests run on. */
  changed: string[];
  /** Every file of that tree. */
  files: ReadonlySet<string>;
  read: (path: string) => string | undefined;
  /** The files the base's own run read (its traced reads): what the runner loads besides the tests. Undefined: not traced. */
  runReads: ReadonlySet<string> | undefined;
  /** The package's own name (package.json "name"), which its files may import themselves by. */
  selfName?: string;
}

/** The test files that reach a changed file, in `tests`' order; undefined when the imports cannot tell. */
export function testsReachingChange(input: ChangeReachInput): string[] | undefined {
  if (!input.runReads || !input.changed.length || input.changed.some((p) => !isJsLike(p))) return undefined;
  const self = input.selfName;
  const opaque = (spec: string, from: string) =>
    ALIASED.test(spec) || (!!self && (spec === self || spec.startsWith(`${self}/`))) || (spec.startsWith('.') && !resolveSpecifier(from, spec, input.files));
  const imports = new Map<string, string[]>();
  const computed = new Set<string>();
  const edges = (f: string): string[] => {
    let out = imports.get(f);
    if (out) return out;
    const code = input.read(f);
    const specs = code === undefined || !isJsLike(f) ? [] : importsOf(code, f).map((i) => i.spec);
    out = specs.map((spec) => resolveSpecifier(f, spec, input.files)).filter((t): t is string => !!t);
    if (code !== undefined && isJsLike(f) && (specs.some((spec) => opaque(spec, f)) || hasComputedImport(code, f))) computed.add(f);
    imports.set(f, out);
    return out;
  };
  const closure = (from: string): Set<string> => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length) for (const t of edges(queue.shift()!)) if (!seen.has(t)) (seen.add(t), queue.push(t));
    return seen;
  };
  const changed = new Set(input.changed);
  const reached = new Set<string>();
  const out: string[] = [];
  for (const t of input.tests) {
    const c = closure(t);
    for (const f of c) reached.add(f);
    if ([...c].some((f) => changed.has(f) || computed.has(f))) out.push(t);
  }
  // Whatever else the run loads that imports a changed file (a setup file every test runs, a config) must be one a test reaches.
  for (const f of input.runReads) {
    if (!isJsLike(f) || reached.has(f)) continue;
    if ([...closure(f)].some((x) => changed.has(x))) return undefined;
  }
  return out;
}
