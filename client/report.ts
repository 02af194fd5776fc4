import { basename } from 'node:path';
import type { Outcome } from '../generation/recordTypes';
import type { LedgerEntry } from '../ledger/generationLedger';

// `loom report`: the ledger turned into numbers (buildReport), then into Markdown and an
// SVG chart. All pure, so the numbers are unit-tested.

export interface ModelRow {
  /** The Lab's model, or "(no Lab run)" for generations that ended before the Lab started. */
  labModel: string;
  generations: number;
  promoted: number;
  rejected: number;
  failed: number;
  /** promoted / generations, 0..1. */
  promotionRate: number;
  costUsd: number;
  /** All the cost of these generations (rejected and failed included) per promotion; null without one. */
  costPerPromotedUsd: number | null;
  meanDurationSec: number;
  /** Prompt tokens sent by every role (uncached, written to the cache, read from it). */
  promptTokens: { input: number; cacheWrite: number; cacheRead: number };
  /** Share of the prompt tokens read from the cache, 0..1; null when nothing was sent. */
  cacheReadShare: number | null;
}

export interface StageRow {
  stage: string;
  rejected: number;
  failed: number;
  /** The most frequent reasons (first line), most frequent first. */
  reasons: Array<{ reason: string; count: number }>;
}

export interface FitnessPoint {
  generation: number;
  outcome: Outcome['kind'];
  /** This generation's value (fitness score, or tests passed); absent when it ended before it was measured. */
  value?: number;
  /** The branch's level after this generation: the sum of promoted fitness, or the tests passing on the branch. */
  level?: number;
}

export interface Report {
  repo: string;
  firstRecordedAt?: string;
  lastRecordedAt?: string;
  totals: ModelRow;
  byModel: ModelRow[];
  byStage: StageRow[];
  fitness: { metric: 'fitness' | 'tests passed'; points: FitnessPoint[] };
}

export const NO_LAB = '(no Lab run)';
const REASONS_SHOWN = 3;

function durationSec(e: LedgerEntry): number {
  return Object.values(e.record.durationsMs).reduce((s: number, ms) => s + (ms ?? 0), 0) / 1000;
}

function modelRow(labModel: string, entries: LedgerEntry[]): ModelRow {
  const count = (k: Outcome['kind']) => entries.filter((e) => e.record.outcome.kind === k).length;
  const promoted = count('promoted');
  const costUsd = entries.reduce((s, e) => s + e.record.costUsd, 0);
  const usages = entries.flatMap((e) => Object.values(e.record.usage));
  const promptTokens = {
    input: usages.reduce((s, u) => s + (u?.inputTokens ?? 0), 0),
    cacheWrite: usages.reduce((s, u) => s + (u?.cacheWriteTokens ?? 0), 0),
    cacheRead: usages.reduce((s, u) => s + (u?.cacheReadTokens ?? 0), 0),
  };
  const sent = promptTokens.input + promptTokens.cacheWrite + promptTokens.cacheRead;
  return {
    labModel,
    generations: entries.length,
    promoted,
    rejected: count('rejected'),
    failed: count('failed'),
    promotionRate: entries.length ? promoted / entries.length : 0,
    costUsd,
    costPerPromotedUsd: promoted ? costUsd / promoted : null,
    meanDurationSec: entries.length ? entries.reduce((s, e) => s + durationSec(e), 0) / entries.length : 0,
    promptTokens,
    cacheReadShare: sent ? promptTokens.cacheRead / sent : null,
  };
}

/** The first line of a reason, trimmed to a length that groups and prints well. */
export function reasonKey(reason: string): string {
  const first = reason.split('\n').find((l) => l.trim())?.trim() ?? '(no reason given)';
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
}

const tokens = (t: ModelRow['promptTokens']) => [t.input, t.cacheWrite, t.cacheRead].map((n) => n.toLocaleString('en-US')).join(' / ');

export function buildReport(repo: string, entries: LedgerEntry[]): Report {
  const groups = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    const model = e.record.usage.lab?.model ?? NO_LAB;
    groups.set(model, [...(groups.get(model) ?? []), e]);
  }
  const byModel = [...groups].map(([m, es]) => modelRow(m, es)).sort((a, b) => b.generations - a.generations || a.labModel.localeCompare(b.labModel));

  const stages = new Map<string, { rejected: number; failed: number; reasons: Map<string, number> }>();
  for (const { record } of entries) {
    const o = record.outcome;
    if (o.kind === 'promoted') continue;
    const s = stages.get(o.stage) ?? { rejected: 0, failed: 0, reasons: new Map() };
    s[o.kind]++;
    const key = reasonKey(o.reason);
    s.reasons.set(key, (s.reasons.get(key) ?? 0) + 1);
    stages.set(o.stage, s);
  }
  const byStage = [...stages]
    .map(([stage, s]) => ({
      stage,
      rejected: s.rejected,
      failed: s.failed,
      reasons: [...s.reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count).slice(0, REASONS_SHOWN),
    }))
    .sort((a, b) => b.rejected + b.failed - (a.rejected + a.failed) || a.stage.localeCompare(b.stage));

  // Fitness when any generation has a score; older ledgers only have test counts.
  const metric = entries.some((e) => e.record.fitness) ? 'fitness' : 'tests passed';
  const sorted = [...entries].sort((a, b) => a.record.generation - b.record.generation);
  let level: number | undefined = metric === 'fitness' ? 0 : sorted.find((e) => e.record.baselineTests)?.record.baselineTests?.passed;
  const points = sorted.map(({ record: r }): FitnessPoint => {
    const value = metric === 'fitness' ? r.fitness?.score : r.tests?.passed;
    if (r.outcome.kind === 'promoted' && value !== undefined) level = metric === 'fitness' ? (level ?? 0) + value : value;
    const p: FitnessPoint = { generation: r.generation, outcome: r.outcome.kind };
    if (value !== undefined) p.value = value;
    if (level !== undefined) p.level = Math.round(level * 100) / 100;
    return p;
  });

  const times = entries.map((e) => e.recordedAt).sort();
  return {
    repo,
    firstRecordedAt: times[0],
    lastRecordedAt: times.at(-1),
    totals: modelRow('all', entries),
    byModel,
    byStage,
    fitness: { metric, points },
  };
}

// ---------------------------------------------------------------- text

const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline; missing values are blanks. Longer series are averaged into `width` buckets. */
export function sparkline(values: Array<number | undefined>, width = 60): string {
  let series = values;
  if (values.length > width) {
    series = Array.from({ length: width }, (_, i) => {
      const bucket = values.slice(Math.floor((i * values.length) / width), Math.floor(((i + 1) * values.length) / width)).filter((v): v is number => v !== undefined);
      return bucket.length ? bucket.reduce((s, v) => s + v, 0) / bucket.length : undefined;
    });
  }
  const present = series.filter((v): v is number => v !== undefined);
  if (!present.length) return ' '.repeat(series.length);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return series
    .map((v) => (v === undefined ? ' ' : max === min ? BARS[3] : BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]))
    .join('');
}

const usd = (n: number) => `$${n.toFixed(Math.abs(n) >= 1 ? 2 : 4)}`;
const pct = (r: number) => `${Math.round(r * 100)}%`;
const secs = (s: number) => (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const num = (n: number) => String(Math.round(n * 100) / 100);

function metricExplanation(metric: Report['fitness']['metric']): string {
  return metric === 'fitness'
    ? 'Fitness per generation is tests added, plus a quarter per assertion added, plus up to 2 for source lines, minus 10 per anti-gaming violation (`verify/changeGuard.ts`). The level is the sum over promoted generations.'
    : 'No generation has a fitness score, so this charts tests passed instead: per generation as the Lab left them, and the level is what passes on the branch.';
}

/** The report as Markdown; `svgRef` is the chart's path as the Markdown should link it. */
export function reportMarkdown(r: Report, svgRef?: string): string {
  const name = basename(r.repo);
  const t = r.totals;
  const out: string[] = [`# Loom report: ${name}`, ''];
  if (!t.generations) {
    out.push(`\`${r.repo}\`: no generations are recorded yet (the ledger is \`.git/loom/generations.jsonl\`). Run \`loom run\` or \`loom generate\` first.`);
    return out.join('\n') + '\n';
  }
  const when = (iso?: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '?');
  const span = when(r.firstRecordedAt) === when(r.lastRecordedAt) ? `on ${when(r.firstRecordedAt)}` : `from ${when(r.firstRecordedAt)} to ${when(r.lastRecordedAt)}`;
  out.push(
    `\`${r.repo}\`, ${t.generations} generation${t.generations === 1 ? '' : 's'} recorded ${span}.`,
    '',
    `**${t.promoted} promoted (${pct(t.promotionRate)}), ${t.rejected} rejected, ${t.failed} failed; ${usd(t.costUsd)} spent, ${t.costPerPromotedUsd === null ? 'nothing promoted' : `${usd(t.costPerPromotedUsd)} per promoted generation`}; ${secs(t.meanDurationSec)} per generation on average.**`,
    '',
    '## By Lab model',
    '',
    '| Lab model | generations | promoted | promotion rate | cost | cost per promoted | mean duration | prompt tokens (uncached / cache write / cache read) | read from cache |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...r.byModel.map(
      (m) =>
        `| ${cell(m.labModel)} | ${m.generations} | ${m.promoted} | ${pct(m.promotionRate)} | ${usd(m.costUsd)} | ${m.costPerPromotedUsd === null ? '-' : usd(m.costPerPromotedUsd)} | ${secs(m.meanDurationSec)} | ${tokens(m.promptTokens)} | ${m.cacheReadShare === null ? '-' : pct(m.cacheReadShare)} |`,
    ),
    '',
    'Cost per promoted generation counts everything spent with that model, rejected and failed generations included. Duration is the sum of the measured steps. Cache writes cost 1.25 times the input price, cache reads 0.1 times.',
    '',
    '## Rejections and failures by stage',
    '',
  );
  if (!r.byStage.length) out.push('None: every generation was promoted.');
  else {
    out.push('| stage | rejected | failed | most frequent reasons |', '|---|--:|--:|---|');
    for (const s of r.byStage) out.push(`| ${s.stage} | ${s.rejected} | ${s.failed} | ${s.reasons.map((x) => `${x.count}× ${cell(x.reason)}`).join('<br>')} |`);
  }
  const pts = r.fitness.points;
  const measured = pts.filter((p) => p.value !== undefined).map((p) => p.value!);
  out.push('', `## ${r.fitness.metric === 'fitness' ? 'Fitness' : 'Tests passed'} over time`, '', metricExplanation(r.fitness.metric), '');
  out.push(
    '```',
    `per generation  ${sparkline(pts.map((p) => p.value))}  ${measured.length ? `min ${num(Math.min(...measured))}, max ${num(Math.max(...measured))}` : 'nothing measured'}`,
    `level           ${sparkline(pts.map((p) => p.level))}  ${pts.find((p) => p.level !== undefined) ? `${num(pts.find((p) => p.level !== undefined)!.level!)} → ${num(pts.at(-1)?.level ?? 0)}` : '-'}`,
    `                generations ${pts[0]!.generation} to ${pts.at(-1)!.generation}${pts.length > 60 ? ' (averaged into 60 columns)' : ''}`,
    '```',
  );
  if (svgRef) out.push('', `![${r.fitness.metric} over time](${svgRef})`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- SVG

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const OUTCOME_COLOURS: Record<Outcome['kind'], string> = { promoted: '#2a9d8f', rejected: '#e9a23b', failed: '#d1495b' };

/** Round tick values (1, 2 or 5 times a power of ten apart) covering lo..hi. */
export function niceTicks(lo: number, hi: number, count: number, integer = false): number[] {
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw)!;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** The chart as a standalone SVG: a dot per generation coloured by outcome, a line for the branch's level. */
export function fitnessSvg(r: Report): string {
  const W = 720;
  const H = 320;
  const m = { left: 56, right: 24, top: 56, bottom: 56 };
  const inset = 12; // keeps the first and last dots off the axes
  const pts = r.fitness.points;
  const ys = pts.flatMap((p) => [p.value, p.level]).filter((v): v is number => v !== undefined);
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(0, ...ys), 5);
  const lo = yTicks[0]!;
  const hi = yTicks.at(-1)!;
  const gens = pts.map((p) => p.generation);
  const g0 = gens.length ? Math.min(...gens) : 0;
  const g1 = gens.length ? Math.max(...gens) : 1;
  const x = (g: number) => (g1 === g0 ? (m.left + W - m.right) / 2 : m.left + inset + ((g - g0) / (g1 - g0)) * (W - m.left - m.right - 2 * inset));
  const y = (v: number) => H - m.bottom - ((v - lo) / (hi - lo)) * (H - m.top - m.bottom);
  const f = (n: number) => n.toFixed(1);
  const label = r.fitness.metric === 'fitness' ? 'fitness' : 'tests passed';

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${xml(`${label} over time: ${basename(r.repo)}`)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="22" font-size="15" font-weight="bold">${xml(`${label[0]!.toUpperCase()}${label.slice(1)} over time: ${basename(r.repo)}`)}</text>`,
  ];
  for (const v of yTicks) {
    parts.push(`<line x1="${m.left}" y1="${f(y(v))}" x2="${W - m.right}" y2="${f(y(v))}" stroke="${v === 0 ? '#999' : '#e4e4e4'}"/>`);
    parts.push(`<text x="${m.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" fill="#555">${num(v)}</text>`);
  }
  parts.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${H - m.bottom}" stroke="#888"/>`);
  for (const g of g1 === g0 ? [g0] : niceTicks(g0, g1, 8, true).filter((g) => g >= g0 && g <= g1)) {
    parts.push(`<text x="${f(x(g))}" y="${H - m.bottom + 18}" text-anchor="middle" fill="#555">${g}</text>`);
  }
  parts.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - m.bottom + 36}" text-anchor="middle" fill="#555">generation</text>`);

  const levels = pts.filter((p) => p.level !== undefined);
  if (levels.length) {
    parts.push(`<polyline class="level" fill="none" stroke="#264653" stroke-width="2" points="${levels.map((p) => `${f(x(p.generation))},${f(y(p.level!))}`).join(' ')}"/>`);
  }
  for (const p of pts) {
    if (p.value === undefined) {
      // Ended before it was measured: a cross on the floor of the chart, so failures stay visible.
      const cx = x(p.generation);
      const cy = H - m.bottom - 6;
      parts.push(
        `<path class="unmeasured" d="M${f(cx - 4)},${f(cy - 4)} L${f(cx + 4)},${f(cy + 4)} M${f(cx - 4)},${f(cy + 4)} L${f(cx + 4)},${f(cy - 4)}" stroke="${OUTCOME_COLOURS[p.outcome]}" stroke-width="2"><title>generation ${p.generation}: ${p.outcome}, not measured</title></path>`,
      );
      continue;
    }
    parts.push(
      `<circle cx="${f(x(p.generation))}" cy="${f(y(p.value))}" r="4" fill="${OUTCOME_COLOURS[p.outcome]}"><title>generation ${p.generation}: ${p.outcome}, ${label} ${num(p.value)}</title></circle>`,
    );
  }
  const legend: Array<[string, string]> = [
    ...(['promoted', 'rejected', 'failed'] as const).map((k): [string, string] => [OUTCOME_COLOURS[k], k]),
    ['#264653', r.fitness.metric === 'fitness' ? 'level: sum over promoted' : 'level: passing on the branch'],
  ];
  if (pts.some((p) => p.value === undefined)) legend.push(['#999999', '× ended before measured']);
  let lx = m.left;
  for (const [colour, text] of legend) {
    parts.push(`<rect x="${lx}" y="31" width="10" height="10" fill="${colour}"/><text x="${lx + 14}" y="40" fill="#333">${xml(text)}</text>`);
    lx += 22 + text.length * 6.5;
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
