// The properties a JavaScript or TypeScript file reads off names: what a test takes from a
// module it binds whole, and which methods of a class it can reach by name. Pure.
import { parseModule } from './jsImports';

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
