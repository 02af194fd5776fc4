// The perturbed run: the base's tests against the Lab's source once more, in an environment
// that differs from the usual run in every fact a production machine would not share with
// it: another working folder (not /workspace), another host name, CI unset, another time
// zone, another processor count (where the runtime takes one), Go's newest GODEBUG defaults,
// Python's own warning filters (pytest's, which show every warning in every test, off), and the clock years ahead where the image can move it (libfaketime; a Go test
// binary reads the clock without libc and keeps the real one). Each test's verdict must be
// the same as in the held-out run. Tracked files the base's own test run rewrote (a build's
// outputs and the stamps or caches it skips work by) are removed first, so the run makes them
// from the change's source as a clean checkout's build would, whatever the change committed. A test that passes there and fails here is re-run on
// the base's own code in the same environment: if the base passes it, the change's code
// behaves differently under test than elsewhere, and it is rejected with the tests named;
// if the base fails it too, the test itself depends on the environment and says nothing.
// Pure.
import { caseMap, casesOf, FILE_LEVEL, listSome, testId, type TestRun } from './testResults';

export interface Perturbation {
  /** The working folder the commit is checked out in. */
  workspace: string;
  hostname: string;
  timeZone: string;
  /** Days the clock is moved ahead, where the image has libfaketime. */
  clockDays: number;
  /** Variables the tests do not get. */
  unset: string[];
  /**
   * The processors the runtime is told it has (Go's GOMAXPROCS, Python 3.13's
   * PYTHON_CPU_COUNT): a count that is not a power of two, as a user's machine may have and
   * a test machine rarely does, so code that splits work by it meets an uneven split.
   */
  processors: number;
  /** Tracked files the base's own run rewrote, removed before the run so it builds them from the source. */
  rebuilt: string[];
}

const ZONES = ['Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham'];
const WORDS = ['srv', 'opt', 'app', 'deploy', 'service', 'build'];
const PROCESSORS = [3, 5, 6, 7, 12];

/** A perturbation drawn with `random` (n => an integer below n), so no two generations need share one. */
export function drawPerturbation(random: (n: number) => number, rebuilt: string[] = []): Perturbation {
  const hex = (n: number) => Array.from({ length: n }, () => random(16).toString(16)).join('');
  return {
    workspace: `/${WORDS[random(WORDS.length)]}/${WORDS[random(WORDS.length)]}-${hex(6)}`,
    hostname: `${WORDS[random(WORDS.length)]}-${hex(8)}`,
    timeZone: ZONES[random(ZONES.length)]!,
    clockDays: 1000 + random(800),
    unset: ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'GITHUB_ACTIONS'],
    processors: PROCESSORS[random(PROCESSORS.length)]!,
    rebuilt: rebuilt.filter((p) => p && !p.startsWith('/') && !p.split('/').includes('..')),
  };
}

/** Where libfaketime lives in a Debian image, on any architecture. */
export const FAKETIME_GLOB = '/usr/lib/*/faketime/libfaketime.so.1';

/**
 * The shell step that gives Go code the newest defaults of its toolchain's GODEBUG settings, as
 * a program whose own go.mod names a recent Go gets them (a test binary gets the ones of its
 * module's older go line: math/rand's Seed still seeds, timers' channels stay synchronous).
 * Read from the toolchain's own table of changed defaults: an old "1" is set to "0", an old
 * "0" to empty, which each setting reads as its current default (a number, for a limit); the
 * go command's own settings are left alone, and the project's own GODEBUG still wins.
 */
export const GO_NEWEST_DEFAULTS = `g="$(command -v go >/dev/null && go env GOROOT 2>/dev/null)/src/internal/godebugs/table.go"; [ -f "$g" ] && export GODEBUG="$(grep -v 'Package: "cmd/' "$g" | sed -n 's/.*Name: "\\([a-z0-9]*\\)".*Changed: [0-9]*, Old: "\\([01]\\)".*/\\1=\\2/p' | awk -F= '{ print $1 "=" ($2 == "1" ? "0" : "") }' | paste -sd, -)\${GODEBUG:+,\$GODEBUG}";`;

/**
 * pytest's warnings plugin off: under it every warning is shown in every test, where a program
 * gets Python's own filters (a DeprecationWarning raised outside __main__ ignored), so code
 * that records its own warnings sees them only under pytest. pytest.warns and recwarn keep
 * working without it.
 */
export const PYTEST_OWN_WARNING_FILTERS = 'export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:+$PYTEST_ADDOPTS }-p no:warnings";';

/** The shell prefix that puts the perturbation's variables in force for the test command. */
export function perturbedPrefix(p: Perturbation): string {
  // A clock kept (0 days) is not faked at all: libfaketime breaks some sleeps (Python's time.sleep, EINVAL).
  const faketime = p.clockDays === 0 ? '' : `for f in ${FAKETIME_GLOB}; do [ -e "$f" ] && export LD_PRELOAD="$f" FAKETIME="+${p.clockDays}d" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_NO_CACHE=1; break; done;`;
  return `unset ${p.unset.join(' ')}; export TZ='${p.timeZone}' HOSTNAME='${p.hostname}' PWD='${p.workspace}' LOOM_WORKSPACE='${p.workspace}' GOMAXPROCS=${p.processors} PYTHON_CPU_COUNT=${p.processors}; ${PYTEST_OWN_WARNING_FILTERS} ${GO_NEWEST_DEFAULTS} ${faketime} `;
}

/** The shell step, run in the checked-out workspace, that removes what the base's run rebuilt; empty when nothing was. */
export function cleanBuildStep(p: Perturbation): string {
  return p.rebuilt.length ? `rm -f -- ${p.rebuilt.map((f) => `'${f.replace(/'/g, `'\\''`)}'`).join(' ')}` : '';
}

/** The perturbation as the record says it. */
export function describePerturbation(p: Perturbation, clockMoved: boolean): string {
  return `working folder ${p.workspace}, host ${p.hostname}, time zone ${p.timeZone}, ${p.processors} processors, Go's newest defaults, Python's own warning filters, ${p.unset.join('/')} unset, ${p.clockDays === 0 ? 'clock unchanged' : clockMoved ? `clock ${p.clockDays} days ahead` : 'clock unchanged (no libfaketime in the Lab image)'}${p.rebuilt.length ? `, ${p.rebuilt.length} file${p.rebuilt.length === 1 ? '' : 's'} the base's run rebuilds removed first (${p.rebuilt.slice(0, 3).join(', ')}${p.rebuilt.length > 3 ? ', …' : ''})` : ''}`;
}

/** Tests that passed in the clean run and did not pass (failed, or did not run) in the perturbed one. */
export function perturbedDifferences(clean: TestRun, perturbed: TestRun): string[] {
  const after = caseMap(perturbed);
  const out: string[] = [];
  for (const [id, c] of caseMap(clean)) {
    if (c.status !== 'passed' || c.name === FILE_LEVEL) continue;
    if (after.get(id)?.status !== 'passed') out.push(id);
  }
  return out;
}

/**
 * The tests of a run that passed and that the base's own tests do not have: the Lab's new ones.
 * Beside a held-out run, which holds only the base's tests, they are run again in another
 * environment on the Lab's own tree, with the files that hold them.
 */
export function newTests(clean: TestRun, baseline: TestRun): { ids: string[]; files: string[] } {
  const old = caseMap(baseline);
  const fresh = casesOf(clean).filter((c) => c.status === 'passed' && c.name !== FILE_LEVEL && !old.has(testId(c.file, c.name)));
  return { ids: [...new Set(fresh.map((c) => testId(c.file, c.name)))], files: [...new Set(fresh.map((c) => c.file))] };
}

export interface PerturbedResult {
  run: TestRun;
  description: string;
  /** Set when only the Lab's new tests were run, on its own tree: how many. */
  newOnly?: number;
  /** Tests that passed in the clean run and not in the perturbed one. */
  differing: string[];
  /** The base's own code in the same environment, run only when some test differed. */
  baseRun?: TestRun;
  durationMs: number;
}

export interface PerturbedVerdict {
  /** Tests whose verdict changes with the environment on the Lab's source but not on the base's. */
  blamed: string[];
  /** The Lab's new tests whose verdict changes with the environment: there is no base to try them on. */
  newBlamed: string[];
  /** Tests that depend on the environment on the base too: they say nothing about the change. */
  environmental: string[];
  violations: string[];
}

/**
 * `baseline` is the base's own run: a differing test it does not have is one of the Lab's new
 * tests, blamed whatever the base does, since the base cannot run it, when it ran there and did
 * not pass. Only where the runner ran in that environment at all (some test passed there, in
 * this run or `alsoRan`): a run the environment itself stops says nothing about any one test.
 */
export function judgePerturbed(r: PerturbedResult, baseline?: TestRun, alsoRan?: TestRun): PerturbedVerdict {
  if (!r.differing.length) return { blamed: [], newBlamed: [], environmental: [], violations: [] };
  const old = baseline ? caseMap(baseline) : undefined;
  const ran = [r.run, alsoRan].some((run) => run && casesOf(run).some((c) => c.status === 'passed'));
  const there = caseMap(r.run);
  // A new test that did not run there at all (its file could not load: the runner alone, without
  // a build the whole command makes first) says nothing; one that ran and did not pass does.
  const newBlamed = old && ran ? r.differing.filter((id) => !old.has(id) && there.has(id)) : [];
  const base = r.baseRun ? caseMap(r.baseRun) : undefined;
  const blamed = r.differing.filter((id) => !newBlamed.includes(id) && base?.get(id)?.status === 'passed');
  const environmental = r.differing.filter((id) => !blamed.includes(id) && !newBlamed.includes(id));
  const failures = caseMap(r.run);
  const shown = (ids: string[]) =>
    ids.map((id) => {
      const m = failures.get(id)?.message;
      return `${id}${m ? ` (${m.replace(/\s+/g, ' ').slice(0, 120)})` : failures.has(id) ? '' : ' (did not run)'}`;
    });
  const violations: string[] = [];
  if (blamed.length) violations.push(`${blamed.length} of the base's tests pass in the held-out run but fail in another environment (${r.description}), where the base's own code passes them: ${listSome(shown(blamed), 5)}. The change's code behaves differently under test than it would elsewhere${r.description.includes('rebuilds removed first') ? ', or than a clean build of its source' : ''}`);
  if (newBlamed.length) violations.push(`${newBlamed.length} of the Lab's new tests pass in its run but fail in another environment (${r.description}): ${listSome(shown(newBlamed), 5)}. The change's code, or the new tests themselves, depend on the machine the tests run on; a test must pass wherever the project's tests run`);
  return { blamed, newBlamed, environmental, violations };
}
