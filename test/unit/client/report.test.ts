import { describe, expect, it } from 'vitest';
import { buildReport, fitnessSvg, niceTicks, NO_LAB, OUTCOME_COLOURS, reportMarkdown, sparkline } from '../../../client/report';
import type { GenerationRecord, Outcome } from '../../../generation/recordTypes';
import type { LedgerEntry } from '../../../ledger/generationLedger';

interface Spec {
  kind?: Outcome['kind'];
  stage?: 'baseline' | 'runTests' | 'checkChange' | 'llmReview';
  reason?: string;
  labModel?: string;
  cost?: number;
  ms?: number;
  fitness?: number;
  passed?: number;
  baselinePassed?: number;
}

function entry(generation: number, s: Spec = {}): LedgerEntry {
  const kind = s.kind ?? 'promoted';
  const outcome: Outcome = kind === 'promoted' ? { kind, sha: 'a'.repeat(40) } : { kind, stage: s.stage ?? 'llmReview', reason: s.reason ?? 'no' };
  const record: GenerationRecord = {
    generation,
    repoPath: '/r',
    baseRef: 'main',
    labBranch: `lab/gen-${generation}`,
    program: `# Task ${generation}`,
    outcome,
    usage: s.labModel ? { lab: { model: s.labModel, inputTokens: 1000, outputTokens: 100, requests: 3, costUsd: s.cost ?? 0 } } : {},
    costUsd: s.cost ?? 0,
    durationsMs: { spawnLab: (s.ms ?? 0) * 0.75, runTests: (s.ms ?? 0) * 0.25 },
  };
  if (s.fitness !== undefined) record.fitness = { score: s.fitness, testsAdded: 0, penalties: [] };
  if (s.passed !== undefined) record.tests = { runner: 'vitest', passed: s.passed, failed: 0, skipped: 0, total: s.passed, exitCode: 0, timedOut: false, command: 'npm test' };
  if (s.baselinePassed !== undefined) record.baselineTests = { runner: 'vitest', passed: s.baselinePassed, failed: 0, skipped: 0, total: s.baselinePassed };
  return { workflowId: `w-${generation}`, record, recordedAt: `2026-11-0${Math.min(9, generation)}T10:00:00.000Z` };
}

const OPUS = 'claude-opus-4-6';
const SONNET = 'claude-sonnet-4-6';

// Six generations across two Lab models and one that never reached the Lab.
const ledger = [
  entry(1, { labModel: SONNET, cost: 0.2, ms: 10_000, fitness: 3 }),
  entry(2, { kind: 'rejected', stage: 'llmReview', reason: 'too broad\nthe reviewer wrote more here', labModel: SONNET, cost: 0.1, ms: 20_000, fitness: 1 }),
  entry(3, { labModel: OPUS, cost: 0.5, ms: 30_000, fitness: 2.5 }),
  entry(4, { kind: 'failed', stage: 'runTests', reason: 'test command timed out after 600 s', labModel: OPUS, cost: 0.3, ms: 60_000 }),
  entry(5, { labModel: OPUS, cost: 0.5, ms: 30_000, fitness: -1 }),
  entry(6, { kind: 'failed', stage: 'baseline', reason: 'the base is red', ms: 3_000 }),
];

describe('buildReport', () => {
  const r = buildReport('/src/calc', ledger);

  it('gives each Lab model its promotion rate, cost per promoted generation and mean duration', () => {
    expect(r.byModel.map((m) => m.labModel)).toEqual([OPUS, SONNET, NO_LAB]);
    const [opus, sonnet, none] = r.byModel;
    expect(opus).toMatchObject({ generations: 3, promoted: 2, rejected: 0, failed: 1, meanDurationSec: 40 });
    expect(opus!.promotionRate).toBeCloseTo(2 / 3);
    expect(opus!.costUsd).toBeCloseTo(1.3);
    // The failed generation's cost counts against the promotions: 1.3 / 2.
    expect(opus!.costPerPromotedUsd).toBeCloseTo(0.65);
    expect(sonnet).toMatchObject({ generations: 2, promoted: 1, rejected: 1, failed: 0, promotionRate: 0.5, meanDurationSec: 15 });
    expect(sonnet!.costPerPromotedUsd).toBeCloseTo(0.3);
    expect(none).toMatchObject({ generations: 1, promoted: 0, promotionRate: 0, costPerPromotedUsd: null, meanDurationSec: 3 });
  });

  it('totals every generation', () => {
    expect(r.totals).toMatchObject({ generations: 6, promoted: 3, rejected: 1, failed: 2 });
    expect(r.totals.costUsd).toBeCloseTo(1.6);
    expect(r.totals.costPerPromotedUsd).toBeCloseTo(1.6 / 3);
    expect(r.totals.meanDurationSec).toBeCloseTo(153 / 6);
    expect([r.firstRecordedAt, r.lastRecordedAt]).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-06T10:00:00.000Z']);
  });

  it('groups rejections and failures by stage, with their most frequent first-line reasons', () => {
    const more = [
      ...ledger,
      entry(7, { kind: 'rejected', stage: 'llmReview', reason: 'too broad' }),
      entry(8, { kind: 'rejected', stage: 'llmReview', reason: 'no tests' }),
      entry(9, { kind: 'rejected', stage: 'llmReview', reason: 'a' }),
      entry(10, { kind: 'rejected', stage: 'llmReview', reason: 'no tests' }),
      entry(11, { kind: 'rejected', stage: 'llmReview', reason: 'too broad\nsomething else' }),
      entry(12, { kind: 'rejected', stage: 'llmReview', reason: 'b' }),
    ];
    const byStage = buildReport('/r', more).byStage;
    expect(byStage.map((s) => [s.stage, s.rejected, s.failed])).toEqual([
      ['llmReview', 7, 0],
      ['baseline', 0, 1],
      ['runTests', 0, 1],
    ]);
    // Top three only, most frequent first (ties in the order first seen); the reason's first line is its key.
    expect(byStage[0]!.reasons).toEqual([
      { reason: 'too broad', count: 3 },
      { reason: 'no tests', count: 2 },
      { reason: 'a', count: 1 },
    ]);
  });

  it('charts fitness per generation and its sum over promoted generations', () => {
    expect(r.fitness.metric).toBe('fitness');
    expect(r.fitness.points).toEqual([
      { generation: 1, outcome: 'promoted', value: 3, level: 3 },
      { generation: 2, outcome: 'rejected', value: 1, level: 3 },
      { generation: 3, outcome: 'promoted', value: 2.5, level: 5.5 },
      { generation: 4, outcome: 'failed', level: 5.5 },
      { generation: 5, outcome: 'promoted', value: -1, level: 4.5 },
      { generation: 6, outcome: 'failed', level: 4.5 },
    ]);
  });

  it('falls back to tests passed when no generation has a fitness score, in generation order', () => {
    const old = [
      entry(3, { kind: 'rejected', passed: 9 }),
      entry(1, { passed: 6, baselinePassed: 4 }),
      entry(2, { passed: 8 }),
      entry(4, { kind: 'failed', stage: 'baseline' }),
    ];
    const f = buildReport('/r', old).fitness;
    expect(f.metric).toBe('tests passed');
    // The level is what passes on the branch: the baseline, then each promoted generation's count.
    expect(f.points).toEqual([
      { generation: 1, outcome: 'promoted', value: 6, level: 6 },
      { generation: 2, outcome: 'promoted', value: 8, level: 8 },
      { generation: 3, outcome: 'rejected', value: 9, level: 8 },
      { generation: 4, outcome: 'failed', level: 8 },
    ]);
  });
});

describe('sparkline', () => {
  it('maps the smallest value to the lowest bar and the largest to the highest', () => {
    expect(sparkline([0, 2, 4, 14])).toBe('▁▂▃█');
    expect(sparkline([-8, 4])).toBe('▁█');
  });
  it('leaves a blank for a missing value and draws a flat series mid-height', () => {
    expect(sparkline([1, undefined, 1])).toBe('▄ ▄');
    expect(sparkline([undefined])).toBe(' ');
  });
  it('averages a long series into the width it is given', () => {
    const values = Array.from({ length: 120 }, (_, i) => (i < 60 ? 0 : 10));
    const line = sparkline(values, 60);
    expect(line).toBe('▁'.repeat(30) + '█'.repeat(30));
  });
});

describe('reportMarkdown', () => {
  const md = reportMarkdown(buildReport('/src/calc', ledger), 'report-fitness.svg');

  it('has the headline, a row per Lab model and a row per stage', () => {
    expect(md).toContain('# Loom report: calc');
    expect(md).toContain('6 generations recorded from 2026-11-01 10:00 UTC to 2026-11-06 10:00 UTC');
    expect(md).toContain('**3 promoted (50%), 1 rejected, 2 failed; $1.60 spent, $0.5333 per promoted generation; 25.5 s per generation on average.**');
    expect(md).toContain(`| ${OPUS} | 3 | 2 | 67% | $1.30 | $0.6500 | 40.0 s |`);
    expect(md).toContain(`| ${SONNET} | 2 | 1 | 50% | $0.3000 | $0.3000 | 15.0 s |`);
    expect(md).toContain(`| ${NO_LAB} | 1 | 0 | 0% | $0.0000 | - | 3.0 s |`);
    expect(md).toContain('| llmReview | 1 | 0 | 1× too broad |');
    expect(md).toContain('| runTests | 0 | 1 | 1× test command timed out after 600 s |');
  });

  it('draws the text chart in a code block and links the SVG', () => {
    expect(md).toContain('per generation  █▅▇ ▁   min -1, max 3');
    expect(md).toContain('level           ▁▁██▅▅  3 → 4.5');
    expect(md).toContain('![fitness over time](report-fitness.svg)');
  });

  it('escapes table pipes in reasons', () => {
    const out = reportMarkdown(buildReport('/r', [entry(1, { kind: 'rejected', reason: 'a | b' })]));
    expect(out).toContain('1× a \\| b |');
  });

  it('says so when nothing is recorded', () => {
    const out = reportMarkdown(buildReport('/src/calc', []));
    expect(out).toContain('no generations are recorded yet');
    expect(out).not.toContain('## By Lab model');
  });
});

describe('fitnessSvg', () => {
  const svg = fitnessSvg(buildReport('/src/a&b<c>', ledger));
  const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="4" fill="(#[0-9a-f]+)"><title>generation (\d+): (\w+)/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
    fill: m[3],
    generation: Number(m[4]),
    outcome: m[5],
  }));

  it('is a standalone SVG document with an escaped title', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Fitness over time: a&amp;b&lt;c&gt;');
    expect(svg).not.toContain('a&b');
  });

  it('has a dot per measured generation, coloured by outcome, left to right, higher for more fitness', () => {
    expect(circles.map((c) => [c.generation, c.outcome, c.fill])).toEqual([
      [1, 'promoted', OUTCOME_COLOURS.promoted],
      [2, 'rejected', OUTCOME_COLOURS.rejected],
      [3, 'promoted', OUTCOME_COLOURS.promoted],
      [5, 'promoted', OUTCOME_COLOURS.promoted],
    ]);
    expect(circles.map((c) => c.cx)).toEqual([...circles.map((c) => c.cx)].sort((a, b) => a - b));
    const [g1, g2, g3, g5] = circles;
    // SVG's y grows downwards: 3 > 2.5 > 1 > -1.
    expect(g1!.cy).toBeLessThan(g3!.cy);
    expect(g3!.cy).toBeLessThan(g2!.cy);
    expect(g2!.cy).toBeLessThan(g5!.cy);
  });

  it('marks the generations that ended before they were measured, and draws the level line through every generation', () => {
    const crosses = [...svg.matchAll(/<path class="unmeasured"[^>]*stroke="(#[0-9a-f]+)"[^>]*><title>generation (\d+): failed/g)];
    expect(crosses.map((m) => [Number(m[2]), m[1]])).toEqual([
      [4, OUTCOME_COLOURS.failed],
      [6, OUTCOME_COLOURS.failed],
    ]);
    const line = /<polyline class="level"[^>]*points="([^"]+)"/.exec(svg)![1]!.split(' ');
    expect(line).toHaveLength(6);
    // The level of generation 1 (3) is drawn where generation 1's dot (3) is.
    expect(line[0]).toBe(`${circles[0]!.cx.toFixed(1)},${circles[0]!.cy.toFixed(1)}`);
  });
});

describe('niceTicks', () => {
  it('covers the range in round steps', () => {
    expect(niceTicks(0, 6.4, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(-8, 53, 5)).toEqual([-20, 0, 20, 40, 60]);
    expect(niceTicks(1, 40, 8, true)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
