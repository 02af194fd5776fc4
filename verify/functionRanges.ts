// The named functions, methods and classes of a source file, with their lines: where a
// name a test calls is defined. JavaScript and TypeScript through Babel's parser, Python
// and Go through tree-sitter. Pure but for the parsers.
import { callableDeclarations, staticMethods, type LineRange } from './jsDeclarations';
import { isJsLike } from './jsImports';
import { parseTree, walk } from './treeSitter';

export interface NamedRange extends LineRange {
  name: string;
}

const PY_DEFS = new Set(['function_definition', 'class_definition']);
const GO_DEFS = new Set(['function_declaration', 'method_declaration', 'type_spec']);

export async function functionRanges(path: string, content: string): Promise<NamedRange[]> {
  if (isJsLike(path)) return [...callableDeclarations(content, path), ...staticMethods(content, path)].map(([name, r]) => ({ name, ...r }));
  const lang = /\.pyw?$/.test(path) ? 'python' : /\.go$/.test(path) ? 'go' : undefined;
  if (!lang) return [];
  const tree = await parseTree(lang, content);
  try {
    const defs = lang === 'python' ? PY_DEFS : GO_DEFS;
    const out: NamedRange[] = [];
    for (const n of walk(tree.rootNode)) {
      if (!defs.has(n.type)) continue;
      const name = n.childForFieldName('name')?.text;
      if (name) out.push({ name, start: n.startPosition.row + 1, end: n.endPosition.row + 1 });
    }
    return out;
  } finally {
    tree.delete();
  }
}

/** The ranges whose name some test text mentions as a word: code the tests call by name. */
export function mentioned(ranges: NamedRange[], testTexts: string[]): NamedRange[] {
  const words = new Set(testTexts.flatMap((t) => t.match(/[A-Za-z_$][\w$]*/g) ?? []));
  return ranges.filter((r) => r.name !== 'default' && words.has(r.name));
}
