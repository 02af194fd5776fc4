// Every rule Loom can apply to a change before running any of it: what it may contain,
// what it may not touch, what it may not depend on, what it may not say to the reviewer,
// and what its program.md allows. Pure: activities/checkChange.ts gathers the inputs.
import { INERT_PYTEST_KEYS } from './runnerResolution';
import { ignoredAdditions, type GitignoreFiles } from './ignoredPaths';
import { lockfileViolations, manifestViolations, packageDependencyViolations } from './dependencies';
import { parse as parseToml } from 'smol-toml';
import { parseDiff } from './diffParse';
import { collidingPaths, windowsViolations } from './checkoutPaths';
import { BIDI_CONTROLS, hygieneViolations, type TreeChange } from './diffHygiene';
import { findInjection } from './injection';
import { pathRules, pathViolations } from './pathConstraints';
import { protectedViolations, type ProtectedViolation } from './protectedSurface';
import { tamperingIn } from './runtimeTampering';
import { isEvaluationPath } from './testPaths';
import { lostTests, skippedTests, trivialAssertions } from './testHeuristics';

export type InspectionRule = 'diff-hygiene' | 'checkout' | 'change-size' | 'protected' | 'new-dependency' | 'reviewer-injection' | 'path-constraint' | 'runtime-tampering' | 'capability' | 'runner-resolution' | 'evaluation-surface' | 'trivial-assertion' | 'tests-lost' | 'tests-skipped';

export interface Violation {
  rule: InspectionRule;
  detail: string;
}

export interface InspectionInput {
  /** Unified diff of the change (--no-renames), source and tests alike. */
  diff: string;
  changes: TreeChange[];
  packageJsons: Record<string, { base?: string; lab?: string }>;
  /** What each changed .gitattributes does beyond plain attributes. */
  gitattributes?: ProtectedViolation[];
  /** Both sides of every pyproject.toml the change touches. */
  pyprojects?: Record<string, { base?: string; lab?: string }>;
  /** Both sides of every editor settings file the change touches. */
  editorSettings?: Record<string, { base?: string; lab?: string }>;
  /** Both sides of every .npmrc the change touches. */
  npmrcs?: Record<string, { base?: string; lab?: string }>;
  baseScripts: Record<string, unknown>;
  testCommand: string;
  /** The Lab's own commit messages (Loom's commit of its work left out). */
  commitMessages: string[];
  constraints: string[];
  risk?: string;
  /** Files the base's report ran as tests. */
  reportedTestFiles: string[];
  /** Globs of files that may be binary (verification.binaryFiles). */
  binaryFiles?: string[];
  /** Verified by exit code alone: the line heuristics stand in for per-test results. */
  exitCodeOnly?: boolean;
  /** The Lab's version of each changed JavaScript/TypeScript file, to read as code. */
  labFiles?: Record<string, string>;
  /** What the setup step installed in the workspace ("node_modules/", ".venv/"): not the Lab's to commit. */
  setupPaths?: string[];
  /** The base's .gitignore files by path: what they ignore is not the Lab's to add (ignoredPaths.ts). */
  baseGitignores?: GitignoreFiles;
  /** Why the change's new capabilities are refused (capabilities.ts), already judged against program.md. */
  capabilityViolations?: string[];
  /** Every path of the Lab's tree, to find the change's paths another file system would fold together. */
  treePaths?: string[];
  /** What the runner's own lookup rules find differently on the Lab's tree (runnerResolution.ts). */
  resolutionViolations?: Array<{ rule: 'runner-resolution'; detail: string }>;
}

/** Changed paths inside what the setup step made: every container gets the setup's own copy, so a committed one would never be what ran. */
export function setupPathViolations(changedPaths: string[], setupPaths: string[] = []): Violation[] {
  const out: Violation[] = [];
  for (const p of changedPaths) {
    const made = setupPaths.find((s) => (s.endsWith('/') ? p.startsWith(s) || `${p}/` === s : p === s));
    if (made) out.push({ rule: 'protected', detail: `${p} is ${made.endsWith('/') ? `inside ${made}, which` : 'a file'} the setup step installs: installed files are not the Lab's to change` });
  }
  return out;
}

export function inspectChange(input: InspectionInput): Violation[] {
  const files = parseDiff(input.diff);
  const changedPaths = [...new Set(input.changes.map((c) => c.path))];
  const reported = new Set(input.reportedTestFiles);
  const withBidi = input.changes.map((c) => {
    const f = files.find((x) => x.newPath === c.path);
    const bidi = f?.added.filter((l) => BIDI_CONTROLS.test(l.text)).map((l) => l.line) ?? [];
    return bidi.length ? { ...c, bidiLines: bidi } : c;
  });
  const pyproject = Object.entries(input.pyprojects ?? {}).flatMap(([path, side]) =>
    changedTomlSections(side.base ?? '', side.lab ?? '')
      .filter((name) => PYPROJECT_GUARDED.test(name) && !inertPytest(name))
      .map((name) => ({ rule: 'protected' as const, detail: `${path} [${name}] changed (${/^tool\.pytest/.test(name) ? 'pytest configuration' : 'the build backend and its hooks, which run when the package is installed or built'})` })),
  );
  const added = files.flatMap((c) => c.added.map((l) => ({ where: `${c.newPath ?? c.oldPath}:${l.line}`, text: l.text })));
  // A file's name is text the reviewer reads too.
  const names = input.changes.filter((c) => c.status === 'A').map((c) => ({ where: `the name of ${c.path}`, text: c.path.replace(/[-_./]+/g, ' ') }));
  const spec = pathRules(input.constraints);
  const addedPaths = input.changes.filter((c) => c.status === 'A').map((c) => c.path);
  return [
    ...hygieneViolations(withBidi, input.binaryFiles),
    ...collidingPaths(input.treePaths ?? changedPaths, addedPaths),
    ...windowsViolations(addedPaths),
    ...protectedViolations({ changedPaths, packageJsons: input.packageJsons, editorSettings: input.editorSettings, npmrcs: input.npmrcs, gitattributes: input.gitattributes, testCommand: input.testCommand, baseScripts: input.baseScripts }),
    ...pyproject,
    ...setupPathViolations(changedPaths, input.setupPaths),
    ...ignoredAdditions(addedPaths, input.baseGitignores ?? new Map()),
    ...packageDependencyViolations(input.packageJsons),
    ...manifestViolations(files),
    ...lockfileViolations(files),
    ...findInjection([...added, ...names], input.commitMessages).map((f) => ({ rule: 'reviewer-injection' as const, detail: `${f.where}: text addressed to the reviewer (${f.what}): ${f.text}` })),
    ...pathViolations(changedPaths, spec, input.risk, reported),
    // The Lab's own test files, a fast first filter; source code is judged by what it can reach (capabilities).
    ...files.flatMap((c) => (c.newPath && input.labFiles?.[c.newPath] !== undefined && isEvaluationPath(c.newPath, reported) ? tamperingIn(c.newPath, input.labFiles[c.newPath]!, new Set(c.added.map((l) => l.line)), reported) : [])),
    ...(input.capabilityViolations ?? []).map((detail) => ({ rule: 'capability' as const, detail })),
    ...(input.resolutionViolations ?? []),
    ...trivialAssertions(files),
    ...(input.exitCodeOnly ? [...lostTests(files), ...skippedTests(files)] : []),
  ];
}

/** A pytest setting that changes nothing a run does (a marker's description). */
const inertPytest = (name: string): boolean => INERT_PYTEST_KEYS.has(/^tool\.pytest(?:\.ini_options)?\.([^.]+)$/.exec(name)?.[1] ?? '');

/** pyproject.toml tables that configure the test run, or what runs when the package is installed or built. */
// An inline table one level up ("tool = { pytest = ... }", "hatch = { build = ... }") holds them too.
const PYPROJECT_GUARDED = /^\(not valid TOML\)$|^(?:build-system|tool\.pytest|tool\.(?:setuptools|hatch\.build|hatch\.metadata\.hooks|pdm\.build|poetry\.build|maturin|scikit-build|flit|meson-python))(?:\.|$)|^tool(?:\.(?:hatch|pdm|poetry))?$/;

/**
 * The keys of a TOML file whose value differs between two versions, each named by its full
 * dotted path ("build-system.requires", "tool.pytest.ini_options.addopts"), read as TOML
 * (so a quoted or escaped key, a dotted key or an inline table is the key it means). A
 * side that is not valid TOML differs everywhere: NOT_TOML.
 */
export function changedTomlSections(base: string, lab: string): string[] {
  const leaves = (text: string): Map<string, string> | undefined => {
    let doc: unknown;
    try {
      doc = parseToml(text);
    } catch {
      return undefined;
    }
    const out = new Map<string, string>();
    const walk = (v: unknown, path: string[]) => {
      if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).length) {
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      } else out.set(path.join('.'), JSON.stringify(v));
    };
    walk(doc, []);
    return out;
  };
  const b = leaves(base);
  const l = leaves(lab);
  if (!l || !b) return base === lab ? [] : [NOT_TOML];
  return [...new Set([...b.keys(), ...l.keys()])].filter((k) => b.get(k) !== l.get(k));
}

/** The name changedTomlSections gives a file that is not valid TOML: every tool reading it would fail or guess. */
export const NOT_TOML = '(not valid TOML)';

export function describeViolations(v: Violation[]): string {
  if (v.length === 0) return '';
  const line = v.map((x) => `${x.rule}: ${x.detail}`).join('; ');
  return `change rejected before its tests ran (${v.length} problem${v.length === 1 ? '' : 's'}): ${line}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
