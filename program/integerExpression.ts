// An integer a task writes as a constant expression rather than as digits: `1<<63 + 1`,
// `math.MaxInt64`, `-(1<<53 - 1)`, `10**9 + 7`, `Number.MAX_SAFE_INTEGER`. Read as the language
// the example is asked in reads it: Go binds `<<` as tightly as `*`, while JavaScript and Python
// bind it more loosely than `+`, so `1<<63+1` is 2^63 + 1 in Go and 2^64 in the others. Where the
// language is not known, an expression is read only when every reading agrees. Exact (BigInt),
// pure and free of parsers.

export type ExampleLanguage = 'js' | 'python' | 'go';

/** The named integer constants each language's examples may use. */
const NAMED: Record<ExampleLanguage, Record<string, bigint>> = {
  go: Object.fromEntries(
    [8, 16, 32, 64, 0].flatMap((bits) => {
      const b = BigInt(bits || 64);
      const suffix = bits ? String(bits) : '';
      return [
        [`math.MaxInt${suffix}`, 2n ** (b - 1n) - 1n],
        [`math.MinInt${suffix}`, -(2n ** (b - 1n))],
        [`math.MaxUint${suffix}`, 2n ** b - 1n],
      ];
    }),
  ),
  js: { 'Number.MAX_SAFE_INTEGER': 2n ** 53n - 1n, 'Number.MIN_SAFE_INTEGER': -(2n ** 53n - 1n) },
  python: { 'sys.maxsize': 2n ** 63n - 1n },
};

/** Binary operators by how tightly they bind: Go's order, and the one JavaScript and Python share. */
const BINDING: Record<'go' | 'c', Record<string, number>> = {
  go: { '*': 5, '<<': 5, '>>': 5, '+': 4, '-': 4 },
  c: { '*': 12, '+': 11, '-': 11, '<<': 10, '>>': 10 },
};

/** Larger shifts and powers are not a task's example: refused rather than computed. */
const MAX_BITS = 4096n;

export interface IntegerRead {
  value: bigint;
  end: number;
  /** Written with an operator, a name or a base prefix: more than the plain digits a number literal reads as. */
  composite: boolean;
}

/** The integer constant expression at s[i], as `lang` reads it (every language agreeing when it is not given). */
export function readIntegerExpression(s: string, i: number, lang?: ExampleLanguage): IntegerRead | undefined {
  if (lang) return new Reader(s, lang === 'go' ? 'go' : 'c', NAMED[lang]).read(i);
  const names = { ...NAMED.go, ...NAMED.js, ...NAMED.python };
  const go = new Reader(s, 'go', names).read(i);
  const c = new Reader(s, 'c', names).read(i);
  return go && c && go.value === c.value && go.end === c.end ? go : undefined;
}

class Reader {
  composite = false;
  constructor(
    private readonly s: string,
    private readonly order: 'go' | 'c',
    private readonly names: Record<string, bigint>,
  ) {}

  read(i: number): IntegerRead | undefined {
    try {
      const r = this.binary(i, 0);
      return r && { value: r.value, end: r.end, composite: this.composite };
    } catch {
      return undefined; // a shift or power past MAX_BITS, or a negative exponent
    }
  }

  private skip(i: number): number {
    while (i < this.s.length && (this.s[i] === ' ' || this.s[i] === '\t')) i++;
    return i;
  }

  private binary(i: number, min: number): { value: bigint; end: number } | undefined {
    let left = this.unary(i);
    if (!left) return undefined;
    for (;;) {
      const at = this.skip(left.end);
      const op = /^(?:<<|>>|\*(?!\*)|\+|-)/.exec(this.s.slice(at, at + 2))?.[0];
      const binds = op ? BINDING[this.order][op] : undefined;
      if (!op || binds === undefined || binds < min) return left;
      const right = this.binary(at + op.length, binds + 1);
      // An operator not followed by an operand ends the expression before it ("is 5 - the least").
      if (!right) return left;
      this.composite = true;
      left = { value: apply(op, left.value, right.value), end: right.end };
    }
  }

  private unary(i: number): { value: bigint; end: number } | undefined {
    i = this.skip(i);
    const sign = this.s[i];
    if ((sign === '-' || sign === '+') && this.s[i + 1] !== sign) {
      const v = this.unary(i + 1);
      return v && { value: sign === '-' ? -v.value : v.value, end: v.end };
    }
    const base = this.primary(i);
    if (!base || this.order === 'go') return base;
    // ** binds more tightly than a sign on its left and takes one on its right: -2**2 is -4, 2**-1 no integer.
    const at = this.skip(base.end);
    if (this.s.slice(at, at + 2) !== '**') return base;
    const exp = this.unary(at + 2);
    if (!exp) return base;
    if (exp.value < 0n || exp.value > MAX_BITS) throw new RangeError('exponent');
    this.composite = true;
    return { value: base.value ** exp.value, end: exp.end };
  }

  private primary(i: number): { value: bigint; end: number } | undefined {
    const rest = this.s.slice(i, i + 96);
    const prefixed = /^0([xXoObB])([\da-fA-F_]+)(?![\w$])/.exec(rest);
    if (prefixed) {
      const radix = { x: 16, o: 8, b: 2 }[prefixed[1]!.toLowerCase() as 'x' | 'o' | 'b'];
      const digits = prefixed[2]!.replace(/_/g, '');
      if (![...digits].every((d) => !Number.isNaN(parseInt(d, radix)))) return undefined;
      this.composite = true;
      return { value: BigInt(`0${prefixed[1]!.toLowerCase()}${digits}`), end: i + prefixed[0].length };
    }
    // Digits, not a float's (2.5, 1e9) and not a leading zero's (0755, which languages read apart).
    const digits = /^(?:0|[1-9][\d_]*)(?![\w$]|\.\d)/.exec(rest);
    if (digits) return { value: BigInt(digits[0].replace(/_/g, '')), end: i + digits[0].length };
    const name = /^[A-Za-z_]\w*\.[A-Za-z_]\w*(?![\w$.(])/.exec(rest)?.[0];
    if (name && name in this.names) {
      this.composite = true;
      return { value: this.names[name]!, end: i + name.length };
    }
    if (this.s[i] === '(') {
      const inner = this.binary(i + 1, 0);
      if (!inner) return undefined;
      const close = this.skip(inner.end);
      if (this.s[close] !== ')') return undefined;
      return { value: inner.value, end: close + 1 };
    }
    return undefined;
  }
}

function apply(op: string, a: bigint, b: bigint): bigint {
  if ((op === '<<' || op === '>>') && (b < 0n || b > MAX_BITS)) throw new RangeError('shift');
  switch (op) {
    case '*':
      return a * b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '<<':
      return a << b;
    default:
      return a >> b;
  }
}
