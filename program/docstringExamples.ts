// The examples a change writes into its own Python docstrings as doctests (`>>> f(2)` and the
// value on the line after it): what the code says it answers, stated by the change itself. They
// are asked like the task's examples, whether or not a test runs them, since a doctest that no
// runner checks (or one run by something that only prints its failures) is still what a reader
// of the code is told. Only doctests the change added or altered: an old docstring is the base's
// to answer for. Pure.
import { taskExamples, type TaskExample } from './taskExamples';

/** A doctest directive (+SKIP, +ELLIPSIS, +NORMALIZE_WHITESPACE): the output is not meant literally. */
const DIRECTIVE = /#\s*doctest:/;

/**
 * The literal doctest examples in a Python file's `content` whose call or expected line is one
 * of `added` (1-based line numbers), each marked as documented by the change.
 */
export function docstringExamples(content: string, added: ReadonlySet<number>): TaskExample[] {
  const lines = content.split('\n');
  const pairs: string[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (!/^\s*>>>\s/.test(line) || next === undefined || !next.trim() || /^\s*(?:>>>|\.\.\.)/.test(next)) return;
    // One line of output: a value spread over more lines is not read.
    const after = lines[i + 2];
    if (after !== undefined && after.trim() && !/^\s*(?:>>>|"""|''')/.test(after)) return;
    if (DIRECTIVE.test(line) || !(added.has(i + 1) || added.has(i + 2))) return;
    pairs.push(`${line.trim()}\n${next.trim()}`);
  });
  return taskExamples(pairs.join('\n\n'), 'python').map((e) => ({ ...e, documented: true }));
}
