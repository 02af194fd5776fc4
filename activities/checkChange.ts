import type { ActivityScope } from '../generation/activityScope';
import { commitMessage } from '../generation/naming';
import { exchangeRef, publishCommit } from '../git/exchange';
import { blob, commitMessages, commitTree, diffRaw, lsTree, readFiles, treeOf, treeWith, updateRef } from '../git/gitObjects';
import { fileAt, tempRef } from '../git/gitWorkspace';
import { artifactExclusions } from '../git/reviewDiff';
import { gitIn } from '../git/gitCommand';
import { behaviourUnchanged } from '../program/declaredChanges';
import { parseProgram } from '../program/parseProgram';
import { labProgram } from '../program/heldOutExamples';
import type { TreeChange } from '../verify/diffHygiene';
import { importsOf, isJsLike, resolveSpecifier } from '../verify/jsImports';
import { declaredCapabilities, describeUse, judgeCapabilities, newCapabilities } from '../verify/capabilities';
import { analysable, scanChange } from '../verify/capabilityScan';
import { parseDiff } from '../verify/diffParse';
import type { DifferentialTarget } from '../verify/differential';
import type { ExampleTarget } from '../verify/exampleVerdict';
import { exampleTargets, functionTargets } from './functionTargets';
import { isEvaluationPath } from '../verify/testPaths';
import { protectedPath } from '../verify/protectedSurface';
import { sizeViolations, type ChangeSizeLimits } from '../verify/checkoutPaths';
import { globMatch } from '../verify/testResults';
import { heldOutIsLabTree, heldOutPlan } from '../verify/heldOut';
import { surfaceOfChange, type ChangeSurface } from './surfaceOfChange';
import { unpublishedViolations } from './publishedFiles';
import { changedVendorRoots } from '../verify/vendorCopy';
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
  /** Held-out examples of functions none of the change's files has (or whose arguments do not fit): not asked, and said so. */
  examplesUnasked?: string[];
  /** Module folders whose vendor folder the change touched: each must be what `go mod vendor` makes of it. */
  vendorRoots?: string[];
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
  const capabilities = judgeCapabilities(newCapabilities(scanned.base, scanned.lab, added), declaredCapabilities(spec?.capabilities).declared, scanned.unreadable, labProgram(input.program));
  // Loom's own commit of the Lab's work carries the task's title, not the Lab's words.
  const ownMessage = commitMessage(input.scope.generation, input.program).trim();
  // Both trees, listed once for the rules below and the held-out tree.
  const [baseEntries, labEntries] = await Promise.all([lsTree(repo, input.baseSha), lsTree(repo, input.labSha)]);
  const resolutionViolations = await runnerResolution(input, raw, new Set(baseEntries.keys()), treePaths);
  // What users install must hold what the package's entry points import.
  const unpublished = await unpublishedViolations(repo, { sha: input.baseSha, tree: new Set(baseEntries.keys()) }, { sha: input.labSha, tree: new Set(labEntries.keys()) });
  const gitignores = [...baseEntries].filter(([p, e]) => (p === '.gitignore' || p.endsWith('/.gitignore')) && e.type === 'blob').slice(0, 200);
  const baseGitignores = new Map(await Promise.all(gitignores.map(async ([p, e]) => [p, (await blob(repo, e.sha)).toString('utf8')] as [string, string])));
  const violations = [...inspectChange({
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
  }), ...unpublished];
  const reportedCapabilities = capabilities.reported.map(describeUse);
  if (violations.length) return { violations, capabilities: reportedCapabilities, reason: describeViolations(violations), durationMs: Date.now() - started };
  // A change that declares behaviour does not change: its functions are compared with the base's.
  const unchanged = behaviourUnchanged(spec);
  const surface = await surfaceOfChange(repo, { sha: input.baseSha, tree: baseEntries }, { sha: input.labSha, tree: labEntries }, input.baseReads, reported, raw);
  const fileChanges = parseDiff(diff);
  const differential = unchanged ? await functionTargets(repo, input, sources.map((c) => c.path), fileChanges, true) : undefined;
  // Every other change's functions must answer the same when asked again, as pure functions the tests pin down do.
  const repetition = !unchanged ? await functionTargets(repo, input, sources.map((c) => c.path), fileChanges, false) : undefined;
  const { targets: examples, unasked } = await exampleTargets(repo, input, sources.map((c) => c.path), fileChanges);
  // A changed vendor folder is made again where the change is judged (activities/vendorCheck.ts).
  const vendorRoots = changedVendorRoots(raw.map((c) => c.path), new Set(baseEntries.keys()), new Set(treePaths));
  return { violations, capabilities: reportedCapabilities, reason: '', heldOut: await buildHeldOut(input, baseEntries, labEntries, new Set(surface.measured)), surface: { entries: surface.entries, added: surface.added.slice(0, 2000), deleted: surface.deleted.slice(0, 2000) }, ...(Object.keys(renames).length ? { renamed: renames } : {}), ...(differential?.length ? { differential } : {}), ...(repetition?.length ? { repetition } : {}), ...(examples.length ? { examples } : {}), ...(unasked.length ? { examplesUnasked: unasked.slice(0, 20) } : {}), ...(vendorRoots.length ? { vendorRoots } : {}), durationMs: Date.now() - started };
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
  const goSide = raw.filter((c) => /(?:^|\/)(?:go\.mod|go\.work(?:\.sum)?)$/.test(c.path)).map((c) => c.path);
  if (goSide.length) {
    const text = (sha: string, tree: Set<string>, p: string) => (tree.has(p) ? fileAt(repo, sha, p) : Promise.resolve(undefined));
    const changed = await Promise.all(goSide.map(async (path) => ({ path, base: await text(input.baseSha, baseTree, path), lab: await text(input.labSha, labTree, path) })));
    out.push(...goResolutionViolations(changed));
  }
  return out;
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
