import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { simpleGit } from 'simple-git';
import { modelSettingsFromEnv } from '../model/modelSettings';
import { openRepo } from '../git/gitWorkspace';
import { STATE_DIR } from '../provision/state';
import { runDemo } from './demo';
import { runWorker } from '../worker/worker';
import { ensureDevServer, stopDevServer } from './devServer';
import { formatRecord } from './formatRecord';
import { connectClient, startGeneration, watchSteps } from './generations';
import { temporalConfigFromEnv } from './temporalConfig';

const USAGE = `loom — verified, unattended improvement of a repository by an LLM coding agent

  loom demo                       one generation on the bundled example (scripted model without ANTHROPIC_API_KEY)
  loom generate --repo PATH --program FILE [--base BRANCH] [--generation N] [--test-command CMD] [--max-turns N] [--json]
                                  start a generation on a running worker, wait, print its record
  loom server start|stop          the embedded Temporal dev server (SQLite in .loom/temporal)
  loom worker                     run a worker (same as npm run worker)

Temporal: TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY, TEMPORAL_API_KEY, LOOM_TASK_QUEUE.
Models: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, LOOM_MODEL, LOOM_LAB_MODEL, LOOM_LAB_API_KEY, LOOM_LAB_API_BASE.`;

async function nextGeneration(repo: string): Promise<number> {
  const branches = await simpleGit(repo).raw(['for-each-ref', '--format=%(refname:short)', 'refs/heads/lab/']);
  const numbers = branches.split('\n').map((b) => /^lab\/gen-(\d+)$/.exec(b)?.[1]).filter(Boolean).map(Number);
  return numbers.length ? Math.max(...numbers) + 1 : 1;
}

function readProgram(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the program ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --program the path of a program.md`);
  }
  if (text.trim() === '') throw new Error(`the program ${path} is empty: write the task in it`);
  return text;
}

async function generate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      repo: { type: 'string' },
      program: { type: 'string' },
      base: { type: 'string', default: 'main' },
      generation: { type: 'string' },
      'test-command': { type: 'string', default: 'npm test' },
      'max-turns': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.repo || !values.program) throw new Error('generate needs --repo PATH and --program FILE (the task, a program.md)');
  const repo = await openRepo(resolve(values.repo));
  const program = readProgram(resolve(values.program));
  const generation = values.generation ? Number(values.generation) : await nextGeneration(repo);
  if (!Number.isInteger(generation) || generation < 1) throw new Error(`--generation must be a positive integer, got ${values.generation}`);
  const maxTurns = values['max-turns'] ? Number(values['max-turns']) : undefined;
  if (maxTurns !== undefined && !(Number.isInteger(maxTurns) && maxTurns > 0)) throw new Error(`--max-turns must be a positive integer, got ${values['max-turns']}`);
  const config = temporalConfigFromEnv(process.env);
  const client = await connectClient(config);
  try {
    const handle = await startGeneration(client, config.taskQueue, {
      repoPath: repo,
      baseRef: values.base!,
      generation,
      program,
      models: modelSettingsFromEnv(process.env),
      testCommand: values['test-command']!,
      maxTurns,
    });
    const result = handle.result();
    if (!values.json) {
      console.log(`generation ${generation} started: workflow ${handle.workflowId} on task queue ${config.taskQueue}`);
      await watchSteps(handle, result, (line) => console.log(line));
    }
    const record = await result;
    console.log(values.json ? JSON.stringify(record, null, 2) : formatRecord(record));
    return record.outcome.kind === 'promoted' ? 0 : 1;
  } finally {
    await client.connection.close();
  }
}

async function server(args: string[]): Promise<number> {
  const config = temporalConfigFromEnv(process.env);
  const port = Number(config.address.split(':')[1]);
  const opts = { dir: join(STATE_DIR, 'temporal'), port, uiPort: Number(process.env.LOOM_UI_PORT || 8233), detached: true };
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
    case 'generate':
      return generate(rest);
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
