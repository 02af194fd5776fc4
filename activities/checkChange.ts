import { posix } from 'node:path';
import type { ActivityScope } from '../generation/activityScope';
import { commitMessage } from '../generation/naming';
import { exchangeRef, publishCommit } from '../git/exchange';
import { blob, commitMessages, commitTree, diffRaw, lsTree, readFiles, treeOf, treeWith, updateRef } from '../git/gitObjects';
import { fileAt, tempRef } from '../git/gitWorkspace';
import { artifactExclusions } from '../git/reviewDiff';
import { gitIn } from '../git/gitCommand';
import { behaviourUnchanged } from '../program/declaredChanges';
import { parseProgram } from '../program/parseProgram';
import type { TreeChange } from '../verify/diffHygiene';
import { importsOf, isJsLike, resolveSpecifier } from '../verify/jsImports';
import { declaredCapabilities, describeUse, judgeCapabilities, newCapabilities } from '../verify/capabilities';
import { analysable, scanChange } from '../verify/capabilityScan';
import { parseDiff, type FileChange } from '../verify/diffParse';
import { differentialLanguage, inputsNear, inputsNearFrom, literalCalls, publicFunctions, type DifferentialTarget, type Value } from '../verify/differential';
import { fitsGoType, goCallable, goPackage } from '../verify/differentialGo';
import { taskExamples, type ExampleTarget } from '../verify/taskExamples';
import { functionRanges } from '../verify/functionRanges';
import { isEvaluationPath } from '../verify/testPaths';
import { protectedPath } from '../verify/protectedSurface';
import { sizeViolations, type ChangeSizeLimits } from '../verify/checkoutPaths';
import { globMatch } from '../verify/testResults';
import { heldOutIsLabTree, heldOutPlan } from '../verify/heldOut';
import { surfaceOfChange, type ChangeSurface } from './surfaceOfChange';
import { goResolutionViolations, pytestConfigViolations, pytestStartDir, pythonShadowViolations, runsPytest } from '../verify/runnerResolution';
import { describeViolations, inspectChange, type Violation } from '../verify/inspectChange';
import { asRecord, gitattributesLines, gitattributesViolations, isEditorSettings, parseJsonObject } from '../verify/protectedSurface';

export interface CheckChangeInput {
  /** Its setup paths are what the setup step installed in the workspace; with an exchange, the held-out commit is published there for the Lab worker. */
  scope: ActivityScope;
  baseSha: string;
  labSha: string;
  testCommand: string;
  program: string;
  /** Files the base's test report ran as tests: they belong to the evaluation whatever their names. */
  reportedTestFiles: string[];
  /** Globs of files that may be binary (verification.binaryFiles in loom.config.json). */
  binaryFiles: string[];
  /** The change's size limits (verification.maxChangeFiles, maxChangeMb, maxFileMb). */
  changeLimits: ChangeSizeLimits;
  exitCodeOnly?: boolean;
  /** Top-level Python modules the base's interpreter finds outside the workspace, measured at the baseline. */
  importable?: string[];
  /** The tracked files the base's test run read, measured at the baseline. */
  baseReads?: string[];
}

export interface HeldOutTree {
  /** The commit to test: the Lab's own when it changed no evaluation path. */
  sha: string;
  /** Where runTests finds it (a temporary ref on the host, or an exchange ref). */
  ref: string;
  sameAsLab: boolean;
  /** The Lab changed only evaluation paths: the held-out tree is the base's, which the baseline already ran. */
  sameAsBase: boolean;
  restored: string[];
  removed: string[];
}

export interface CheckChangeResult {
  violations: Violation[];
  /** A refactor's changed functions, with inputs near the base tests' own: the base's answers and the Lab's must be the same. */
  differential?: DifferentialTarget[];
  /** Any other change's new and changed functions, with inputs near the tests' own: asked again, they must answer the same. */
  repetition?: DifferentialTarget[];
  /** The change's new functions that program.md gives worked examples of, with the examples: each must answer as the task says. */
  examples?: ExampleTarget[];
  /** Every ambient capability the change's new code gains, declared or not ("environment: src/x.js:3 (process.env.CI)"). */
  capabilities: string[];
  /** Empty when the change is clean; otherwise the rejection reason. */
  reason: string;
  heldOut?: HeldOutTree;
  /** Files git sees as renamed, old path to new. */
  renamed?: Record<string, string>;
  /** What the held-out run's reads are judged against (evaluationSurface.ts). */
  surface?: Omit<ChangeSurface, 'measured'>;
  durationMs: number;
}

const NUL = 0;

/**
 * The rules that need no test run, applied to the change object by object (so a NUL byte
 * or a symlink cannot hide from them), then the held-out tree for the oracle run.
 */
export async function checkChange(input: CheckChangeInput): Promise<CheckChangeResult> {
  const started = Date.now();
  const repo = input.scope.repoPath;
  const exclude = artifactExclusions();
  const [raw, diff, messages, tree, renames] = await Promise.all([
    diffRaw(repo, input.baseSha, input.labSha, exclude),
    gitIn(repo).text(['diff', '--no-color', '--no-ext-diff', '--no-renames', '--no-textconv', input.baseSha, input.labSha, '--', '.', ...exclude]),
    commitMessages(repo, input.baseSha, input.labSha),
    // Every path of the Lab's tree with its size, in one call.
    gitIn(repo).text(['ls-tree', '-r', '-z', '-l', input.labSha]).then((t) => new Map(t.split('\0').filter(Boolean).map((l) => {
      const [, , sha = '', size = '0'] = l.slice(0, l.indexOf('\t')).trim().split(/\s+/);
      return [l.slice(l.indexOf('\t') + 1), { sha, bytes: Number(size) || 0 }] as const;
    }))),
    // Files git sees as moved, old path to new: a renamed test file takes its tests with it.
    gitIn(repo).text(['diff', '-z', '--name-status', '-M', '--diff-filter=R', input.baseSha, input.labSha, '--', '.', ...exclude]).then((t) => {
      const f = t.split('\0').filter(Boolean);
      const out: Record<string, string> = {};
      for (let i = 0; i + 2 < f.length + 1; i += 3) if (f[i]?.startsWith('R') && f[i + 1] && f[i + 2]) out[f[i + 1]!] = f[i + 2]!;
      return out;
    }),
  ]);
  const treePaths = [...tree.keys()];
  // A change too large to read is judged by its size alone, before any file of it is read.
  const tooLarge = sizeViolations(raw.filter((c) => c.status !== 'D').map((c) => ({ path: c.path, bytes: tree.get(c.path)?.bytes })), input.changeLimits);
  if (tooLarge.length) return { violations: tooLarge, capabilities: [], reason: describeViolations(tooLarge), durationMs: Date.now() - started };
  const changes: TreeChange[] = await Promise.all(
    raw.map(async (c): Promise<TreeChange> => {
      const t: TreeChange = { path: c.path, status: c.status, oldMode: c.oldMode, newMode: c.newMode };
      if (c.status === 'D' || c.newMode === '160000') return t;
      const lab = await blob(repo, c.newSha);
      if (c.newMode === '120000') return { ...t, linkTarget: lab.toString('utf8') };
      const labNul = lab.indexOf(NUL);
      if (labNul >= 0) t.labNulAt = labNul;
      if (c.status !== 'A' && c.oldMode !== '120000' && c.oldMode !== '160000') {
        const baseNul = (await blob(repo, c.oldSha)).indexOf(NUL);
        if (baseNul >= 0) t.baseNulAt = baseNul;
      }
      return t;
    }),
  );
  // The Lab's JavaScript and TypeScript, to read as code (what it writes to).
  const labFiles: Record<string, string> = {};
  await Promise.all(
    raw.filter((c) => c.status !== 'D' && c.newMode.startsWith('100') && isJsLike(c.path)).map(async (c) => {
      const content = await blob(repo, c.newSha);
      if (content.indexOf(NUL) < 0 && content.length < 2_000_000) labFiles[c.path] = content.toString('utf8');
    }),
  );
  const packageJsons: Record<string, { base?: string; lab?: string }> = {};
  for (const p of new Set(raw.map((c) => c.path).filter((p) => p === 'package.json' || p.endsWith('/package.json')))) {
    packageJsons[p] = { base: await fileAt(repo, input.baseSha, p), lab: await fileAt(repo, input.labSha, p) };
  }
  const bothSides = async (which: (p: string) => boolean) => {
    const out: Record<string, { base?: string; lab?: string }> = {};
    for (const p of new Set(raw.map((c) => c.path).filter(which))) out[p] = { base: await fileAt(repo, input.baseSha, p), lab: await fileAt(repo, input.labSha, p) };
    return out;
  };
  const editorSettings = await bothSides(isEditorSettings);
  const npmrcs = await bothSides((p) => p === '.npmrc' || p.endsWith('/.npmrc'));
  const pyprojects = await bothSides((p) => p === 'pyproject.toml' || p.endsWith('/pyproject.toml'));
  const gitattributes = (
    await Promise.all(
      Object.entries(await bothSides((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'))).map(async ([path, side]) => {
        const changed = gitattributesLines(side.base, side.lab);
        // The text files each binary-marking pattern reaches, read from the Lab's tree (a few dozen at most).
        const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
        const text = new Map<string, string[]>();
        for (const { pattern } of changed) {
          const glob = `${dir}${pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`}`;
          const matched = treePaths.filter((p) => p.startsWith(dir) && (globMatch(glob, p) || (!pattern.includes('/') && globMatch(`${dir}${pattern}`, p)))).slice(0, 50);
          const found: string[] = [];
          for (const p of matched) if ((await blob(repo, tree.get(p)!.sha)).indexOf(NUL) < 0) found.push(p);
          text.set(pattern, found);
        }
        return gitattributesViolations(path, changed, (pattern) => text.get(pattern) ?? []);
      }),
    )
  ).flat();
  const basePkg = parseJsonObject(await fileAt(repo, input.baseSha, 'package.json'));
  const spec = parseProgram(input.program).spec;
  // What the new code can learn or change about the process it runs in (capabilities.ts).
  const reported = new Set(input.reportedTestFiles);
  const sources = raw.filter((c) => c.status !== 'D' && c.newMode.startsWith('100') && analysable(c.path) && !isEvaluationPath(c.path, reported) && protectedPath(c.path) === undefined);
  const scanned = await scanChange(
    await Promise.all(sources.map(async (c) => ({ path: c.path, lab: (await blob(repo, c.newSha)).toString('utf8'), ...(c.status === 'A' ? {} : { base: (await blob(repo, c.oldSha)).toString('utf8') }) }))),
    (path) => importedInTree(repo, input.labSha, path),
  );
  const added = new Map(parseDiff(diff).filter((f) => f.newPath).map((f) => [f.newPath!, new Set(f.added.map((l) => l.line))]));
  const capabilities = judgeCapabilities(newCapabilities(scanned.base, scanned.lab, added), declaredCapabilities(spec?.capabilities).declared, scanned.unreadable);
  // Loom's own commit of the Lab's work carries the task's title, not the Lab's words.
  const ownMessage = commitMessage(input.scope.generation, input.program).trim();
  // Both trees, listed once for the rules below and the held-out tree.
  const [baseEntries, labEntries] = await Promise.all([lsTree(repo, input.baseSha), lsTree(repo, input.labSha)]);
  const resolutionViolations = await runnerResolution(input, raw, new Set(baseEntries.keys()), treePaths);
  const gitignores = [...baseEntries].filter(([p, e]) => (p === '.gitignore' || p.endsWith('/.gitignore')) && e.type === 'blob').slice(0, 200);
  const baseGitignores = new Map(await Promise.all(gitignores.map(async ([p, e]) => [p, (await blob(repo, e.sha)).toString('utf8')] as [string, string])));
  const violations = inspectChange({
    diff,
    changes,
    packageJsons,
    editorSettings,
    npmrcs,
    pyprojects,
    gitattributes,
    baseScripts: basePkg && basePkg !== 'invalid' ? asRecord(basePkg.scripts) : {},
    testCommand: input.testCommand,
    commitMessages: messages.filter((m) => m !== ownMessage),
    constraints: spec?.constraints ?? [],
    risk: spec?.risk,
    reportedTestFiles: input.reportedTestFiles,
    binaryFiles: input.binaryFiles,
    exitCodeOnly: input.exitCodeOnly,
    labFiles,
    setupPaths: input.scope.setupPaths,
    baseGitignores,
    capabilityViolations: capabilities.violations,
    treePaths,
    resolutionViolations,
  });
  const reportedCapabilities = capabilities.reported.map(describeUse);
  if (violations.length) return { violations, capabilities: reportedCapabilities, reason: describeViolations(violations), durationMs: Date.now() - started };
  // A change that declares behaviour does not change: its functions are compared with the base's.
  const unchanged = behaviourUnchanged(spec);
  const surface = await surfaceOfChange(repo, { sha: input.baseSha, tree: baseEntries }, { sha: input.labSha, tree: labEntries }, input.baseReads, reported, raw);
  const differential = unchanged ? await functionTargets(repo, input, sources.map((c) => c.path), parseDiff(diff), true) : undefined;
  // Every other change's functions must answer the same when asked again, as pure functions the tests pin down do.
  const repetition = !unchanged ? await functionTargets(repo, input, sources.map((c) => c.path), parseDiff(diff), false) : undefined;
  const examples = await exampleTargets(repo, input, sources.map((c) => c.path));
  return { violations, capabilities: reportedCapabilities, reason: '', heldOut: await buildHeldOut(input, baseEntries, labEntries, new Set(surface.measured)), surface: { entries: surface.entries, added: surface.added.slice(0, 2000), deleted: surface.deleted.slice(0, 2000) }, ...(Object.keys(renames).length ? { renamed: renames } : {}), ...(differential?.length ? { differential } : {}), ...(repetition?.length ? { repetition } : {}), ...(examples.length ? { examples } : {}), durationMs: Date.now() - started };
}

/** What the runners' own lookup rules find differently on the Lab's tree: pytest's configuration and module path, go's module graph. */
async function runnerResolution(input: CheckChangeInput, raw: Array<{ path: string; status: string }>, baseTree: Set<string>, labPaths: string[]) {
  const repo = input.scope.repoPath;
  const labTree = new Set(labPaths);
  const dirs = new Set([...baseTree, ...labTree].flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  const out = [];
  if (runsPytest(input.testCommand)) {
    const start = pytestStartDir(input.testCommand, (p) => dirs.has(p));
    const candidates = [start, ...start.split('/').map((_, i, a) => a.slice(0, a.length - 1 - i).join('/'))].flatMap((d) => ['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'].map((n) => (d ? `${d}/${n}` : n)));
    const [b, l] = await Promise.all([readFiles(repo, input.baseSha, candidates.filter((c) => baseTree.has(c))), readFiles(repo, input.labSha, candidates.filter((c) => labTree.has(c)))]);
    out.push(...pytestConfigViolations(input.testCommand, (p) => b.get(p), (p) => l.get(p), (p) => dirs.has(p)));
  }
  if (input.importable?.length) {
    out.push(...pythonShadowViolations(raw.filter((c) => c.status === 'A').map((c) => c.path), baseTree, labTree, new Set(input.importable)));
  }
  const goSide = raw.filter((c) => /(?:^|\/)(?:go\.mod|go\.work(?:\.sum)?)$|(?:^|\/)vendor\//.test(c.path)).map((c) => c.path);
  if (goSide.length) {
    const text = (sha: string, tree: Set<string>, p: string) => (tree.has(p) && !/\/vendor\/|^vendor\//.test(p) ? fileAt(repo, sha, p) : Promise.resolve(tree.has(p) ? '' : undefined));
    const changed = await Promise.all(goSide.map(async (path) => ({ path, base: await text(input.baseSha, baseTree, path), lab: await text(input.labSha, labTree, path) })));
    out.push(...goResolutionViolations(changed, baseTree));
  }
  return out;
}

/**
 * Functions the change touched, with inputs near those the tests call them with: for a
 * refactor, functions on both sides, called with the base's tests' inputs (their answers are
 * compared with the base's); otherwise the Lab's new and changed functions, with the inputs
 * of the base's tests and of the Lab's own (their answers are compared with themselves).
 */
async function functionTargets(repo: string, input: CheckChangeInput, changedSources: string[], diff: FileChange[], bothSides: boolean): Promise<DifferentialTarget[]> {
  const files = changedSources.filter((p) => differentialLanguage(p));
  const [base, lab] = await Promise.all([readFiles(repo, input.baseSha, files), readFiles(repo, input.labSha, files)]);
  const touched: Array<{ file: string; name: string }> = [];
  const spans = new Map<string, { start: number; end: number }>();
  for (const file of files) {
    const b = base.get(file);
    const l = lab.get(file);
    if (l === undefined || (bothSides && b === undefined)) continue;
    const c = diff.find((x) => x.newPath === file);
    const added = new Set(c?.added.map((x) => x.line) ?? []);
    const removed = new Set(c?.removed.map((x) => x.line) ?? []);
    const baseNames = new Set(b === undefined ? [] : await publicFunctions(file, b));
    const labNames = new Set(await publicFunctions(file, l));
    const inBase = b === undefined ? [] : await functionRanges(file, b);
    for (const r of await functionRanges(file, l)) {
      if (!labNames.has(r.name) || (bothSides && !baseNames.has(r.name))) continue;
      const was = inBase.find((x) => x.name === r.name);
      const changed = [...added].some((n) => n >= r.start && n <= r.end) || (was && [...removed].some((n) => n >= was.start && n <= was.end));
      if (changed && !touched.some((t) => t.file === file && t.name === r.name)) {
        touched.push({ file, name: r.name });
        spans.set(`${file}\u0000${r.name}`, r);
      }
    }
  }
  if (!touched.length) return [];
  const names = new Set(touched.map((t) => t.name));
  const testLike = (f: string) => !!differentialLanguage(f) || /\.[cm]?tsx?$/.test(f);
  // go test reports a package folder, not a file: the tests of a Go function are its folder's _test.go files.
  const goDirs = new Set(touched.filter((t) => differentialLanguage(t.file) === 'go').map((t) => posix.dirname(t.file)));
  const goTests = async (sha: string) => (goDirs.size ? [...(await lsTree(repo, sha)).keys()].filter((p) => p.endsWith('_test.go') && goDirs.has(posix.dirname(p))) : []);
  const sources: Array<{ sha: string; files: string[] }> = [{ sha: input.baseSha, files: [...new Set([...input.reportedTestFiles.filter(testLike), ...(await goTests(input.baseSha))])] }];
  // The Lab's own tests say which inputs its new code is meant for.
  if (!bothSides) sources.push({ sha: input.labSha, files: diff.map((c) => c.newPath).filter((p): p is string => !!p && testLike(p) && isEvaluationPath(p, new Set(input.reportedTestFiles))) });
  const seen = new Map<string, Value[][]>();
  for (const s of sources) {
    const texts = await readFiles(repo, s.sha, s.files);
    for (const f of s.files) for (const [name, calls] of await literalCalls(f, texts.get(f) ?? '', names)) seen.set(name, [...(seen.get(name) ?? []), ...calls]);
  }
  const targets = touched.filter((t) => seen.get(t.name)?.length).slice(0, 20).map((t): DifferentialTarget => {
    if (bothSides) return { ...t, inputs: inputsNear(seen.get(t.name)!) };
    // Any other change: which of its added code each tested and near input runs (verify/specialPaths.ts).
    const near = inputsNearFrom(seen.get(t.name)!, true);
    // The function's own added lines; one with more than MAX_ADDED_LINES of them is not judged this way (the record stays small).
    const span = spans.get(`${t.file}\u0000${t.name}`)!;
    const lines = diff.find((x) => x.newPath === t.file)?.added.map((x) => x.line).filter((l) => l >= span.start && l <= span.end) ?? [];
    const added = lines.length <= MAX_ADDED_LINES ? addedCode(t.file, lab.get(t.file)!, lines) : [];
    return { ...t, inputs: near.inputs, ...(added.length ? { tested: near.tested, parents: near.parents, added } : {}) };
  });
  return (await Promise.all(targets.map((t) => (differentialLanguage(t.file) === 'go' ? typedForGo(t, lab.get(t.file)!) : t)))).filter((t): t is DifferentialTarget => !!t?.inputs.length);
}

/**
 * The functions the change adds that program.md gives worked examples of, with those
 * examples (verify/taskExamples.ts). A function the base already has is left out: a
 * sentence about it may describe what it does before the change.
 */
async function exampleTargets(repo: string, input: CheckChangeInput, changedSources: string[]): Promise<ExampleTarget[]> {
  const examples = taskExamples(input.program);
  if (!examples.length) return [];
  const files = changedSources.filter((p) => differentialLanguage(p));
  const [base, lab] = await Promise.all([readFiles(repo, input.baseSha, files), readFiles(repo, input.labSha, files)]);
  const out: ExampleTarget[] = [];
  for (const file of files) {
    const l = lab.get(file);
    if (l === undefined) continue;
    const had = new Set(base.has(file) ? await publicFunctions(file, base.get(file)!) : []);
    const sig = differentialLanguage(file) === 'go' ? await goCallable(l) : undefined;
    const pkg = sig ? goPackage(l) : undefined;
    for (const name of await publicFunctions(file, l)) {
      if (had.has(name)) continue;
      const params = sig?.get(name)?.params;
      // A Go example is asked only where its arguments fit the parameters' types.
      const mine = examples.filter((e) => e.name === name && (!sig || (params && pkg && e.args.length === params.length && e.args.every((a, k) => fitsGoType(a, params[k]!)))));
      if (mine.length) out.push({ file, name, inputs: mine.map((e) => e.args), examples: mine, ...(sig && pkg && params ? { go: { package: pkg, params } } : {}) });
    }
  }
  return out.slice(0, 20);
}

const MAX_ADDED_LINES = 400;

/** The added lines of a JavaScript or Python file as [start, end, line]: character offsets in JavaScript (V8's block coverage counts in them), the line itself in Python. */
function addedCode(file: string, content: string, lines: number[]): Array<[number, number, number]> {
  const lang = differentialLanguage(file);
  if (lang === 'python') return lines.map((l) => [l, l + 1, l]);
  if (lang !== 'js') return [];
  const starts = [0];
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  return lines.filter((l) => l >= 1 && l <= starts.length).map((l) => [starts[l - 1]!, (starts[l] ?? content.length + 1) - 1, l]);
}

/** A Go target keeps the inputs its parameters' types can take, and says how to write them. */
async function typedForGo(t: DifferentialTarget, content: string): Promise<DifferentialTarget | undefined> {
  const sig = (await goCallable(content)).get(t.name);
  const pkg = goPackage(content);
  if (!sig || !pkg) return undefined;
  const inputs = t.inputs.filter((args) => args.length === sig.params.length && args.every((a, k) => fitsGoType(a, sig.params[k]!)));
  const { tested: _t, parents: _p, added: _a, ...rest } = t;
  return { ...rest, inputs, go: { package: pkg, params: sig.params } };
}

/** Whether any JavaScript or TypeScript file of a commit imports `path` (a program run by itself is imported by nothing). */
async function importedInTree(repo: string, sha: string, path: string): Promise<boolean> {
  const tree = await lsTree(repo, sha);
  const all = new Set([...tree.keys()]);
  const js = [...all].filter((p) => isJsLike(p) && p !== path);
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const contents = await readFiles(repo, sha, js);
  return js.some((f) => {
    const code = contents.get(f);
    return !!code && code.includes(stem) && importsOf(code, f).some((i) => resolveSpecifier(f, i.spec, all) === path);
  });
}

/** The Lab's tree with the base's evaluation put back, as a commit on top of the Lab's. */
async function buildHeldOut(input: CheckChangeInput, base: Awaited<ReturnType<typeof lsTree>>, lab: Awaited<ReturnType<typeof lsTree>>, measured: ReadonlySet<string>): Promise<HeldOutTree> {
  const repo = input.scope.repoPath;
  const plan = heldOutPlan(base, lab, new Set(input.reportedTestFiles), measured);
  const restored = [...plan.restore.keys()].sort();
  const suffix = input.scope.candidate ? `-c${input.scope.candidate}` : '';
  if (heldOutIsLabTree(plan)) {
    return { sha: input.labSha, ref: '', sameAsLab: true, sameAsBase: false, restored, removed: plan.remove };
  }
  const tree = await treeWith(repo, input.labSha, plan.restore, plan.remove);
  if (tree === (await treeOf(repo, input.baseSha))) return { sha: input.baseSha, ref: '', sameAsLab: false, sameAsBase: true, restored, removed: plan.remove };
  // The Lab's commit date, so a retry makes the same commit.
  const date = (await gitIn(repo).raw(['show', '-s', '--format=%ct %z', input.labSha])).trim();
  const sha = await commitTree(repo, tree, [input.labSha], `loom held-out tree of generation ${input.scope.generation}: the base's tests on the Lab's source\n`, { name: 'Loom', email: 'loom@loom.invalid', date });
  // Not "<runId>-heldout": that name is the bundle's own temporary ref in runTests, deleted once bundled.
  let ref = tempRef(input.scope.runId, `heldout-tree${suffix}`);
  await updateRef(repo, ref, sha);
  if (input.scope.exchange) {
    ref = exchangeRef(input.scope.runId, 'heldout', input.scope.candidate);
    await publishCommit(repo, input.scope.exchange, sha, ref);
  }
  return { sha, ref, sameAsLab: false, sameAsBase: false, restored, removed: plan.remove };
}
