// A small mutator for languages Stryker does not read (Python, Go, Rust, Java, ...): on
// one line of code, swap one operator or literal for its opposite, or empty a string
// literal (logic moved into strings and tables still gets mutants), never inside a string
// or a comment. Coarse, but enough to ask whether any test notices a change there. Pure.

export interface LineMutant {
  /** Column (0-based) where the replaced text starts, and its length. */
  column: number;
  length: number;
  original: string;
  replacement: string;
  mutator: string;
}

// Longest first, so `<=` is not read as `<`.
const SWAPS: Array<[RegExp, string, string]> = [
  [/===/y, '!==', 'EqualityOperator'],
  [/!==/y, '===', 'EqualityOperator'],
  [/==/y, '!=', 'EqualityOperator'],
  [/!=/y, '==', 'EqualityOperator'],
  [/<=/y, '>', 'EqualityOperator'],
  [/>=/y, '<', 'EqualityOperator'],
  [/&&/y, '||', 'LogicalOperator'],
  [/\|\|/y, '&&', 'LogicalOperator'],
  [/</y, '>=', 'EqualityOperator'],
  [/>/y, '<=', 'EqualityOperator'],
  [/\+(?![+=])/y, '-', 'ArithmeticOperator'],
  [/-(?![-=>])/y, '+', 'ArithmeticOperator'],
  [/\*(?![*=])/y, '/', 'ArithmeticOperator'],
  [/\/(?![/=*])/y, '*', 'ArithmeticOperator'],
  [/%(?!=)/y, '*', 'ArithmeticOperator'],
  [/\band\b/y, 'or', 'LogicalOperator'],
  [/\bor\b/y, 'and', 'LogicalOperator'],
  [/\bnot\s+/y, '', 'BooleanLiteral'],
  [/\btrue\b/y, 'false', 'BooleanLiteral'],
  [/\bfalse\b/y, 'true', 'BooleanLiteral'],
  [/\bTrue\b/y, 'False', 'BooleanLiteral'],
  [/\bFalse\b/y, 'True', 'BooleanLiteral'],
];

const COMMENT_START = /^\s*(?:#|\/\/|\/\*|\*|--|;)/;

/**
 * The line mutator's stand-in for emptying a function: its returned value replaced by
 * nothing (Python's None), or, for a numeric return in a typed language, by zero. Like an
 * emptied body, it is caught by any test that looks at the result at all.
 */
export function returnValueMutant(line: string, language: 'python' | 'typed'): LineMutant | undefined {
  const m = /^(\s*return\s+)(.+?)\s*$/.exec(line);
  if (!m || /["'`#]|\/\//.test(m[2]!)) return undefined;
  const expr = m[2]!;
  // None is told apart from a falsy constant (or the comparison protocol's NotImplemented) only by identity, not in a condition.
  if (language === 'python') return /^(?:None|False|0|0\.0|NotImplemented|\[\]|\{\}|\(\))$/.test(expr) ? undefined : { column: m[1]!.length, length: expr.length, original: expr, replacement: 'None', mutator: 'ReturnValue' };
  // Only an expression made with numeric operators is known to be a number (a string can be added, not multiplied).
  if (!/[*/%]|[\w)\]]\s+-\s+[\w(]/.test(expr) || /,/.test(expr)) return undefined;
  return { column: m[1]!.length, length: expr.length, original: expr, replacement: `(${expr}) * 0`, mutator: 'ReturnValue' };
}

/**
 * The returned value shifted to another of its kind (a number one more, a string of as many
 * other characters, a boolean negated, nothing made zero): caught only by a test that looks at the value, not merely
 * at its kind. A returned call is the callee's value handed on, and gets none. Python's shift is
 * decided at run time; a typed language's only where the value is known to be a number.
 */
export function returnValueShift(line: string, language: 'python' | 'typed', numeric = false): LineMutant | undefined {
  const m = /^(\s*return\s+)(.+?)\s*$/.exec(line);
  if (!m || /["'`#]|\/\//.test(m[2]!)) return undefined;
  const expr = m[2]!;
  // An expression that goes on to the next line cannot be wrapped on this one.
  if (!balanced(expr) || /\\$/.test(expr)) return undefined;
  // A function declared to return one number returns a number, whatever the expression.
  if (numeric && language === 'typed') return topLevelComma(expr) ? undefined : { column: m[1]!.length, length: expr.length, original: expr, replacement: `(${expr}) + 1`, mutator: 'ReturnValueShift' };
  if (/^[\w.]+\(.*\)$/.test(expr) && balanced(expr.slice(expr.indexOf('(') + 1, -1))) return undefined;
  if (language === 'python') {
    if (/^(?:None|self|cls|NotImplemented)$/.test(expr)) return undefined;
    const shift = `(lambda v: (not v) if isinstance(v, bool) else (0 if v != v or v + 1 == v else v + 1) if isinstance(v, (int, float)) else ("".join("!" if c == "~" else "~" for c in v) or "~") if isinstance(v, str) else 0 if v is None else None)((${expr}))`;
    return { column: m[1]!.length, length: expr.length, original: expr, replacement: shift, mutator: 'ReturnValueShift' };
  }
  if (!/[*/%]|[\w)\]]\s+-\s+[\w(]/.test(expr) || /,/.test(expr)) return undefined;
  return { column: m[1]!.length, length: expr.length, original: expr, replacement: `(${expr}) + 1`, mutator: 'ReturnValueShift' };
}

/** Whether the brackets of a text close in order (so `f(a)(b)` is not read as one call's arguments). */
/** A comma outside any brackets: a list of values, not one. */
function topLevelComma(expr: string): boolean {
  let depth = 0;
  for (const c of expr) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) return true;
  }
  return false;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth < 0) return false;
  }
  return depth === 0;
}
/**
 * The lines of Go source that return from a function declared to return a single number
 * (`func F(…) int {`), outside any function literal inside it: their value is a number
 * whatever expression gives it, a call included.
 */
export function goNumericReturnLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  let numeric = false;
  let depth = 0;
  // Depths at which a function literal's body opened; its returns are its own.
  const literals: number[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, '""');
    if (/^func\b/.test(line)) {
      numeric = /\)\s*(?:u?int(?:8|16|32|64)?|float(?:32|64)|byte|rune|uintptr)\s*\{\s*$/.test(line);
      depth = 0;
      literals.length = 0;
    } else if (numeric && !literals.length && /^\s*return\s/.test(line)) out.add(i);
    for (const c of line) {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (literals.length && depth < literals[literals.length - 1]!) literals.pop();
      }
    }
    if (!/^func\b/.test(line) && /\bfunc\s*\(/.test(line) && /\{\s*$/.test(line)) literals.push(depth);
    if (depth <= 0 && /^\}/.test(line)) numeric = false;
  });
  return out;
}

/** Mutants of one line: at most one replacement each, never inside a string or after a comment marker. */
export function mutateLine(line: string): LineMutant[] {
  if (COMMENT_START.test(line) || !line.trim()) return [];
  // An import names a package, not logic: emptying it only breaks the build.
  if (/^\s*import\b/.test(line) || /^\s*(?:[\w.]+\s+)?"[^"]+"\s*$/.test(line)) return [];
  const out: LineMutant[] = [];
  let quote: string | undefined;
  let opened = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) {
        quote = undefined;
        // A literal with content, on one line and not a docstring's quotes: emptied.
        const literal = line.slice(opened, i + 1);
        if (literal.length > 2 && line[opened - 1] !== c && line[i + 1] !== c) out.push({ column: opened, length: literal.length, original: literal, replacement: c + c, mutator: 'StringLiteral' });
      }
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      opened = i;
      continue;
    }
    if (c === '#' || (c === '/' && line[i + 1] === '/')) break;
    // Arrows, shifts and generics are not arithmetic or comparison.
    if (line.startsWith('->', i) || line.startsWith('=>', i) || line.startsWith('<<', i) || line.startsWith('>>', i) || line.startsWith('::', i)) {
      i++;
      continue;
    }
    // A generic type (Vec<u8>, List<String>) is not a comparison.
    const generic = c === '<' ? /^[\w:]+(?:,\s*[\w:]+)*>/.exec(line.slice(i + 1)) : null;
    if (generic) {
      i += generic[0].length;
      continue;
    }
    if (/\d/.test(c) && !/[\w.]/.test(line[i - 1] ?? '')) {
      const m = /\d+(?:\.\d+)?/y;
      m.lastIndex = i;
      const num = m.exec(line)![0];
      if (!/[\w.]/.test(line[i + num.length] ?? '')) {
        out.push({ column: i, length: num.length, original: num, replacement: num === '0' ? '1' : '0', mutator: 'NumberLiteral' });
      }
      i += num.length - 1;
      continue;
    }
    for (const [re, replacement, mutator] of SWAPS) {
      re.lastIndex = i;
      const m = re.exec(line);
      if (!m) continue;
      // A sign or an operator after an operator (x = -1, a * -b) is not a binary operator.
      const before = line.slice(0, i).trimEnd();
      if ((m[0] === '-' || m[0] === '+') && (before === '' || /[=(,[{:?!<>&|+\-*/%]$/.test(before))) break;
      out.push({ column: i, length: m[0].length, original: m[0], replacement, mutator });
      i += m[0].length - 1;
      break;
    }
  }
  return out;
}
