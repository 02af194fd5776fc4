// Where a JSON text stops being JSON, as a line, a column and what was expected there:
// Node's own JSON.parse messages often name no position. jsonc-parser scans the text; the
// visitor only tracks what the grammar expects next.
import { printParseErrorCode, visit } from 'jsonc-parser';

export interface JsonSyntaxError {
  line: number;
  column: number;
  expected: string;
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

// Errors that say what was expected; for the rest (an invalid symbol, a comment) the
// grammar's position tells.
const EXPECTED: Record<string, string> = {
  PropertyNameExpected: 'a double-quoted key',
  ValueExpected: 'a value',
  ColonExpected: '":" after the key',
  CloseBraceExpected: '"," or "}"',
  CloseBracketExpected: '"," or "]"',
  EndOfFileExpected: 'the end of the file',
};

/** The first syntax error of a JSON text, or undefined when it is valid. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: Array<'object' | 'array'> = [];
  let expecting = 'a value';
  let first: { offset: number; expected: string } | undefined;
  const afterValue = () => {
    const top = open.at(-1);
    expecting = top === 'object' ? '"," or "}"' : top === 'array' ? '"," or "]"' : 'the end of the file';
  };
  visit(
    text,
    {
      onObjectBegin: () => void (open.push('object'), (expecting = 'a double-quoted key')),
      onObjectProperty: () => void (expecting = '":" after the key'),
      onObjectEnd: () => void (open.pop(), afterValue()),
      onArrayBegin: () => void (open.push('array'), (expecting = 'a value')),
      onArrayEnd: () => void (open.pop(), afterValue()),
      onLiteralValue: afterValue,
      onSeparator: (ch) => void (expecting = ch === ',' && open.at(-1) === 'object' ? 'a double-quoted key' : 'a value'),
      onError: (error, offset, length) => {
        if (first) return;
        const code = printParseErrorCode(error);
        if (code === 'UnexpectedEndOfString') {
          const end = offset + length;
          first = { offset: end, expected: end < text.length ? 'a closing quote before the end of the line' : 'a closing quote' };
        } else first = { offset, expected: EXPECTED[code] ?? expecting };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return undefined;
  const { offset } = first;
  const found = text[offset];
  let expected = `expected ${first.expected}`;
  if (found === undefined) expected += ' but the file ended';
  else if ((found === '}' || found === ']') && /,\s*$/.test(text.slice(0, offset))) expected += ` (a trailing comma before "${found}"?)`;
  else if (found === '/' || found === '#') expected += ' (JSON allows no comments)';
  else if (found === "'") expected += ' (JSON strings take double quotes)';
  return { ...lineColumn(text, offset), expected };
}
