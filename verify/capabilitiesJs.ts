// The ambient capabilities JavaScript and TypeScript code reaches. Every reference is resolved
// to the whole access path it starts (jsAccessPath) and classified at the point of use
// (jsAccessCapability); this module walks a file and adds the uses no single path shows:
// reflection (eval, the Function constructor, require of a computed path), the process
// table, files read relative to the working folder. Pure.
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Capability, CapabilityUse, FileCapabilities } from './capabilities';
import { ASSERTS, classify, JUDGES, moduleCapability, RUNNER_GLOBALS, runnerGlobal, strip } from './jsAccessCapability';
import { chainOf, memberName, transparent, usageOf } from './jsAccessPath';
import { parseJs, traverse } from './jsParse';
import { isMainGuard } from './jsProgramLines';

/** Files past this size are not analysed: a change that needs one is refused rather than waved through. */
export const MAX_ANALYSED_BYTES = 4_000_000;

const CODE_EXT = /\.(?:[cm]?[jt]sx?|json|node)$/;

/** fs functions that read or probe a path. */
const FS_READS = new Set(['existsSync', 'statSync', 'lstatSync', 'readFileSync', 'readdirSync', 'accessSync', 'openSync', 'readFile', 'stat', 'lstat', 'access', 'readdir', 'open', 'exists', 'createReadStream']);

const MUTATORS: Record<string, Set<string>> = {
  Object: new Set(['defineProperty', 'defineProperties', 'assign', 'setPrototypeOf']),
  Reflect: new Set(['set', 'defineProperty', 'setPrototypeOf', 'deleteProperty']),
};

/** The capabilities a JavaScript or TypeScript file reaches, every use with its line. */
export function jsCapabilities(path: string, code: string): FileCapabilities {
  if (code.length > MAX_ANALYSED_BYTES) return { uses: [], unreadable: `${code.length} bytes, over the ${MAX_ANALYSED_BYTES}-byte limit for analysis` };
  let ast;
  try {
    ast = parseJs(code, path);
  } catch (err) {
    return { uses: [], unreadable: `it does not parse: ${(err as Error).message.split('\n')[0]}` };
  }
  const errors = (ast as unknown as { errors?: Array<{ message: string }> }).errors ?? [];
  if (errors.length) return { uses: [], unreadable: `it does not parse: ${errors[0]!.message}` };
  const uses: CapabilityUse[] = [];
  // A program's own command line and exit, in a file run as a program (a shebang) or under its
  // is-this-the-main-module guard: what a command-line tool does, and code tests never run in-process.
  // A shebang file is a program only if nothing imports it, which the caller knows (capabilityScan).
  const program = code.startsWith('#!');
  const mainGuards: Array<{ start: number; end: number }> = [];
  const inGuard = (n: t.Node) => mainGuards.some((g) => (n.start ?? -1) >= g.start && (n.end ?? -1) <= g.end);
  const add = (n: t.Node, c: { capability: Capability; what: string } | undefined) => {
    if (!c) return;
    const ofProgram = c.capability === 'arguments' || /^(?:process\.(?:exit|exitCode)|require\.main)\b/.test(c.what);
    if (ofProgram && inGuard(n)) return;
    uses.push({ ...c, file: path, line: n.loc?.start.line ?? 0, ...(ofProgram && program ? { ofProgram: true } : {}) });
  };
  traverse(ast, {
    IfStatement(p) {
      if (isMainGuard(p.node.test)) mainGuards.push({ start: p.node.start ?? 0, end: p.node.end ?? 0 });
    },
  });
  const seenOuter = new Set<t.Node>();
  /** Reports the whole access a reference starts (process.env.CI rather than process), however it is wrapped. */
  const reportAccess = (p: NodePath) => {
    const chain = chainOf(p);
    if (!chain) return;
    let outer: NodePath = p;
    let full = chain;
    for (;;) {
      const parent = outer.parentPath;
      if (!parent) break;
      if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && (parent.node as t.MemberExpression).object === outer.node) {
        full = [...full, memberName(parent.node as t.MemberExpression)];
      } else if (!transparent(parent, outer)) break;
      outer = parent;
    }
    if (seenOuter.has(outer.node)) return;
    seenOuter.add(outer.node);
    const use = usageOf(outer);
    const call = outer.parentPath?.isCallExpression() || outer.parentPath?.isNewExpression() ? (outer.parentPath.node as t.CallExpression).arguments : undefined;
    add(outer.node, classify(full, use, call));
    // process.on('exit', ...): a way to act after the tests have been judged.
    if (use === 'call' && full.length === 2 && (full[0] === 'process' || full[0] === 'module:process' || full[0] === 'module:node:process') && ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(full[1]!)) {
      const ev = call?.[0];
      if (!ev || ev.type !== 'StringLiteral' || ['exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'].includes(ev.value)) add(outer.node, { capability: 'process internals', what: `process.${full[1]}(${ev?.type === 'StringLiteral' ? `'${ev.value}'` : '...'})` });
    }
  };
  try {
    traverse(ast, {
      Identifier(p) {
        if (p.isReferencedIdentifier()) reportAccess(p);
      },
      ThisExpression(p) {
        reportAccess(p);
      },
      MemberExpression(p) {
        const name = memberName(p.node);
        if (!p.parentPath.isAssignmentExpression() || p.parentPath.node.left !== p.node) {
          if (name === 'stack' || name === 'caller' || name === 'callee') add(p.node, { capability: 'call stack', what: `.${name}` });
        }
        if (name === '__proto__' && usageOf(p) === 'write') add(p.node, { capability: 'process internals', what: '__proto__ =' });
        if (name === 'constructor' && (p.parentPath.isMemberExpression() || p.parentPath.isCallExpression()) && (p.node.object.type === 'MemberExpression' && memberName(p.node.object) === 'constructor')) add(p.node, { capability: 'dynamic code', what: '.constructor.constructor (the Function constructor)' });
      },
      BinaryExpression(p) {
        // 'describe' in globalThis: a runner's global asked for by name.
        const { left, operator } = p.node;
        const on = chainOf(p.get('right') as NodePath);
        if (operator === 'in' && left.type === 'StringLiteral' && RUNNER_GLOBALS.has(left.value) && on?.length === 1 && ['globalThis', 'global', 'window', 'self'].includes(on[0]!)) add(p.node, runnerGlobal(left.value));
      },
      StringLiteral(p) {
        if (p.node.value.startsWith('/proc/')) add(p.node, { capability: 'process internals', what: `'${p.node.value.slice(0, 40)}' (the process table)` });
      },
      TemplateLiteral(p) {
        if ((p.node.quasis[0]?.value.cooked ?? '').startsWith('/proc/')) add(p.node, { capability: 'process internals', what: '`/proc/...` (the process table)' });
      },
      CallExpression(p) {
        const callee = p.get('callee');
        // What is reached through the require a call made (createRequire(url).cache).
        if (chainOf(p)?.[0] === 'require') reportAccess(p);
        // A file looked for relative to the working folder: what a test run's folder holds, not what the code was given.
        const fsCall = chainOf(callee as NodePath);
        const arg0 = p.node.arguments[0];
        if (fsCall && /^module:(?:node:)?fs(?:\/promises)?$/.test(fsCall[0] ?? '') && FS_READS.has(fsCall[1] ?? '') && arg0?.type === 'StringLiteral' && !arg0.value.startsWith('/') && !/^[a-z]+:/.test(arg0.value)) {
          add(p.node, { capability: 'environment', what: `${fsCall[0]!.slice(7).replace(/^node:/, '')}.${fsCall[1]}('${arg0.value}') (relative to the working folder)` });
        }
        // Object.defineProperty(Array.prototype, ...), Reflect.set(assert, ...), Object.assign(process, ...)
        if (callee.isMemberExpression()) {
          const c = chainOf(callee.get('object') as NodePath);
          const fn = memberName(callee.node);
          if (c && c.length === 1 && MUTATORS[c[0]!]?.has(fn)) {
            const target = p.get('arguments')[0];
            const tc = target ? chainOf(target as NodePath) : undefined;
            if (tc) add(p.node, classify(tc, 'write'));
          }
          // fn.toString() on a function the file declares or imports: its source text.
          if (fn === 'toString' && p.node.arguments.length === 0 && callee.get('object').isIdentifier()) {
            const b = callee.scope.getBinding((callee.node.object as t.Identifier).name);
            if (b && (b.path.isFunctionDeclaration() || b.path.isClassDeclaration() || b.path.isImportSpecifier() || b.path.isImportDefaultSpecifier())) add(p.node, { capability: 'source files', what: `${(callee.node.object as t.Identifier).name}.toString()` });
          }
        }
        // require of a computed path, or of a file not named like code (which Node runs as JavaScript).
        if (callee.isIdentifier({ name: 'require' }) && !callee.scope.getBinding('require')) {
          const arg = p.node.arguments[0];
          if (!arg || arg.type !== 'StringLiteral') add(p.node, { capability: 'dynamic code', what: 'require of a computed path' });
          else if ((arg.value.startsWith('.') || arg.value.startsWith('/')) && /\.[^/.]+$/.test(arg.value) && !CODE_EXT.test(arg.value)) add(p.node, { capability: 'dynamic code', what: `require('${arg.value}') (a file not named like code)` });
          else if (arg.value.startsWith('.') || arg.value.startsWith('/')) {
            // a relative require is ordinary
          } else add(p.node, moduleCapability(arg.value, undefined) ?? (JUDGES.has(strip(arg.value)) && !ASSERTS.has(strip(arg.value)) ? { capability: 'test runner', what: strip(arg.value) } : undefined));
        }
      },
      ImportExpression(p) {
        const src = p.node.source;
        if (src.type !== 'StringLiteral') add(p.node, { capability: 'dynamic code', what: 'import() of a computed path' });
      },
      Import(p) {
        const call = p.parentPath;
        const arg = call.isCallExpression() ? call.node.arguments[0] : undefined;
        if (!arg || arg.type !== 'StringLiteral') add(p.node, { capability: 'dynamic code', what: 'import() of a computed path' });
      },
      ImportDeclaration(p) {
        const spec = p.node.source.value;
        if ((spec.startsWith('.') || spec.startsWith('/')) && /\.[^/.]+$/.test(spec) && !CODE_EXT.test(spec) && !p.node.attributes?.length) add(p.node, { capability: 'dynamic code', what: `import of '${spec}' (a file not named like code)` });
        const bare = strip(spec);
        // Importing the runner or a test library into code under test at all.
        if (JUDGES.has(bare) && !ASSERTS.has(bare)) add(p.node, { capability: 'test runner', what: `import of ${bare}` });
        // node:module is judged by what is used of it (createRequire is ordinary; its loader's internals are not).
        if (['child_process', 'cluster', 'v8', 'inspector', 'vm', 'repl', 'trace_events'].includes(bare)) add(p.node, moduleCapability(spec, undefined));
      },
      WithStatement(p) {
        add(p.node, { capability: 'dynamic code', what: 'a with statement' });
      },
      NewExpression(p) {
        const callee = p.get('callee');
        const c = chainOf(callee as NodePath);
        if (c && c.length === 1 && c[0] === 'Function') add(p.node, { capability: 'dynamic code', what: 'new Function' });
      },
    });
  } catch (err) {
    return { uses: [], unreadable: `its scopes could not be resolved: ${(err as Error).message.split('\n')[0]}` };
  }
  return { uses };
}
