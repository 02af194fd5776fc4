import { describe, expect, it } from 'vitest';
import { erasedProgram, sameProgram, tsconfigDirs, twinCandidates, twinnedSources } from '../../../verify/compiledTwin';

const TS = `import type { Options } from './options';
import { round } from './round';

export interface Pair { a: number; b: number }
type Op = (a: number, b: number) => number;

/** Adds. */
export function add(a: number, b: number): number {
  return a + b;
}

export const twice = <T,>(x: T[]): T[] => [...x, ...x];

export class Box {
  private value: number;
  constructor(value: number) {
    this.value = value;
  }
  get(this: Box, o?: Options): number {
    return round((this.value as number)!, o?.digits ?? 2);
  }
}
`;

// What tsc 5 emits for an ES2022 module: types gone, its own indentation, comments kept.
const EMIT = `import { round } from './round';
/** Adds. */
export function add(a, b) {
    return a + b;
}
export const twice = (x) => [...x, ...x];
export class Box {
    value;
    constructor(value) {
        this.value = value;
    }
    get(o) {
        return round(this.value, o?.digits ?? 2);
    }
}
`;

describe('a TypeScript file and its committed JavaScript', () => {
  it('are the same program when the JavaScript is the TypeScript with its types erased, whatever the layout', () => {
    expect(sameProgram(TS, 'src/calc.ts', EMIT, 'src/calc.js')).toBe(true);
  });

  it('differ when one computes something else, however small', () => {
    expect(sameProgram(TS, 'src/calc.ts', EMIT.replace('a + b', 'a - b'), 'src/calc.js')).toBe(false);
    expect(sameProgram(TS, 'src/calc.ts', EMIT.replace('?? 2', '?? 3'), 'src/calc.js')).toBe(false);
    expect(sameProgram(TS, 'src/calc.ts', EMIT.replace("'./round'", "'./round.js'"), 'src/calc.js')).toBe(false);
    // An optional chain is behaviour, not a type.
    expect(sameProgram('export const f = (o) => o?.a.b;', 'a.ts', 'export const f = (o) => o?.a?.b;', 'a.js')).toBe(false);
    // A function the JavaScript has and the TypeScript does not.
    expect(sameProgram(TS, 'src/calc.ts', `${EMIT}export function isTest() { return true; }\n`, 'src/calc.js')).toBe(false);
  });

  it('are never the same program when the TypeScript has constructs that emit code of their own', () => {
    expect(erasedProgram('export enum Color { Red, Green }', 'a.ts')).toBeUndefined();
    expect(erasedProgram('export class A { constructor(private x: number) {} }', 'a.ts')).toBeUndefined();
    expect(erasedProgram('export namespace N { export const x = 1; }', 'a.ts')).toBeUndefined();
    // declare-only forms make no code and are erased.
    expect(sameProgram('declare const VERSION: string;\nexport const v = 1;', 'a.ts', 'export const v = 1;', 'a.js')).toBe(true);
  });

  it('a CommonJS or downlevelled emit is not the same program, so its lines stay judged as they are', () => {
    const cjs = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.add = add;\nfunction add(a, b) {\n    return a + b;\n}\n';
    expect(sameProgram('export function add(a: number, b: number) { return a + b; }', 'a.ts', cjs, 'a.js')).toBe(false);
  });
});

describe('where the compiled JavaScript of a TypeScript file is', () => {
  const tracked = new Set(['src/calc.ts', 'src/calc.js', 'dist/calc.js', 'lib/util.mts', 'lib/util.mjs', 'types/a.d.ts', 'types/a.js']);
  it('is beside it, or under outDir relative to rootDir, and only where the commit has a file', () => {
    expect(twinCandidates('src/calc.ts', tracked)).toEqual(['src/calc.js']);
    expect(twinCandidates('src/calc.ts', tracked, { outDir: './dist/', rootDir: 'src' })).toEqual(['src/calc.js', 'dist/calc.js']);
    expect(twinCandidates('src/calc.ts', tracked, { outDir: 'dist' })).toEqual(['src/calc.js', 'dist/calc.js']);
    expect(twinCandidates('lib/util.mts', tracked)).toEqual(['lib/util.mjs']);
    expect(twinCandidates('src/other.ts', tracked)).toEqual([]);
  });
  it('is nothing for a declaration file or a JavaScript file', () => {
    expect(twinCandidates('types/a.d.ts', tracked)).toEqual([]);
    expect(twinCandidates('src/calc.js', tracked)).toEqual([]);
  });
});

describe('which changed TypeScript files are judged through their JavaScript', () => {
  it('only those whose committed JavaScript is the same program', () => {
    const files: Record<string, string> = {
      'tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "outDir": "dist", "rootDir": "src", }, }',
      'src/a.ts': 'export const a = (x: number): number => x + 1;',
      'dist/a.js': 'export const a = (x) => x + 1;\n',
      'src/b.ts': 'export const b = (x: number): number => x * 2;',
      'dist/b.js': 'export const b = (x) => x * 3;\n',
    };
    const tracked = new Set(Object.keys(files));
    const opts = tsconfigDirs(files['tsconfig.json']);
    expect(opts).toEqual({ outDir: 'dist', rootDir: 'src' });
    expect([...twinnedSources(['src/a.ts', 'src/b.ts'], (p) => files[p], tracked, opts)]).toEqual([['src/a.ts', 'dist/a.js']]);
  });
});
