// What a test file exercises: the project files it imports (or names in a path string, as a
// test of a command-line tool does), and of those, the declarations it imports by name.
// A new test is judged by the mutants of this code: a test that catches none of them
// does not test what it claims to. Pure: the caller supplies file contents.
import { classMethods, declarationsOf, type LineRange } from './jsDeclarations';
import { importsOf, isJsLike, resolveSpecifier } from './jsImports';
import { membersUsed, propertyNames } from './jsPropertyReads';

export interface Reference {
  /** The project file exercised. */
  file: string;
  /** Lines of the declarations used; undefined means the whole file. */
  ranges?: LineRange[];
  /** The imported names, for the record ("clamp"). */
  names: string[];
}

/**
 * The project files a test file exercises, with the declarations it imports. Imports are
 * followed through files that only re-export (an index.js), up to three levels.
 */
export function referencesOf(testFile: string, read: (path: string) => string | undefined, files: ReadonlySet<string>, isProjectSource: (path: string) => boolean): Reference[] {
  const code = read(testFile);
  if (code === undefined) return [];
  const refs = new Map<string, { names: Set<string>; whole: boolean }>();
  const add = (file: string, names: string[], depth: number) => {
    if (!isProjectSource(file)) return;
    const body = read(file);
    let own = names;
    // Follow re-exports: a name imported from an index comes from where the index takes it.
    if (body !== undefined && isJsLike(file) && !names.includes('*')) {
      const decls = declarationsOf(body, file);
      const forwarded = names.filter((n) => !decls.has(n));
      own = names.filter((n) => decls.has(n));
      const taken = new Set<string>();
      if (depth < 3) {
        // Named re-exports first; `export *` then offers what the target file declares.
        const imports = importsOf(body, file).sort((a, b) => Number(a.names.includes('*')) - Number(b.names.includes('*')));
        for (const r of imports) {
          const target = resolveSpecifier(file, r.spec, files);
          if (!target) continue;
          const open = forwarded.filter((n) => !taken.has(n));
          const targetBody = r.names.includes('*') ? read(target) : undefined;
          // A re-export may rename: `export { default as sum } from './sum.js'` offers sum, taken as default there.
          const take = r.names.includes('*') ? open.filter((n) => targetBody !== undefined && declarationsOf(targetBody, target).has(n)) : open.filter((n) => (r.exports ? n in r.exports : r.names.includes(n)));
          take.forEach((n) => taken.add(n));
          if (take.length) add(target, take.map((n) => r.exports?.[n] ?? n), depth + 1);
        }
      }
      // A name this file exports without lines of its own (made by a call): the whole file.
      const unmatched = forwarded.filter((n) => !taken.has(n));
      if (unmatched.length) {
        const e = refs.get(file) ?? { names: new Set<string>(), whole: false };
        e.whole = true;
        unmatched.forEach((n) => e.names.add(n));
        refs.set(file, e);
      }
      if (!own.length) return;
    }
    const e = refs.get(file) ?? { names: new Set<string>(), whole: false };
    for (const n of own) {
      if (n === '*') e.whole = true;
      else e.names.add(n);
    }
    refs.set(file, e);
  };
  const specifiers = new Set<string>();
  if (isJsLike(testFile)) for (const imp of importsOf(code, testFile)) {
    specifiers.add(imp.spec);
    const target = resolveSpecifier(testFile, imp.spec, files);
    if (!target) continue;
    // A whole module bound to a name the test only reads properties of (`commander.Command`):
    // those properties are what it takes, followed like named imports. A default import of a
    // module with no default export is its CommonJS exports object.
    const body = read(target);
    const namespace = imp.local && (imp.names[0] === '*' || (imp.names[0] === 'default' && body !== undefined && !declarationsOf(body, target).has('default') && !/\bexport\s+default\b/.test(body)));
    const members = namespace ? membersUsed(code, testFile, imp.local!) : undefined;
    add(target, members ?? imp.names, 0);
  }
  // Paths in other strings: spawn('node', ['bin/cli.js']), readFileSync('../src/data.json').
  for (const m of code.matchAll(/['"`]((?:\.\.?\/)?[\w@.-]+(?:\/[\w@.-]+)+|[\w-]+\.(?:c|m)?[jt]s)['"`]/g)) {
    const s = m[1]!;
    if (specifiers.has(s)) continue;
    const direct = files.has(s.replace(/^\.\//, '')) ? s.replace(/^\.\//, '') : resolveSpecifier(testFile, s.startsWith('.') ? s : `./${s}`, files);
    if (direct && direct !== testFile) add(direct, ['*'], 3);
  }
  // A class is reached through the methods the test names: those, and its constructor where the test makes one.
  const called = isJsLike(testFile) ? propertyNames(code, testFile) : new Set<string>();
  return [...refs].map(([file, e]) => {
    if (e.whole || !isJsLike(file)) return { file, names: e.names.size ? [...e.names] : ['*'] };
    const body = read(file) ?? '';
    const decls = declarationsOf(body, file);
    const ranges = [...e.names].flatMap((n) => {
      const methods = classMethods(body, file, n);
      const reached = methods ? [...methods].filter(([m]) => called.has(m) || (m === 'constructor' && new RegExp(`\\bnew\\s+(?:[\\w$]+\\.)?${n}\\b`).test(code))) : [];
      return reached.length ? reached.map(([, r]) => r) : [decls.get(n)].filter((r): r is LineRange => !!r);
    });
    return ranges.length ? { file, ranges, names: [...e.names] } : { file, names: [...e.names] };
  });
}
