// Every rule Loom can apply to a change before running any of it: what it may contain,
// what it may not touch, what it may not depend on, what it may not say to the reviewer,
// and what its program.md allows. Pure: activities/checkChange.ts gathers the inputs.
import { lockfileViolations, manifestViolations, packageDependencyViolations } from './dependencies';
import { parseDiff } from './diffParse';
import { collidingPaths, windowsViolations } from './checkoutPaths';
import { BIDI_CONTROLS, hygieneViolations, type TreeChange } from './diffHygiene';
import { findInjection } from './injection';
import { pathRules, pathViolations } from './pathConstraints';
import { protectedViolations } from './protectedSurface';
import { tamperingIn } from './runtimeTampering';
import { isEvaluationPath } from './testPaths';
import { lostTests, skippedTests, trivialAssertions } from './testHeuristics';

export type InspectionRule = 'diff-hygiene' | 'checkout' | 'change-size' | 'protected' | 'new-dependency' | 'reviewer-injection' | 'path-constraint' | 'runtime-tampering' | 'capability' | 'trivial-assertion' | 'tests-lost' | 'tests-skipped';

export interface Violation {
  rule: InspectionRule;
  detail: string;
}

export interface InspectionInput {
  /** Unified diff of the change (--no-renames), source and tests alike. */
  diff: string;
  changes: TreeChange[];
  packageJsons: Record<string, { base?: string; lab?: string }>;
  /** Both sides of every editor settings file the change touches. */
  editorSettings?: Record<string, { base?: string; lab?: string }>;
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
  /** Why the change's new capabilities are refused (capabilities.ts), already judged against program.md. */
  capabilityViolations?: string[];
  /** Every path of the Lab's tree, to find the change's paths another file system would fold together. */
  treePaths?: string[];
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
  const pyproject = files
    .filter((c) => (c.newPath ?? c.oldPath ?? '').endsWith('pyproject.toml'))
    .flatMap((c) => {
      const hit = [...c.added, ...c.removed].find((l) => PYPROJECT_RUNS.test(l.text))?.text ?? c.hunkContext.find((h) => PYPROJECT_RUNS.test(h));
      return hit !== undefined ? [{ rule: 'protected' as const, detail: `${c.newPath ?? c.oldPath}: ${/pytest/i.test(hit) ? 'pytest configuration' : 'the build backend or its hooks, which run when the package is installed,'} touched (${hit.trim().slice(0, 100)})` }] : [];
    });
  const added = files.flatMap((c) => c.added.map((l) => ({ where: `${c.newPath ?? c.oldPath}:${l.line}`, text: l.text })));
  // A file's name is text the reviewer reads too.
  const names = input.changes.filter((c) => c.status === 'A').map((c) => ({ where: `the name of ${c.path}`, text: c.path.replace(/[-_./]+/g, ' ') }));
  const spec = pathRules(input.constraints);
  const addedPaths = input.changes.filter((c) => c.status === 'A').map((c) => c.path);
  return [
    ...hygieneViolations(withBidi, input.binaryFiles),
    ...collidingPaths(input.treePaths ?? changedPaths, addedPaths),
    ...windowsViolations(addedPaths),
    ...protectedViolations({ changedPaths, packageJsons: input.packageJsons, editorSettings: input.editorSettings, testCommand: input.testCommand, baseScripts: input.baseScripts }),
    ...pyproject,
    ...setupPathViolations(changedPaths, input.setupPaths),
    ...packageDependencyViolations(input.packageJsons),
    ...manifestViolations(files),
    ...lockfileViolations(files),
    ...findInjection([...added, ...names], input.commitMessages).map((f) => ({ rule: 'reviewer-injection' as const, detail: `${f.where}: text addressed to the reviewer (${f.what}): ${f.text}` })),
    ...pathViolations(changedPaths, spec, input.risk, reported),
    // The Lab's own test files, a fast first filter; source code is judged by what it can reach (capabilities).
    ...files.flatMap((c) => (c.newPath && input.labFiles?.[c.newPath] !== undefined && isEvaluationPath(c.newPath, reported) ? tamperingIn(c.newPath, input.labFiles[c.newPath]!, new Set(c.added.map((l) => l.line)), reported) : [])),
    ...(input.capabilityViolations ?? []).map((detail) => ({ rule: 'capability' as const, detail })),
    ...trivialAssertions(files),
    ...(input.exitCodeOnly ? [...lostTests(files), ...skippedTests(files)] : []),
  ];
}

/** pyproject.toml lines that configure the test run, or what runs when the package is installed or built. */
const PYPROJECT_RUNS = /pytest|build-system|build-backend|\bhooks?\b|cmdclass/i;

export function describeViolations(v: Violation[]): string {
  if (v.length === 0) return '';
  const line = v.map((x) => `${x.rule}: ${x.detail}`).join('; ');
  return `change rejected before its tests ran (${v.length} problem${v.length === 1 ? '' : 's'}): ${line}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
