import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutralEdit } from '../../../verify/neutralEdit';

const JS = "export function average(xs) {\n  if (!xs.length) return 0;\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n}\n\nexport const half = (x) => x / 2;\nexport const pair = () => ({ a: `{${1}}` });\n";
const PY = 'def average(xs):  # the mean\n    """Mean of xs: "quoted"."""\n    return sum(xs) / len(xs) if xs else 0\n\n\ndef half(x): return x / 2\n';

describe("the mutation control run's copy of a file", () => {
  it('is the same JavaScript program, with a comment inside every function and at the end, and no line moved', async () => {
    const out = await neutralEdit('src/stats.js', JS);
    expect(out.split('\n')).toHaveLength(JS.split('\n').length + 1);
    expect(out).toContain('export function average(xs) {/* verified by Loom */');
    expect(out).toContain('(a, b) => /* verified by Loom */a + b');
    expect(out).toContain('export const half = (x) => /* verified by Loom */x / 2;');
    expect(out).toContain('export const pair = () => (/* verified by Loom */{ a: `{${1}}` });');
    expect(out.endsWith('// verified by Loom\n')).toBe(true);
    // What each function computes is the same; its own text is not.
    const dir = mkdtempSync(join(tmpdir(), 'loom-neutral-'));
    try {
      writeFileSync(join(dir, 'a.mjs'), JS);
      writeFileSync(join(dir, 'b.mjs'), out);
      const run = (f: string) => execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from '${join(dir, f)}'; console.log(JSON.stringify([m.average([1, 2, 4]), m.half(3), m.pair()]), String(m.average).length)`], { encoding: 'utf8' }).trim().split(' ');
      const [a, b] = [run('a.mjs'), run('b.mjs')];
      expect(b[0]).toBe(a[0]);
      expect(b[1]).not.toBe(a[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is the same Python program, with a comment after each def's colon where the body starts below it", async () => {
    const out = await neutralEdit('stats.py', PY);
    expect(out).toContain('def average(xs):  # the mean  # verified by Loom\n');
    // A one-line def has nowhere for a comment that keeps its text: it is left as it is.
    expect(out).toContain('def half(x): return x / 2\n');
    expect(out.endsWith('# verified by Loom\n')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'loom-neutral-'));
    try {
      writeFileSync(join(dir, 'a.py'), PY);
      writeFileSync(join(dir, 'b.py'), out);
      const run = (m: string) => execFileSync('python3', ['-c', `import inspect, json, ${m}; print(json.dumps([${m}.average([1, 2, 4]), ${m}.half(3), ${m}.average.__doc__]), len(inspect.getsource(${m}.average)))`], { cwd: dir, encoding: 'utf8' }).trim().split(' ').reduce((acc: string[], w, k, all) => (k === all.length - 1 ? [acc.join(' '), w] : [...acc, w]), []);
      const [a, b] = [run('a'), run('b')];
      expect(b[0]).toBe(a[0]);
      expect(b[1]).not.toBe(a[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves code it cannot parse, and other languages, with the comment at the end alone', async () => {
    expect(await neutralEdit('src/x.js', 'function (')).toBe('function (\n// verified by Loom\n');
    expect(await neutralEdit('calc.go', 'package calc\n')).toBe('package calc\n// verified by Loom\n');
  });
});
