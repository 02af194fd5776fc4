// The imports of a JavaScript or TypeScript file and the project files they name: static,
// dynamic and require, each resolved the way Node and TypeScript resolve a relative
// specifier. Pure: the caller supplies file contents and the repository's file list.
import { parse } from '@babel/parser';
import { posix } from 'node:path';

const JS = /\.(?:c|m)?[jt]sx?$/;
export const isJsLike = (path: string): boolean => JS.test(path);
const RESOLVE_EXT = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx', '/index.js', '/index.ts', '/index.mjs'];

/** A relative specifier as a repository path, if it names a file the repository has. */
export function resolveSpecifier(fromFile: string, spec: string, files: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), spec)).replace(/\/+$/, '');
  if (joined.startsWith('..')) return undefined;
  // require('../') from a test folder: the repository's root folder, its index file.
  if (joined === '.') return RESOLVE_EXT.filter((e) => e.startsWith('/')).map((e) => e.slice(1)).find((f) => files.has(f));
  for (const ext of RESOLVE_EXT) {
    if (files.has(joined + ext)) return joined + ext;
  }
  // TypeScript sources imported as ".js".
  const ts = joined.replace(/\.(c|m)?js$/, '.$1ts');
  return files.has(ts) ? ts : undefined;
}

interface ImportUse {
  spec: string;
  /** Imported names; '*' means the whole module (namespace, default object, require). */
  names: string[];
  /** The name the whole module is bound to (`import * as m`, `const m = require(...)`, a default import). */
  local?: string;
  /** A re-export's names as this file exports them, each to the name it takes (`export { default as sum } from`: sum → default). */
  exports?: Record<string, string>;
}

export function parseModule(code: string, path: string) {
  return parse(code, {
    sourceType: 'unambiguous',
    errorRecovery: true,
    plugins: [...(/\.[cm]?tsx?$/.test(path) ? (['typescript'] as const) : []), 'jsx', 'decorators-legacy', 'importAttributes'],
  });
}

/** The imports of a JS/TS file: static, dynamic and require, with the names taken. */
export function importsOf(code: string, path: string): ImportUse[] {
  const out: ImportUse[] = [];
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    // Unparseable: fall back to the specifiers a regex can see, as whole modules.
    for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) out.push({ spec: m[1]!, names: ['*'] });
    return out;
  }
  const visit = (node: unknown, parent?: Record<string, unknown>): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, parent);
      return;
    }
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') {
      const source = (n.source as { value?: string } | null)?.value;
      if (source) {
        type Name = { name?: string; value?: string };
        const specs = (n.specifiers as Array<{ type: string; imported?: Name; local?: Name; exported?: Name }> | undefined) ?? [];
        const names = n.type === 'ExportAllDeclaration' ? ['*'] : specs.map((s) => (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier' ? s.imported?.name ?? s.imported?.value ?? (s.local?.name as string) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*'));
        const whole = specs.find((s) => s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier')?.local?.name;
        const renamed = specs.filter((s) => s.type === 'ExportSpecifier').map((s) => [s.exported?.name ?? s.exported?.value, s.local?.name ?? s.local?.value] as const);
        const exports = renamed.length ? Object.fromEntries(renamed.filter((r): r is readonly [string, string] => !!r[0] && !!r[1])) : undefined;
        out.push({ spec: source, names: names.length ? names : ['*'], ...(whole && specs.length === 1 ? { local: whole } : {}), ...(exports ? { exports } : {}) });
      }
    }
    if (n.type === 'CallExpression' || n.type === 'ImportExpression') {
      const callee = n.callee as { type?: string; name?: string } | undefined;
      const arg = ((n.arguments as unknown[] | undefined)?.[0] ?? n.source) as { type?: string; value?: string } | undefined;
      const isRequire = callee?.type === 'Identifier' && callee.name === 'require';
      const isImport = n.type === 'ImportExpression' || callee?.type === 'Import';
      if ((isRequire || isImport) && arg?.type === 'StringLiteral' && arg.value) {
        // const { a, b } = require('./x'): the names destructured.
        const id = parent?.type === 'VariableDeclarator' ? (parent.id as { type?: string; name?: string; properties?: Array<{ key?: { name?: string } }> }) : undefined;
        const names = id?.type === 'ObjectPattern' ? (id.properties ?? []).map((p) => p.key?.name).filter((x): x is string => !!x) : ['*'];
        out.push({ spec: arg.value, names: names.length ? names : ['*'], ...(id?.type === 'Identifier' && id.name ? { local: id.name } : {}) });
      }
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'start' || k === 'end' || k === 'extra' || k === 'leadingComments' || k === 'trailingComments') continue;
      if (v && typeof v === 'object') visit(v, n);
    }
  };
  visit(ast.program);
  return out;
}

/** Whether a file loads a module whose name is computed (`import(x)`, `require(base + name)`): its imports do not say what it reaches. */
export function hasComputedImport(code: string, path: string): boolean {
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    return /(?:\brequire|\bimport)\s*\(\s*[^'"\s)]/.test(code);
  }
  const literal = (a: { type?: string; expressions?: unknown[] } | undefined) => a?.type === 'StringLiteral' || (a?.type === 'TemplateLiteral' && !a.expressions?.length);
  const visit = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.some(visit);
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'CallExpression' || n.type === 'ImportExpression') {
      const callee = n.callee as { type?: string; name?: string } | undefined;
      const loads = n.type === 'ImportExpression' || callee?.type === 'Import' || (callee?.type === 'Identifier' && callee.name === 'require');
      const arg = ((n.arguments as unknown[] | undefined)?.[0] ?? n.source) as { type?: string; expressions?: unknown[] } | undefined;
      if (loads && !literal(arg)) return true;
      // A require made by createRequire loads under another name.
      const named = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' ? ((callee as { property?: { name?: string } }).property?.name) : undefined;
      if (named === 'createRequire') return true;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'start' || k === 'end' || k === 'extra' || k === 'leadingComments' || k === 'trailingComments' || k === 'innerComments') continue;
      if (v && typeof v === 'object' && visit(v)) return true;
    }
    return false;
  };
  return visit(ast.program);
}

const BUILTINS = new Set(['assert', 'assert/strict', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'string_decoder', 'timers', 'url', 'util', 'vm', 'worker_threads', 'zlib', 'test', 'readline', 'module', 'perf_hooks', 'async_hooks', 'dns', 'tty', 'querystring']);

/**
 * Imports of a test file that are neither the project's own files nor packages it depends
 * on nor built in: path aliases, generated code. Loom cannot tell what they exercise.
 */
export function unresolvedImports(testFile: string, code: string, files: ReadonlySet<string>, dependencies: ReadonlySet<string>): string[] {
  if (!isJsLike(testFile)) return [];
  const pkg = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  return importsOf(code, testFile)
    .map((i) => i.spec)
    .filter((spec) => {
      if (spec.startsWith('.')) return !resolveSpecifier(testFile, spec, files);
      if (spec.startsWith('node:') || BUILTINS.has(spec)) return false;
      return !dependencies.has(pkg(spec));
    });
}

/** Every project file a test file reaches through relative imports, directly or through other project files. */
export function importClosure(testFile: string, read: (path: string) => string | undefined, files: ReadonlySet<string>, isProjectSource: (path: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [testFile];
  while (queue.length) {
    const f = queue.shift()!;
    const code = read(f);
    if (code === undefined || !isJsLike(f)) continue;
    for (const imp of importsOf(code, f)) {
      const target = resolveSpecifier(f, imp.spec, files);
      if (!target || seen.has(target) || !isProjectSource(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}
