// Line-level heuristics over a diff, for what per-test results cannot show: an added
// assertion that can never fail (a backstop: mutation testing measures strength), and,
// when a repository is verified by its exit code alone, removed test declarations and
// new skip markers. Pure.
import { pathOf, pathsOf, type DiffLine, type FileChange } from './diffParse';
import { isTestFile } from './testPaths';

export interface HeuristicViolation {
  rule: 'tests-lost' | 'tests-skipped' | 'trivial-assertion';
  detail: string;
}

// ---------------------------------------------------------------------------
// Line patterns

const TEST_DECLARATION: RegExp[] = [
  // JS/TS: test( it( describe( suite( context( specify(, x/f variants, .skip/.only/.each chains, t.test(, Deno.test(
  /^\s*(?:await\s+)?(?:[\w$]+\.)?[xf]?(?:it|test|describe|suite|context|specify)(?:\.[\w$]+)*\s*(?:\(|`)/,
  /^\s*(?:it|describe|context|specify)\s+['"]/, // rspec without parens
  /^\s*(?:async\s+)?def\s+test\w*\s*\(/, // pytest / unittest
  /^\s*class\s+Test\w*\s*[(:]/,
  /\(deftest\s/, // clojure.test
  /#\[(?:[\w:]+::)?test\]/, // Rust #[test], #[tokio::test]
  /^\s*func\s+Test\w*\s*\(/, // Go
  /@(?:Test|ParameterizedTest)\b/, // JUnit
];

const isDeclaration = (text: string): boolean => TEST_DECLARATION.some((r) => r.test(text));

// Specific markers first, so a detail names the most precise one.
const SKIP_MARKERS: Array<[RegExp, string]> = [
  [/@pytest\.mark\.(?:skip|skipif|xfail)\b|\bpytest\.(?:skip|xfail)\s*\(/, 'pytest skip/xfail'],
  [/@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b|\bself\.skipTest\s*\(/, 'unittest skip'],
  [/#\[ignore\b/, 'Rust #[ignore]'],
  [/\bt\.Skip(?:Now|f)?\s*\(/, 'Go t.Skip'],
  [/@(?:Disabled|Ignore)\b/, 'JUnit disabled'],
  [/\b(?:xit|xdescribe|xtest|xcontext|xspecify)\s*\(/, 'x-prefixed test'],
  [/\.only\s*\(|\b(?:fit|fdescribe)\s*\(/, 'focus marker (.only skips every other test)'],
  [/\.(?:skip|todo|skipIf)\s*\(/, 'skip/todo call'],
  [/\b(?:test|it|describe|suite|context)\.(?:skip|todo)\b/, 'skip/todo modifier'],
  [/\b(?:skip|todo)\s*:\s*(?:true\b|['"`])/, 'skip/todo option'],
];

function skipMarker(text: string): string | undefined {
  return SKIP_MARKERS.find(([r]) => r.test(text))?.[1];
}

// Literals: numbers, booleans/null/undefined (and Python's/Clojure's), strings without interpolation.
const LIT =
  String.raw`(-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)n?|true|false|null|undefined|True|False|None|nil|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|` +
  '`(?:[^`\\\\$]|\\\\.|\\$(?!\\{))*`)';

/** A literal's value, normalised so that 1 and 1.0, 'a' and "a" compare equal. */
function literalKey(lit: string): string {
  const t = lit.trim();
  const q = t[0];
  if (q === '"' || q === "'" || q === '`') return `s:${t.slice(1, -1)}`;
  if (/^-?\d|^-?0[xX]/.test(t)) return `n:${Number(t.replace(/n$/, ''))}`;
  const alias: Record<string, string> = { True: 'true', False: 'false', None: 'null', nil: 'null' };
  return `k:${alias[t] ?? t}`;
}

function truthy(lit: string): boolean {
  const k = literalKey(lit);
  if (k.startsWith('s:')) return k.length > 2;
  if (k.startsWith('n:')) return Number(k.slice(2)) !== 0 && !Number.isNaN(Number(k.slice(2)));
  return k === 'k:true';
}

const rx = (s: string) => new RegExp(s);
type TrivialCheck = (m: RegExpExecArray) => boolean;
const same: TrivialCheck = (m) => literalKey(m[1]!) === literalKey(m[2]!);
const differ: TrivialCheck = (m) => literalKey(m[1]!) !== literalKey(m[2]!);
const isTruthy: TrivialCheck = (m) => truthy(m[1]!);
const isFalsy: TrivialCheck = (m) => !truthy(m[1]!);

const TRIVIAL_ASSERTIONS: Array<[RegExp, TrivialCheck]> = [
  // expect(1).toBe(1), expect('a').toEqual("a"), expect(null).toStrictEqual(null)
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.(?:toBe|toEqual|toStrictEqual)\s*\(\s*${LIT}\s*\)`), same],
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.to(?:\.\w+)*\.(?:equal|eql|equals)\s*\(\s*${LIT}\s*\)`), same], // chai
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.to(?:\.\w+)*\.(?:true|ok)\b`), isTruthy],
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.toBeTruthy\s*\(\s*\)`), isTruthy],
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.toBeFalsy\s*\(\s*\)`), isFalsy],
  [rx(String.raw`\bexpect\s*\(\s*${LIT}\s*\)\s*\.toBeDefined\s*\(\s*\)`), (m) => literalKey(m[1]!) !== 'k:undefined'],
  [rx(String.raw`\bexpect\s*\(\s*(null)\s*\)\s*\.toBeNull\s*\(\s*\)`), () => true],
  // assert(true), assert.ok(1), t.ok(true), self.assertTrue(True), assert!(true)
  [rx(String.raw`(?:^|[^\w$.])(?:assert|assert\.ok|[\w$]+\.(?:ok|true|assertTrue)|assertTrue|assert!)\s*\(\s*${LIT}\s*[,)]`), isTruthy],
  // assert.equal(1, 1), t.is('a', 'a'), assertEquals(1, 1), self.assertEqual(1, 1), assert_eq!(1, 1)
  [
    rx(
      String.raw`(?:\b(?:assert|t|[\w$]+)\.(?:equal|strictEqual|deepEqual|deepStrictEqual|is|same|equals|assertEqual|assertEquals)|\bassertEquals?|\bassert_eq!)\s*\(\s*${LIT}\s*,\s*${LIT}\s*[,)]`,
    ),
    same,
  ],
  // assert.notEqual(1, 2) can no more fail than assert.equal(1, 1)
  [rx(String.raw`\b(?:assert|t)\.(?:notEqual|notStrictEqual|notDeepEqual|notDeepStrictEqual|not)\s*\(\s*${LIT}\s*,\s*${LIT}\s*[,)]`), differ],
  // Python: assert True, assert 1, assert 1 == 1
  [rx(String.raw`^\s*assert\s+${LIT}\s*(?:,.*)?$`), isTruthy],
  [rx(String.raw`^\s*assert\s+${LIT}\s*(?:==|is)\s*${LIT}\s*(?:,.*)?$`), same],
  // Clojure: (is (= 1 1)), (is true)
  [rx(String.raw`\(is\s+\(=\s+${LIT}\s+${LIT}\s*\)`), same],
  [rx(String.raw`\(is\s+${LIT}\s*[)\s]`), isTruthy],
];

function isTrivialAssertion(text: string): boolean {
  return TRIVIAL_ASSERTIONS.some(([r, ok]) => {
    const m = r.exec(text);
    return m !== null && ok(m);
  });
}

const show = (text: string): string => {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 100 ? `${t.slice(0, 97)}...` : t;
};

// ---------------------------------------------------------------------------
// Rules

/** Multiset helpers over trimmed line text. */
function bag(lines: DiffLine[]): Map<string, DiffLine[]> {
  const m = new Map<string, DiffLine[]>();
  for (const l of lines) {
    const k = l.text.trim();
    m.set(k, [...(m.get(k) ?? []), l]);
  }
  return m;
}

/**
 * Removed test declarations must reappear: in the same file (an edited title counts, as
 * one removed and one added), or verbatim in another test file (a moved test or a
 * renamed file). A deleted test file must also have its content reappear elsewhere.
 */
export function lostTests(changes: FileChange[]): HeuristicViolation[] {
  const out: HeuristicViolation[] = [];
  const tests = changes.filter((c) => pathsOf(c).some(isTestFile));
  // Within each file: identical re-added declarations cancel, then any remaining added ones offset by count.
  const lost: Array<{ path: string; line: DiffLine }> = [];
  const surplus = new Map<string, number>(); // declaration text -> spare added copies across files
  for (const c of tests) {
    const stillTest = c.newPath !== undefined && isTestFile(c.newPath);
    const removed = bag(c.removed.filter((l) => isDeclaration(l.text)));
    const added = stillTest ? bag(c.added.filter((l) => isDeclaration(l.text))) : new Map<string, DiffLine[]>();
    const unmatchedRemoved: DiffLine[] = [];
    const unmatchedAdded: DiffLine[] = [];
    for (const [k, ls] of removed) {
      const n = added.get(k)?.length ?? 0;
      unmatchedRemoved.push(...ls.slice(n));
    }
    for (const [k, ls] of added) unmatchedAdded.push(...ls.slice(removed.get(k)?.length ?? 0));
    // New declarations stand in for removed ones by count (a test whose title changed).
    const offset = Math.min(unmatchedRemoved.length, unmatchedAdded.length);
    for (const l of unmatchedRemoved.slice(offset)) lost.push({ path: c.oldPath ?? pathOf(c), line: l });
    for (const l of unmatchedAdded.slice(offset)) surplus.set(l.text.trim(), (surplus.get(l.text.trim()) ?? 0) + 1);
  }
  const byFile = new Map<string, DiffLine[]>();
  for (const { path, line } of lost) {
    const k = line.text.trim();
    const spare = surplus.get(k) ?? 0;
    if (spare > 0) {
      surplus.set(k, spare - 1); // moved to another test file
      continue;
    }
    byFile.set(path, [...(byFile.get(path) ?? []), line]);
  }
  const deleted = new Set(tests.filter((c) => c.newPath === undefined).map((c) => c.oldPath));
  for (const [path, ls] of byFile) {
    const where = ls.map((l) => `line ${l.line}: ${show(l.text)}`).join('; ');
    const what = deleted.has(path) ? 'test file deleted with' : 'removed and not re-added:';
    out.push({ rule: 'tests-lost', detail: `${path}: ${what} ${ls.length} test declaration(s) (${where})` });
  }

  // Test files deleted (or moved out of the test paths) whose content does not reappear.
  const addedToTests = new Set(
    tests.filter((c) => c.newPath !== undefined && isTestFile(c.newPath)).flatMap((c) => c.added.map((l) => l.text.trim())),
  );
  for (const c of tests) {
    if (c.oldPath === undefined || !isTestFile(c.oldPath) || byFile.has(c.oldPath)) continue;
    if (c.newPath !== undefined) {
      if (!isTestFile(c.newPath)) out.push({ rule: 'tests-lost', detail: `test file ${c.oldPath} moved out of the test paths to ${c.newPath}` });
      continue;
    }
    // A rename (delete + add under --no-renames) keeps its content; a few lines (import paths) may change.
    const content = c.removed.map((l) => l.text.trim()).filter((t) => t !== '');
    const kept = content.filter((t) => addedToTests.has(t)).length;
    if (content.length > 0 && kept * 2 >= content.length) continue;
    out.push({ rule: 'tests-lost', detail: `test file ${c.oldPath} deleted (${content.length} non-blank lines, ${kept} found in added test files)` });
  }
  return out;
}

export function skippedTests(changes: FileChange[]): HeuristicViolation[] {
  const out: HeuristicViolation[] = [];
  for (const c of changes) {
    if (c.newPath === undefined || !isTestFile(c.newPath)) continue;
    // A marker already present at base (an edited line of a test that was skipped) is not new.
    let carried = c.removed.filter((l) => skipMarker(l.text)).length;
    for (const l of c.added) {
      const marker = skipMarker(l.text);
      if (!marker) continue;
      if (carried > 0) {
        carried--;
        continue;
      }
      out.push({ rule: 'tests-skipped', detail: `${c.newPath}:${l.line}: ${marker}: ${show(l.text)}` });
    }
  }
  return out;
}

export function trivialAssertions(changes: FileChange[]): HeuristicViolation[] {
  const out: HeuristicViolation[] = [];
  for (const c of changes) {
    if (c.newPath === undefined || !isTestFile(c.newPath)) continue;
    for (const l of c.added) {
      if (isTrivialAssertion(l.text)) {
        out.push({ rule: 'trivial-assertion', detail: `${c.newPath}:${l.line}: assertion cannot fail: ${show(l.text)}` });
      }
    }
  }
  return out;
}
