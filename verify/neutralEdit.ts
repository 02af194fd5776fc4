// The mutation stage's control run gets each mutated file as the same program written
// differently: a comment at its end, and a comment inside every function. A test that reads
// the code instead of what it computes (a hash of the file, its size, a function's own text
// through String(fn) or inspect.getsource) then fails the control run, which voids the
// mutation evidence, instead of "catching" every mutant. Comments sit only between tokens, so
// the program is unchanged, and no line moves.
import { isJsLike } from './jsImports';
import { parseJs, traverse } from './jsParse';
import { parseTree, walk } from './treeSitter';

const MARK = 'verified by Loom';

export async function neutralEdit(file: string, content: string): Promise<string> {
  const python = /\.pyw?$/i.test(file);
  const inside = isJsLike(file) ? jsFunctionMarks(file, content) : python ? await pythonFunctionMarks(content) : content;
  const comment = python || /\.(?:rb|sh|r|pl)$/i.test(file) ? '#' : '//';
  return `${inside}${inside.endsWith('\n') ? '' : '\n'}${comment} ${MARK}\n`;
}

/** A block comment at the start of every function's body (after `{`, or before an arrow's expression). */
function jsFunctionMarks(file: string, content: string): string {
  const at: number[] = [];
  try {
    const ast = parseJs(content, file);
    if (ast.errors?.length) return content;
    traverse(ast, {
      Function(path) {
        const body = path.node.body as { type: string; start?: number | null };
        if (typeof body.start === 'number') at.push(body.type === 'BlockStatement' ? body.start + 1 : body.start);
      },
    });
  } catch {
    return content;
  }
  return insertAll(content, at, `/* ${MARK} */`);
}

/** A comment after the colon of every `def` whose body starts on a later line. */
async function pythonFunctionMarks(content: string): Promise<string> {
  const rows = new Set<number>();
  const tree = await parseTree('python', content);
  try {
    if (tree.rootNode.hasError) return content;
    for (const n of walk(tree.rootNode)) {
      if (n.type !== 'function_definition') continue;
      const colon = n.children.find((c) => c?.type === ':');
      const body = n.childForFieldName('body');
      if (colon && body && body.startPosition.row > colon.endPosition.row) rows.add(colon.endPosition.row);
    }
  } finally {
    tree.delete();
  }
  // By line, since tree-sitter counts bytes: the colon's line ends in it, or in it and a comment.
  return content
    .split('\n')
    .map((line, row) => (rows.has(row) && /:\s*(?:#.*)?$/.test(line.replace(/\r$/, '')) ? line.replace(/(\r?)$/, `  # ${MARK}$1`) : line))
    .join('\n');
}

function insertAll(content: string, positions: number[], text: string): string {
  let out = content;
  for (const p of [...new Set(positions)].sort((a, b) => b - a)) out = `${out.slice(0, p)}${text}${out.slice(p)}`;
  return out;
}
