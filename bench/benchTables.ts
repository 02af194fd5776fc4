// The bench's tables, each a view of the measured results: per size, per step, what
// verification and the runtime guarantees cost, and the probes.
import type { GenerationRecord } from '../generation/recordTypes';
import { FLOOR_SCRIPTS, floorTotal, type FloorStep, type FloorTimes } from './floor';
import type { ProbeRow } from './probe';
import type { BenchRepo } from './repos';
import type { Table } from './tableText';

// Kept in step with LOOM_ROWS in run.ts (not imported: run.ts is the entry point).
const ROWS = ['resolveBase', 'baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote', 'other activities', 'orchestration'] as const;
type Row = (typeof ROWS)[number];

export interface LoomSample {
  rows: Record<Row, number> & { total: number };
  /** The record's durationsMs, as the activities measure themselves. */
  recorded: Partial<Record<Row, number>>;
  events: number;
  workflowTasks: number;
  workflowTaskMs: number;
  queueMs: number;
  labTurns: number;
  /** What verification found, for the cost of each guarantee. */
  verification?: GenerationRecord['verification'];
  /** From the Lab's branch on the host to the last test run or mutation stage done, as the history timed it. */
  verificationWallMs?: number;
  durationsMs: GenerationRecord['durationsMs'];
}

export interface SizeResult {
  repo: BenchRepo;
  loom: LoomSample[];
  floors: FloorTimes[];
  warmup?: { loomMs: number; floorMs: number };
  /** Worker peak resident memory during this size's generations, MB. */
  workerPeakMb: number;
  seconds: number;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ms = (x: number) => (Number.isNaN(x) ? '—' : x >= 10 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const ratio = (a: number, b: number) => (b > 0.5 ? `${(a / b).toFixed(2)}×` : '—');

const NOTES: Record<Row, string> = {
  resolveBase: 'openRepo + checkBase (size, ls-tree, .gitattributes); a local activity, counted in orchestration',
  baseline: 'tests on the base in a fresh sealed container',
  spawnLab: 'agent (zero-latency model) + commit, in the Lab prepared beside the baseline',
  fetchBranch: 'bundle out through the Docker API, fetch, checks (container removed in the background)',
  checkChange: 'every rule that needs no test run, object by object, and the held-out tree built (a local activity: the time in its record)',
  runTests: "tests on the Lab's commit in a fresh sealed container, results from the runner's report",
  heldOut: "the base's tests on the Lab's source in another fresh container, beside runTests: overlapped, so not on top of the total",
  mutation: "mutants of the changed and tested code, each through the tests that reach it, plus a control run, in runTests' container after its own run",
  llmReview: 'source diff + one (zero-latency) model call',
  promote: 'one Loom commit of the verified tree + fast-forward + git note (a local activity: the time in its record)',
  'other activities': 'prepareLab (container + base bundle in), beside the baseline: overlapped, so not on top of the total',
  orchestration: 'the rest of the wall time: Temporal scheduling, transport, workflow tasks, and the local activities resolveBase, cleanupGeneration and recordGeneration',
};

export function sizeTable(r: SizeResult): Table {
  const rows: string[][] = [];
  for (const row of ROWS) {
    const loom = median(r.loom.map((s) => s.rows[row]));
    const isFloorStep = (FLOOR_SCRIPTS as Record<string, string>)[row] !== undefined;
    const floor = isFloorStep ? median(r.floors.map((f) => f[row as FloorStep])) : NaN;
    const rec = r.loom.map((s) => s.recorded[row]).filter((x): x is number => x !== undefined);
    // A step with no time of its own (a local activity without a record) shows as a dash, not 0×.
    const own = loom > 0;
    rows.push([row, own ? ms(loom) : '—', isFloorStep ? ms(floor) : '0', isFloorStep && own ? ratio(loom, floor) : '—', rec.length ? ms(median(rec)) : '', NOTES[row]]);
  }
  const loomTotal = median(r.loom.map((s) => s.rows.total));
  const floorTot = median(r.floors.map(floorTotal));
  rows.push(['**total** (wall)', `**${ms(loomTotal)}**`, `**${ms(floorTot)}**`, `**${ratio(loomTotal, floorTot)}**`, '', 'client start → result; floor: sum of its steps']);
  return { head: ['step', 'Loom (ms)', 'floor (ms)', 'Loom/floor', 'record (ms)', 'what Loom does there'], rows, align: ['l', 'r', 'r', 'r', 'r', 'l'] };
}

export function summaryTable(results: SizeResult[]): Table {
  const rows = results.map((r) => {
    const loomTotal = median(r.loom.map((s) => s.rows.total));
    const floorTot = median(r.floors.map(floorTotal));
    return [
      r.repo.spec.size,
      `${r.repo.trackedFiles.toLocaleString('en-US')} / ${r.repo.commits.toLocaleString('en-US')}`,
      r.repo.packMb.toFixed(1),
      String(r.loom.length),
      ms(loomTotal),
      ms(floorTot),
      ratio(loomTotal, floorTot),
      String(median(r.loom.map((s) => s.events))),
      Number.isNaN(r.workerPeakMb) ? '—' : r.workerPeakMb.toFixed(0),
    ];
  });
  return {
    head: ['repo', 'files / commits', 'objects (MB)', 'runs', 'Loom (ms)', 'floor (ms)', 'Loom/floor', 'history events / generation', 'worker peak RSS (MB)'],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/** Verification's wall as the workflow's history timed it (checkChange, the two test runs beside each other with their guarantees, then the mutants). */
function measuredWall(s: LoomSample): number {
  return s.verificationWallMs ?? NaN;
}

/** runTests' time per size before verification had a held-out run and mutation testing (docs/bench.md at commit 5f2e6e0). */
const RUN_TESTS_BEFORE: Record<string, number> = { tiny: 410, medium: 2176, large: 14851 };

/** What verification costs per generation: the plain test run, the held-out run beside it, and the mutation stage. */
export function verificationTable(results: SizeResult[]): Table {
  const rows = results.map((r) => {
    const plainRun = median(r.loom.map((s) => s.rows.runTests));
    const heldOut = median(r.loom.map((s) => s.rows.heldOut));
    const mutation = median(r.loom.map((s) => s.rows.mutation));
    const inspect = median(r.loom.map((s) => s.rows.checkChange));
    const wall = median(r.loom.map(measuredWall));
    const before = RUN_TESTS_BEFORE[r.repo.spec.size];
    return [r.repo.spec.size, ms(plainRun), ms(heldOut), ms(mutation), ms(inspect), ms(wall), before ? ms(before) : '—', before ? ratio(wall, before) : '—'];
  });
  return {
    head: ['repo', 'runTests (ms)', 'heldOut (ms)', 'mutation (ms)', 'checkChange (ms)', 'verification wall (ms)', 'runTests before (ms)', 'wall / before'],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/** The verification wall of each size before the guarantees of this round (docs/bench.md at commit a1ba873). */
const VERIFICATION_BEFORE: Record<string, number> = { tiny: 1638, medium: 3643, large: 16641 };

/**
 * What the runtime guarantees add per generation: the perturbed run (beside the held-out run,
 * in its own container), the planted faults (after it, in its container), and the mutation
 * stage (now with a coverage run and a mutant for every changed line). The wall is measured.
 */
export function guaranteesTable(results: SizeResult[]): Table {
  const rows = results.map((r) => {
    const v = (s: (typeof r.loom)[number]) => s.verification;
    const perturbed = median(r.loom.map((s) => v(s)?.perturbed?.durationMs ?? 0));
    const planted = median(r.loom.map((s) => v(s)?.planted?.durationMs ?? 0));
    const mutation = median(r.loom.map((s) => s.durationsMs.mutation ?? 0));
    const wall = median(r.loom.map(measuredWall));
    const before = VERIFICATION_BEFORE[r.repo.spec.size];
    const faults = median(r.loom.map((s) => v(s)?.planted?.tried ?? 0));
    // Tracing what the baseline, the Lab's and the held-out run read (the evaluation surface).
    const tracing = median(r.loom.map((s) => v(s)?.heldOut?.surface?.traceMs ?? 0));
    // Surviving mutants called like their function, within the mutation stage.
    const survivors = median(r.loom.map((s) => v(s)?.mutation?.survivorsCalled?.durationMs ?? 0));
    return [r.repo.spec.size, ms(perturbed), `${ms(planted)} (${faults} faults)`, ms(mutation), ms(survivors), ms(tracing), ms(wall), before ? ms(before) : '—', before ? ratio(wall, before) : '—'];
  });
  return {
    head: ['repo', 'perturbed run (ms)', 'planted faults (ms)', 'mutation (ms)', 'of it, survivors called (ms)', 'tracing reads (ms)', 'verification wall (ms)', 'wall before (ms)', 'wall / before'],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

export function probeTable(probes: ProbeRow[]): Table {
  return {
    head: ['operation', 'Loom', 'Loom (ms)', 'bare command', 'bare (ms)'],
    rows: probes.map((p) => [p.what, `\`${p.loom}\``.replace('``', ''), ms(p.loomMs), p.bare, p.bare ? ms(p.bareMs) : '']),
    align: ['l', 'l', 'r', 'l', 'r'],
  };
}

export function details(r: SizeResult): string[] {
  const m = (f: (s: LoomSample) => number) => median(r.loom.map(f));
  const out = [
    `Runs: ${r.loom.length}${r.warmup ? ` after one warm-up (Loom ${ms(r.warmup.loomMs)} ms, floor ${ms(r.warmup.floorMs)} ms, not counted)` : ''}; ` +
      `Loom totals ${r.loom.map((s) => ms(s.rows.total)).join(', ')} ms; floor totals ${r.floors.map((f) => ms(floorTotal(f))).join(', ')} ms.`,
    `Temporal: ${m((s) => s.events)} history events and ${m((s) => s.workflowTasks)} workflow tasks per generation; ` +
      `workflow tasks ${ms(m((s) => s.workflowTaskMs))} ms and activity queueing ${ms(m((s) => s.queueMs))} ms in all (medians, from the history's timestamps).`,
    `Lab: ${m((s) => s.labTurns)} model turns; one \`docker exec\` round trip into a running container (floor probe) takes ${ms(median(r.floors.map((f) => f.exec)))} ms.`,
  ];
  if (!Number.isNaN(r.workerPeakMb)) out.push(`Worker peak resident memory during these generations: ${r.workerPeakMb.toFixed(0)} MB.`);
  return out;
}
