// pytest, read from the JUnit XML it writes (--junitxml) in the xunit1 family, which names
// each test's file.
import { FILE_LEVEL } from '../verify/testResults';
import { parseJunitXml } from './junit';
import { soleReport } from './reportFiles';
import { BASE_SHA, REPORT_DIR, type Found, type ParsedReport, type Runner, type RunnerPlan } from './runner';
import { base, isAssignment, pythonModule, quoteWord } from './shellWords';

/**
 * pytest's JUnit XML (xunit1 family): a test is its file and its name within the module,
 * `TestCalc > test_add` for a method, `test_add[2-3]` for a parametrized case. A module
 * that fails to import is a failed file-level case.
 */
export function parsePytestXml(content: string, workspace = '/workspace'): ParsedReport {
  const parsed = parseJunitXml(content, workspace);
  const cases = parsed.cases.map((c) => {
    const module = c.file.replace(/\.py$/, '').replace(/\//g, '.');
    // A collection error names the module in place of a test, with no class.
    if (c.name === module) return { ...c, name: FILE_LEVEL };
    if (c.name.startsWith(`${module} > `)) return { ...c, name: c.name.slice(module.length + 3) };
    if (c.name.startsWith(`${module}.`)) return { ...c, name: c.name.slice(module.length + 1).split('.').join(' > ') };
    return c;
  });
  return { ...parsed, cases };
}

/** Where Loom's guard on pytest's hooks (pytestLabHooks.py) sits in verification containers, root-owned, as module loom_lab_hooks. */
export const HOOK_GUARD_DIR = '/loom/py';
const GUARD = '-p loom_lab_hooks';

/** The change's hooks the guard kept out of a run, as it reported them on the run's standard error: `pytest_pyfunc_call (tests/conftest.py:13)`. */
export function hooksNotInForce(stderr: string): string[] {
  return [...new Set([...stderr.matchAll(/^loom: the change's hook (\w+ \([^)\n]*\)) is not in force/gm)].map((m) => m[1]!))].slice(0, 10);
}

/**
 * Whether the guard can be loaded from PYTHONPATH: not where the command sets PYTHONPATH
 * itself (the run then goes without the guard, as before it, rather than fail to load it).
 */
export function guardLoads(found: Found[], testCommand: string): boolean {
  return !/PYTHONPATH/.test(testCommand) && !found.some((f) => [...(f.direct ?? []), ...f.words].some((w) => w.startsWith('PYTHONPATH=')));
}

/**
 * The run that records which lines ran: the test command's own interpreter and pytest
 * arguments under the standard library's trace module, which writes a .cover file per module
 * into `dir`. Undefined where pytest cannot run alone.
 */
export function traceCommand(dir: string, plan: RunnerPlan): string | undefined {
  const words = plan.direct;
  const at = words?.findIndex((w) => w === 'pytest' || w.endsWith('/pytest') || w === 'py.test') ?? -1;
  if (!words || at < 0) return undefined;
  const interpreter = words[at - 1] === '-m' ? words.slice(0, at - 1).filter((w) => !isAssignment(w)) : ['python3'];
  const assignments = words.slice(0, at).filter(isAssignment);
  const guard = plan.args.includes(GUARD) ? ['-p', 'loom_lab_hooks'] : [];
  return [...assignments, ...interpreter.map(quoteWord), '-m', 'trace', '--count', '--missing', `--coverdir=${dir}`, '--ignore-dir=/usr', ...(guard.length ? [`--ignore-dir=${HOOK_GUARD_DIR}`] : []), '--module', 'pytest', ...words.slice(at + 1).map(quoteWord), ...guard, '-o', `cache_dir=${dir}-pytest-cache`].join(' ');
}

export const pytest: Runner = {
  name: 'pytest',
  label: 'pytest',
  how: "pytest's JUnit XML (--junitxml, in the xunit1 family that names each test's file)",
  detect: (words) => pythonModule(words) === 'pytest' || ['pytest', 'py.test'].includes(base(words[0] ?? '')),
  appends: true,
  suggested: 'python3 -m pytest',
  runsAlone: true,
  // -m is python's module flag before `pytest` and pytest's marker option after it: both take the next word.
  valueOptions: new Set(['-m', '-k', '-c', '-p', '-o', '-W', '--rootdir', '--basetemp', '--confcutdir', '--deselect', '--ignore', '--ignore-glob', '--import-mode', '--maxfail', '--tb', '-r']),
  subcommands: new Set(),
  // pytest's cache is empty in every run and kept out of the workspace: a committed
  // .pytest_cache (a last-failed record) cannot choose what runs, and a project whose
  // options use the cache (--lf, --ff) still runs. The file and line of each test in the
  // report; one process writes it, and it is all there may be.
  // Loom's guard on pytest's hooks (pytestLabHooks.py): no hook implementation the change
  // added or altered is in force in any run, given the base commit to tell them by.
  report: (found, ctx) => {
    const guard = guardLoads(found, ctx.testCommand);
    return {
      args: `--junitxml=${REPORT_DIR}/pytest.xml -o junit_family=xunit1 -o cache_dir=${REPORT_DIR}-pytest-cache${guard ? ` ${GUARD}` : ''}`,
      env: { LOOM_REPORT_DIR: REPORT_DIR, ...(guard ? { PYTHONPATH: HOOK_GUARD_DIR, LOOM_BASE_SHA: BASE_SHA } : {}) },
      ...(ctx.countable ? { runs: 1 } : {}),
    };
  },
  recorder: { source: 'pytestLabHooks.py', path: `${HOOK_GUARD_DIR}/loom_lab_hooks.py` },
  parse: (files, ctx) => soleReport('pytest', 'pytest.xml', files, (t) => parsePytestXml(t, ctx.workspace)),
  names: 'files',
  // Tracing slows the run: three times a mutant's time.
  coverage: {
    format: 'trace',
    covers: (path) => /\.py$/.test(path),
    run: (dir, plan) => {
      const command = traceCommand(dir, plan);
      return command ? { command, env: {}, slower: 3 } : undefined;
    },
  },
};
