// What a test file exercises: the project files it imports (or names in a path string, as a
// test of a command-line tool does), and of those, the declarations it imports by name.
// A new test is judged by the mutants of this code: a test that catches none of them
// does not test what it claims to. Pure: the caller supplies file contents.
import { parse } from '@babel/parser';
import { posix } from 'node:path';

export interface LineRange {
  start: number; // 1-based, inclusive
  end: number;
}

export interface Reference {
  /** The project file exercised. */
  file: string;
  /** Lines of the declarations used; undefined means the whole file. */
  ranges?: LineRange[];
  /** The imported names, for the record ("clamp"). */
  names: string[];
}

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
        const specs = (n.specifiers as Array<{ type: string; imported?: { name?: string; value?: string }; local?: { name?: string } }> | undefined) ?? [];
        const names = n.type === 'ExportAllDeclaration' ? ['*'] : specs.map((s) => (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier' ? s.imported?.name ?? s.imported?.value ?? (s.local?.name as string) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*'));
        const whole = specs.find((s) => s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier')?.local?.name;
        out.push({ spec: source, names: names.length ? names : ['*'], ...(whole && specs.length === 1 ? { local: whole } : {}) });
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

/**
 * The properties a file reads off a name (`m.Command`, `m.program.name`), when that is all it
 * does with it; undefined when the name is used whole too (passed on, spread, called).
 */
export function membersUsed(code: string, path: string, name: string): string[] | undefined {
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    return undefined;
  }
  const members = new Set<string>();
  let whole = false;
  const visit = (node: unknown, parent?: Record<string, unknown>, key?: string): void => {
    if (!node || typeof node !== 'object' || whole) return;
    if (Array.isArray(node)) return void node.forEach((n) => visit(n, parent, key));
    const n = node as Record<string, unknown> & { type?: string; name?: string };
    if (n.type === 'Identifier' && n.name === name) {
      const asObject = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && key === 'object';
      const property = parent?.property as { type?: string; name?: string } | undefined;
      // Its own binding (the import, the require's declarator) and object keys are not uses.
      const binding = (parent?.type === 'VariableDeclarator' && key === 'id') || /^Import.*Specifier$/.test(String(parent?.type)) || ((parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') && key === 'key' && !parent.computed) || ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed);
      if (asObject && !parent!.computed && property?.type === 'Identifier' && property.name) members.add(property.name);
      else if (!binding) whole = true;
      return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'start' || k === 'end' || k === 'extra' || k === 'leadingComments' || k === 'trailingComments') continue;
      if (v && typeof v === 'object') visit(v, n, k);
    }
  };
  visit(ast.program);
  return whole || !members.size ? undefined : [...members];
}

/** Every property name a file reads or calls (`x.name(...)`, `a?.b`): which methods of a class a test can reach by name. */
export function propertyNames(code: string, path: string): Set<string> {
  const out = new Set<string>();
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    return out;
  }
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return void node.forEach(visit);
    const n = node as Record<string, unknown> & { type?: string };
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed) {
      const p = n.property as { type?: string; name?: string };
      if (p?.type === 'Identifier' && p.name) out.add(p.name);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(ast.program);
  return out;
}

/** The methods of a top-level class, by name, with their lines (getters and setters under their property's name). */
export function classMethods(code: string, path: string, className: string): Map<string, LineRange> | undefined {
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    return undefined;
  }
  for (const stmt of ast.program.body as unknown as Array<Record<string, unknown>>) {
    const decl = (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt) as { type?: string; id?: { name?: string }; body?: { body?: Array<{ type: string; key?: { name?: string }; loc?: { start: { line: number }; end: { line: number } } }> } } | null;
    if (decl?.type !== 'ClassDeclaration' || decl.id?.name !== className) continue;
    const out = new Map<string, LineRange>();
    for (const m of decl.body?.body ?? []) {
      if (!/^Class(?:Private)?Method$|^ClassProperty$/.test(m.type) || !m.key?.name || !m.loc) continue;
      const prev = out.get(m.key.name);
      out.set(m.key.name, { start: Math.min(prev?.start ?? Infinity, m.loc.start.line), end: Math.max(prev?.end ?? 0, m.loc.end.line) });
    }
    return out;
  }
  return undefined;
}

/** Initialisers whose value is made elsewhere (a call, another name): their lines are not the code. */
const IMPRECISE = new Set(['CallExpression', 'Identifier', 'MemberExpression', 'NewExpression', 'AwaitExpression', 'OptionalCallExpression', 'TaggedTemplateExpression', 'ConditionalExpression', 'LogicalExpression']);

/** Top-level declarations of a JS/TS module, by the name it exports them under, with their lines. */
export function declarationsOf(code: string, path: string): Map<string, LineRange> {
  const out = new Map<string, LineRange>();
  let ast;
  try {
    ast = parseModule(code, path);
  } catch {
    return out;
  }
  const local = new Map<string, LineRange>();
  const range = (n: { loc?: { start: { line: number }; end: { line: number } } | null }): LineRange | undefined => (n.loc ? { start: n.loc.start.line, end: n.loc.end.line } : undefined);
  const declare = (decl: Record<string, unknown> | null | undefined, exported: boolean, asName?: string) => {
    if (!decl) return;
    const r = range(decl as never);
    if (!r) return;
    const put = (name: string) => {
      local.set(name, r);
      if (exported) out.set(asName ?? name, r);
    };
    if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration' || decl.type === 'TSEnumDeclaration') && (decl.id as { name?: string } | null)?.name) put((decl.id as { name: string }).name);
    else if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations as Array<{ id: { type: string; name?: string }; init?: { type: string } | null; loc?: never }>) {
        // `const f = make(options)`: the code that runs is elsewhere in the file, so the
        // declaration's own lines say nothing: leave it out, and the whole file counts.
        if (d.id.type !== 'Identifier' || !d.id.name || !d.init || IMPRECISE.has(d.init.type)) continue;
        const dr = range(d as never) ?? r;
        local.set(d.id.name, dr);
        if (exported) out.set(d.id.name, dr);
      }
    } else if (decl.type === 'Identifier' && asName) {
      // export default name: the local declaration's lines, when they are the code.
      const l = local.get(decl.name as string);
      if (l) out.set(asName, l);
    } else if (asName && !IMPRECISE.has(decl.type as string)) out.set(asName, r);
  };
  for (const stmt of ast.program.body as unknown as Array<Record<string, unknown>>) {
    if (stmt.type === 'ExportNamedDeclaration') declare(stmt.declaration as Record<string, unknown>, true);
    else if (stmt.type === 'ExportDefaultDeclaration') declare(stmt.declaration as Record<string, unknown>, true, 'default');
    else declare(stmt, false);
  }
  // export { a, b as c } of local declarations.
  for (const stmt of ast.program.body as unknown as Array<Record<string, unknown>>) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.source) continue;
    for (const s of (stmt.specifiers as Array<{ local?: { name?: string }; exported?: { name?: string; value?: string } }>) ?? []) {
      const r = s.local?.name ? local.get(s.local.name) : undefined;
      const name = s.exported?.name ?? s.exported?.value;
      if (r && name) out.set(name, r);
    }
  }
  // CommonJS: module.exports = { a, b } or exports.a = ... name the locals.
  if (!out.size) for (const [k, v] of local) out.set(k, v);
  return out;
}

/**
 * The project files a test file exercises, with the declarations it imports. Imports are
 * followed through files that only re-export (an index.js), up to three levels.
 */
export function referencesOf(testFile: string, read: (path: string) => string | undefined, files: ReadonlySet<string>, isProjectSource: (path: string) => boolean): Reference[] {
  const code = read(testFile);
  if (code === undefined) return [];
  const refs = new Map<string, { names: Set<string>; whole: boolean }>();
  const add = (file: string, names: string[], depth: number) => {
    if (!isProjectSource(file)) return;
    const body = read(file);
    let own = names;
    // Follow re-exports: a name imported from an index comes from where the index takes it.
    if (body !== undefined && isJsLike(file) && !names.includes('*')) {
      const decls = declarationsOf(body, file);
      const forwarded = names.filter((n) => !decls.has(n));
      own = names.filter((n) => decls.has(n));
      const taken = new Set<string>();
      if (depth < 3) {
        // Named re-exports first; `export *` then offers what the target file declares.
        const imports = importsOf(body, file).sort((a, b) => Number(a.names.includes('*')) - Number(b.names.includes('*')));
        for (const r of imports) {
          const target = resolveSpecifier(file, r.spec, files);
          if (!target) continue;
          const open = forwarded.filter((n) => !taken.has(n));
          const targetBody = r.names.includes('*') ? read(target) : undefined;
          const take = r.names.includes('*') ? open.filter((n) => targetBody !== undefined && declarationsOf(targetBody, target).has(n)) : open.filter((n) => r.names.includes(n));
          take.forEach((n) => taken.add(n));
          if (take.length) add(target, take, depth + 1);
        }
      }
      // A name this file exports without lines of its own (made by a call): the whole file.
      const unmatched = forwarded.filter((n) => !taken.has(n));
      if (unmatched.length) {
        const e = refs.get(file) ?? { names: new Set<string>(), whole: false };
        e.whole = true;
        unmatched.forEach((n) => e.names.add(n));
        refs.set(file, e);
      }
      if (!own.length) return;
    }
    const e = refs.get(file) ?? { names: new Set<string>(), whole: false };
    for (const n of own) {
      if (n === '*') e.whole = true;
      else e.names.add(n);
    }
    refs.set(file, e);
  };
  const specifiers = new Set<string>();
  if (isJsLike(testFile)) for (const imp of importsOf(code, testFile)) {
    specifiers.add(imp.spec);
    const target = resolveSpecifier(testFile, imp.spec, files);
    if (!target) continue;
    // A whole module bound to a name the test only reads properties of (`commander.Command`):
    // those properties are what it takes, followed like named imports. A default import of a
    // module with no default export is its CommonJS exports object.
    const body = read(target);
    const namespace = imp.local && (imp.names[0] === '*' || (imp.names[0] === 'default' && body !== undefined && !declarationsOf(body, target).has('default') && !/\bexport\s+default\b/.test(body)));
    const members = namespace ? membersUsed(code, testFile, imp.local!) : undefined;
    add(target, members ?? imp.names, 0);
  }
  // Paths in other strings: spawn('node', ['bin/cli.js']), readFileSync('../src/data.json').
  for (const m of code.matchAll(/['"`]((?:\.\.?\/)?[\w@.-]+(?:\/[\w@.-]+)+|[\w-]+\.(?:c|m)?[jt]s)['"`]/g)) {
    const s = m[1]!;
    if (specifiers.has(s)) continue;
    const direct = files.has(s.replace(/^\.\//, '')) ? s.replace(/^\.\//, '') : resolveSpecifier(testFile, s.startsWith('.') ? s : `./${s}`, files);
    if (direct && direct !== testFile) add(direct, ['*'], 3);
  }
  // A class is reached through the methods the test names: those, and its constructor where the test makes one.
  const called = isJsLike(testFile) ? propertyNames(code, testFile) : new Set<string>();
  return [...refs].map(([file, e]) => {
    if (e.whole || !isJsLike(file)) return { file, names: e.names.size ? [...e.names] : ['*'] };
    const body = read(file) ?? '';
    const decls = declarationsOf(body, file);
    const ranges = [...e.names].flatMap((n) => {
      const methods = classMethods(body, file, n);
      const reached = methods ? [...methods].filter(([m]) => called.has(m) || (m === 'constructor' && new RegExp(`\\bnew\\s+(?:[\\w$]+\\.)?${n}\\b`).test(code))) : [];
      return reached.length ? reached.map(([, r]) => r) : [decls.get(n)].filter((r): r is LineRange => !!r);
    });
    return ranges.length ? { file, ranges, names: [...e.names] } : { file, names: [...e.names] };
  });
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
