// Pure checks (no I/O) that a Lab's change does not game verification: tests lost or
// skipped, assertions that cannot fail, a weakened test configuration, dependencies the
// offline Lab could not have installed. The caller gathers the diff (made with
// --no-renames, as gitWorkspace does; rename headers are understood too), the test
// reports on both commits and the contents of the files `filesToInspect` names.
import { splitDiff, unquoteGitPath } from '../git/reviewDiff';

export interface TestCountsLike {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  assertions?: number;
}

export interface GuardInput {
  diff: string; // unified `git diff base lab` (source only)
  base: TestCountsLike; // test report on the base commit (green)
  lab: TestCountsLike; // test report on the Lab's commit
  /** Contents at base and lab of files that matter for config checks: package.json and any known test-config file the diff touches. Missing = file absent on that side. */
  files: Record<string, { base?: string; lab?: string }>;
  testCommand: string; // e.g. "npm test"
}

export type GuardRule = 'tests-lost' | 'tests-skipped' | 'trivial-assertion' | 'test-config-changed' | 'new-dependency' | 'reviewer-injection';

export interface GuardViolation {
  rule: GuardRule;
  detail: string; // names the file/line/numbers, readable in a rejection reason
}

export interface Fitness {
  score: number;
  testsAdded: number;
  assertionsAdded?: number;
  penalties: string[];
}

// ---------------------------------------------------------------------------
// Diff parsing

interface DiffLine {
  text: string;
  line: number; // line number on its side (new side for added, old side for removed)
}

interface FileChange {
  /** Path at base; undefined for a new file. */
  oldPath?: string;
  /** Path at lab; undefined for a deleted file. */
  newPath?: string;
  added: DiffLine[];
  removed: DiffLine[];
  /** The text after the second "@@" of each hunk header (git's function context). */
  hunkContext: string[];
  /** Every hunk line in order, with the index of its hunk. */
  body: Array<{ kind: ' ' | '+' | '-'; text: string; hunk: number }>;
}

const pathOf = (c: FileChange): string => c.newPath ?? c.oldPath ?? '';
const pathsOf = (c: FileChange): string[] => [...new Set([c.oldPath, c.newPath].filter((p): p is string => !!p))];

function diffPath(raw: string, prefix: 'a/' | 'b/'): string | undefined {
  let p = raw.replace(/\t$/, '');
  if (p === '/dev/null') return undefined;
  if (p.startsWith('"')) p = unquoteGitPath(p);
  return p.startsWith(prefix) ? p.slice(2) : p;
}

function parseDiff(diff: string): FileChange[] {
  return splitDiff(diff).map((section) => {
    const lines = section.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const headerOk = !section.path.startsWith('diff --git ');
    let oldPath: string | undefined = headerOk ? section.path : undefined;
    let newPath: string | undefined = headerOk ? section.path : undefined;
    let isNew = false;
    let isDeleted = false;
    let i = 1;
    for (; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const l = lines[i]!;
      if (l.startsWith('new file mode')) isNew = true;
      else if (l.startsWith('deleted file mode')) isDeleted = true;
      else if (l.startsWith('rename from ')) oldPath = diffPath(l.slice(12), 'a/') ?? oldPath;
      else if (l.startsWith('rename to ')) newPath = diffPath(l.slice(10), 'b/') ?? newPath;
      else if (l.startsWith('--- ') && !headerOk) oldPath = diffPath(l.slice(4), 'a/');
      else if (l.startsWith('+++ ') && !headerOk) newPath = diffPath(l.slice(4), 'b/');
    }
    if (isNew) oldPath = undefined;
    if (isDeleted) newPath = undefined;
    if (!oldPath && !newPath) newPath = section.path; // unparseable: still checked under its header text

    const change: FileChange = { oldPath, newPath, added: [], removed: [], hunkContext: [], body: [] };
    const hunkNo = () => change.hunkContext.length - 1;
    let oldLine = 0;
    let newLine = 0;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/.exec(l);
      if (hunk) {
        oldLine = Number(hunk[1]);
        newLine = Number(hunk[2]);
        change.hunkContext.push(hunk[3] ?? '');
      } else if (l.startsWith('+')) {
        change.added.push({ text: l.slice(1), line: newLine++ });
        change.body.push({ kind: '+', text: l.slice(1), hunk: hunkNo() });
      } else if (l.startsWith('-')) {
        change.removed.push({ text: l.slice(1), line: oldLine++ });
        change.body.push({ kind: '-', text: l.slice(1), hunk: hunkNo() });
      } else if (!l.startsWith('\\')) {
        oldLine++;
        newLine++;
        change.body.push({ kind: ' ', text: l.slice(1), hunk: hunkNo() });
      }
    }
    return change;
  });
}

// ---------------------------------------------------------------------------
// File classification

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Test files: under test/ tests/ __tests__/ spec/, or named *.test.* *.spec.* *_test.* *_spec.* test_*.py, or conftest.py. */
export function isTestFile(path: string): boolean {
  const dirs = path.split('/').slice(0, -1);
  if (dirs.some((d) => ['test', 'tests', '__tests__', 'spec'].includes(d))) return true;
  const name = basename(path);
  return /\.(?:test|spec)\.[^/]+$/.test(name) || /_(?:test|spec)\.[^/.]+$/.test(name) || /^test_.*\.py$/.test(name) || name === 'conftest.py';
}

const TEST_CONFIG_NAMES: RegExp[] = [
  /^(?:vitest|vite|jest|ava|playwright)(?:\.[\w-]+)*\.config\.\w+$/, // vitest.config.ts, vitest.unit.config.ts
  /^vitest\.(?:workspace|projects)\.\w+$/,
  /^\.mocharc(?:\.\w+)?$/,
  /^karma\.conf\.\w+$/,
  /^(?:pytest\.ini|tox\.ini|setup\.cfg|\.taprc|\.c8rc(?:\.\w+)?|\.nycrc(?:\.\w+)?)$/,
];

/** A known test-configuration file (pyproject.toml is config only when the change touches pytest lines; see guardChange). */
export function isTestConfigFile(path: string): boolean {
  const name = basename(path);
  return TEST_CONFIG_NAMES.some((r) => r.test(name));
}

/** CI definitions: changing them changes what "green" means. */
export function isCiFile(path: string): boolean {
  return (
    path.startsWith('.github/workflows/') ||
    path.startsWith('.ci/') ||
    path.startsWith('.circleci/') ||
    path === '.gitlab-ci.yml' ||
    path === '.travis.yml' ||
    path === 'Jenkinsfile' ||
    // Git hook managers: a hook the Lab commits would run on a developer's machine.
    path.startsWith('.githooks/') ||
    path.startsWith('.husky/') ||
    path === '.pre-commit-config.yaml' ||
    /^lefthook\.ya?ml$/.test(path)
  );
}

const isPackageJson = (p: string): boolean => basename(p) === 'package.json';

export function filesToInspect(diff: string): string[] {
  const out = new Set<string>(['package.json']);
  for (const change of parseDiff(diff)) {
    for (const p of pathsOf(change)) if (isTestConfigFile(p) || isPackageJson(p)) out.add(p);
  }
  return [...out];
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

function countViolations(base: TestCountsLike, lab: TestCountsLike): GuardViolation[] {
  const out: GuardViolation[] = [];
  if (lab.total < base.total) out.push({ rule: 'tests-lost', detail: `test count fell from ${base.total} to ${lab.total}` });
  if (lab.passed < base.passed) out.push({ rule: 'tests-lost', detail: `passing tests fell from ${base.passed} to ${lab.passed}` });
  if (lab.skipped > base.skipped) out.push({ rule: 'tests-skipped', detail: `skipped tests rose from ${base.skipped} to ${lab.skipped}` });
  return out;
}

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
function lostTests(changes: FileChange[]): GuardViolation[] {
  const out: GuardViolation[] = [];
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

function skippedTests(changes: FileChange[]): GuardViolation[] {
  const out: GuardViolation[] = [];
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

function trivialAssertions(changes: FileChange[]): GuardViolation[] {
  const out: GuardViolation[] = [];
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

// Text that addresses the reviewer instead of the reader: code has no reason to talk
// to an AI reviewer, so a Lab that does is trying to steer the verdict.
const INJECTION = [
  /\b(ignore|disregard|forget)\b.{0,30}\b(previous|prior|above|earlier|all)\b.{0,20}\b(instructions?|prompts?|rules?)\b/i,
  /\b(ai|llm|code)?\s*reviewers?\b.{0,60}\b(approve|approved|lgtm|accept)\b/i,
  /\b(approve|accept) (this|the) (change|diff|pull request|pr)\b/i,
  /\byou are (now )?(an?|the) (ai|assistant|reviewer|language model)\b/i,
];

function reviewerInjection(changes: FileChange[]): GuardViolation[] {
  const out: GuardViolation[] = [];
  for (const c of changes) {
    for (const l of c.added) {
      if (INJECTION.some((re) => re.test(l.text))) {
        out.push({ rule: 'reviewer-injection', detail: `${c.newPath ?? c.oldPath}:${l.line}: text addressed to the reviewer: ${show(l.text)}` });
      }
    }
  }
  return out;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined | 'invalid' {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Key-order-independent JSON, so reformatting package.json is not a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The package.json script a test command runs: `npm test`/`npm t` -> test, `npm run test:unit` -> test:unit. */
export function scriptOf(testCommand: string): string | undefined {
  const m = /^\s*(?:npm|pnpm|yarn|bun)\s+(?:(?:--?[\w-]+(?:=\S+)?)\s+)*(\S+)(?:\s+(\S+))?/.exec(testCommand);
  if (!m) return undefined;
  const [, verb, arg] = m;
  if (verb === 'test' || verb === 't' || verb === 'tst') return 'test';
  if (verb === 'run' || verb === 'run-script') return arg;
  // `yarn test:unit`, `pnpm test:unit` run scripts directly
  return /^(?:yarn|pnpm|bun)\b/.test(testCommand.trim()) && verb && !['install', 'add', 'exec', 'dlx', 'x'].includes(verb) ? verb : undefined;
}

/** The script, its pre/post hooks and the scripts it runs with `npm run X` (transitively). */
function scriptClosure(name: string, scripts: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    // npm runs pre<name>/post<name> around a script, but no hooks of hooks.
    for (const hook of [`pre${n}`, `post${n}`]) seen.add(hook);
    for (const s of scripts) {
      for (const key of [n, `pre${n}`, `post${n}`]) {
        const body = s[key];
        if (typeof body !== 'string') continue;
        for (const m of body.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g)) {
          const ref = m[1]!;
          queue.push(ref === 't' ? 'test' : ref);
        }
      }
    }
  }
  return [...seen];
}

const CONFIG_KEYS = ['jest', 'mocha', 'vitest', 'ava', 'c8', 'nyc', 'tap'];
const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

function packageJsonViolations(path: string, side: { base?: string; lab?: string }, testCommand: string, isRoot: boolean): GuardViolation[] {
  const out: GuardViolation[] = [];
  const base = parseJson(side.base);
  const lab = parseJson(side.lab);
  if (base === 'invalid' || lab === 'invalid') {
    if (side.base !== side.lab) out.push({ rule: 'test-config-changed', detail: `${path} is not valid JSON on the ${lab === 'invalid' ? 'lab' : 'base'} side and changed` });
    return out;
  }
  const b = base ?? {};
  const l = lab ?? {};
  const bScripts = record(b.scripts);
  const lScripts = record(l.scripts);
  const script = isRoot ? scriptOf(testCommand) ?? 'test' : 'test';
  for (const name of scriptClosure(script, [bScripts, lScripts])) {
    if (canonical(bScripts[name]) !== canonical(lScripts[name])) {
      out.push({
        rule: 'test-config-changed',
        detail: `${path} scripts["${name}"] changed from ${JSON.stringify(bScripts[name] ?? null)} to ${JSON.stringify(lScripts[name] ?? null)}`,
      });
    }
  }
  for (const key of CONFIG_KEYS) {
    if (canonical(b[key]) !== canonical(l[key])) out.push({ rule: 'test-config-changed', detail: `${path} "${key}" configuration changed` });
  }
  for (const field of DEP_FIELDS) {
    const bd = record(b[field]);
    const ld = record(l[field]);
    const changed = Object.keys(ld)
      .filter((name) => canonical(bd[name]) !== canonical(ld[name]))
      .map((name) => (name in bd ? `${name} ${String(bd[name])} -> ${String(ld[name])}` : `${name}@${String(ld[name])}`));
    if (changed.length) out.push({ rule: 'new-dependency', detail: `${path} ${field}: ${changed.join(', ')}` });
  }
  return out;
}

/** Paths a test command names (`bash scripts/test.sh`, `--config vitest.unit.config.ts`), and Makefile for `make`. */
function commandFiles(testCommand: string): Set<string> {
  const out = new Set<string>();
  for (const tok of testCommand.split(/\s+/)) {
    const t = tok.replace(/^--?[\w-]+=/, '').replace(/^\.\//, '').replace(/^['"]|['"]$/g, '');
    if (/[./]/.test(t) && !/^-/.test(t) && !t.includes('://')) out.add(t);
  }
  if (/^\s*make\b/.test(testCommand)) ['Makefile', 'makefile', 'GNUmakefile'].forEach((f) => out.add(f));
  return out;
}

function configViolations(changes: FileChange[], input: GuardInput): GuardViolation[] {
  const out: GuardViolation[] = [];
  // Files the test command runs, directly or through the package.json scripts it runs.
  const root = input.files['package.json'];
  const scriptSides = [root?.base, root?.lab].map(parseJson).map((j) => record(j === 'invalid' ? undefined : j?.scripts));
  const bodies = scriptClosure(scriptOf(input.testCommand) ?? 'test', scriptSides).flatMap((n) => scriptSides.map((s) => s[n]));
  const named = new Set([input.testCommand, ...bodies.filter((b): b is string => typeof b === 'string')].flatMap((cmd) => [...commandFiles(cmd)]));
  for (const c of changes) {
    for (const p of pathsOf(c)) {
      if (isTestConfigFile(p)) out.push({ rule: 'test-config-changed', detail: `test configuration file ${p} touched` });
      else if (isCiFile(p)) out.push({ rule: 'test-config-changed', detail: `CI file ${p} touched` });
      // Loom's own settings for this repository (test command, budgets, review exclusions).
      else if (p === 'loom.config.json') out.push({ rule: 'test-config-changed', detail: `Loom's configuration ${p} touched` });
      else if (named.has(p)) out.push({ rule: 'test-config-changed', detail: `${p}, run by the test command "${input.testCommand}", touched` });
      else if (basename(p) === 'pyproject.toml') {
        const hit = [...c.added, ...c.removed].find((l) => /pytest/i.test(l.text)) ?? c.hunkContext.find((h) => /pytest/i.test(h));
        if (hit !== undefined) out.push({ rule: 'test-config-changed', detail: `${p}: pytest configuration touched (${show(typeof hit === 'string' ? hit : hit.text)})` });
      }
    }
  }

  // package.json: the root always (the test command runs it), any other the diff touches.
  const packages = new Set(['package.json', ...changes.flatMap(pathsOf).filter(isPackageJson)]);
  const touched = new Set(changes.flatMap(pathsOf));
  for (const p of packages) {
    const side = input.files[p];
    if (!side) {
      if (touched.has(p)) out.push({ rule: 'test-config-changed', detail: `${p} changed but its contents were not supplied, so it cannot be checked` });
      continue;
    }
    out.push(...packageJsonViolations(p, side, input.testCommand, p === 'package.json'));
  }
  return out;
}

const CARGO_META_KEYS = new Set(['name', 'version', 'edition', 'authors', 'description', 'license', 'rust-version', 'repository', 'readme', 'homepage', 'documentation', 'publish', 'resolver', 'members']);

function manifestViolations(changes: FileChange[]): GuardViolation[] {
  const out: GuardViolation[] = [];
  for (const c of changes) {
    const p = c.newPath;
    if (p === undefined) continue;
    const name = basename(p);
    const found: string[] = [];
    if (/^requirements.*\.txt$/.test(name) || (/\.txt$/.test(name) && p.includes('requirements/'))) {
      for (const l of c.added) {
        const t = l.text.trim();
        if (t === '' || t.startsWith('#')) continue;
        found.push(t.split(/[\s<>=!~;[@]/)[0] || t);
      }
    } else if (name === 'Cargo.toml') {
      // The section of an added line: the last header above it in its hunk, when visible.
      let section: string | undefined;
      let hunk = -1;
      for (const l of c.body) {
        if (l.hunk !== hunk) [hunk, section] = [l.hunk, undefined];
        const t = l.text.trim();
        const h = /^\[([^\]]+)\]/.exec(t);
        if (h && l.kind !== '-') {
          section = h[1];
          continue;
        }
        if (l.kind !== '+') continue;
        const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(t);
        if (!kv) continue;
        const [, key, value] = kv;
        const inDeps = section !== undefined ? /dependencies/.test(section) : undefined;
        const looksLikeDep = /^"[\^~=<>*]*\d/.test(value!) || /^\{.*\b(?:version|path|git)\s*=/.test(value!) || /^\{\s*workspace\s*=/.test(value!);
        if (inDeps === true || (inDeps === undefined && looksLikeDep && !CARGO_META_KEYS.has(key!))) found.push(key!);
      }
    } else if (name === 'go.mod') {
      for (const l of c.added) {
        const m = /^\s*(?:require\s+)?([\w.-]+\.[\w.-]+(?:\/\S*)?)\s+v\d\S*/.exec(l.text);
        if (m && !/^\s*(?:module|go|replace|exclude|retract)\b/.test(l.text)) found.push(m[1]!);
      }
    }
    if (found.length) out.push({ rule: 'new-dependency', detail: `${p}: ${[...new Set(found)].join(', ')}` });
  }
  return out;
}

export function guardChange(input: GuardInput): GuardViolation[] {
  const changes = parseDiff(input.diff);
  return [
    ...countViolations(input.base, input.lab),
    ...lostTests(changes),
    ...skippedTests(changes),
    ...trivialAssertions(changes),
    ...configViolations(changes, input),
    ...manifestViolations(changes),
    ...reviewerInjection(changes),
  ];
}

/**
 * Fitness of a change:
 *
 *   score = testsAdded * 1
 *         + (assertionsAdded ?? 0) * 0.25
 *         + min(2, 0.1 * added non-blank lines in non-test, non-config files)
 *         - 10 * violations.length
 *
 * testsAdded = lab.passed - base.passed (negative when tests were lost);
 * assertionsAdded = lab.assertions - base.assertions when both reports count them.
 * The score is rounded to two decimals. Penalties are the violations, one per entry.
 */
export function fitness(base: TestCountsLike, lab: TestCountsLike, violations: GuardViolation[], diff: string): Fitness {
  const testsAdded = lab.passed - base.passed;
  const assertionsAdded = base.assertions !== undefined && lab.assertions !== undefined ? lab.assertions - base.assertions : undefined;
  const sourceLines = parseDiff(diff)
    .filter((c) => c.newPath !== undefined && !isTestFile(c.newPath) && !isTestConfigFile(c.newPath) && !isCiFile(c.newPath) && !isPackageJson(c.newPath))
    .reduce((n, c) => n + c.added.filter((l) => l.text.trim() !== '').length, 0);
  const raw = testsAdded + (assertionsAdded ?? 0) * 0.25 + Math.min(2, 0.1 * sourceLines) - 10 * violations.length;
  const result: Fitness = {
    score: Math.round(raw * 100) / 100,
    testsAdded,
    penalties: violations.map((v) => `${v.rule}: ${v.detail}`),
  };
  if (assertionsAdded !== undefined) result.assertionsAdded = assertionsAdded;
  return result;
}

export function describeViolations(v: GuardViolation[]): string {
  if (v.length === 0) return 'no verification gaming found';
  const line = v.map((x) => `${x.rule}: ${x.detail}`).join('; ');
  return `change rejected by the guard (${v.length} violation${v.length === 1 ? '' : 's'}): ${line}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
