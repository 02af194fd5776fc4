// The bench's report, for the terminal and for docs/bench.md: the tables of benchTables.ts
// with the prose that says what they measure.
import { details, guaranteesTable, median, probeTable, sizeTable, summaryTable, verificationTable, type SizeResult } from './benchTables';
import { EXEC_PROBE, FLOOR_SCRIPTS, SEAL_FLAGS, floorTotal, type FloorStep } from './floor';
import type { Machine } from './machine';
import type { ProbeRow } from './probe';
import { modelSessionsMarkdown, type ModelSessionRow } from './modelSessions';
import { GENERATOR_VERSION } from './repos';
import { markdown, plain, type Table } from './tableText';

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
  /** Loom on its own repository, five generations in a loop (bench/selfLoop.ts); absent with --quick. */
  selfLoop?: { table: Table; summary: string };
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
    ...(input.selfLoop ? ['', 'Loom improving itself: five scripted generations in a loop (seconds)', plain(input.selfLoop.table), input.selfLoop.summary] : []),
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
    'builds the held-out tree). `verification wall` is measured in the workflow\'s history, from the Lab\'s',
    'branch on the host to the last test run or mutation stage done; `before` is runTests alone as this bench measured it before the held-out run and mutation',
    'testing existed (commit 5f2e6e0). The aim was at most 2× on the medium repository.',
    '',
    markdown(verificationTable(results)),
    '',
    '## What the runtime guarantees cost',
    '',
    'Per generation, medians: the perturbed run (the held-out run again in another environment, in a',
    'container of its own beside it), the planted faults (after the held-out run, in its container, each',
    'through the tests that reach the fault), and the mutation stage, which now also runs the tests once',
    'with coverage and gives every changed line a mutant of its own. `verification wall` is measured as',
    'above; `before` is the wall as this bench reckoned it before these guarantees (commit a1ba873: checkChange',
    'and the longer of the two test runs, then mutation). The aim is at most 1.5× on the tiny and medium repositories.',
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
    ...(input.selfLoop ? ['## Loom improving itself', '', 'A clone of Loom\'s committed main, set up and tested as the README\'s "Pointing Loom at itself" says', '(`bench/selfLoop.ts`): five scripted generations in one loop, each building on the last, with a', 'zero-latency model. Seconds per step, from each record; wall is the generation workflow\'s start to close.', '', markdown(input.selfLoop.table), '', `${input.selfLoop.summary}.`, ''] : []),
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
