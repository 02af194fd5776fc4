// `npm run bench`: scripted generations with a zero-latency model against repositories of
// three sizes, each next to its floor (the bare operations, measured in the same run).
// Runs: 5 on tiny (after a warm-up), 3 on medium, 2 on large, which keeps the whole bench
// near 5 minutes on a 2-core machine. Prints a table per size and writes docs/bench.md
// (--quick: tiny only, 3 runs, written to .loom/bench-quick.md). Then Loom on its own
// repository, five generations in a loop (bench/selfLoop.ts; --self-loop runs only that).
// Not a test: it asserts nothing but that every generation promotes.
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDevServer, freePort, type DevServer } from '../client/devServer';
import { startGeneration } from '../client/generations';
import type { GenerationRecord, GenerationRequest, Stage } from '../generation/recordTypes';
import { startScriptedModelServer } from '../model/scriptedModelServer';
import { runModelSessions } from './modelSessions';
import { cachedWorkflowBundle } from '../worker/workflowBundle';
import { WORKFLOWS_PATH } from '../worker/worker';
import { LOOM_ROOT, STATE_DIR, labImageTag, temporalBin } from '../provision/state';
import { addMultiply } from '../test/integration/scripts';
import { ensureSearchAttributes } from '../worker/registerSearchAttributes';
import { floorTotal, FLOOR_STEPS, runFloor, scriptedEdits, type FloorTimes } from './floor';
import { historyFacts, verificationWall, type HistoryFacts } from './history';
import { codeVersion, loadAverage, machineFacts } from './machine';
import { runProbes } from './probe';
import { prepareRepo, resetRepo, type BenchRepo, type RepoSize } from './repos';
import type { SizeResult } from './benchTables';
import { renderReport, type ReportInput } from './report';
import { runSelfLoop, selfLoopTable } from './selfLoop';
import { plain } from './tableText';

const PROGRAM = '# Add multiply\n\nAdd multiply(a, b) to src/calc.js with tests.\n';
const GENERATION_TIMEOUT_MS = 180_000;

interface Options {
  sizes: RepoSize[];
  runs: Partial<Record<RepoSize, number>>;
  out: string;
  quick: boolean;
  /** --self-loop: only Loom on its own repository, five generations (bench/selfLoop.ts). */
  selfLoopOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const opts: Options = {
    quick,
    selfLoopOnly: argv.includes('--self-loop'),
    sizes: quick ? ['tiny'] : ['tiny', 'medium', 'large'],
    runs: quick ? { tiny: 3 } : { tiny: 5, medium: 3, large: 2 },
    out: quick ? join(STATE_DIR, 'bench-quick.md') : join(LOOM_ROOT, 'docs', 'bench.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i] ?? '';
    if (a === '--sizes') opts.sizes = next().split(',').filter(Boolean) as RepoSize[];
    else if (a === '--runs') {
      const n = Number(next());
      for (const s of ['tiny', 'medium', 'large'] as RepoSize[]) opts.runs[s] = n;
    } else if (a === '--out') opts.out = next();
    else if (a !== '--quick' && a !== '--self-loop') throw new Error(`unknown option ${a} (use --quick, --self-loop, --sizes tiny,medium,large, --runs N, --out FILE)`);
  }
  return opts;
}

const log = (line: string) => console.log(line);

// ---------------------------------------------------------------- the worker, in its own process

interface WorkerProc {
  proc: ChildProcess;
  startupMs: number;
  /** Peak resident memory since the last reset, in MB (VmHWM). */
  peakMb(): number;
  rssMb(): number;
  /** Resets the peak to the current resident size (writes 5 to /proc/<pid>/clear_refs). */
  resetPeak(): boolean;
  stop(): Promise<void>;
}

function status(pid: number, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function startWorker(address: string, taskQueue: string, image: string, logFile: string, extraEnv: Record<string, string> = {}): Promise<WorkerProc> {
  const started = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', join(LOOM_ROOT, 'bench', 'worker.ts')], {
    cwd: LOOM_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: address, LOOM_TASK_QUEUE: taskQueue, LOOM_LAB_IMAGE: image, ANTHROPIC_API_KEY: 'scripted', LOOM_LAB_API_KEY: 'scripted', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  proc.on('exit', () => writeFileSync(logFile, out));
  const deadline = Date.now() + 120_000;
  while (!out.includes('bench worker ready')) {
    if (proc.exitCode !== null) throw new Error(`the bench worker exited (${proc.exitCode}) before it was ready:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the bench worker was not ready within 120 s:\n${out.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = proc.pid!;
  return {
    proc,
    startupMs: performance.now() - started,
    peakMb: () => status(pid, 'VmHWM'),
    rssMb: () => status(pid, 'VmRSS'),
    resetPeak: () => {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- one Loom generation

export interface LoomRun {
  wallMs: number;
  record: GenerationRecord;
  history: HistoryFacts;
}

async function runLoomGeneration(client: Client, taskQueue: string, repo: BenchRepo, generation: number): Promise<LoomRun> {
  const model = await startScriptedModelServer(addMultiply());
  try {
    const input: GenerationRequest = {
      repoPath: repo.path,
      baseRef: 'main',
      generation,
      program: PROGRAM,
      settings: {
        models: { prime: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, lab: { model: 'claude-opus-4-6', baseURL: model.baseUrl('lab') } },
        testCommand: repo.spec.testCommand,
      },
    };
    const started = performance.now();
    const handle = await startGeneration(client, taskQueue, input);
    let timer: NodeJS.Timeout | undefined;
    const record = await Promise.race([
      handle.result(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`generation ${handle.workflowId} did not finish within ${GENERATION_TIMEOUT_MS / 1000} s`)), GENERATION_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    const wallMs = performance.now() - started;
    if (record.outcome.kind !== 'promoted') {
      throw new Error(`generation ${generation} on the ${repo.spec.size} repository was not promoted: ${JSON.stringify(record.outcome).slice(0, 1500)}`);
    }
    const history = await historyFacts(client, handle.workflowId, (handle as { firstExecutionRunId?: string }).firstExecutionRunId);
    return { wallMs, record, history };
  } finally {
    await model.close();
  }
}

// Loom's steps as the table shows them: each activity's run time from the history (started →
// completed, so everything the activity does counts, its clean-up included), the record's own
// durationsMs beside it, and whatever is left of the wall time: Temporal's scheduling and transport.
export const LOOM_ROWS = ['resolveBase', 'baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote', 'other activities', 'orchestration'] as const;
export type LoomRow = (typeof LOOM_ROWS)[number];
const RECORD_STAGES: Stage[] = ['baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote'];

export function loomRows(r: LoomRun): { rows: Record<LoomRow, number> & { total: number }; recorded: Partial<Record<LoomRow, number>>; verificationWallMs?: number } {
  const rows = Object.fromEntries(LOOM_ROWS.map((k) => [k, 0])) as Record<LoomRow, number> & { total: number };
  let testRuns = 0;
  for (const a of r.history.activities) {
    let row: LoomRow;
    // The first runTests is the baseline (a standalone generation always measures it).
    if (a.name === 'runTests') row = testRuns++ === 0 && r.record.durationsMs.baseline !== undefined ? 'baseline' : 'runTests';
    else if (a.name === 'mutationTests') row = 'mutation';
    else row = (LOOM_ROWS as readonly string[]).includes(a.name) ? (a.name as LoomRow) : 'other activities';
    rows[row] += a.runMs;
  }
  // The Lab's run and the held-out run are both runTests, at the same time: the record tells them apart.
  const heldOut = r.record.durationsMs.heldOut ?? 0;
  rows.heldOut = Math.min(heldOut, rows.runTests);
  rows.runTests -= rows.heldOut;
  // Local activities (checkChange, promote) leave no activity events: their time is the record's.
  for (const s of RECORD_STAGES) if (rows[s as LoomRow] === 0 && r.record.durationsMs[s] !== undefined) rows[s as LoomRow] = r.record.durationsMs[s]!;
  // The held-out run overlaps the Lab's run, so it is not added to the wall time twice.
  const accounted = LOOM_ROWS.filter((k) => k !== 'orchestration' && k !== 'heldOut').reduce((s, k) => s + rows[k], 0);
  rows.orchestration = Math.max(0, r.wallMs - accounted);
  rows.total = r.wallMs;
  const recorded: Partial<Record<LoomRow, number>> = {};
  for (const s of RECORD_STAGES) if (r.record.durationsMs[s] !== undefined) recorded[s as LoomRow] = r.record.durationsMs[s];
  return { rows, recorded, verificationWallMs: verificationWall(r.history) };
}


// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const benchStarted = performance.now();
  const image = labImageTag();
  const temporal = temporalBin();
  const tmp = mkdtempSync(join(tmpdir(), 'loom-bench-'));
  const loadBefore = loadAverage();
  log(`loom bench${opts.quick ? ' --quick' : ''}: sizes ${opts.sizes.join(', ')}; lab image ${image}; load average ${loadBefore}`);
  if (Number(loadBefore.split(' ')[0]) > cpus().length / 2) log(`note: load average ${loadBefore.split(' ')[0]} on ${cpus().length} cores: other work is running, and the numbers will be noisy`);

  let server: DevServer | undefined;
  let worker: WorkerProc | undefined;
  let connection: Connection | undefined;
  const results: SizeResult[] = [];
  let selfLoop: ReportInput['selfLoop'];
  try {
    server = await ensureDevServer({ dir: join(tmp, 'temporal'), port: await freePort(), uiPort: await freePort() });
    log(`temporal dev server ${server.address} (pid ${server.pid})`);
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    await ensureSearchAttributes(client, 'default');
    const taskQueue = `bench-${process.pid}`;
    // Start-up with the workflows bundled at start, against the bundle cached by the code's hash (built here first if missing).
    await cachedWorkflowBundle(WORKFLOWS_PATH);
    const startup: ReportInput['workerStart'] = { bundling: { ms: 0, peakMb: 0 }, cached: { ms: 0, peakMb: 0 } };
    for (const mode of ['bundling', 'cached'] as const) {
      const w = await startWorker(server.address, `${taskQueue}-${mode}`, image, join(tmp, `worker-${mode}.log`), mode === 'bundling' ? { LOOM_BENCH_BUNDLE: 'fresh' } : {});
      startup[mode] = { ms: w.startupMs, peakMb: w.peakMb() };
      await w.stop();
      log(`worker start-up, ${mode === 'bundling' ? 'bundling the workflows at start' : 'loading the cached bundle'}: ${(startup[mode].ms / 1000).toFixed(1)} s, peak ${startup[mode].peakMb.toFixed(0)} MB`);
    }
    worker = await startWorker(server.address, taskQueue, image, join(tmp, 'worker.log'));
    const startupPeakMb = worker.peakMb();
    log(`worker pid ${worker.proc.pid} ready in ${(worker.startupMs / 1000).toFixed(1)} s (cached workflow bundle), peak ${startupPeakMb.toFixed(0)} MB so far`);
    const canResetPeak = worker.resetPeak();

    if (opts.selfLoopOnly || !opts.quick) {
      log('\nLoom improving itself: a clone of main, five scripted generations in a loop ...');
      selfLoop = selfLoopTable(await runSelfLoop(client, taskQueue, tmp, log));
      log(`${plain(selfLoop.table)}\n${selfLoop.summary}`);
      if (opts.selfLoopOnly) return;
    }

    for (const size of opts.sizes) {
      const repoStarted = performance.now();
      const repo = await prepareRepo(size, join(tmp, 'repos', size === 'tiny' ? 'calc' : size), log);
      log(`\n${size}: ${repo.trackedFiles} files, ${repo.commits} commits, ${repo.packMb.toFixed(1)} MB of objects, test command \`${repo.spec.testCommand}\` (ready in ${((performance.now() - repoStarted) / 1000).toFixed(1)} s)`);
      const edits = await scriptedEdits(repo, addMultiply());
      // The first generation after the worker starts pays for cold paths (workflow sandbox,
      // connections, page cache); it is run and shown, but not counted.
      const warmups = size === opts.sizes[0] ? 1 : 0;
      const runs = opts.runs[size] ?? 3;
      if (canResetPeak) worker.resetPeak();
      const loom: LoomRun[] = [];
      const floors: FloorTimes[] = [];
      let warmup: { loomMs: number; floorMs: number } | undefined;
      for (let i = 0; i < warmups + runs; i++) {
        const generation = i + 1;
        // Alternate which goes first, so neither always inherits the other's warm caches.
        const order = i % 2 === 0 ? ['loom', 'floor'] : ['floor', 'loom'];
        let l: LoomRun | undefined;
        let f: FloorTimes | undefined;
        for (const which of order) {
          if (which === 'loom') l = await runLoomGeneration(client, taskQueue, repo, generation);
          else f = await runFloor(repo, image, edits);
          await resetRepo(repo);
        }
        const ratio = l!.wallMs / floorTotal(f!);
        const label = i < warmups ? 'warm-up' : `run ${i - warmups + 1}/${runs}`;
        log(`  ${size} ${label}: Loom ${l!.wallMs.toFixed(0)} ms, floor ${floorTotal(f!).toFixed(0)} ms (${ratio.toFixed(2)}×); ${l!.history.events} history events; Lab turns ${l!.record.labTurns}`);
        if (i < warmups) warmup = { loomMs: l!.wallMs, floorMs: floorTotal(f!) };
        else {
          loom.push(l!);
          floors.push(f!);
        }
      }
      results.push({
        repo,
        loom: loom.map((r) => ({ ...loomRows(r), events: r.history.events, workflowTasks: r.history.workflowTasks, workflowTaskMs: r.history.workflowTaskMs, queueMs: r.history.activities.reduce((s, a) => s + a.queueMs, 0), labTurns: r.record.labTurns ?? 0, verification: r.record.verification, durationsMs: r.record.durationsMs })),
        floors,
        warmup,
        workerPeakMb: canResetPeak ? worker.peakMb() : NaN,
        seconds: (performance.now() - repoStarted) / 1000,
      });
    }

    // Each size reset the peak; the generations' peak is the largest of theirs.
    const workerPeakMb = canResetPeak ? Math.max(...results.map((r) => r.workerPeakMb)) : worker.peakMb();
    log('\nprobes: Loom\'s building blocks, one by one (not part of the totals) ...');
    const probes = await runProbes(image);
    log('\nmodel sessions: what a Lab sends and pays, defaults against caching and masking off ...');
    const modelSessions = await runModelSessions(log);
    const report = renderReport({
      quick: opts.quick,
      date: new Date(),
      machine: await machineFacts(temporal, image),
      code: await codeVersion(LOOM_ROOT),
      loadBefore,
      loadAfter: loadAverage(),
      workerStartupMs: worker.startupMs,
      workerStartupPeakMb: startupPeakMb,
      workerPeakMb,
      workerRssMb: worker.rssMb(),
      canResetPeak,
      results,
      benchSeconds: (performance.now() - benchStarted) / 1000,
      floorSteps: FLOOR_STEPS,
      probes,
      modelSessions,
      workerStart: startup,
      selfLoop,
    });
    console.log(`\n${report.console}`);
    writeFileSync(opts.out, report.markdown);
    writeFileSync(join(STATE_DIR, 'bench-last.json'), JSON.stringify({ date: new Date().toISOString(), options: opts, workerStartupMs: worker.startupMs, workerStartupPeakMb: startupPeakMb, workerPeakMb, results, probes, modelSessions }, null, 2));
    log(`\nwritten to ${relative(process.cwd(), opts.out) || opts.out} (bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
  } finally {
    await worker?.stop();
    await connection?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
