// Syntax trees of Python and Go, through tree-sitter's WebAssembly build and the grammars'
// own .wasm files: a real parser for each language, in the worker's process, with no
// toolchain of the target's installed on the host and none of its code run.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
const GRAMMARS = { python: 'tree-sitter-python/tree-sitter-python.wasm', go: 'tree-sitter-go/tree-sitter-go.wasm' } as const;
export type TreeLanguage = keyof typeof GRAMMARS;

let ready: Promise<void> | undefined;
const languages = new Map<TreeLanguage, Promise<Language>>();

async function languageOf(lang: TreeLanguage): Promise<Language> {
  ready ??= Parser.init();
  await ready;
  let l = languages.get(lang);
  if (!l) {
    l = Language.load(require.resolve(GRAMMARS[lang]));
    languages.set(lang, l);
  }
  return l;
}

/** A parsed file; call `tree.delete()` when done (the tree lives in WebAssembly memory). */
export async function parseTree(lang: TreeLanguage, code: string): Promise<Tree> {
  const language = await languageOf(lang);
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    const tree = parser.parse(code);
    if (!tree) throw new Error(`tree-sitter could not parse the ${lang} code`);
    return tree;
  } finally {
    parser.delete();
  }
}

/** The first syntax error in a tree, as "line N", or undefined. */
export function firstError(root: Node): string | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return `a syntax error at line ${n.startPosition.row + 1}`;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c && c.hasError) stack.push(c);
    }
  }
  return 'a syntax error';
}

/** Every node of a tree, depth first, with its parent. */
export function* walk(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
}

/** Parses a file and hands its tree to `read`, or says why it cannot be read as code (too large, a syntax error). */
export async function readTree<T>(lang: TreeLanguage, code: string, maxBytes: number, read: (root: Node) => T): Promise<{ value: T } | { unreadable: string }> {
  if (code.length > maxBytes) return { unreadable: `${code.length} bytes, over the ${maxBytes}-byte limit for analysis` };
  const tree = await parseTree(lang, code);
  try {
    const error = firstError(tree.rootNode);
    return error ? { unreadable: `it does not parse: ${error}` } : { value: read(tree.rootNode) };
  } finally {
    tree.delete();
  }
}
