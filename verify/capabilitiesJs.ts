// The ambient capabilities JavaScript and TypeScript code reaches. Every identifier is
// resolved through its scope to what it is bound to: a global (process, require, Error,
// a built-in), an imported module, or an alias of either (const e = process.env,
// const { env } = process, import * as os). A use is classified by the whole access path
// at the point of use (process.env.CI, os.hostname(), Array.prototype.reduce = ...).
// Reflection that could reach anything (a computed name on the global object, eval, the
// Function constructor, require of a computed path) is a capability itself. Pure.
import { parse } from '@babel/parser';
import traverseModule, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Capability, CapabilityUse, FileCapabilities } from './capabilities';

// @babel/traverse is CommonJS: its function is the default export's default under ESM.
const traverse = ((traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule) as typeof traverseModule;

/** Files past this size are not analysed: a change that needs one is refused rather than waved through. */
export const MAX_ANALYSED_BYTES = 4_000_000;

/** Modules whose exports judge or run tests. Calling an assertion is ordinary code; anything else done with these is not. */
const JUDGES = new Set(['assert', 'assert/strict', 'node:test', 'test', 'vitest', 'jest', '@jest/globals', 'expect', 'mocha', 'chai', 'ava', 'tap', 'tape', 'uvu', 'uvu/assert', 'should', 'power-assert', 'sinon', 'jasmine', 'node:test/reporters']);
const ASSERTS = new Set(['assert', 'assert/strict', 'power-assert']);
/** Built-in objects whose functions and prototypes every test relies on. */
const BUILTINS = new Set(['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Promise', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'Proxy', 'Intl', 'ArrayBuffer', 'Uint8Array', 'DataView', 'console', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'structuredClone', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'Atomics', 'SharedArrayBuffer']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
const CODE_EXT = /\.(?:[cm]?[jt]sx?|json|node)$/;

const strip = (spec: string) => spec.replace(/^node:/, '');

/** What a bare module specifier gives, by capability; undefined when importing it is ordinary. */
function moduleCapability(spec: string, member: string | undefined): { capability: Capability; what: string } | undefined {
  const m = strip(spec);
  const what = member ? `${m}.${member}` : m;
  if (m === 'process') return processCapability(member ? [member] : [], 'read');
  if (m === 'os') return member && ['hostname', 'userInfo', 'homedir', 'tmpdir', 'networkInterfaces', 'uptime', 'loadavg', 'machine'].includes(member) ? { capability: 'environment', what } : undefined;
  if (m === 'tty') return member === 'isatty' ? { capability: 'environment', what } : undefined;
  if (m === 'child_process' || m === 'cluster' || m === 'v8' || m === 'inspector' || m === 'inspector/promises' || m === 'trace_events' || m === 'repl' || m === 'diagnostics_channel' || m === 'module' || m === 'wasi') return { capability: 'process internals', what };
  if (m === 'vm') return { capability: 'dynamic code', what };
  if (m === 'worker_threads') return member && ['isMainThread', 'threadId', 'workerData', 'parentPort', 'getEnvironmentData', 'resourceLimits'].includes(member) ? { capability: 'environment', what } : undefined;
  return undefined;
}

/** What reaching process.<path> gives. */
function processCapability(path: string[], use: 'read' | 'call' | 'write' | 'value'): { capability: Capability; what: string } | undefined {
  const [p, q] = path;
  const what = ['process', ...path].join('.');
  if (use === 'write' && p !== undefined) return { capability: p === 'env' ? 'environment' : 'process internals', what: `${what} =` };
  if (p === undefined) return use === 'value' ? { capability: 'process internals', what: 'process (the whole object)' } : undefined;
  if (p === 'env') return { capability: 'environment', what };
  if (['argv', 'argv0', 'execArgv', 'execPath', 'title'].includes(p)) return { capability: 'arguments', what };
  if (['cwd', 'chdir', 'pid', 'ppid', 'getuid', 'geteuid', 'getgid', 'getegid', 'getgroups', 'umask'].includes(p)) return { capability: 'environment', what };
  if ((p === 'stdin' || p === 'stdout' || p === 'stderr') && q === 'isTTY') return { capability: 'environment', what };
  if (p === 'stdin' && use !== 'value') return { capability: 'environment', what };
  if (['exit', 'exitCode', 'reallyExit', 'abort', 'kill', '_exiting', 'binding', '_linkedBinding', 'dlopen', 'moduleLoadList', 'mainModule', '_getActiveHandles', '_getActiveRequests', 'report', '_rawDebug', 'setUncaughtExceptionCaptureCallback', 'emit', 'emitWarning', 'constructor', '__proto__', 'setSourceMapsEnabled', 'permission', 'finalization'].includes(p)) return { capability: 'process internals', what };
  if (p === '[computed]') return { capability: 'process internals', what: 'process[...] (a computed name)' };
  return undefined;
}

type Chain = string[];

/** The path of globals, modules and members an expression reaches, through aliases; undefined when it reaches none of them. */
function chainOf(path: NodePath, depth = 0): Chain | undefined {
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

function memberName(m: t.MemberExpression | t.OptionalMemberExpression): string {
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
function transparent(parent: NodePath, child: NodePath): boolean {
  if (parent.isSequenceExpression()) return parent.node.expressions[parent.node.expressions.length - 1] === child.node;
  if (parent.isLogicalExpression()) return true;
  if (parent.isConditionalExpression()) return parent.node.test !== child.node;
  return parent.isAwaitExpression() || parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isTSSatisfiesExpression() || parent.isTypeCastExpression();
}

/** How the outermost access is used: read, called, written, or handed on as a value. */
function usageOf(outer: NodePath): 'read' | 'call' | 'write' | 'value' {
  const parent = outer.parentPath;
  if (!parent) return 'read';
  if ((parent.isCallExpression() || parent.isOptionalCallExpression() || parent.isNewExpression()) && parent.node.callee === outer.node) return 'call';
  if (parent.isAssignmentExpression() && parent.node.left === outer.node) return 'write';
  if (parent.isUpdateExpression() || (parent.isUnaryExpression({ operator: 'delete' }) && parent.node.argument === outer.node)) return 'write';
  if (parent.isVariableDeclarator() && parent.node.init === outer.node) return 'read'; // an alias: its own uses are judged where they are
  if (parent.isCallExpression() || parent.isNewExpression() || parent.isSpreadElement() || parent.isArrayExpression() || parent.isObjectProperty() || parent.isReturnStatement() || parent.isAssignmentExpression()) return 'value';
  return 'read';
}

/** The capability of one access path used one way, or undefined when it is ordinary. */
function classify(chain: Chain, use: 'read' | 'call' | 'write' | 'value', callArgs?: t.Node[]): { capability: Capability; what: string } | undefined {
  let [root, ...rest] = chain;
  if (!root) return undefined;
  // A sloppy function declaration that hands `this` on hands on the global object.
  if (root === 'this-declared' && !rest.length && use === 'value') return { capability: 'process internals', what: 'this (the global object, in a sloppy function)' };
  if (root === 'this' || root === 'this-declared') {
    if (!rest.length || !['process', 'require', 'module', 'eval', 'Function', 'globalThis', 'global', 'Error'].includes(rest[0]!)) return undefined;
    [root, ...rest] = rest as [string, ...string[]];
  }
  // globalThis.X is X; a computed name on the global object could be anything.
  while (GLOBAL_OBJECTS.has(root) && rest.length) {
    if (rest[0] === '[computed]') return { capability: 'process internals', what: `${root}[...] (a computed name on the global object)` };
    [root, ...rest] = rest as [string, ...string[]];
  }
  if (GLOBAL_OBJECTS.has(root)) return use === 'read' || use === 'call' ? undefined : { capability: 'process internals', what: `${root} (the global object, handed on)` };
  if (root.startsWith('module:')) {
    const spec = root.slice(7);
    const bare = strip(spec);
    if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
    if (JUDGES.has(bare) || JUDGES.has(spec) || /^@vitest\//.test(spec) || /^@jest\//.test(spec) || /^node:test\//.test(spec)) {
      // assert(x), assert.equal(a, b): an invariant check in ordinary code.
      if (ASSERTS.has(bare) && use === 'call' && rest.length <= 1 && rest[0] !== '[computed]') return undefined;
      return { capability: 'test runner', what: [bare, ...rest].join('.') + (use === 'write' ? ' =' : '') };
    }
    if (bare === 'process') return processCapability(rest, use);
    if (use === 'write' && ['fs', 'fs/promises', 'path', 'os', 'util', 'events', 'stream', 'http', 'https', 'net', 'crypto', 'url', 'timers', 'buffer', 'zlib'].includes(bare)) return { capability: 'process internals', what: `${[bare, ...rest].join('.')} = (rewrites a built-in module)` };
    return moduleCapability(spec, rest[0]);
  }
  if (root === 'process') return processCapability(rest, use);
  if (root === 'require') {
    if (rest.length === 0) return use === 'value' ? { capability: 'dynamic code', what: 'require (handed on)' } : undefined;
    if (rest[0] === 'resolve') return undefined;
    return { capability: 'process internals', what: `require.${rest.join('.')}` };
  }
  if (root === 'module' && rest.length && rest[0] !== 'exports') return { capability: 'process internals', what: `module.${rest.join('.')}` };
  if (root === 'eval') return use === 'call' || use === 'value' ? { capability: 'dynamic code', what: 'eval' } : undefined;
  if (root === 'Function' && rest.length === 0 && (use === 'call' || use === 'value')) return { capability: 'dynamic code', what: 'the Function constructor' };
  if ((root === 'setTimeout' || root === 'setInterval' || root === 'setImmediate') && use === 'call' && callArgs?.[0] && (callArgs[0].type === 'StringLiteral' || callArgs[0].type === 'TemplateLiteral' || callArgs[0].type === 'BinaryExpression')) return { capability: 'dynamic code', what: `${root} with a string of code` };
  if (root === 'Error' && ['captureStackTrace', 'prepareStackTrace'].includes(rest[0] ?? '')) return { capability: 'call stack', what: `Error.${rest[0]}` };
  if (root === 'Function' && rest[0] === 'prototype' && rest[1] === 'toString') return { capability: 'source files', what: 'Function.prototype.toString' };
  if (BUILTINS.has(root) && use === 'write') return { capability: 'process internals', what: `${[root, ...rest].join('.')} = (rewrites a built-in)` };
  return undefined;
}

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
function isMainGuard(test: t.Node): boolean {
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

/** fs functions that read or probe a path. */
const FS_READS = new Set(['existsSync', 'statSync', 'lstatSync', 'readFileSync', 'readdirSync', 'accessSync', 'openSync', 'readFile', 'stat', 'lstat', 'access', 'readdir', 'open', 'exists', 'createReadStream']);

const MUTATORS: Record<string, Set<string>> = {
  Object: new Set(['defineProperty', 'defineProperties', 'assign', 'setPrototypeOf']),
  Reflect: new Set(['set', 'defineProperty', 'setPrototypeOf', 'deleteProperty']),
};

function parseJs(code: string, path: string) {
  return parse(code, {
    sourceType: 'unambiguous',
    errorRecovery: true,
    allowReturnOutsideFunction: true,
    plugins: [...(/\.[cm]?tsx?$/.test(path) ? (['typescript'] as const) : []), ...(/\.[cm]?ts$/.test(path) ? [] : (['jsx'] as const)), 'decorators-legacy', 'importAttributes', 'explicitResourceManagement'],
  });
}

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
      StringLiteral(p) {
        if (p.node.value.startsWith('/proc/')) add(p.node, { capability: 'process internals', what: `'${p.node.value.slice(0, 40)}' (the process table)` });
      },
      TemplateLiteral(p) {
        if ((p.node.quasis[0]?.value.cooked ?? '').startsWith('/proc/')) add(p.node, { capability: 'process internals', what: '`/proc/...` (the process table)' });
      },
      CallExpression(p) {
        const callee = p.get('callee');
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
        if (['child_process', 'cluster', 'v8', 'inspector', 'vm', 'module', 'repl', 'trace_events'].includes(bare)) add(p.node, moduleCapability(spec, undefined));
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
