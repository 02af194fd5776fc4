// One run of the test command as evidence. The run gets a fresh report folder; the test
// command runs under its own time limit; afterwards every process of the Lab user is
// killed, so nothing the tests left behind can write to the report while Loom reads it,
// and the report is read through Docker's archive API rather than from anything printed.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RECORDERS } from '../runners/registry';
import { execIn, getFile, getFiles, putRootFiles, type ExecResult } from './labContainer';

/** Exit code of the run script when Loom itself could not set up the run. */
export const SETUP_FAILED = 197;
const SETUP_MARK = 'loom: could not set up the run:';

/** The run script's last words: a run that ends without them was cut off from outside its command. */
const END_MARK = 'loom-run-ended';

/** Marks the lines that list, at the time limit, the processes still running (pid, parent, ns waited for a CPU, command line). */
const RUNNING_MARK = 'loom-still-running';

// Runs as the Lab user. $1 report folder, $2 seconds, $3 command, $4 a setup step run
// first (check out the commit, or put a mutant in place), $5 the working folder, $6 set to
// trace what the run reads of the commit's files: each tracked file's access time is set back
// to 1970 before the command (the kernel then stamps the first read, even under relatime; git
// is told to ignore the ctime this changes), and the files stamped since are listed. A file
// that cannot be set back (on a read-only mount) counts as read, on every side alike. Those
// the run also wrote before reading them are listed apart: the command rebuilds what its
// tests read (a build in a pretest hook), so a test run must go through it. The idle
// main process is root, so `kill -9 -1` ends every process of the Lab user except this script.
// At the limit a watcher lists what is still running, with how long each process waited for a
// CPU, and only then ends the command: the list cannot lose a race with the kill, however
// loaded the machine. `timeout` stays as a backstop should the watcher die.
const RUN_SCRIPT = `R="$1"; T="$2"; C="$3"; W="\${5:-/workspace}"
cd "$W" || { echo "${SETUP_MARK} no $W" >&2; exit ${SETUP_FAILED}; }
if [ -n "$4" ]; then bash -c "$4" || { echo "${SETUP_MARK} $4" >&2; exit ${SETUP_FAILED}; }; fi
rm -rf "$R" "$R.limit" && mkdir -m 700 "$R" || { echo "${SETUP_MARK} report folder $R" >&2; exit ${SETUP_FAILED}; }
if [ -n "$6" ]; then s0=$(date +%s%N); git config core.trustctime false; git ls-files -z | xargs -0 -r touch -a -c -d @1 -- 2>/dev/null; s1=$(date +%s%N); m0=$(date +%s.%N); fi
timeout -k 5 "$((T + 30))" bash -c "$C" & t=$!
( sleep "$T"
  for d in /proc/[0-9]*; do p=\${d#/proc/}; [ "$p" = 1 ] || [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ] && continue
    pp=; u=; { while read -r k v _; do case "$k" in PPid:) pp=$v;; Uid:) u=$v; break;; esac; done < "$d/status"; } 2>/dev/null
    [ -n "$pp" ] && [ "$u" = "$UID" ] || continue
    a=(); { mapfile -d '' a < "$d/cmdline"; } 2>/dev/null; c="\${a[*]}"; q=0; { read -r _ q _ < "$d/schedstat"; } 2>/dev/null
    [ -n "$c" ] && echo "${RUNNING_MARK} $p $pp $q \${c:0:300}"
  done >&2
  : > "$R.limit"; kill -TERM -- -"$t" 2>/dev/null; sleep 5; kill -KILL -- -"$t" 2>/dev/null ) & w=$!
wait "$t"; rc=$?
kill "$w" 2>/dev/null
[ -e "$R.limit" ] && rc=124
# Any other live process of this user? (kill's own status cannot tell: it may succeed with nothing to kill.)
others() { local s k v; for s in /proc/[0-9]*/status; do [ "$s" = "/proc/$$/status" ] && continue
  local uid= state=; while read -r k v _; do case "$k" in Uid:) uid=$v;; State:) state=$v;; esac; done < "$s" 2>/dev/null
  [ "$uid" = "$UID" ] && [ "$state" != Z ] && return 0; done; return 1; }
n=0; while others && [ $n -lt 200 ]; do kill -9 -1 2>/dev/null; n=$((n+1)); sleep 0.01; done
if [ -n "$6" ]; then s2=$(date +%s%N); git ls-files -z | xargs -0 -r stat -c '%X %.9Y %n' -- 2>/dev/null | awk -v m0="$m0" -v w="$R.rebuilt" '{ a = $1; m = $2; sub(/^[^ ]+ [^ ]+ /, ""); if (a > 1) { print; if (m >= m0) print > w } }' > "$R.reads.tmp"; { echo "ms $(( (s1 - s0 + $(date +%s%N) - s2) / 1000000 ))"; cat "$R.reads.tmp"; } > "$R.reads"; rm -f "$R.reads.tmp"; fi
echo "$rc" > "$R.end"
echo "${END_MARK}" >&2
exit $rc
`;

/** The recorder modules the registered runners load into the tests' process, as verification containers get them. */
const RECORDER_FILES = RECORDERS.map((r) => ({ name: r.path.replace(/^\/+/, ''), content: readFileSync(new URL(`../runners/${r.source}`, import.meta.url), 'utf8') }));

/** Loom's reader of V8 coverage, as verification containers get it. */
export const COVERAGE_FILTER_SOURCE = readFileSync(new URL('../verify/coverageFilter.mjs', import.meta.url), 'utf8');
export const COVERAGE_FILTER_PATH = '/loom/coverage-filter.mjs';

/** Puts Loom's read-only helpers in a verification container: every runner's recorder module, the coverage reader. */
export async function installReporters(container: Docker.Container): Promise<void> {
  await putRootFiles(container, '/', [...RECORDER_FILES, { name: COVERAGE_FILTER_PATH.slice(1), content: COVERAGE_FILTER_SOURCE }]);
}

export interface TestRunSpec {
  command: string;
  env: Record<string, string>;
  timeoutSec: number;
  /** A shell step run before the command, as the Lab user in the working folder. */
  setup?: string;
  maxOutputBytes?: number;
  /** The working folder the commit is checked out in (/workspace unless the run is perturbed). */
  workspace?: string;
  /**
   * A run whose verdict is the code's (the baseline, the Lab's, the held-out and perturbed
   * runs): reaching the limit starved of CPU is then the machine's fault. A mutant or a
   * planted fault that loops forever is caught by the limit whatever the load.
   */
  starvedIsFault?: boolean;
  /** List the tracked files the run reads (the baseline's, the Lab's and the held-out run). */
  traceReads?: boolean;
}

export interface TestRunOutput extends ExecResult {
  /** The files the run left in its report folder. */
  reports: Record<string, string>;
  reportDir: string;
  setupFailed?: string;
  durationMs: number;
  /** When the run hit its time limit: the command lines still running then (stillRunningAtLimit). */
  stillRunning?: string[];
  /** With traceReads: the tracked files the run read, at most MAX_READS of them. */
  reads?: string[];
  /** With traceReads: what tracing cost the run (setting the access times back, listing them, fetching the list). */
  readsMs?: number;
  /** With traceReads: tracked files the run wrote and then read (build output in the tree), at most 100. */
  rebuilt?: string[];
}

/** More reads than this are not kept (the baseline carries them through every generation of a loop, within Temporal's payload limit): the checks that use them then do not apply. */
export const MAX_READS = 5_000;

const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** A fresh, unpredictable report folder name for one run. */
export const newReportDir = (): string => `/tmp/loom-report-${randomBytes(8).toString('hex')}`;

/**
 * Runs the test command once in a verification container and returns its exit code,
 * output and report files. `env` may name the report folder as {LOOM_REPORT_DIR}.
 */
export async function runTestCommand(container: Docker.Container, spec: TestRunSpec, reportDir = newReportDir()): Promise<TestRunOutput> {
  const started = Date.now();
  const r = await execIn(container, ['bash', '-c', RUN_SCRIPT, 'loom-run', reportDir, String(Math.max(1, Math.ceil(spec.timeoutSec))), spec.command, spec.setup ?? '', spec.workspace ?? '/workspace', spec.traceReads ? '1' : ''], {
    timeoutSec: spec.timeoutSec + 20,
    ownTimeout: true,
    env: spec.env,
    maxOutputBytes: spec.maxOutputBytes ?? 256 * 1024,
    keepTail: true,
    ...(spec.workspace ? { workdir: '/' } : {}),
  });
  // A run whose container stopped under it (killed from outside, the engine restarted) says
  // nothing about the code: it is an infrastructure fault, and the activity is tried again.
  const setupFailed = r.exitCode === SETUP_FAILED && r.stderr.includes(SETUP_MARK);
  if (!setupFailed && !r.stderr.trimEnd().endsWith(END_MARK)) {
    await assertRunning(container);
    // The script reached its end, yet its last line never arrived: the connection to the
    // engine dropped under the run, and the tests' own output pipe broke with it.
    const ended = await getFile(container, `${reportDir}.end`, 64).then(() => true, () => false);
    if (ended) throw new ContainerLost('the connection to the Docker engine dropped while the tests ran, breaking their output pipe; the run is tried again and is not a verdict');
  }
  r.stderr = r.stderr.replace(new RegExp(`${END_MARK}\\s*$`), '');
  const { stillRunning, waitedForCpuMs } = atTheLimit(r.stderr, spec.command);
  r.stderr = r.stderr.replace(new RegExp(`^${RUNNING_MARK} .*\\n?`, 'gm'), '');
  if (setupFailed) {
    return { ...r, reports: {}, reportDir, setupFailed: r.stderr.trim().slice(-2000), durationMs: Date.now() - started };
  }
  const files = await getFiles(container, reportDir, MAX_REPORT_BYTES).catch(() => ({}) as Record<string, Buffer>);
  const reports = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toString('utf8')]));
  const timedOut = r.timedOut || r.exitCode === 124 || r.exitCode === 137;
  // One file: its first line is what tracing took in the container; fetching it is counted too.
  const fetchStarted = Date.now();
  const traced = spec.traceReads ? await getFile(container, `${reportDir}.reads`, 8 * 1024 * 1024).then((b) => b.toString('utf8').split('\n').filter(Boolean), () => undefined) : undefined;
  const reads = traced?.slice(1);
  const rebuilt = spec.traceReads ? await getFile(container, `${reportDir}.rebuilt`, 1024 * 1024).then((b) => b.toString('utf8').split('\n').filter(Boolean), () => []) : undefined;
  const readsMs = traced ? (Number(/^ms (\d+)$/.exec(traced[0] ?? '')?.[1]) || 0) + (Date.now() - fetchStarted) : undefined;
  if (timedOut && spec.starvedIsFault && waitedForCpuMs > OVERLOADED_SHARE * spec.timeoutSec * 1000) {
    throw new MachineOverloaded(`the tests ran out of time on an overloaded machine: at the ${spec.timeoutSec} s limit their processes had waited ${Math.round(waitedForCpuMs / 1000)} s for a CPU; the run is tried again and is not a verdict`);
  }
  return { ...r, timedOut, reports, reportDir, durationMs: Date.now() - started, ...(timedOut && stillRunning.length ? { stillRunning } : {}), ...(reads && reads.length <= MAX_READS ? { reads } : {}), ...(readsMs !== undefined ? { readsMs } : {}), ...(rebuilt?.length ? { rebuilt: rebuilt.slice(0, 100) } : {}) };
}

/**
 * A run that hit its limit while its processes waited this share of the limit for a CPU was
 * starved by the machine: a hang, a deadlock or an endless wait does not wait for a CPU, and a
 * busy loop on an idle machine gets one.
 */
const OVERLOADED_SHARE = 0.25;

/** Thrown when a run hit its time limit because the machine starved it of CPU: never a verdict on the code. */
export class MachineOverloaded extends Error {
  override name = 'MachineOverloaded';
}

/**
 * What the watcher found at the time limit: the command lines in tree order (a parent before
 * its children), without Loom's own wrappers around the command, at most 10 and each cut to
 * 200 characters; and how long those processes had waited, together, for a CPU.
 */
export function atTheLimit(stderr: string, command: string): { stillRunning: string[]; waitedForCpuMs: number } {
  const procs = [...stderr.matchAll(new RegExp(`^${RUNNING_MARK} (\\d+) (\\d+) (\\d+) (.*)$`, 'gm'))].map((m) => ({ pid: m[1]!, ppid: m[2]!, waitNs: Number(m[3]), cmd: m[4]!.trim() }));
  const wrapper = (cmd: string) => cmd.startsWith('timeout -k 5 ') || cmd === `bash -c ${command}`.trim();
  const pids = new Set(procs.map((p) => p.pid));
  const out: string[] = [];
  const visit = (pid: string | undefined, depth: number) => {
    for (const p of procs.filter((q) => (pid === undefined ? !pids.has(q.ppid) : q.ppid === pid))) {
      if (!wrapper(p.cmd)) out.push(p.cmd.length > 200 ? `${p.cmd.slice(0, 199)}…` : p.cmd);
      if (depth < 50) visit(p.pid, depth + 1);
    }
  };
  visit(undefined, 0);
  return { stillRunning: out.slice(0, 10), waitedForCpuMs: procs.reduce((a, p) => a + p.waitNs, 0) / 1e6 };
}

/** Thrown when the container a run needs is gone or stopped, or the engine's connection dropped under it: never a verdict on the code. */
export class ContainerLost extends Error {
  override name = 'ContainerLost';
}

/**
 * Called when a run was cut off: was it the container? A killed container takes a moment to be
 * reported stopped, so its state is read until it is, for a few seconds at most; one still
 * running then was cut off from inside (the tests killed the run), which is the tests' doing.
 */
async function assertRunning(container: Docker.Container): Promise<void> {
  const read = () =>
    container.inspect().then(
      (i) => i.State,
      (err: unknown) => ({ Running: false, lost: err instanceof Error ? err.message : String(err) }),
    );
  let state = await read();
  for (let k = 0; k < 50 && state.Running; k++) {
    await new Promise((r) => setTimeout(r, 100));
    state = await read();
  }
  if (state.Running) return;
  const how = 'lost' in state ? `it cannot be found (${state.lost})` : `it exited with ${state.ExitCode}${state.OOMKilled ? ', out of memory' : ''}`;
  throw new ContainerLost(`the verification container stopped while the tests ran: ${how}; it was killed from outside or the Docker engine restarted, so the run is tried again and is not a verdict`);
}

/** The kernel's count of processes it killed for lack of memory in the container's cgroup (v1 or v2). */
export async function oomKillCount(container: Docker.Container): Promise<number> {
  const r = await execIn(container, ['sh', '-c', 'cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null; true'], { timeoutSec: 30, maxOutputBytes: 4096, user: 'root', workdir: '/' });
  return parseOomKills(r.stdout);
}

export function parseOomKills(text: string): number {
  return [...text.matchAll(/^oom_kill (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}
