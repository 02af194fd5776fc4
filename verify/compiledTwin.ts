// A TypeScript file whose compiled JavaScript is committed beside it: the tests run the
// JavaScript, so the TypeScript's changed lines can never be reached by a test or a mutant.
// When the committed JavaScript is the TypeScript with its types erased (the same program,
// node for node, whatever the layout and comments), the change is judged through the
// JavaScript's own lines, which the tests do run. Anything else (a TypeScript construct
// that emits code, a downlevelled or CommonJS emit, a twin that differs) is not the same
// program, and the TypeScript's lines stay judged as they are. Pure.
import { parse as parseJsonc } from 'jsonc-parser';
import { parseJs } from './jsParse';

/** Keys that say where a node is or how it was written, not what it does. */
const LAYOUT = new Set(['loc', 'start', 'end', 'range', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens', 'errors']);
/** Keys that hold types only, which tsc erases. */
const TYPES = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters', 'implements', 'typeArguments', 'predicate', 'definite', 'accessibility', 'override', 'readonly', 'declare', 'importKind', 'exportKind', 'abstract']);
/** Expressions that wrap a value in a type: the value is what runs. */
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
/** Statements that are types alone. */
const TYPE_STATEMENTS = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction']);

class EmitsCode extends Error {}

type Node = { type: string; [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

/** A statement tsc leaves out of the JavaScript entirely. */
function erased(n: Node): boolean {
  if (TYPE_STATEMENTS.has(n.type) || n.declare === true) return true;
  if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration') && (n.importKind === 'type' || n.exportKind === 'type')) return true;
  if ((n.type === 'ExportNamedDeclaration' || n.type === 'ExportDefaultDeclaration') && isNode(n.declaration) && erased(n.declaration)) return true;
  return false;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v
      .filter((x) => !(isNode(x) && erased(x)))
      // `import { type A, b }`: the type specifier is erased.
      .filter((x) => !(isNode(x) && (x.importKind === 'type' || x.exportKind === 'type') && /Specifier$/.test(x.type)))
      .map(canonical);
  }
  if (!isNode(v)) {
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).filter(([k]) => !LAYOUT.has(k)).map(([k, x]) => [k, canonical(x)]));
    return v;
  }
  if (TYPE_WRAPPERS.has(v.type)) return canonical(v.expression);
  // Constructs that make code of their own (enums, namespaces, parameter properties,
  // decorators): the emit is not the source with its types erased.
  if (/^TS/.test(v.type) || v.type === 'Decorator') throw new EmitsCode(v.type);
  // `this` declared as a parameter is a type only.
  const params = v.params;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (LAYOUT.has(k) || TYPES.has(k)) continue;
    // `a?: T` is a type; `a?.b` is not.
    if (k === 'optional' && !v.type.startsWith('Optional')) continue;
    if (k === 'params' && Array.isArray(params)) out[k] = canonical(params.filter((p) => !(isNode(p) && p.type === 'Identifier' && p.name === 'this')));
    else out[k] = canonical(x);
  }
  return out;
}

/** The program a JavaScript or TypeScript source runs, without layout, comments or types; undefined when it cannot be read so, or has TypeScript that emits code. */
export function erasedProgram(code: string, path: string): string | undefined {
  try {
    const ast = parseJs(code, path);
    if (ast.errors?.length) return undefined;
    return JSON.stringify(canonical(ast.program));
  } catch {
    return undefined;
  }
}

/** Whether `js` is what erasing `ts`'s types gives (tsc's emit for a modern ES module target). */
export function sameProgram(ts: string, tsPath: string, js: string, jsPath: string): boolean {
  const a = erasedProgram(ts, tsPath);
  return a !== undefined && a === erasedProgram(js, jsPath);
}

const TS_SOURCE = /\.([cm]?)tsx?$/;

/**
 * Where tsc would put a TypeScript file's JavaScript: beside it, or under the project's
 * outDir (relative to its rootDir, or to the source's first folder when none is given).
 * Only the paths the commit holds.
 */
export function twinCandidates(tsPath: string, tracked: ReadonlySet<string>, compilerOptions: { outDir?: string; rootDir?: string } = {}): string[] {
  const m = TS_SOURCE.exec(tsPath);
  if (!m || /\.d\.[cm]?tsx?$/.test(tsPath)) return [];
  const js = tsPath.replace(TS_SOURCE, `.${m[1]}js`);
  const clean = (p?: string) => p?.replace(/^\.\//, '').replace(/\/+$/, '');
  const out = [js];
  const outDir = clean(compilerOptions.outDir);
  if (outDir && !outDir.startsWith('..') && !outDir.startsWith('/')) {
    const root = clean(compilerOptions.rootDir);
    const rel = root !== undefined && root !== '' && root !== '.' ? (js.startsWith(`${root}/`) ? js.slice(root.length + 1) : undefined) : root === '' || root === '.' ? js : js.includes('/') ? js.slice(js.indexOf('/') + 1) : js;
    if (rel !== undefined) out.push(`${outDir}/${rel}`);
    if (root === undefined) out.push(`${outDir}/${js}`);
  }
  return [...new Set(out)].filter((p) => p !== tsPath && tracked.has(p));
}

/** tsconfig.json's outDir and rootDir (JSON with comments); nothing when it has none or cannot be read. */
export function tsconfigDirs(text: string | undefined): { outDir?: string; rootDir?: string } {
  if (!text) return {};
  const doc = parseJsonc(text, [], { allowTrailingComma: true }) as { compilerOptions?: { outDir?: unknown; rootDir?: unknown } } | undefined;
  const o = doc?.compilerOptions;
  return { ...(typeof o?.outDir === 'string' ? { outDir: o.outDir } : {}), ...(typeof o?.rootDir === 'string' ? { rootDir: o.rootDir } : {}) };
}

/** Of the changed TypeScript files, those whose committed JavaScript is the same program: each with its twin. */
export function twinnedSources(changed: string[], read: (path: string) => string | undefined, tracked: ReadonlySet<string>, compilerOptions: { outDir?: string; rootDir?: string }): Map<string, string> {
  const out = new Map<string, string>();
  for (const ts of changed) {
    const code = read(ts);
    if (code === undefined) continue;
    const twin = twinCandidates(ts, tracked, compilerOptions).find((js) => {
      const emitted = read(js);
      return emitted !== undefined && sameProgram(code, ts, emitted, js);
    });
    if (twin) out.set(ts, twin);
  }
  return out;
}
