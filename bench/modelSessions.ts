// The model section of the bench: what a Lab session sends and pays, run with Loom's
// defaults (prompt caching, masking and references to repeated outputs) and with them
// switched off, side by side. The real agent loop and the real SDK talk to the scripted
// server, whose context window is lifted for the "off" runs so their true size shows;
// tools run on the host in a clone (no container: this measures tokens, not isolation).
// Run alone with `npx tsx bench/modelSessions.ts`.
import Anthropic from '@anthropic-ai/sdk';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runAgent } from '../lab/agent';
import type { LabShell } from '../lab/labShell';
import { contextBudgetOf, contextWindowOf } from '../model/contextWindow';
import { billedInputTokens, costUsd, promptTokens } from '../model/pricing';
import type { ScriptStep } from '../model/modelScript';
import { startScriptedModelServer } from '../model/scriptedModelServer';
import { prepareRepo } from './repos';

export const BENCH_MODEL = 'claude-sonnet-4-6';

export interface ModelSessionRow {
  session: string;
  mode: 'defaults' | 'caching and masking off';
  turns: number;
  /** Every prompt token sent, cached or not. */
  promptTokens: number;
  /** Input tokens at the full price that cost the same: cache writes 1.25×, reads 0.1×. */
  billedInputTokens: number;
  cacheReadShare: number;
  largestRequest: number;
  overWindow: number;
  usd: number;
  masked: number;
}

/** Tools on the host, in a folder: enough for scripted reads, writes and test runs. */
function hostShell(dir: string): LabShell {
  return {
    async bash(command, timeoutSec) {
      const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', timeout: timeoutSec * 1000, maxBuffer: 64 * 1024 * 1024 });
      const cap = (s: string) => (s.length > 32 * 1024 ? s.slice(-32 * 1024) : s);
      return { stdout: cap(r.stdout ?? ''), stderr: cap(r.stderr ?? ''), exitCode: r.status ?? 1, truncated: (r.stdout ?? '').length > 32 * 1024, timedOut: false };
    },
    readFile: async (path) => readFileSync(join(dir, path), 'utf8'),
    async writeFile(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
  };
}

// A 36 KB source file, read ten times a turn for nine turns, then one honest test.
const BIG = Array.from({ length: 900 }, (_, i) => `export const value${String(i).padStart(4, '0')} = ${i}; // ${'x'.repeat(12)}`).join('\n') + '\n';
const HONEST_TEST: ScriptStep = {
  tool: 'write',
  input: { path: 'test/big.test.js', content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { value0001 } from '../src/big.js';\n\ntest('value0001 is 1', () => assert.equal(value0001, 1));\n" },
};

function heavyReads(): ScriptStep[] {
  const turn: ScriptStep = { tools: Array.from({ length: 10 }, () => ({ name: 'read', input: { path: 'src/big.js' } })) };
  return [...Array.from({ length: 9 }, () => turn), HONEST_TEST, { tool: 'bash', input: { command: 'node --test test/' } }, { text: 'Added a test of value0001; the tests pass.' }];
}

/** The same session where no output repeats (each read is told apart by a counter): only masking keeps it in the window. */
function heavyDistinctReads(): ScriptStep[] {
  const turn = (t: number): ScriptStep => ({ tools: Array.from({ length: 10 }, (_, k) => ({ name: 'bash', input: { command: `echo read ${t}-${k}; head -c 30000 src/big.js` } })) });
  return [...Array.from({ length: 9 }, (_, t) => turn(t)), HONEST_TEST, { tool: 'bash', input: { command: 'node --test test/' } }, { text: 'Added a test of value0001; the tests pass.' }];
}

/** Thirty turns of ordinary work on the medium repository: reads, searches, edits and test runs. */
function ordinaryWork(modules: string[]): ScriptStep[] {
  const steps: ScriptStep[] = [];
  for (let t = 0; steps.length < 27; t++) {
    const m = modules[t % modules.length]!;
    steps.push({ tool: 'read', input: { path: m } }, { tool: 'bash', input: { command: `grep -n "export function" ${m} | head -5` } }, { tool: 'bash', input: { command: 'node --test test/ 2>&1 | tail -12' } });
  }
  steps.push(
    { tool: 'write', input: { path: 'test/extra.test.js', content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n\ntest('two plus two', () => assert.equal(2 + 2, 4));\n" } },
    { tool: 'bash', input: { command: 'node --test test/ 2>&1 | tail -12' } },
    { text: 'Added a test; the suite passes.' },
  );
  return steps;
}

async function session(name: string, script: ScriptStep[], dir: string, defaults: boolean): Promise<ModelSessionRow> {
  const window = contextWindowOf(BENCH_MODEL);
  // Off: no window, so the naive session's true size is measured rather than refused.
  const server = await startScriptedModelServer({ lab: script }, { contextWindow: defaults ? window : 100 * window });
  try {
    const client = new Anthropic({ apiKey: 'bench', baseURL: server.baseUrl('lab'), maxRetries: 0 });
    const run = await runAgent({ client, model: BENCH_MODEL, program: `# ${name}\n\nDo the task.\n`, shell: hostShell(dir), maxTurns: 60, contextBudget: contextBudgetOf(BENCH_MODEL), cache: defaults, manageContext: defaults });
    const sizes = server.requests.filter((r) => r.path === 'messages' && r.reply?.status === 200).map((r) => {
      const u = r.reply!.body.usage;
      return u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
    });
    const sent = promptTokens(run.tokens);
    return {
      session: name,
      mode: defaults ? 'defaults' : 'caching and masking off',
      turns: run.turns,
      promptTokens: sent,
      billedInputTokens: Math.round(billedInputTokens(run.tokens)),
      cacheReadShare: sent ? (run.tokens.cacheReadTokens ?? 0) / sent : 0,
      largestRequest: Math.max(...sizes),
      overWindow: sizes.filter((s) => s > window).length,
      usd: costUsd(BENCH_MODEL, run.tokens),
      masked: run.masked,
    };
  } finally {
    await server.close();
  }
}

export async function runModelSessions(log: (line: string) => void): Promise<ModelSessionRow[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'loom-bench-model-'));
  const rows: ModelSessionRow[] = [];
  try {
    const medium = await prepareRepo('medium', join(tmp, 'medium'), log);
    const modules = spawnSync('git', ['-C', medium.path, 'ls-files', 'src/gen'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).slice(0, 40);
    const sessions: Array<[string, () => ScriptStep[], (dir: string) => void]> = [
      ['heavy reads (36 KB file, 10 reads a turn, 9 turns)', heavyReads, (dir) => writeFileSync(join(dir, 'src', 'big.js'), BIG)],
      ['heavy distinct reads (10 different 30 KB outputs a turn, 9 turns)', heavyDistinctReads, (dir) => writeFileSync(join(dir, 'src', 'big.js'), BIG)],
      ['30 turns of ordinary work (medium repository)', () => ordinaryWork(modules), () => undefined],
    ];
    for (const [name, script, setup] of sessions) {
      for (const defaults of [true, false]) {
        const dir = join(tmp, `s${rows.length}`);
        spawnSync('git', ['clone', '-q', medium.path, dir]);
        mkdirSync(join(dir, 'src'), { recursive: true });
        setup(dir);
        const row = await session(name, script(), dir, defaults);
        log(`  ${name}, ${row.mode}: ${row.turns} turns, ${row.billedInputTokens.toLocaleString('en-US')} billed input tokens, ${(row.cacheReadShare * 100).toFixed(1)}% read from cache, largest request ${row.largestRequest.toLocaleString('en-US')}, $${row.usd.toFixed(2)}`);
        rows.push(row);
      }
    }
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The section for docs/bench.md. */
export function modelSessionsMarkdown(rows: ModelSessionRow[]): string {
  const window = contextWindowOf(BENCH_MODEL).toLocaleString('en-US');
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `## Model sessions (${BENCH_MODEL} prices, scripted model with a ${window}-token window)`,
    '',
    "Each session is the real agent loop and SDK against the scripted server, once with Loom's defaults (cache breakpoints on the system prompt and the two latest turns; old tool outputs elided past 60% of the window; an output identical to one still in view sent as a reference) and once with all of that off. Billed input counts cache writes at 1.25× and reads at 0.1× the input price.",
    '',
    '| session | mode | turns | prompt tokens sent | billed input tokens | read from cache | largest request | requests over the window | outputs elided | cost |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.session} | ${r.mode} | ${r.turns} | ${n(r.promptTokens)} | ${n(r.billedInputTokens)} | ${(r.cacheReadShare * 100).toFixed(1)}% | ${n(r.largestRequest)} | ${r.overWindow} | ${r.masked} | $${r.usd.toFixed(2)} |`),
    '',
  ];
  for (let i = 0; i + 1 < rows.length; i += 2) {
    const [on, off] = [rows[i]!, rows[i + 1]!];
    lines.push(`- ${on.session}: Loom's defaults cost ${((on.usd / off.usd) * 100).toFixed(1)}% of the uncached session ($${on.usd.toFixed(2)} vs $${off.usd.toFixed(2)}); largest request ${n(on.largestRequest)} vs ${n(off.largestRequest)} tokens.`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('modelSessions.ts')) {
  runModelSessions((l) => console.log(l))
    .then((rows) => console.log(`\n${modelSessionsMarkdown(rows)}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
