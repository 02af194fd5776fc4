import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// The floors of the codebase, bottom up (docs/architecture.md). A module may import from
// its own floor and the floors below, never from one above.
export const FLOORS: string[][] = [
  ['program', 'provision'],
  ['generation', 'verify', 'runners', 'review', 'model', 'config'],
  ['git', 'lab', 'ledger'],
  ['activities'],
  ['workflows'],
  ['worker'],
  ['client'],
  ['bench'],
];

const ROOT = join(import.meta.dirname, '..', '..', '..');
const floorOf = (folder: string) => FLOORS.findIndex((f) => f.includes(folder));

function importsOf(folder: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const name of readdirSync(join(ROOT, folder))) {
    if (!/\.(?:ts|mjs)$/.test(name)) continue;
    const text = readFileSync(join(ROOT, folder, name), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'\.\.\/([a-z]+)\//g)) out.push({ file: `${folder}/${name}`, target: m[1]! });
  }
  return out;
}

describe('architecture', () => {
  it('every product folder sits on a floor', () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !['node_modules', 'test', 'docs', 'examples', 'deploy', 'bin'].includes(d.name))
      .map((d) => d.name);
    expect(folders.filter((f) => floorOf(f) < 0)).toEqual([]);
  });

  it('docs/architecture.md lists the same floors', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| ((?:`[a-z]+\/`(?:, )?)+) \|/gm)].map((m) => [...m[2]!.matchAll(/`([a-z]+)\/`/g)].map((f) => f[1]));
    expect(rows).toEqual(FLOORS);
  });

  it('no product module imports itself back through others, types included (no import cycle)', () => {
    // Every relative import between product files, resolved to the file it names.
    const files = FLOORS.flat().flatMap((folder) => readdirSync(join(ROOT, folder)).filter((n) => /\.(?:ts|mjs)$/.test(n)).map((n) => `${folder}/${n}`));
    const edges = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const targets = [...text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => normalize(join(dirname(file), m[1]!)));
      edges.set(file, targets.map((t) => [t, `${t}.ts`, t.replace(/\.js$/, '.ts'), `${t}.mjs`].find((c) => /\.(?:ts|mjs)$/.test(c) && existsSync(join(ROOT, c)))).filter((t): t is string => !!t));
    }
    // A depth-first walk: a file met again while it is still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), file, next].join(' -> '));
        else if (!state.has(next)) visit(next, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('no product file imports from a floor above its own', () => {
    const upward = FLOORS.flat()
      .flatMap(importsOf)
      .filter((i) => floorOf(i.target) > floorOf(i.file.split('/')[0]!))
      .map((i) => `${i.file} imports ../${i.target}/`);
    expect(upward).toEqual([]);
  });

  // A file past this size holds more than one idea, or one idea told at too great a length.
  it('no product file is over 350 lines', () => {
    const long = FLOORS.flat()
      .filter((folder) => existsSync(join(ROOT, folder)))
      .flatMap((folder) => readdirSync(join(ROOT, folder)).filter((n) => /\.(?:ts|mjs)$/.test(n)).map((n) => `${folder}/${n}`))
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 350)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
