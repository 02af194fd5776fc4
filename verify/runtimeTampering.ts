// A change may not rewrite what the tests rely on to judge: the assertion and test
// libraries, the prototypes and functions of the language's built-ins, the process's exit.
// Code under test runs in the same process as the tests that judge it, so a line in
// src/ that turns assert.equal into a no-op, or makes Array.prototype.reduce lie, would
// make every test pass. Pure: parses the Lab's version of each changed JS/TS file and
// reports only what sits on lines the change added.
import { parse } from '@babel/parser';
import { isJsLike } from './jsImports';
import { isEvaluationPath } from './testPaths';

export interface TamperingViolation {
  rule: 'runtime-tampering';
  detail: string;
}

/** Modules whose exports judge tests. */
const JUDGE_MODULES = new Set(['assert', 'assert/strict', 'node:assert', 'node:assert/strict', 'node:test', 'chai', 'vitest', 'mocha', 'jest', '@jest/globals', 'expect', 'tap', 'tape', 'should', 'uvu', 'uvu/assert', 'ava', 'power-assert', 'sinon']);
/** Built-ins whose functions and prototypes no change may replace. */
const BUILTINS = new Set(['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Promise', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'Proxy', 'Intl', 'ArrayBuffer', 'Uint8Array', 'DataView']);
const MUTATORS = new Set(['defineProperty', 'defineProperties', 'assign', 'setPrototypeOf', 'set']);

type Node = { type: string; loc?: { start: { line: number } }; [k: string]: unknown };

/** The chain of a member expression as names: Array.prototype.reduce -> ['Array', 'prototype', 'reduce']. */
function chain(n: Node | undefined): string[] | undefined {
  if (!n) return undefined;
  if (n.type === 'Identifier') return [n.name as string];
  if (n.type === 'ThisExpression') return ['this'];
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const obj = chain(n.object as Node);
    if (!obj) return undefined;
    const p = n.property as Node;
    const name = !n.computed && p.type === 'Identifier' ? (p.name as string) : p.type === 'StringLiteral' ? (p.value as string) : '[computed]';
    return [...obj, name];
  }
  return undefined;
}

/** Why writing to this chain tampers with the judge, or undefined. */
function tampers(target: string[], judges: ReadonlySet<string>, inSource: boolean): string | undefined {
  const [root, second] = target;
  if (!root) return undefined;
  if (judges.has(root)) return `it rewrites ${target.join('.')}, from a module that judges tests`;
  if (BUILTINS.has(root) && second === 'prototype') return `it rewrites the built-in ${target.join('.')}`;
  if ((root === 'globalThis' || root === 'global') && second && BUILTINS.has(second)) return `it rewrites the built-in ${target.slice(1).join('.')}`;
  if (root === 'process' && ['exit', 'exitCode', 'reallyExit', 'abort', 'kill'].includes(second ?? '')) return `it rewrites ${target.join('.')}, which decides how the test run ends`;
  if ((root === 'require' && second === 'cache') || root === 'Module' || (root === 'module' && second === 'constructor')) return `it rewrites the module loader (${target.join('.')})`;
  // Error.stackTraceLimit and Error.prepareStackTrace are ordinary settings of a program.
  if (inSource && BUILTINS.has(root) && root !== 'Error' && target.length > 1) return `it rewrites the built-in ${target.join('.')}`;
  return undefined;
}

/** Local names bound to a module that judges tests: import assert from 'node:assert', const { expect } = require('chai'). */
function judgeBindings(program: Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return void n.forEach(visit);
    const node = n as Node;
    if (node.type === 'ImportDeclaration' && JUDGE_MODULES.has((node.source as { value: string }).value)) {
      for (const s of node.specifiers as Array<{ local: { name: string } }>) names.add(s.local.name);
    }
    if (node.type === 'VariableDeclarator') {
      const init = node.init as Node | null;
      const arg = init?.type === 'CallExpression' && (init.callee as Node).type === 'Identifier' && (init.callee as { name: string }).name === 'require' ? ((init.arguments as Node[])[0] as { value?: string } | undefined)?.value : undefined;
      if (arg && JUDGE_MODULES.has(arg)) {
        const id = node.id as Node;
        if (id.type === 'Identifier') names.add(id.name as string);
        if (id.type === 'ObjectPattern') for (const p of id.properties as Array<{ value?: { name?: string } }>) if (p.value?.name) names.add(p.value.name);
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(program);
  return names;
}

/** Tampering on the added lines of one file's Lab version. */
export function tamperingIn(path: string, content: string, addedLines: ReadonlySet<number>, reportedTestFiles: ReadonlySet<string> = new Set()): TamperingViolation[] {
  if (!isJsLike(path) || !addedLines.size) return [];
  let ast;
  try {
    ast = parse(content, { sourceType: 'unambiguous', errorRecovery: true, plugins: [...(/\.[cm]?tsx?$/.test(path) ? (['typescript'] as const) : []), 'jsx'] });
  } catch {
    return [];
  }
  const judges = judgeBindings(ast.program as unknown as Node);
  const inSource = !isEvaluationPath(path, reportedTestFiles);
  const out: TamperingViolation[] = [];
  const report = (n: Node, target: string[] | undefined) => {
    const line = n.loc?.start.line ?? 0;
    if (!target || !addedLines.has(line)) return;
    const why = tampers(target, judges, inSource);
    if (why) out.push({ rule: 'runtime-tampering', detail: `${path}:${line}: ${why}; code under test runs beside the tests that judge it` });
  };
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return void n.forEach(visit);
    const node = n as Node;
    if (node.type === 'AssignmentExpression') report(node, chain(node.left as Node));
    if (node.type === 'UpdateExpression' || (node.type === 'UnaryExpression' && node.operator === 'delete')) report(node, chain(node.argument as Node));
    if (node.type === 'CallExpression') {
      const callee = chain(node.callee as Node);
      const first = (node.arguments as Node[])[0];
      // Object.defineProperty(Array.prototype, ...), Object.assign(assert, {...}), Reflect.set(...)
      if (callee && (callee[0] === 'Object' || callee[0] === 'Reflect') && MUTATORS.has(callee[1] ?? '') && callee.length === 2) report(node, chain(first));
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(ast.program);
  return out;
}
