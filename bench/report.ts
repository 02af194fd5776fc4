// The bench's tables, for the terminal and for docs/bench.md.
import type { GenerationRecord } from '../generation/recordTypes';
import { FLOOR_SCRIPTS, EXEC_PROBE, SEAL_FLAGS, floorTotal, type FloorStep, type FloorTimes } from './floor';
import type { Machine } from './machine';
import type { ProbeRow } from './probe';
import { modelSessionsMarkdown, type ModelSessionRow } from './modelSessions';
import type { BenchRepo } from './repos';
import { GENERATOR_VERSION } from './repos';

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

export interface ReportInput {
  quick: boolean;
  date: Date;
  machine: Machine;
  code: string;
  loadBefore: string;
  loadAfter: string;
  workerStartupMs: number;
  workerStartupPeakMb: number;
  workerPeakMb: number;
  workerRssMb: number;
  canResetPeak: boolean;
  results: SizeResult[];
  benchSeconds: number;
  floorSteps: FloorStep[];
  probes: ProbeRow[];
  /** The model section: Lab sessions with Loom's defaults and with caching and masking off. */
  modelSessions: ModelSessionRow[];
  /** Worker start-up bundling the workflow code at start, and loading the bundle cached by its hash. */
  workerStart: Record<'bundling' | 'cached', { ms: number; peakMb: number }>;
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

interface Table {
  head: string[];
  rows: string[][];
  align: ('l' | 'r')[];
}

function sizeTable(r: SizeResult): Table {
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

function summaryTable(results: SizeResult[]): Table {
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

/** runTests' time per size before verification had a held-out run and mutation testing (docs/bench.md at commit 5f2e6e0). */
const RUN_TESTS_BEFORE: Record<string, number> = { tiny: 410, medium: 2176, large: 14851 };

/** What verification costs per generation: the plain test run, the held-out run beside it, and the mutation stage. */
function verificationTable(results: SizeResult[]): Table {
  const rows = results.map((r) => {
    const plainRun = median(r.loom.map((s) => s.rows.runTests));
    const heldOut = median(r.loom.map((s) => s.rows.heldOut));
    const mutation = median(r.loom.map((s) => s.rows.mutation));
    const inspect = median(r.loom.map((s) => s.rows.checkChange));
    // The held-out run goes beside the Lab's run: the wall time is the longer of the two.
    const wall = median(r.loom.map((s) => Math.max(s.rows.runTests, s.rows.heldOut) + s.rows.mutation + s.rows.checkChange));
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
 * stage (now with a coverage run and a mutant for every changed line). The wall is checkChange
 * plus the longer of the two branches: the Lab's run and its mutants, or the held-out run,
 * what of the perturbed run outlasts it, and the planted faults.
 */
function guaranteesTable(results: SizeResult[]): Table {
  const rows = results.map((r) => {
    const v = (s: (typeof r.loom)[number]) => s.verification;
    const perturbed = median(r.loom.map((s) => v(s)?.perturbed?.durationMs ?? 0));
    const planted = median(r.loom.map((s) => v(s)?.planted?.durationMs ?? 0));
    const mutation = median(r.loom.map((s) => s.durationsMs.mutation ?? 0));
    const wall = median(
      r.loom.map((s) => {
        const d = s.durationsMs;
        const heldOut = d.heldOut ?? 0;
        const judging = heldOut + Math.max(0, (v(s)?.perturbed?.durationMs ?? 0) - heldOut) + (v(s)?.planted?.durationMs ?? 0);
        return (d.checkChange ?? 0) + Math.max((d.runTests ?? 0) + (d.mutation ?? 0), judging);
      }),
    );
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

function markdown(t: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(t.head), line(t.align.map((a) => (a === 'r' ? '---:' : '---'))), ...t.rows.map(line)].join('\n');
}

function plain(t: Table): string {
  const strip = (s: string) => s.replace(/\*\*/g, '');
  const cells = [t.head, ...t.rows].map((r) => r.map(strip));
  const widths = t.head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r, k) => {
      const s = r.map((c, i) => (t.align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
      return k === 0 ? `${s}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : s;
    })
    .join('\n');
}

function probeTable(probes: ProbeRow[]): Table {
  return {
    head: ['operation', 'Loom', 'Loom (ms)', 'bare command', 'bare (ms)'],
    rows: probes.map((p) => [p.what, `\`${p.loom}\``.replace('``', ''), ms(p.loomMs), p.bare, p.bare ? ms(p.bareMs) : '']),
    align: ['l', 'l', 'r', 'l', 'r'],
  };
}

function details(r: SizeResult): string[] {
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

const FLOOR_TEXT = (steps: FloorStep[]) => `## What the floor is

The floor is what a skilled person would script by hand for the same generation, with the
same zero-latency agent: run the tests on the base, start a container holding the repository,
apply the agent's edits and commit them, get the commit out, run the tests on it, look at the
diff, and fast-forward. It is measured in the same run as Loom, on the same repository, with the
same Lab image and the same container limits (\`SEAL\` below is Loom's: no network, no
capabilities, no-new-privileges, user 1000, 1 CPU, 2 GiB, 256 pids). Each step is one bash
script (\`set -euo pipefail\`), timed as a whole, run through the \`docker\` and \`git\` command
lines. The total floor is the sum of its steps. Loom's and the floor's runs alternate which goes first. The floor runs its steps one after another; Loom prepares the Lab (container, base, task) while
the baseline runs, which is why it can come in under its floor where those two are long (medium, large).

\`SEAL\` = \`${SEAL_FLAGS}\`

${steps.map((s) => `**${s}**\n\n\`\`\`sh\n${FLOOR_SCRIPTS[s]}\n\`\`\``).join('\n\n')}

Not in the total, a probe: \`${EXEC_PROBE}\` (one round trip into a running container, which
each of the Lab's tool calls costs at least once).

What the floor leaves out on purpose: Temporal (durable state, retries, heartbeats), the
anti-gaming rules, the record and ledger, the git note, the checks that the fetched SHA is the
one the Lab reported and builds on the base, and the scripted agent's separate tool calls
(the floor writes the agent's final files in one go). Those are what Loom adds; the ratio
says what they cost. The floor's tests run on a \`git archive\` of the commit rather than a
clone, so its test containers hold no history; the Lab's container does get the full history
(\`git bundle create … main\`), as Loom's does.`;

export function renderReport(input: ReportInput): { console: string; markdown: string } {
  const { results, machine } = input;
  const tiny = results.find((r) => r.repo.spec.size === 'tiny');
  const tinyRatio = tiny ? median(tiny.loom.map((s) => s.rows.total)) / median(tiny.floors.map(floorTotal)) : NaN;
  const verdict = tiny
    ? `Tiny repository: Loom takes ${tinyRatio.toFixed(2)}× its floor (target: at most 1.5×) — ${tinyRatio <= 1.5 ? 'met' : 'NOT met'}.`
    : '';
  const memory = input.canResetPeak
    ? `Worker (its own process, \`bench/worker.ts\`): ready in ${(input.workerStartupMs / 1000).toFixed(1)} s, peak ${input.workerStartupPeakMb.toFixed(0)} MB while starting (loading the cached workflow bundle), peak ${input.workerPeakMb.toFixed(0)} MB during the generations, ${input.workerRssMb.toFixed(0)} MB resident at the end.`
    : `Worker (its own process): ready in ${(input.workerStartupMs / 1000).toFixed(1)} s; peak ${input.workerPeakMb.toFixed(0)} MB including start-up (the peak could not be reset after start-up here).`;

  const ws = input.workerStart;
  const startLine = `Worker start-up: bundling the workflow code at every start took ${(ws.bundling.ms / 1000).toFixed(1)} s with a peak of ${ws.bundling.peakMb.toFixed(0)} MB; loading the bundle cached by the code's hash (\`.loom/workflow-bundles/\`, what \`npm run worker\` does) takes ${(ws.cached.ms / 1000).toFixed(1)} s with a peak of ${ws.cached.peakMb.toFixed(0)} MB.`;
  const consoleText = [
    plain(summaryTable(results)),
    '',
    'verification per generation (medians)',
    plain(verificationTable(results)),
    plain(guaranteesTable(results)),
    ...results.flatMap((r) => ['', `${r.repo.spec.size}: ${r.repo.spec.describe}; medians of ${r.loom.length} runs`, plain({ ...sizeTable(r), head: sizeTable(r).head.slice(0, 5), rows: sizeTable(r).rows.map((x) => x.slice(0, 5)) }), ...details(r)]),
    '',
    'probes (medians; not part of the totals)',
    plain(probeTable(input.probes)),
    '',
    modelSessionsMarkdown(input.modelSessions),
    '',
    memory,
    startLine,
    verdict,
  ].join('\n');

  const md = [
    '# Loom bench',
    '',
    `\`npm run bench\` (\`bench/run.ts\`) runs scripted generations with a zero-latency model against`,
    `repositories of three sizes and prints, per step and in total, the median of Loom's time next to`,
    `the floor measured in the same run. This file is its last full output${input.quick ? ' (a --quick run: tiny only)' : ''}.`,
    '',
    `Measured ${input.date.toISOString().replace(/\.\d+Z$/, 'Z')} on commit ${input.code}, in ${input.benchSeconds.toFixed(0)} s (the whole bench). ${verdict}`,
    '',
    markdown(summaryTable(results)),
    '',
    memory,
    '',
    startLine,
    '',
    '## What verification costs',
    '',
    "Per generation, medians: the Lab's test run, the held-out run of the base's tests on the Lab's",
    'source (in its own container, beside the first), the mutation stage, and checkChange (which now',
    'builds the held-out tree). `verification wall` is checkChange + the longer of the two test runs +',
    'mutation; `before` is runTests alone as this bench measured it before the held-out run and mutation',
    'testing existed (commit 5f2e6e0). The aim was at most 2× on the medium repository.',
    '',
    markdown(verificationTable(results)),
    '',
    '## What the runtime guarantees cost',
    '',
    'Per generation, medians: the perturbed run (the held-out run again in another environment, in a',
    'container of its own beside it), the planted faults (after the held-out run, in its container, each',
    'through the tests that reach the fault), and the mutation stage, which now also runs the tests once',
    'with coverage and gives every changed line a mutant of its own. `verification wall` is checkChange',
    "plus the longer of the two branches (the Lab's run and its mutants; the held-out run, what of the",
    'perturbed run outlasts it, and the planted faults); `before` is the same wall as this bench measured',
    'it before these guarantees (commit a1ba873). The aim is at most 1.5× on the tiny and medium repositories.',
    '`tracing reads` is what listing the files the baseline, the Lab\'s and the held-out run read added to',
    'those runs (access times set back before each, and listed after). `survivors called` is the part of the',
    'mutation stage that calls each surviving mutant that takes code away or swaps an operation like its function (one harness',
    'run per mutant).',
    '',
    markdown(guaranteesTable(results)),
    '',
    'Each generation is one `generationWorkflow` started as `loom generate` starts it (its own baseline,',
    'not reused as in a loop), with the scripted Lab of `test/integration/scripts.ts` (`addMultiply`: read,',
    'edit, write, done) and an approving reviewer, on a worker in its own process and a Temporal dev',
    'server (SQLite) of the bench\'s own. Loom\'s per-step time is its activity\'s run time in the',
    'workflow history (started → completed, so everything the activity does counts); `record` is the',
    'generation record\'s own `durationsMs` for comparison (runTests stops its clock before it removes its',
    'container). `orchestration` is whatever remains of the wall time from `client.workflow.start` to the',
    'result: Temporal\'s scheduling, persistence and transport between the activities (0 if steps ever overlap).',
    '',
    ...results.flatMap((r) => [
      `## ${r.repo.spec.size}: ${r.repo.spec.describe}`,
      '',
      `${r.repo.trackedFiles.toLocaleString('en-US')} tracked files, ${r.repo.commits.toLocaleString('en-US')} commit${r.repo.commits === 1 ? '' : 's'}, ${r.repo.packMb.toFixed(1)} MB of git objects; test command \`${r.repo.spec.testCommand}\`. Medians of ${r.loom.length} runs.`,
      '',
      markdown(sizeTable(r)),
      '',
      ...details(r).map((d) => `- ${d}`),
      '',
    ]),
    '## Probes: where a step\'s time goes',
    '',
    'Loom\'s building blocks timed one by one in the bench process on the tiny repository (medians of 7;',
    '`bench/probe.ts`, runnable alone), next to the bare command. Not part of the totals.',
    '',
    markdown(probeTable(input.probes)),
    '',
    FLOOR_TEXT(input.floorSteps),
    '',
    modelSessionsMarkdown(input.modelSessions),
    '## Repositories',
    '',
    `tiny is \`examples/calc\` made into a fresh repository (as the demo does). medium and large are`,
    `generated by \`bench/repos.ts\` (generator ${GENERATOR_VERSION}) with \`git fast-import\`: the calc files`,
    `plus generated ES modules under \`src/gen/\` (0.5–1 KB each, 100 per folder), arriving evenly over`,
    `the history while each commit also edits two earlier modules; then \`git gc\`. They are cached in`,
    `\`.loom/bench-cache/\` and cloned (\`git clone\`, main checked out) into a temp folder for each bench.`,
    '',
    '## Machine',
    '',
    `A shared machine gives noisy numbers, the large repository's most of all: its steps write 20,000 files`,
    `into overlay2 and delete them again, and the same operation took anywhere from 3 to 24 s here while`,
    `other work ran. The load average below says how busy the machine was; the per-run totals above show`,
    `the spread. The raw numbers of the last run are in \`.loom/bench-last.json\`.`,
    '',
    `| | |`,
    `|---|---|`,
    `| CPU | ${machine.cpu} |`,
    `| cores | ${machine.cores} |`,
    `| RAM | ${machine.ramGb} GB |`,
    `| kernel | ${machine.kernel} |`,
    `| Docker | ${machine.docker} |`,
    `| Node | ${machine.node} |`,
    `| git | ${machine.git} |`,
    `| Temporal CLI | ${machine.temporal} |`,
    `| Lab image | ${machine.labImage} |`,
    `| load average (1, 5, 15 min) | before ${input.loadBefore}; after ${input.loadAfter} |`,
    '',
  ].join('\n');
  return { console: consoleText, markdown: md };
}
