// What a Python or Go test file exercises, as exercisedCode.ts does for JavaScript: the
// project files it imports, and of those the functions it names. Python modules are found
// where pytest and the interpreter look for them (beside the test, at the root, under src/
// or lib/); a Go test exercises its own package's files and the module's packages it
// imports. A test then is judged by the mutants of that code. Pure but for the parsers.
import { posix } from 'node:path';
import type { Reference } from './exercisedCode';
import { functionRanges, mentioned } from './functionRanges';
import { parseTree, walk } from './treeSitter';

const SEARCH_ROOTS = ['', 'src', 'lib'];

/** The file a dotted Python module name stands for, if the repository has it. */
export function resolvePythonModule(module: string, fromFile: string, files: ReadonlySet<string>, level = 0): string | undefined {
  const rel = module.split('.').filter(Boolean).join('/');
  const roots = level > 0 ? [posix.join(posix.dirname(fromFile), ...Array(level - 1).fill('..'))] : [posix.dirname(fromFile), ...SEARCH_ROOTS];
  for (const root of roots) {
    const base = posix.normalize(posix.join(root, rel)).replace(/^\.\/?/, '');
    for (const candidate of [`${base}.py`, `${base}/__init__.py`]) if (files.has(candidate.replace(/^\//, ''))) return candidate.replace(/^\//, '');
  }
  return undefined;
}

/** The project code a Python test file imports, with the names it takes. */
export async function pythonReferences(testFile: string, code: string, read: (p: string) => string | undefined, files: ReadonlySet<string>, isSource: (p: string) => boolean): Promise<Reference[]> {
  const tree = await parseTree('python', code);
  const uses: Array<{ file: string; names: string[] }> = [];
  try {
    for (const n of walk(tree.rootNode)) {
      if (n.type === 'import_statement') {
        for (const c of n.namedChildren) {
          const name = c?.type === 'aliased_import' ? c.childForFieldName('name')?.text : c?.text;
          const file = name ? resolvePythonModule(name, testFile, files) : undefined;
          if (file) uses.push({ file, names: ['*'] });
        }
      } else if (n.type === 'import_from_statement') {
        const mod = n.childForFieldName('module_name');
        if (!mod) continue;
        const level = mod.type === 'relative_import' ? (mod.text.match(/^\.+/)?.[0].length ?? 0) : 0;
        const dotted = mod.type === 'relative_import' ? mod.text.replace(/^\.+/, '') : mod.text;
        const names = n.childrenForFieldName('name').map((c) => (c?.type === 'aliased_import' ? c.childForFieldName('name')!.text : c?.text ?? '')).filter(Boolean);
        const file = resolvePythonModule(dotted, testFile, files, level);
        if (file) {
          // from pkg import module: the name may itself be a module of the package.
          const sub = names.map((x) => resolvePythonModule(`${dotted}.${x}`, testFile, files, level)).filter((f): f is string => !!f);
          uses.push({ file, names: names.length ? names : ['*'] }, ...sub.map((f) => ({ file: f, names: ['*'] })));
        }
      }
    }
  } finally {
    tree.delete();
  }
  return referencesFrom(uses, read, isSource);
}

/** The project code a Go test file exercises: its own package, and the module's packages it imports. */
export async function goReferences(testFile: string, code: string, read: (p: string) => string | undefined, files: ReadonlySet<string>, isSource: (p: string) => boolean, goModule?: string, testName?: string): Promise<Reference[]> {
  const dir = posix.dirname(testFile);
  const packageFiles = (d: string) => [...files].filter((f) => posix.dirname(f) === d && f.endsWith('.go') && !f.endsWith('_test.go'));
  const tree = await parseTree('go', code);
  const called = new Set<string>();
  const imported: Array<{ alias: string; dir: string }> = [];
  try {
    // Only the test's own function, when it is named (its subtests are inside it).
    const own = testName ? tree.rootNode.namedChildren.find((c) => c?.type === 'function_declaration' && c.childForFieldName('name')?.text === testName.split(' > ')[0]) : undefined;
    for (const n of walk(own ?? tree.rootNode)) if (n.type === 'identifier' || n.type === 'field_identifier') called.add(n.text);
    for (const n of walk(tree.rootNode)) {
      if (n.type === 'import_spec' && goModule) {
        const path = (n.childForFieldName('path')?.text ?? '').replace(/^"|"$/g, '');
        if (path === goModule || path.startsWith(`${goModule}/`)) imported.push({ alias: n.childForFieldName('name')?.text ?? path.split('/').pop()!, dir: path === goModule ? '.' : path.slice(goModule.length + 1) });
      }
    }
  } finally {
    tree.delete();
  }
  const uses = [
    ...packageFiles(dir).map((file) => ({ file, names: [...called] })),
    ...imported.flatMap((i) => packageFiles(i.dir).map((file) => ({ file, names: [...called] }))),
  ];
  return referencesFrom(uses, read, isSource, true);
}

/** References with the lines of the named functions; a file none of whose functions is named is exercised whole. */
async function referencesFrom(uses: Array<{ file: string; names: string[] }>, read: (p: string) => string | undefined, isSource: (p: string) => boolean, onlyMentioned = false): Promise<Reference[]> {
  const out: Reference[] = [];
  for (const u of uses) {
    if (!isSource(u.file)) continue;
    const content = read(u.file);
    if (content === undefined) continue;
    if (u.names.includes('*')) {
      out.push({ file: u.file, names: ['*'] });
      continue;
    }
    const ranges = await functionRanges(u.file, content);
    const hit = onlyMentioned ? mentioned(ranges, [u.names.join(' ')]) : ranges.filter((r) => u.names.includes(r.name));
    if (hit.length) out.push({ file: u.file, ranges: hit.map(({ start, end }) => ({ start, end })), names: hit.map((r) => r.name) });
    else if (!onlyMentioned) out.push({ file: u.file, names: u.names });
  }
  return out;
}
