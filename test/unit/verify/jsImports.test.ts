import { describe, expect, it } from 'vitest';
import { importsOf, resolveSpecifier } from '../../../verify/jsImports';

describe('what a test exercises', () => {
  it('finds imports of every form', () => {
    const code = "import { add, subtract as minus } from '../src/calc.js';\nimport calc from './calc';\nimport * as all from './all';\nconst { pad } = require('./pad');\nconst m = require('./m');\nawait import('./lazy.js');\n";
    expect(importsOf(code, 'test/a.test.js')).toEqual([
      { spec: '../src/calc.js', names: ['add', 'subtract'] },
      { spec: './calc', names: ['default'], local: 'calc' },
      { spec: './all', names: ['*'], local: 'all' },
      { spec: './pad', names: ['pad'] },
      { spec: './m', names: ['*'], local: 'm' },
      { spec: './lazy.js', names: ['*'] },
    ]);
  });

  it('resolves relative specifiers to files the repository has, .js naming .ts included', () => {
    const files = new Set(['src/calc.js', 'src/util/index.ts', 'src/t.ts']);
    expect(resolveSpecifier('test/a.test.js', '../src/calc.js', files)).toBe('src/calc.js');
    expect(resolveSpecifier('test/a.test.js', '../src/calc', files)).toBe('src/calc.js');
    expect(resolveSpecifier('test/a.test.ts', '../src/util', files)).toBe('src/util/index.ts');
    expect(resolveSpecifier('test/a.test.ts', '../src/t.js', files)).toBe('src/t.ts');
    expect(resolveSpecifier('test/a.test.js', 'lodash', files)).toBeUndefined();
  });
});
