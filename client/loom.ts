// The loom command: a table of commands, each handler in the module that owns its work.
import { settingFlags, setBy, SETTINGS, type Setting, type Use } from '../config/settings';
import { cluster, reap, server, signal, worker } from './adminCommands';
import { runDemo } from './demo';
import { configCommand, estimateCommand, history, report, show, status, ui } from './inspectCommands';
import { generate, run } from './workCommands';

interface Command {
  /** Arguments, as the help shows them. */
  args: string;
  does: string;
  run(args: string[]): Promise<number>;
}

/** The placeholder of a setting's flag in the help: --max-turns N, --mount DIR, --base BASE. */
function placeholder(s: Setting): string {
  if (s.kind === 'folders') return 'DIR';
  if (s.kind === 'positiveNumber') return 'X';
  if (['positiveInteger', 'count', 'labs', 'port'].includes(s.kind)) return 'N';
  if (s.key === 'setup') return 'COMMAND';
  return s.flag!.split('-').at(-1)!.toUpperCase();
}

const flagsOf = (uses: Use[]) => settingFlags(uses).map((s) => `[--${s.flag} ${placeholder(s)}]${s.kind === 'folders' ? '...' : ''}`).join(' ');

const COMMANDS: Record<string, Command> = {
  demo: { args: '', does: 'a three-generation loop on the bundled example (scripted model without ANTHROPIC_API_KEY)', run: () => runDemo(process.env) },
  run: { args: `--repo PATH ${flagsOf(['work', 'loop'])} [--detach]`, does: 'start the unattended loop (Prime reflects, each generation builds on the last); prints one line per generation unless --detach', run },
  status: { args: '--repo PATH [--watch] [--json]', does: "the loop's state: current generation and step, totals, spend, budgets", run: status },
  pause: { args: '--repo PATH', does: 'pause the loop after the current step', run: (a) => signal('pause', a) },
  resume: { args: '--repo PATH', does: 'resume a paused loop', run: (a) => signal('resume', a) },
  stop: { args: '--repo PATH', does: 'stop the loop after the current generation', run: (a) => signal('stop', a) },
  history: { args: '--repo PATH [--json]', does: 'every recorded generation, one row each', run: history },
  show: { args: 'N --repo PATH [--json] [--tests | --transcript]', does: "one generation in full: record, change, spec, reasons; --tests: every test's result in each run; --transcript: the Lab's session turn by turn", run: show },
  report: { args: '--repo PATH [--out FILE] [--json]', does: 'Markdown report from the ledger: promotion rate, cost per promoted generation and duration per Lab model, rejections by stage, fitness over time (also as an SVG chart)', run: report },
  estimate: { args: '--generations N [--lab-model M] [--prime-model M] [--repo PATH] [--json]', does: "expected cost of N generations (from the repo's history when it has one)", run: estimateCommand },
  config: { args: "[--repo PATH] [--json] [run's flags] [--schema]", does: "the effective configuration, each value with its source, secrets masked; --schema: loom.config.json's JSON Schema", run: configCommand },
  ui: { args: '[--repo PATH] [--open] [--json]', does: "the Temporal Web UI's link (filtered to the repo's workflows with --repo)", run: ui },
  generate: { args: `--repo PATH --program FILE [--generation N] ${flagsOf(['work'])} [--json | --events]`, does: 'one generation with your own program.md, on a running worker; prints its record (--events: one JSON line per step and Lab turn as they happen, the record last)', run: generate },
  reap: { args: '[--grace-seconds N]', does: 'remove containers and temporary refs that no running generation owns', run: reap },
  server: { args: 'start|stop', does: 'the embedded Temporal dev server (SQLite in .loom/temporal)', run: server },
  cluster: { args: 'start|stop|status', does: "a production-shaped Temporal on this machine: the server at the compose file's version, built from its Go module, on PostgreSQL (data in .loom/cluster); prints its address", run: cluster },
  worker: { args: '', does: 'run a worker (same as npm run worker); a Lab machine runs LOOM_WORKER_ROLE=lab loom worker', run: worker },
};

function usage(): string {
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  loom ${name}${c.args ? ` ${c.args}` : ''}\n      ${c.does}`);
  const width = Math.max(...SETTINGS.map((s) => s.key.length));
  const settings = (SETTINGS as readonly Setting[]).map((s) => `  ${s.key.padEnd(width)}  ${setBy(s)}`);
  return [
    'loom — verified, unattended improvement of a repository by an LLM coding agent',
    '',
    ...commands,
    '',
    'Settings, each set by a variable, a loom.config.json key at the repository\'s root or a flag (the flag wins,',
    'then the variable, then the file); `loom config --repo PATH` shows every value and where it came from:',
    ...settings,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    console.log(usage());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new Error(`unknown command "${name}"; run \`loom help\``);
  return command.run(rest);
}

/**
 * Exits once stdout and stderr have taken everything written to them: a pipe is written
 * asynchronously, and process.exit would cut a long record off at the pipe's buffer.
 */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
  console.error(`loom: ${(err as Error).message}`);
  exitAfterFlush(2);
});
