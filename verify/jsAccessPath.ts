// The path of globals, modules and members a JavaScript or TypeScript expression reaches.
// Every identifier is resolved through its scope to what it is bound to: a global (process,
// require, Error, a built-in), an imported module, or an alias of either (const e =
// process.env, const { env } = process, import * as os). Pure.
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

export type Chain = string[];

/** The path of globals, modules and members an expression reaches, through aliases; undefined when it reaches none of them. */
export function chainOf(path: NodePath, depth = 0): Chain | undefined {
  if (depth > 20) return undefined;
  const node = path.node;
  if (path.isIdentifier()) {
    const binding = path.scope.getBinding(node.type === 'Identifier' ? node.name : '');
    const name = (node as t.Identifier).name;
    if (!binding) return [name];
    return bindingChain(binding.path, name, depth);
  }
  if (path.isMemberExpression() || path.isOptionalMemberExpression()) {
    const base = chainOf(path.get('object') as NodePath, depth + 1);
    if (!base) return undefined;
    return [...base, memberName(path.node as t.MemberExpression)];
  }
  if (path.isCallExpression()) {
    const callee = path.get('callee') as NodePath;
    const arg = path.node.arguments[0];
    if (callee.isIdentifier({ name: 'require' }) && !callee.scope.getBinding('require') && arg?.type === 'StringLiteral') return [`module:${arg.value}`];
    // module.createRequire(...) makes a require: what it reaches (its cache, its extensions) is require's.
    const made = chainOf(callee, depth + 1);
    if (made?.length === 2 && /^module:(?:node:)?module$/.test(made[0]!) && made[1] === 'createRequire') return ['require'];
    return undefined;
  }
  if (path.isImport()) return undefined;
  if (path.isSequenceExpression()) {
    const exprs = path.get('expressions') as NodePath[];
    return chainOf(exprs[exprs.length - 1]!, depth + 1);
  }
  if (path.isLogicalExpression() || path.isConditionalExpression()) {
    const parts = path.isLogicalExpression() ? [path.get('left'), path.get('right')] : [path.get('consequent'), path.get('alternate')];
    for (const p of parts as NodePath[]) {
      const c = chainOf(p, depth + 1);
      if (c) return c;
    }
    return undefined;
  }
  if (path.isAwaitExpression() || path.isTSAsExpression() || path.isTSNonNullExpression() || path.isParenthesizedExpression() || path.isTypeCastExpression() || path.isTSSatisfiesExpression()) {
    return chainOf(path.get('expression' in path.node ? 'expression' : 'argument') as NodePath, depth + 1);
  }
  if (path.isThisExpression()) {
    // `this` outside any function or class is the module (or, in a sloppy script's functions, the global object).
    const fn = path.scope.getFunctionParent();
    // In a sloppy function called plainly, `this` is the global object; it is also every method's receiver, so only the globals it could reach count.
    if (fn && !fn.path.isArrowFunctionExpression() && !path.findParent((p) => p.isClass()) && !isStrict(path)) return fn.path.isFunctionDeclaration() ? ['this-declared'] : ['this'];
  }
  return undefined;
}

function isStrict(path: NodePath): boolean {
  const program = path.findParent((p) => p.isProgram()) as NodePath<t.Program> | null;
  if (!program) return false;
  if (program.node.sourceType === 'module') return true;
  return program.node.directives.some((d) => d.value.value === 'use strict') || !!path.findParent((p) => (p.isFunction() && ((p.node as t.Function).body as t.BlockStatement).directives?.some((d) => d.value.value === 'use strict')) === true);
}

export function memberName(m: t.MemberExpression | t.OptionalMemberExpression): string {
  const p = m.property;
  if (!m.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'StringLiteral') return p.value;
  if (p.type === 'NumericLiteral') return String(p.value);
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis.map((q) => q.value.cooked ?? '').join('');
  if (p.type === 'PrivateName') return `#${p.id.name}`;
  return '[computed]';
}

/** Where a binding's value comes from: an import, a require, or an alias declared with const/let/var. */
function bindingChain(decl: NodePath, name: string, depth: number): Chain | undefined {
  if (decl.isImportDefaultSpecifier() || decl.isImportNamespaceSpecifier()) {
    return [`module:${(decl.parentPath!.node as t.ImportDeclaration).source.value}`];
  }
  if (decl.isImportSpecifier()) {
    const imported = decl.node.imported;
    const member = imported.type === 'Identifier' ? imported.name : imported.value;
    const spec = (decl.parentPath!.node as t.ImportDeclaration).source.value;
    return member === 'default' ? [`module:${spec}`] : [`module:${spec}`, member];
  }
  if (decl.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    if (!init.node) return undefined;
    const base = chainOf(init, depth + 1);
    if (!base) return undefined;
    const id = decl.node.id;
    if (id.type === 'Identifier') return base;
    const sub = patternPath(id, name);
    return sub ? [...base, ...sub] : undefined;
  }
  return undefined;
}

/** The property path to `name` inside a destructuring pattern. */
function patternPath(pattern: t.LVal | t.Node, name: string): string[] | undefined {
  if (pattern.type === 'Identifier') return pattern.name === name ? [] : undefined;
  if (pattern.type === 'AssignmentPattern') return patternPath(pattern.left, name);
  if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties) {
      if (p.type === 'RestElement') {
        const r = patternPath(p.argument, name);
        if (r) return r;
        continue;
      }
      const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : '[computed]';
      const r = patternPath(p.value as t.LVal, name);
      if (r) return [key, ...r];
    }
  }
  if (pattern.type === 'ArrayPattern') {
    for (const e of pattern.elements) {
      const r = e ? patternPath(e, name) : undefined;
      if (r) return ['[computed]', ...r];
    }
  }
  return undefined;
}

/** Wrappers that hand their operand on unchanged: (0, x), x || y, c ? x : y, await x, x as T, x!. */
export function transparent(parent: NodePath, child: NodePath): boolean {
  if (parent.isSequenceExpression()) return parent.node.expressions[parent.node.expressions.length - 1] === child.node;
  if (parent.isLogicalExpression()) return true;
  if (parent.isConditionalExpression()) return parent.node.test !== child.node;
  return parent.isAwaitExpression() || parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isTSSatisfiesExpression() || parent.isTypeCastExpression();
}

/** How the outermost access is used: read, called, written, or handed on as a value. */
export function usageOf(outer: NodePath): 'read' | 'call' | 'write' | 'value' {
  const parent = outer.parentPath;
  if (!parent) return 'read';
  if ((parent.isCallExpression() || parent.isOptionalCallExpression() || parent.isNewExpression()) && parent.node.callee === outer.node) return 'call';
  if (parent.isAssignmentExpression() && parent.node.left === outer.node) return 'write';
  if (parent.isUpdateExpression() || (parent.isUnaryExpression({ operator: 'delete' }) && parent.node.argument === outer.node)) return 'write';
  if (parent.isVariableDeclarator() && parent.node.init === outer.node) return 'read'; // an alias: its own uses are judged where they are
  if (parent.isCallExpression() || parent.isNewExpression() || parent.isSpreadElement() || parent.isArrayExpression() || parent.isObjectProperty() || parent.isReturnStatement() || parent.isAssignmentExpression()) return 'value';
  return 'read';
}
