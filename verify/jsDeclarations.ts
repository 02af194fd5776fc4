// Where a JavaScript or TypeScript module's declarations are: its top-level declarations by
// the name it exports them under, and a class's methods, each with its lines. Pure.
import { parseModule } from './jsImports';

export interface LineRange {
  start: number; // 1-based, inclusive
  end: number;
}

/** A module's top-level statements; undefined when it cannot be parsed. */
function topLevel(code: string, path: string): Array<Record<string, unknown>> | undefined {
  try {
    return parseModule(code, path).program.body as unknown as Array<Record<string, unknown>>;
  } catch {
    return undefined;
  }
}

/** The methods of a top-level class, by name, with their lines (getters and setters under their property's name). */
export function classMethods(code: string, path: string, className: string): Map<string, LineRange> | undefined {
  const body = topLevel(code, path);
  if (!body) return undefined;
  for (const stmt of body) {
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

/**
 * The static methods of the classes a module exports, as `Class.method` with their lines:
 * functions a caller reaches through the class (`Money.parse("1.50")`), as it does the module's.
 */
export function staticMethods(code: string, path: string): Map<string, LineRange> {
  const out = new Map<string, LineRange>();
  const exported = callableDeclarations(code, path);
  for (const stmt of topLevel(code, path) ?? []) {
    const decl = (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt) as { type?: string; id?: { name?: string } | null; body?: { body?: Array<{ type: string; static?: boolean; kind?: string; computed?: boolean; key?: { type: string; name?: string }; loc?: { start: { line: number }; end: { line: number } } }> } } | null;
    const name = decl?.type === 'ClassDeclaration' ? decl.id?.name : undefined;
    if (!name || !exported.has(name)) continue;
    for (const m of decl!.body?.body ?? []) {
      if (m.type !== 'ClassMethod' || !m.static || m.kind !== 'method' || m.computed || m.key?.type !== 'Identifier' || !m.key.name || !m.loc) continue;
      out.set(`${name}.${m.key.name}`, { start: m.loc.start.line, end: m.loc.end.line });
    }
  }
  return out;
}

/**
 * The name a module's default export goes by in its own code and in the tests that import
 * it (`export default function linspace`, or `function f() {}` then `export default f`);
 * undefined for an anonymous default or none.
 */
export function defaultExportName(code: string, path: string): string | undefined {
  const body = topLevel(code, path);
  if (!body) return undefined;
  for (const stmt of body) {
    if (stmt.type !== 'ExportDefaultDeclaration') continue;
    const d = stmt.declaration as { type?: string; id?: { name?: string } | null; name?: string } | null;
    if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id?.name) return d.id.name;
    if (d?.type === 'Identifier' && d.name) return d.name;
  }
  return undefined;
}

/** Initialisers whose value is made elsewhere (a call, another name): their lines are not the code. */
const IMPRECISE = new Set(['CallExpression', 'Identifier', 'MemberExpression', 'NewExpression', 'AwaitExpression', 'OptionalCallExpression', 'TaggedTemplateExpression', 'ConditionalExpression', 'LogicalExpression']);

/** The module's functions as its own code and its tests call them: its exports, a named default export under its own name instead of `default`. */
export function callableDeclarations(code: string, path: string): Map<string, LineRange> {
  const out = declarationsOf(code, path);
  const d = out.get('default');
  out.delete('default');
  const name = d ? defaultExportName(code, path) : undefined;
  if (d && name && !out.has(name)) out.set(name, d);
  return out;
}

/** Top-level declarations of a JS/TS module, by the name it exports them under, with their lines. */
export function declarationsOf(code: string, path: string): Map<string, LineRange> {
  const out = new Map<string, LineRange>();
  const body = topLevel(code, path);
  if (!body) return out;
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
  for (const stmt of body) {
    if (stmt.type === 'ExportNamedDeclaration') declare(stmt.declaration as Record<string, unknown>, true);
    else if (stmt.type === 'ExportDefaultDeclaration') declare(stmt.declaration as Record<string, unknown>, true, 'default');
    else declare(stmt, false);
  }
  // export { a, b as c } of local declarations.
  for (const stmt of body) {
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
