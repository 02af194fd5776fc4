import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRecord, Outcome } from '../../generation/recordTypes';
import { appendLedger } from '../../ledger/generationLedger';
import { exampleRepo, removeTempRepos, runLoom } from './harness';

// The reading commands as a person runs them: report, estimate, config and ui need neither
// Temporal nor Docker, only a repository and its ledger, so these run everywhere.

const SECRET = 'sk-ant-api03-NEVERPRINTME-9876';
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
const dir = mkdtempSync(join(tmpdir(), 'loom-cli-report-'));

function record(generation: number, labModel: string | undefined, outcome: Outcome, costUsd: number, fitness?: number): GenerationRecord {
  const r: GenerationRecord = {
    generation,
    repoPath: '/r',
    baseRef: 'main',
    labBranch: `lab/gen-${generation}`,
    program: `# Task ${generation}`,
    outcome,
    usage: {
      prime: { model: 'claude-sonnet-4-6', inputTokens: 20_000, outputTokens: 1_000, requests: 2, costUsd: 0.075 },
      ...(labModel ? { lab: { model: labModel, inputTokens: 200_000, outputTokens: 4_000, requests: 12, costUsd: costUsd - 0.075 } } : {}),
    },
    costUsd,
    durationsMs: { spawnLab: 40_000, runTests: 20_000 },
  };
  if (fitness !== undefined) r.fitness = { score: fitness, testsAdded: Math.round(fitness), penalties: [] };
  return r;
}

describe('loom report, estimate, config and ui', () => {
  let repo: string;
  let empty: string;

  beforeAll(async () => {
    repo = await exampleRepo();
    empty = await exampleRepo();
    const promoted: Outcome = { kind: 'promoted', sha: 'b'.repeat(40) };
    const entries: Array<[GenerationRecord, string]> = [
      [record(1, 'claude-opus-4-6', promoted, 1.2, 3), 'Add tests for clamp'],
      [record(2, 'claude-opus-4-6', { kind: 'rejected', stage: 'checkChange', reason: 'change rejected by the guard (1 violation): lost-test: clamp | bounds' }, 0.8, -9), 'Refactor clamp'],
      [record(3, 'claude-haiku-4-5', promoted, 0.3, 2), 'Add multiply'],
      [record(4, undefined, { kind: 'failed', stage: 'baseline', reason: 'the base is red' }, 0.1), 'Add divide'],
    ];
    for (const [r, title] of entries) {
      await appendLedger(repo, { workflowId: `loom-calc-x-gen-${r.generation}`, title, record: r, recordedAt: `2026-11-2${r.generation}T08:00:00.000Z` });
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeTempRepos();
  });

  it('report prints Markdown with the numbers per Lab model and stage, and writes the chart beside the ledger', async () => {
    const { code, out } = await runLoom(['report', '--repo', repo], env);
    expect(code).toBe(0);
    expect(out).toContain('# Loom report: calc');
    expect(out).toContain('**2 promoted (50%), 1 rejected, 1 failed; $2.40 spent, $1.20 per promoted generation; 60.0 s per generation on average.**');
    expect(out).toContain('| claude-opus-4-6 | 2 | 1 | 50% | $2.00 | $2.00 | 60.0 s |');
    expect(out).toContain('| claude-haiku-4-5 | 1 | 1 | 100% | $0.3000 | $0.3000 | 60.0 s |');
    expect(out).toContain('| (no Lab run) | 1 | 0 | 0% | $0.1000 | - | 60.0 s |');
    expect(out).toContain('| checkChange | 1 | 0 | 1× change rejected by the guard (1 violation): lost-test: clamp \\| bounds |');
    expect(out).toContain('| baseline | 0 | 1 | 1× the base is red |');
    expect(out).toContain('per generation  █▁▇   min -9, max 3');
    const svg = join(repo, '.git', 'loom', 'report-fitness.svg');
    expect(out).toContain(`![fitness over time](${svg})`);
    const chart = readFileSync(svg, 'utf8');
    expect(chart).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(chart.match(/<circle /g)).toHaveLength(3);
    expect(chart).toContain('generation 4: failed, not measured');
  });

  it('report --out writes the Markdown and report-fitness.svg next to it, linked relatively', async () => {
    const out = join(dir, 'reports', 'week1.md');
    const r = await runLoom(['report', '--repo', repo, '--out', out], env);
    expect(r.code).toBe(0);
    const svg = join(dir, 'reports', 'week1-fitness.svg');
    expect(r.out.trim()).toBe(`wrote ${out} and ${svg}`);
    expect(readFileSync(out, 'utf8')).toContain('![fitness over time](week1-fitness.svg)');
    expect(existsSync(svg)).toBe(true);
  });

  it('report --json gives the numbers to scripts, and an empty ledger is said so', async () => {
    const [json, none] = await Promise.all([runLoom(['report', '--repo', repo, '--json'], env), runLoom(['report', '--repo', empty], env)]);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r.totals).toMatchObject({ generations: 4, promoted: 2, rejected: 1, failed: 1 });
    expect(r.byModel.map((m: { labModel: string; promotionRate: number }) => [m.labModel, m.promotionRate])).toEqual([
      ['claude-opus-4-6', 0.5],
      ['(no Lab run)', 0],
      ['claude-haiku-4-5', 1],
    ]);
    expect(r.fitness.points.map((p: { level: number }) => p.level)).toEqual([3, 3, 5, 5]);
    expect(r.svgPath).toBe(join(repo, '.git', 'loom', 'report-fitness.svg'));
    expect(none.code).toBe(0);
    expect(none.out).toContain('no generations are recorded yet');
    expect(existsSync(join(empty, '.git', 'loom', 'report-fitness.svg'))).toBe(false);
  });

  it('estimate prices N generations from the repo history, or from stated assumptions without one', async () => {
    const [fresh, past, json] = await Promise.all([
      runLoom(['estimate', '--generations', '10', '--lab-model', 'claude-opus-4-6'], env),
      runLoom(['estimate', '--generations', '20', '--repo', repo, '--lab-model', 'claude-haiku-4-5'], env),
      runLoom(['estimate', '--generations', '10', '--repo', repo, '--json'], env),
    ]);
    expect(fresh.code).toBe(0);
    // The defaults assume the Lab's prompt is mostly read from the cache (see DEFAULT_TOKENS).
    expect(fresh.out).toContain('estimated cost of 10 generations: $6.98 ($0.6980 each)');
    expect(fresh.out).toContain('no history for this repository: using default assumptions');
    expect(past.code).toBe(0);
    // History: 150k in / 3k out Lab tokens and 20k / 1k Prime tokens per generation (the
    // generation without a Lab counts as zero Lab tokens). Haiku $1/$5: 0.15 + 0.015;
    // Sonnet $3/$15: 0.06 + 0.015; 20 × 0.24 = 4.80.
    expect(past.out).toContain('estimated cost of 20 generations: $4.80 ($0.2400 each)');
    expect(past.out).toContain("based on this repository's 4 recorded generations");
    expect(past.out).toContain('at the past promotion rate (50%), about 10 would be promoted');
    const e = JSON.parse(json.out);
    expect(e).toMatchObject({ generations: 10, basis: 'history', perGeneration: { lab: { model: 'claude-sonnet-4-6', inputTokens: 150_000, outputTokens: 3_000, cacheWriteTokens: 0, cacheReadTokens: 0 } } });
  });

  it('estimate refuses an unknown model or a missing count, naming the fix', async () => {
    const [model, missing, zero] = await Promise.all([
      runLoom(['estimate', '--generations', '5', '--lab-model', 'gpt-4o'], env),
      runLoom(['estimate', '--lab-model', 'claude-opus-4-6'], env),
      runLoom(['estimate', '--generations', '0'], env),
    ]);
    expect(model.code).toBe(2);
    expect(model.out).toContain('loom: --lab-model "gpt-4o" is not in Loom\'s price table; known models: claude-opus-4-8,');
    expect(model.out).toContain('claude-haiku-4-5');
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('estimate needs --generations N');
    expect(zero.code).toBe(2);
    expect(zero.out).toContain('--generations must be a positive integer, got "0"');
  });

  it('config shows each value with its source and masks secrets', async () => {
    writeFileSync(join(repo, 'loom.config.json'), JSON.stringify({ testCommand: 'npm run test:unit', budgets: { usd: 5, generations: 20 }, mounts: ['node_modules'] }, null, 2));
    try {
      const e = { ...env, ANTHROPIC_API_KEY: SECRET, TEMPORAL_NAMESPACE: 'prod' };
      const [text, json] = await Promise.all([runLoom(['config', '--repo', repo, '--generations', '7'], e), runLoom(['config', '--repo', repo, '--json'], e)]);
      expect(text.code).toBe(0);
      expect(text.out).toContain(`(file ${join(repo, 'loom.config.json')})`);
      expect(text.out).toMatch(/testCommand +npm run test:unit +file\n/);
      expect(text.out).toMatch(/budgets\.generations +7 +flag \(--generations\)\n/);
      expect(text.out).toMatch(/budgets\.usd +5 +file\n/);
      expect(text.out).toMatch(/baseBranch +main +default, set with baseBranch in the file, --base\n/);
      expect(text.out).toMatch(/temporalNamespace +prod +env \(TEMPORAL_NAMESPACE\)\n/);
      expect(text.out).toMatch(/anthropicApiKey +sk-a…\(masked\) +env \(ANTHROPIC_API_KEY\)/);
      expect(json.code).toBe(0);
      const rows = Object.fromEntries(JSON.parse(json.out).settings.map((r: { key: string }) => [r.key, r]));
      expect(rows['budgets.generations']).toMatchObject({ value: 20, source: 'file' });
      expect(rows.mounts).toMatchObject({ value: ['node_modules'], source: 'file' });
      for (const out of [text.out, json.out]) {
        expect(out).not.toContain('NEVERPRINTME');
        expect(out).not.toContain('9876');
      }
    } finally {
      rmSync(join(repo, 'loom.config.json'));
    }
  });

  it('a bad loom.config.json stops config, run and generate with the file, the key, the problem and the fix', async () => {
    const bad = await exampleRepo();
    const file = join(bad, 'loom.config.json');
    writeFileSync(file, JSON.stringify({ testComand: 'npm test', budgets: { usd: -5 } }));
    const program = join(dir, 'task.md');
    writeFileSync(program, '# Task\n\n## Task\nx\n\n## Acceptance criteria\n- y\n');
    const [config, run, generate] = await Promise.all([
      runLoom(['config', '--repo', bad], env),
      runLoom(['run', '--repo', bad], env),
      runLoom(['generate', '--repo', bad, '--program', program], env),
    ]);
    for (const r of [config, run, generate]) {
      expect(r.code).toBe(2);
      expect(r.out).toContain(`${file} has 2 problems`);
      expect(r.out).toContain('testComand: unknown key; did you mean "testCommand"?');
      expect(r.out).toContain('budgets.usd: must be above 0, got -5; set it to a number of dollars above 0, or remove it for no spending limit');
    }
    writeFileSync(file, '{\n  "testCommand": "npm test",\n}\n');
    const syntax = await runLoom(['config', '--repo', bad], env);
    expect(syntax.code).toBe(2);
    expect(syntax.out).toContain(`${file} is not valid JSON at line 3, column 1: expected a double-quoted key (a trailing comma before "}"?)`);
    // A base from the file reaches run's checks, and the error says where it came from.
    writeFileSync(file, JSON.stringify({ baseBranch: 'trunk' }));
    const base = await runLoom(['run', '--repo', bad], env);
    expect(base.code).toBe(2);
    expect(base.out).toContain(`there is no branch trunk: pass --base one of: main (the base "trunk" comes from baseBranch in ${file})`);
  });

  it('ui prints the Web UI link, filtered to the repository by its real path', async () => {
    const link = join(dir, 'calc-link');
    symlinkSync(repo, link);
    const [plain, port, cluster, filtered] = await Promise.all([
      runLoom(['ui'], env),
      runLoom(['ui'], { ...env, LOOM_UI_PORT: '9123' }),
      runLoom(['ui', '--json'], { ...env, LOOM_UI_URL: 'https://temporal.example.com/', TEMPORAL_NAMESPACE: 'prod', LOOM_UI_PORT: '9123' }),
      runLoom(['ui', '--repo', link, '--json'], env),
    ]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('\nhttp://127.0.0.1:8233/namespaces/default/workflows\n');
    expect(port.out).toContain('\nhttp://127.0.0.1:9123/namespaces/default/workflows\n');
    expect(JSON.parse(cluster.out)).toMatchObject({ url: 'https://temporal.example.com/namespaces/prod/workflows', namespace: 'prod', repo: null });
    const f = JSON.parse(filtered.out);
    expect(f.repo).toBe(repo);
    expect(f.url).toBe(`http://127.0.0.1:8233/namespaces/default/workflows?query=${encodeURIComponent(`LoomRepo="${repo}"`)}`);
    expect(new URL(f.url).searchParams.get('query')).toBe(`LoomRepo="${repo}"`);
  });

  it('ui --open hands the link to xdg-open, and prints it either way', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const opened = join(dir, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${opened}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const ok = await runLoom(['ui', '--open'], { ...env, PATH: `${bin}:${env.PATH}` });
    expect(ok.code).toBe(0);
    expect(readFileSync(opened, 'utf8').trim()).toBe('http://127.0.0.1:8233/namespaces/default/workflows');
    expect(ok.out).not.toContain('not opened');

    const broken = join(dir, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'xdg-open'), '#!/bin/sh\nexit 3\n');
    chmodSync(join(broken, 'xdg-open'), 0o755);
    const failed = await runLoom(['ui', '--open'], { ...env, PATH: `${broken}:${env.PATH}` });
    expect(failed.code).toBe(0);
    expect(failed.out).toContain('http://127.0.0.1:8233/namespaces/default/workflows\n(not opened: xdg-open exited with 3; open the link yourself)');
  });

  it('ui and report refuse bad input with exit 2', async () => {
    const [port, noRepo, notRepo] = await Promise.all([
      runLoom(['ui'], { ...env, LOOM_UI_PORT: 'eighty' }),
      runLoom(['report'], env),
      runLoom(['report', '--repo', dir], env),
    ]);
    expect(port.code).toBe(2);
    expect(port.out).toContain('LOOM_UI_PORT is "eighty", which is not a port number (1-65535)');
    expect(noRepo.code).toBe(2);
    expect(noRepo.out).toContain('report needs --repo PATH');
    expect(notRepo.code).toBe(2);
    expect(notRepo.out).toContain(`${dir} is not a git repository`);
  });

  it('run and generate refuse a best-of-K beyond what runs at once, before anything starts', async () => {
    const [run, gen] = await Promise.all([
      runLoom(['run', '--repo', dir, '--labs', '9'], env),
      runLoom(['generate', '--repo', dir, '--program', 'x.md', '--labs', '0'], env),
    ]);
    expect(run.code).toBe(2);
    expect(run.out).toContain('--labs must be a whole number from 1 to 8 (Labs run at once, each in its own container and worker slot), got "9"');
    expect(gen.code).toBe(2);
    expect(gen.out).toContain('got "0"');
  });

  it('history and show take --json too', async () => {
    const [history, show] = await Promise.all([runLoom(['history', '--repo', repo, '--json'], env), runLoom(['show', '3', '--repo', repo, '--json'], env)]);
    expect(JSON.parse(history.out).map((e: { title: string }) => e.title)).toEqual(['Add tests for clamp', 'Refactor clamp', 'Add multiply', 'Add divide']);
    expect(JSON.parse(show.out).record.usage.lab.model).toBe('claude-haiku-4-5');
  });

  it('a record far larger than a pipe holds arrives whole through --json', async () => {
    const big = await exampleRepo();
    const r = record(1, 'claude-opus-4-6', { kind: 'promoted', sha: 'c'.repeat(40) }, 1, 1);
    // 9,000 test names, about 400 KB: a pipe takes 64 KB at a time.
    r.program = Array.from({ length: 9000 }, (_, i) => `- test/suite-${i}.test.js > a test whose name is long enough ${i}`).join('\n');
    await appendLedger(big, { workflowId: 'loom-big-gen-1', title: 'Big', record: r, recordedAt: '2026-11-21T08:00:00.000Z' });
    const show = await runLoom(['show', '1', '--repo', big, '--json'], env);
    expect(show.out.length).toBeGreaterThan(400_000);
    expect(JSON.parse(show.out).record.program.split('\n')).toHaveLength(9000);
  });
});
