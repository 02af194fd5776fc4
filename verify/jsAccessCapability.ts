// What capability an access path gives, used one way: process.env.CI read, os.hostname()
// called, Array.prototype.reduce written. Reflection that could reach anything (a computed
// name on the global object, eval, the Function constructor) is a capability itself. Pure.
import type * as t from '@babel/types';
import type { Capability } from './capabilities';
import type { Chain } from './jsAccessPath';

/** Modules whose exports judge or run tests. Calling an assertion is ordinary code; anything else done with these is not. */
export const JUDGES = new Set(['assert', 'assert/strict', 'node:test', 'test', 'vitest', 'jest', '@jest/globals', 'expect', 'mocha', 'chai', 'ava', 'tap', 'tape', 'uvu', 'uvu/assert', 'should', 'power-assert', 'sinon', 'jasmine', 'node:test/reporters']);
export const ASSERTS = new Set(['assert', 'assert/strict', 'power-assert']);
/** Built-in objects whose functions and prototypes every test relies on. */
const BUILTINS = new Set(['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Promise', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'Proxy', 'Intl', 'ArrayBuffer', 'Uint8Array', 'DataView', 'console', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'structuredClone', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'Atomics', 'SharedArrayBuffer']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
/**
 * Globals a test runner defines in the processes its tests run in (jest, vitest with globals,
 * mocha, jasmine; vitest's worker state; istanbul's coverage counters), which no program has:
 * code that reads one, however it asks (`typeof describe`, `globalThis.__vitest_worker__`,
 * `'expect' in globalThis`), can tell a test run apart.
 */
export const RUNNER_GLOBALS = new Set([
  'describe', 'it', 'test', 'expect', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'before', 'after', 'context', 'specify', 'suite', 'setup', 'teardown', 'suiteSetup', 'suiteTeardown',
  'xit', 'xdescribe', 'xtest', 'xcontext', 'xspecify', 'fit', 'fdescribe', 'fail', 'pending', 'spyOn', 'jest', 'jasmine', 'vi', 'chai', 'mocha', 'expectAsync',
  '__vitest_worker__', '__vitest_index__', '__vitest_environment__', '__vitest_required__', '__vitest_browser__', '__coverage__', '__jest__',
]);
/** The capability of reading a runner's global by name. */
export const runnerGlobal = (name: string, path: string[] = []): { capability: Capability; what: string } => ({ capability: 'test runner', what: `${[name, ...path].join('.')} (a global the test runner defines)` });

export const strip = (spec: string) => spec.replace(/^node:/, '');

/** What a bare module specifier gives, by capability; undefined when importing it is ordinary. */
export function moduleCapability(spec: string, member: string | undefined): { capability: Capability; what: string } | undefined {
  const m = strip(spec);
  const what = member ? `${m}.${member}` : m;
  if (m === 'process') return processCapability(member ? [member] : [], 'read');
  if (m === 'os') return member && ['hostname', 'userInfo', 'homedir', 'tmpdir', 'networkInterfaces', 'uptime', 'loadavg', 'machine'].includes(member) ? { capability: 'environment', what } : undefined;
  if (m === 'tty') return member === 'isatty' ? { capability: 'environment', what } : undefined;
  // module's createRequire makes an ordinary require (to read JSON from ESM), and what is reached through it is judged as require's.
  if (m === 'module' && member && ['createRequire', 'isBuiltin', 'builtinModules'].includes(member)) return undefined;
  if (m === 'child_process' || m === 'cluster' || m === 'v8' || m === 'inspector' || m === 'inspector/promises' || m === 'trace_events' || m === 'repl' || m === 'diagnostics_channel' || m === 'module' || m === 'wasi') return { capability: 'process internals', what };
  if (m === 'vm') return { capability: 'dynamic code', what };
  // The async machinery's own resources and ids, and hooks on every async resource: what they
  // answer depends on who else hooks them (a test runner does). Context carried through it
  // (AsyncLocalStorage, AsyncResource) is ordinary.
  if (m === 'async_hooks') return member && ['executionAsyncResource', 'executionAsyncId', 'triggerAsyncId', 'createHook', 'asyncWrapProviders'].includes(member) ? { capability: 'process internals', what } : undefined;
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

const WASM_COMPILERS = new Set(['Module', 'Instance', 'instantiate', 'compile', 'instantiateStreaming', 'compileStreaming']);

/** The capability of one access path used one way, or undefined when it is ordinary. */
export function classify(chain: Chain, use: 'read' | 'call' | 'write' | 'value', callArgs?: t.Node[]): { capability: Capability; what: string } | undefined {
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
  // Code compiled from bytes is code built from data, as the Function constructor's is from text.
  if (root === 'WebAssembly' && WASM_COMPILERS.has(rest[0] ?? '') && use !== 'write') return { capability: 'dynamic code', what: `WebAssembly.${rest[0]} (code compiled from bytes)` };
  if ((root === 'setTimeout' || root === 'setInterval' || root === 'setImmediate') && use === 'call' && callArgs?.[0] && (callArgs[0].type === 'StringLiteral' || callArgs[0].type === 'TemplateLiteral' || callArgs[0].type === 'BinaryExpression')) return { capability: 'dynamic code', what: `${root} with a string of code` };
  if (root === 'Error' && ['captureStackTrace', 'prepareStackTrace'].includes(rest[0] ?? '')) return { capability: 'call stack', what: `Error.${rest[0]}` };
  if (root === 'Function' && rest[0] === 'prototype' && rest[1] === 'toString') return { capability: 'source files', what: 'Function.prototype.toString' };
  if (BUILTINS.has(root) && use === 'write') return { capability: 'process internals', what: `${[root, ...rest].join('.')} = (rewrites a built-in)` };
  if (RUNNER_GLOBALS.has(root)) return runnerGlobal(root, rest);
  return undefined;
}
