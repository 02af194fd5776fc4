// TAP as tap-parser (node-tap's own parser) reads it, for the runners that report in TAP
// (tap, ava): each (sub)test with its assertions and closing point, and a point's status
// and failure as plain text.
import { Parser as TapParser, type Result as TapResult } from 'tap-parser';
import type { TestStatus } from '../verify/testResults';
import { plainMessage } from './reportFiles';

export { TapParser, type TapResult };

/** A TAP stream as tap-parser (node-tap's own parser) reads it: each (sub)test with its assertions and closing point. */
export interface TapNode {
  name: string;
  children: TapNode[];
  asserts: TapResult[];
  /** The parent's test point that closes this subtest. */
  closing?: TapResult;
  /** What the parser found wrong with this level (a count that does not match the plan, a missing plan). */
  errors: string[];
  planned: boolean;
}

export function readTap(text: string): TapNode {
  const root: TapNode = { name: '', children: [], asserts: [], errors: [], planned: false };
  const attach = (parser: TapParser, node: TapNode) => {
    parser.on('child', (child: TapParser) => {
      const c: TapNode = { name: child.name, children: [], asserts: [], errors: [], planned: false };
      node.children.push(c);
      attach(child, c);
    });
    parser.on('assert', (a: TapResult) => {
      // A closing point follows its subtest's block: it belongs to the last subtest still open.
      const open = a.closingTestPoint ? [...node.children].reverse().find((c) => !c.closing) : undefined;
      if (open) open.closing = a;
      else node.asserts.push(a);
    });
    parser.on('complete', (r: { plan?: { start?: number; end?: number }; failures?: Array<{ tapError?: string | null }> }) => {
      node.planned = r.plan?.end !== undefined && r.plan.end !== null && (r.plan.start ?? 1) <= (r.plan.end ?? 0) + 1;
      for (const f of r.failures ?? []) if (f.tapError) node.errors.push(f.tapError);
    });
  };
  const parser = new TapParser();
  attach(parser, root);
  // tap-parser parses synchronously: 'complete' has fired when end() returns.
  parser.end(text);
  return root;
}

export const tapStatus = (a: TapResult): TestStatus => (a.todo ? 'todo' : a.skip ? 'skipped' : a.ok ? 'passed' : 'failed');

/** A failed point's first lines: what its YAML diagnostics say went wrong, after its name where that names an assertion. */
export function tapFailure(a: TapResult, withName = true): string {
  const d = (a.diag ?? {}) as Record<string, unknown>;
  const details = d.details && typeof d.details === 'object' ? Object.entries(d.details as Record<string, unknown>).map(([k, v]) => `${k}\n${String(v)}`) : [];
  const said = [d.message, d.assertion, ...details, d.diff, d.found !== undefined ? `found: ${JSON.stringify(d.found)}` : undefined, d.wanted !== undefined ? `wanted: ${JSON.stringify(d.wanted)}` : undefined];
  return plainMessage([withName ? a.name : undefined, ...said].filter((x, i, all) => typeof x === 'string' && x && all.indexOf(x) === i).join('\n')) ?? 'failed';
}
