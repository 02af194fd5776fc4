import { MAX_LABS } from '../generation/record';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { simpleGit } from 'simple-git';
import { checkBase, openRepo } from '../git/gitWorkspace';
import { budgetsLeft, type Budgets } from '../generation/loop';
import { formatProblems, parseProgram } from '../program/programSpec';
import { STATE_DIR } from '../provision/state';
import { runWorker, scopeOf } from '../worker/worker';
import { runDemo } from './demo';
import { ensureDevServer, stopDevServer } from './devServer';
import { formatRecord } from './formatRecord';
import { historyTable, showGeneration } from './history';
import { ledgerPath, readLedger } from '../ledger/generationLedger';
import { readTestReports, testTable } from '../ledger/testReports';
import { configRows, formatConfig, loadConfig, modelSettingsOf, type ConfigFlags, type LoomConfig } from '../config/loomConfig';
import { buildReport, fitnessSvg, reportMarkdown } from './report';
import { estimate, formatEstimate, historyFrom } from './estimate';
import { Progress } from './progress';
import { repoQuery, webUiBase, workflowsLink } from './webUi';
import { startGeneration, watchSteps } from './generations';
import { reapOrphans } from '../lab/reaper';
import Docker from 'dockerode';
import { followLoop, loopHandle, loopStatus, startLoop } from './loops';
import { connectClient, temporalConfigFromEnv, workflowIsRunning } from '../config/temporalConfig';

const USAGE = `loom — verified, unattended improvement of a repository by an LLM coding agent

  loom demo                       a three-generation loop on the bundled example (scripted model without ANTHROPIC_API_KEY)
  loom run --repo PATH [--generations N] [--usd X] [--hours H] [--max-failures N] [--base BRANCH] [--labs K]
           [--test-command CMD] [--mount DIR]... [--max-turns N] [--max-repo-mb N] [--detach]
                                  start the unattended loop (Prime reflects, each generation builds on the last);
                                  prints one line per generation unless --detach
  loom status --repo PATH [--watch] [--json]   the loop's state: current generation and step, totals, spend, budgets
  loom pause|resume|stop --repo PATH pause after the current step, resume, or stop after the current generation
  loom history --repo PATH [--json]  every recorded generation, one row each
  loom show N --repo PATH [--json] [--tests]   one generation in full: record, change, spec, reasons; --tests: every test's result in each run
  loom report --repo PATH [--out FILE] [--json]
                                  Markdown report from the ledger: promotion rate, cost per promoted generation and
                                  duration per Lab model, rejections by stage, fitness over time (also as an SVG chart)
  loom estimate --generations N [--lab-model M] [--prime-model M] [--repo PATH] [--json]
                                  expected cost of N generations (from the repo's history when it has one)
  loom config [--repo PATH] [--json] [run's flags]
                                  the effective configuration, each value with its source; secrets masked
  loom ui [--repo PATH] [--open] [--json]
                                  the Temporal Web UI's link (filtered to the repo's workflows with --repo)
  loom generate --repo PATH --program FILE [--base BRANCH] [--generation N] [--test-command CMD] [--mount DIR]... [--max-turns N] [--labs K] [--json]
                                  one generation with your own program.md, on a running worker; prints its record
  loom reap [--grace-seconds N]   remove containers and temporary refs that no running generation owns
  loom server start|stop          the embedded Temporal dev server (SQLite in .loom/temporal)
  loom worker                     run a worker (same as npm run worker)

Defaults for run and generate can live in loom.config.json at the repository's root (testCommand, baseBranch,
budgets {generations, usd, hours, maxFailures}, mounts, maxTurns, labImage, excludeFromReview); flags override it.
Temporal: TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY, TEMPORAL_API_KEY, LOOM_TASK_QUEUE.
Lab workers apart from Prime: LOOM_LAB_TASK_QUEUE and LOOM_EXCHANGE (a git repository both reach); a Lab machine runs LOOM_WORKER_ROLE=lab loom worker.
Web UI: LOOM_UI_URL, or the dev server's LOOM_UI_PORT (default 8233).
Models: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, LOOM_MODEL, LOOM_LAB_MODEL, LOOM_LAB_API_KEY, LOOM_LAB_API_BASE.`;

// No defaults here: a flag given overrides loom.config.json, and the defaults live in config/loomConfig.ts.
const COMMON = {
  repo: { type: 'string' },
  base: { type: 'string' },
  'test-command': { type: 'string' },
  mount: { type: 'string', multiple: true },
  'max-repo-mb': { type: 'string' },
  json: { type: 'boolean', default: false },
  labs: { type: 'string' },
} as const;

/** Best-of-K: how many Labs work on each program.md at once (1 by default). */
function labsFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > MAX_LABS) throw new Error(`--labs must be a whole number from 1 to ${MAX_LABS} (Labs run at once, each in its own container and worker slot), got "${value}"`);
  return k;
}

const RUN_FLAGS = { generations: { type: 'string' }, usd: { type: 'string' }, hours: { type: 'string' }, 'max-failures': { type: 'string' }, 'max-turns': { type: 'string' } } as const;

/** checkBase, saying so when the base came from loom.config.json (its error names only --base). */
async function checkConfiguredBase(repo: string, config: LoomConfig): Promise<void> {
  try {
    await checkBase(repo, config.baseBranch.value, config.maxRepoMb.value);
  } catch (err) {
    if (config.baseBranch.source === 'file') (err as Error).message += ` (the base "${config.baseBranch.value}" comes from baseBranch in ${config.file})`;
    throw err;
  }
}

function provisionedLabImage(): string | undefined {
  try {
    return readFileSync(join(STATE_DIR, 'lab-image'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Defaults ← the repo's loom.config.json ← environment ← the flags given. */
function effectiveConfig(repo: string | undefined, values: Record<string, unknown>): LoomConfig {
  const s = (k: string) => values[k] as string | undefined;
  const flags: ConfigFlags = {
    base: s('base'),
    testCommand: s('test-command'),
    generations: s('generations'),
    usd: s('usd'),
    hours: s('hours'),
    maxFailures: s('max-failures'),
    mounts: values.mount as string[] | undefined,
    maxTurns: s('max-turns'),
    maxRepoMb: s('max-repo-mb'),
    primeModel: s('prime-model'),
    labModel: s('lab-model'),
  };
  return loadConfig({ repo, env: process.env, flags, provisionedLabImage: provisionedLabImage() });
}

function positiveNumber(flag: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  return n;
}

async function repoFrom(value: string | undefined, command: string): Promise<string> {
  if (!value) throw new Error(`${command} needs --repo PATH (the git repository to improve)`);
  return openRepo(resolve(value));
}

function readProgram(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the program ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --program the path of a program.md`);
  }
  const { problems } = parseProgram(text);
  if (problems.length) throw new Error(`the program ${path} is not a valid program.md (see docs/program-md.md):\n${formatProblems(problems)}`);
  return text;
}

async function nextGeneration(repo: string): Promise<number> {
  const branches = await simpleGit(repo).raw(['for-each-ref', '--format=%(refname:short)', 'refs/heads/lab/']);
  const numbers = branches.split('\n').map((b) => /^lab\/gen-(\d+)$/.exec(b)?.[1]).filter(Boolean).map(Number);
  return numbers.length ? Math.max(...numbers) + 1 : 1;
}

async function withClient<T>(run: (client: Awaited<ReturnType<typeof connectClient>>, taskQueue: string) => Promise<T>): Promise<T> {
  const config = temporalConfigFromEnv(process.env);
  const client = await connectClient(config);
  try {
    return await run(client, config.taskQueue);
  } finally {
    await client.connection.close();
  }
}

/** What run and generate both send with the work, from the effective configuration. */
function workSettings(config: LoomConfig, labs: number | undefined) {
  return {
    models: modelSettingsOf(config),
    testCommand: config.testCommand.value,
    mounts: config.mounts.value.length ? config.mounts.value : undefined,
    maxTurns: config.maxTurns.value,
    maxRepoMb: config.maxRepoMb.value,
    labTaskQueue: config.labTaskQueue.value,
    exchange: config.exchange.value,
    labs,
    reviewExcludes: config.excludeFromReview.value.length ? config.excludeFromReview.value : undefined,
    // Only the file's image travels with the work; otherwise the worker uses its own.
    labImage: config.labImage.source === 'file' ? config.labImage.value : undefined,
    verification: Object.keys(config.verification.value).length ? config.verification.value : undefined,
  };
}

async function generate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...COMMON, program: { type: 'string' }, generation: { type: 'string' }, 'max-turns': { type: 'string' } } });
  if (!values.repo || !values.program) throw new Error('generate needs --repo PATH and --program FILE (the task, a program.md)');
  const labs = labsFlag(values.labs);
  const repo = await repoFrom(values.repo, 'generate');
  const config = effectiveConfig(repo, values);
  await checkConfiguredBase(repo, config);
  const program = readProgram(resolve(values.program));
  const generation = positiveNumber('generation', values.generation, true) ?? (await nextGeneration(repo));
  return withClient(async (client, taskQueue) => {
    const handle = await startGeneration(client, taskQueue, {
      repoPath: repo,
      baseRef: config.baseBranch.value,
      generation,
      program,
      ...workSettings(config, labs),
    });
    const result = handle.result();
    if (!values.json) {
      console.log(`generation ${generation} started: workflow ${handle.workflowId} on task queue ${taskQueue}`);
      const progress = new Progress(process.stdout);
      await watchSteps(handle, result, (line) => progress.setStep(line.replace(/^\s*→\s*/, '')), 250, (text) => progress.detail(text));
      progress.stop();
    }
    const record = await result;
    console.log(values.json ? JSON.stringify(record, null, 2) : formatRecord(record));
    return record.outcome.kind === 'promoted' ? 0 : 1;
  });
}

async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...COMMON, ...RUN_FLAGS, detach: { type: 'boolean', default: false } },
  });
  const labs = labsFlag(values.labs);
  const repo = await repoFrom(values.repo, 'run');
  const config = effectiveConfig(repo, values);
  await checkConfiguredBase(repo, config);
  const b = config.budgets;
  const budgets: Budgets = {
    maxGenerations: b.generations.value,
    maxUsd: b.usd.value,
    maxWallClockMs: b.hours.value === undefined ? undefined : b.hours.value * 3_600_000,
    maxConsecutiveFailures: b.maxFailures.value,
  };
  return withClient(async (client, taskQueue) => {
    const handle = await startLoop(client, taskQueue, {
      repoPath: repo,
      baseRef: config.baseBranch.value,
      budgets,
      ...workSettings(config, labs),
    });
    console.log(`loop started: workflow ${handle.workflowId} on task queue ${taskQueue}`);
    if (values.detach) return 0;
    // On a terminal, one live line shows the loop's step (and the generation's activity) as it moves.
    const progress = new Progress(process.stdout, { keepSteps: false });
    let following = true;
    const live = progress.live ? showLoopSteps(client, handle, progress, () => following) : Promise.resolve();
    const result = await followLoop(handle, (line) => progress.line(line)).finally(() => (following = false));
    await live;
    progress.stop();
    const t = result.state.totals;
    console.log(`loop ended (${result.stopReason}): ${t.generations} generations, ${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed, $${t.costUsd.toFixed(4)}`);
    return 0;
  });
}

async function status(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json, watch: { type: 'boolean', default: false } } });
  const repo = await repoFrom(values.repo, 'status');
  return withClient(async (client) => {
    const handle = loopHandle(client, repo);
    // --watch: again every 2 s while the loop runs, then once more with how it ended.
    for (;;) {
      const s = await loopStatus(handle);
      const running = (await handle.describe()).status.name === 'RUNNING';
      // The generation's own step (spawnLab, runTests …), asked of its workflow.
      const genStep = s.currentGeneration ? await client.workflow.getHandle(s.currentGeneration.workflowId).query<string>('step').catch(() => undefined) : undefined;
      if (values.json) {
        const doc = { ...s, running, generationStep: genStep, budgetsLeft: budgetsLeft(s.state, Date.now()) };
        // Watching: one JSON document per line.
        console.log(values.watch ? JSON.stringify(doc) : JSON.stringify(doc, null, 2));
      } else {
        const t = s.state.totals;
        console.log(`loop of ${repo}: ${s.step}${s.state.paused ? ' (paused)' : ''}${s.state.stopRequested ? ' (stopping)' : ''}${running ? '' : ' (ended)'}`);
        console.log(`  generations ${t.generations} (${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed), spent $${t.costUsd.toFixed(4)}`);
        console.log(`  left: ${budgetsLeft(s.state, Date.now())}`);
        if (s.currentGeneration) console.log(`  current: generation ${s.currentGeneration.generation}${genStep ? `, step ${genStep}` : ''} (${s.currentGeneration.workflowId})`);
      }
      if (!values.watch || !running) return 0;
      await new Promise((r) => setTimeout(r, 2000));
    }
  });
}

async function history(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json } });
  const entries = await readLedger(await repoFrom(values.repo, 'history'));
  if (values.json) console.log(JSON.stringify(entries, null, 2));
  else console.log(entries.length ? historyTable(entries) : 'no generations recorded yet for this repository');
  return 0;
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json, tests: { type: 'boolean' } }, allowPositionals: true });
  const n = positiveNumber('generation', positionals[0], true);
  if (n === undefined) throw new Error('show needs the generation number: loom show N --repo PATH');
  const repo = await repoFrom(values.repo, 'show');
  const matches = (await readLedger(repo)).filter((e) => e.record.generation === n);
  const entry = matches.at(-1);
  if (!entry) throw new Error(`no generation ${n} is recorded for this repository: see loom history`);
  const runs = values.tests ? await readTestReports(repo, entry.workflowId) : undefined;
  if (values.json) console.log(JSON.stringify(values.tests ? { ...entry, runs } : entry, null, 2));
  else console.log(values.tests ? (runs ? `${showGeneration(entry)}\n\nevery test, by run:\n${testTable(runs)}` : `${showGeneration(entry)}\n\n(no per-test results were recorded for this generation)`) : showGeneration(entry));
  return 0;
}

/** The loop's step, and the running generation's activity, for the live line. */
async function showLoopSteps(client: Awaited<ReturnType<typeof connectClient>>, handle: Awaited<ReturnType<typeof startLoop>>, progress: Progress, going: () => boolean): Promise<void> {
  while (going()) {
    try {
      const s = await loopStatus(handle);
      let text = s.step;
      if (s.currentGeneration) {
        const d = await client.workflow.getHandle(s.currentGeneration.workflowId).describe();
        const activity = d.raw.pendingActivities?.[0]?.activityType?.name;
        if (activity) text = `${s.step}: ${activity}`;
      }
      if (going()) progress.setStep(text);
    } catch {
      // Best effort: a query can miss between runs of a continue-as-new chain.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function report(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json, out: { type: 'string' } } });
  const repo = await repoFrom(values.repo, 'report');
  const entries = await readLedger(repo);
  const r = buildReport(repo, entries);
  const mdPath = values.out ? resolve(values.out) : undefined;
  let svgPath: string | undefined;
  let svgRef: string | undefined;
  if (entries.length) {
    // Next to the Markdown (report.md → report-fitness.svg), else beside the ledger.
    svgPath = mdPath ? `${mdPath.replace(/\.(md|markdown)$/i, '')}-fitness.svg` : join(dirname(await ledgerPath(repo)), 'report-fitness.svg');
    svgRef = mdPath ? basename(svgPath) : svgPath;
  }
  const markdown = reportMarkdown(r, svgRef);
  try {
    if (mdPath) {
      mkdirSync(dirname(mdPath), { recursive: true });
      writeFileSync(mdPath, markdown);
    }
    if (svgPath) {
      mkdirSync(dirname(svgPath), { recursive: true });
      writeFileSync(svgPath, fitnessSvg(r));
    }
  } catch (err) {
    throw new Error(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --out a file in a folder you can write to`);
  }
  if (values.json) console.log(JSON.stringify({ ...r, markdownPath: mdPath ?? null, svgPath: svgPath ?? null }, null, 2));
  else if (mdPath) console.log(svgPath ? `wrote ${mdPath} and ${svgPath}` : `wrote ${mdPath} (no generations yet, so no chart)`);
  else process.stdout.write(markdown);
  return 0;
}

async function estimateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json, generations: { type: 'string' }, 'lab-model': { type: 'string' }, 'prime-model': { type: 'string' } } });
  const n = positiveNumber('generations', values.generations, true);
  if (n === undefined) throw new Error('estimate needs --generations N (how many generations to price)');
  const config = effectiveConfig(undefined, values);
  const history = values.repo ? historyFrom(await readLedger(await repoFrom(values.repo, 'estimate'))) : undefined;
  const e = estimate(n, { prime: config.primeModel.value, lab: config.labModel.value }, history);
  console.log(values.json ? JSON.stringify(e, null, 2) : formatEstimate(e));
  return 0;
}

async function configCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...COMMON, ...RUN_FLAGS } });
  const repo = values.repo ? await repoFrom(values.repo, 'config') : undefined;
  const c = effectiveConfig(repo, values);
  console.log(values.json ? JSON.stringify({ repo: repo ?? null, file: c.file ?? null, settings: configRows(c) }, null, 2) : formatConfig(c, repo));
  return 0;
}

/** xdg-open's verdict: undefined when it took the link, else why not. */
function openInBrowser(url: string): Promise<string | undefined> {
  return new Promise((done) => {
    const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      child.unref(); // still starting a browser: leave it to it
      done(undefined);
    }, 5000);
    child.once('error', (err) => {
      clearTimeout(timer);
      done((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'xdg-open is not installed' : err.message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code === 0 ? undefined : `xdg-open exited with ${code}`);
    });
  });
}

async function ui(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo, json: COMMON.json, open: { type: 'boolean', default: false } } });
  const repo = values.repo ? await repoFrom(values.repo, 'ui') : undefined;
  const config = effectiveConfig(undefined, {});
  const namespace = config.temporalNamespace.value;
  const url = workflowsLink(webUiBase(config), namespace, repo);
  const notOpened = values.open ? await openInBrowser(url) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ url, namespace, repo: repo ?? null, query: repo ? repoQuery(repo) : null, ...(values.open ? { opened: !notOpened } : {}) }, null, 2));
    return 0;
  }
  console.log(repo ? `Temporal Web UI, the workflows of ${repo}:` : `Temporal Web UI, the workflows of namespace ${namespace}:`);
  console.log(url);
  if (notOpened) console.log(`(not opened: ${notOpened}; open the link yourself)`);
  return 0;
}

async function signal(name: 'pause' | 'resume' | 'stop', args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { repo: COMMON.repo } });
  const repo = await repoFrom(values.repo, name);
  return withClient(async (client) => {
    await loopHandle(client, repo).signal(name);
    const effect = { pause: 'pauses after the current step', resume: 'resumes', stop: 'stops after the current generation' }[name];
    console.log(`the loop of ${repo} ${effect}`);
    return 0;
  });
}

async function reap(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'grace-seconds': { type: 'string', default: '60' } } });
  const grace = Number(values['grace-seconds']);
  if (!(grace >= 0)) throw new Error(`--grace-seconds must be a number of seconds, got "${values['grace-seconds']}"`);
  const scope = scopeOf(temporalConfigFromEnv(process.env));
  return withClient(async (client) => {
    const r = await reapOrphans(new Docker(), (id) => workflowIsRunning(client, id), grace * 1000, Date.now(), scope);
    console.log(`removed ${r.removed.length} orphaned container(s)${r.removed.length ? `: ${r.removed.join(', ')}` : ''}; kept ${r.kept.length} owned by running (or just-started) workflows`);
    return 0;
  });
}

async function server(args: string[]): Promise<number> {
  const config = temporalConfigFromEnv(process.env);
  const port = Number(config.address.split(':')[1]);
  const opts = { dir: join(STATE_DIR, 'temporal'), port, uiPort: effectiveConfig(undefined, {}).uiPort.value, detached: true };
  if (args[0] === 'start') {
    const s = await ensureDevServer(opts);
    console.log(`Temporal dev server ${s.started ? 'started' : 'already running'} at ${s.address} (pid ${s.pid}); Web UI ${s.uiUrl}`);
    return 0;
  }
  if (args[0] === 'stop') {
    const pid = await stopDevServer(opts.dir);
    console.log(pid ? `Temporal dev server (pid ${pid}) stopped` : 'no Temporal dev server of Loom was running');
    return 0;
  }
  throw new Error('server needs start or stop');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo':
      return runDemo(process.env);
    case 'run':
      return run(rest);
    case 'status':
      return status(rest);
    case 'pause':
    case 'resume':
    case 'stop':
      return signal(command, rest);
    case 'history':
      return history(rest);
    case 'show':
      return show(rest);
    case 'generate':
      return generate(rest);
    case 'report':
      return report(rest);
    case 'estimate':
      return estimateCommand(rest);
    case 'config':
      return configCommand(rest);
    case 'ui':
      return ui(rest);
    case 'reap':
      return reap(rest);
    case 'server':
      return server(rest);
    case 'worker':
      await runWorker(process.env);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      throw new Error(`unknown command "${command}"; run \`loom help\``);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`loom: ${(err as Error).message}`);
    process.exit(2);
  },
);
