// Lines a JavaScript or TypeScript file runs only when it is the program itself: a shebang
// file, or the body of its is-this-the-main-module guard. Tests never run that code in-process. Pure.
import type * as t from '@babel/types';
import { memberName } from './jsAccessPath';
import { parseJs, traverse } from './jsParse';

/** Lines a program runs only as itself: the whole of a shebang file, or inside its is-this-the-main-module guard. */
export function programLines(path: string, code: string): Set<number> {
  const out = new Set<number>();
  const lines = code.split('\n').length;
  if (code.startsWith('#!')) {
    for (let n = 1; n <= lines; n++) out.add(n);
    return out;
  }
  let ast;
  try {
    ast = parseJs(code, path);
  } catch {
    return out;
  }
  traverse(ast, {
    IfStatement(p) {
      if (!isMainGuard(p.node.test) || !p.node.loc) return;
      for (let n = p.node.loc.start.line; n <= p.node.loc.end.line; n++) out.add(n);
    },
  });
  return out;
}

/**
 * The is-this-the-main-module test: require.main === module, or process.argv[1] compared
 * with the module's own file (import.meta.url, import.meta.filename, __filename).
 */
export function isMainGuard(test: t.Node): boolean {
  const text = (n: t.Node | null | undefined): string => {
    if (!n) return '';
    if (n.type === 'Identifier') return n.name;
    if (n.type === 'MemberExpression') return `${text(n.object)}.${memberName(n)}`;
    if (n.type === 'MetaProperty') return `${n.meta.name}.${n.property.name}`;
    if (n.type === 'CallExpression') return `${text(n.callee)}(${n.arguments.map((a) => text(a as t.Node)).join(',')})`;
    if (n.type === 'BinaryExpression' || n.type === 'LogicalExpression') return `${text(n.left as t.Node)} ${n.operator} ${text(n.right)}`;
    return n.type;
  };
  const s = text(test);
  return /require\.main (?:===|==) module|module (?:===|==) require\.main/.test(s) || (/process\.argv\.1/.test(s) && /import\.meta\.(?:url|filename)|__filename/.test(s));
}
