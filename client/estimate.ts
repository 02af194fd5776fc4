import type { Role } from '../generation/recordTypes';
import type { LedgerEntry } from '../ledger/generationLedger';
import { costUsd, priceOf } from '../model/pricing';

// `loom estimate`: what N generations should cost on given models, from the price table
// and either the repository's own history or the default assumptions below.

export interface Tokens {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

/**
 * Tokens per generation assumed without history. The Lab's agent re-sends its growing
 * conversation every turn: about 25 turns at an average context of 16k tokens (400k prompt
 * tokens), with about 8k tokens written in all. Its rolling cache breakpoint writes each
 * turn's new part once (about the final context, 32k) and reads the rest (368k). Prime
 * reflects (file tree, history: ~15k in, ~1.5k out) and reviews (task and diff: ~10k in,
 * ~0.5k out), each prompt new to the cache.
 */
export const DEFAULT_TOKENS: Record<Role, Tokens> = {
  lab: { inputTokens: 2_000, cacheWriteTokens: 32_000, cacheReadTokens: 366_000, outputTokens: 8_000 },
  prime: { inputTokens: 25_000, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 2_000 },
};

/** Model ids of the price table (model/pricing.ts); dated ids that start with one match it too. */
export const KNOWN_MODELS = [
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-opus-4-5',
  'claude-opus-4-1',
  'claude-opus-4',
  'claude-sonnet-4-6',
  'claude-sonnet-4-5',
  'claude-sonnet-4',
  'claude-3-7-sonnet',
  'claude-haiku-4-5',
  'claude-3-5-haiku',
];

/** Refuses a model the price table does not know, naming the ones it does. */
export function checkPriced(flag: string, model: string): void {
  if (!priceOf(model)) {
    throw new Error(`${flag} "${model}" is not in Loom's price table; known models: ${KNOWN_MODELS.join(', ')} (a dated id such as claude-sonnet-4-20250514 matches its prefix)`);
  }
}

export interface History {
  generations: number;
  promoted: number;
  meanCostUsd: number;
  tokens: Record<Role, Tokens>;
}

/** Average tokens per generation and role over the whole ledger, generations that ended early included. */
export function historyFrom(entries: LedgerEntry[]): History | undefined {
  if (!entries.some((e) => e.record.usage.lab)) return undefined;
  const n = entries.length;
  const mean = (role: Role, k: keyof Tokens) => Math.round(entries.reduce((s, e) => s + (e.record.usage[role]?.[k] ?? 0), 0) / n);
  return {
    generations: n,
    promoted: entries.filter((e) => e.record.outcome.kind === 'promoted').length,
    meanCostUsd: entries.reduce((s, e) => s + e.record.costUsd, 0) / n,
    tokens: {
      prime: { inputTokens: mean('prime', 'inputTokens'), cacheWriteTokens: mean('prime', 'cacheWriteTokens'), cacheReadTokens: mean('prime', 'cacheReadTokens'), outputTokens: mean('prime', 'outputTokens') },
      lab: { inputTokens: mean('lab', 'inputTokens'), cacheWriteTokens: mean('lab', 'cacheWriteTokens'), cacheReadTokens: mean('lab', 'cacheReadTokens'), outputTokens: mean('lab', 'outputTokens') },
    },
  };
}

export interface RoleEstimate extends Tokens {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  costUsd: number;
}

export interface Estimate {
  generations: number;
  basis: 'history' | 'defaults';
  /** The history it is based on, when there is one. */
  history?: { generations: number; promotionRate: number; meanCostUsd: number };
  perGeneration: Record<Role, RoleEstimate> & { costUsd: number };
  totalUsd: number;
  /** Expected promotions at the past rate, with history only. */
  expectedPromoted?: number;
}

export function estimate(generations: number, models: Record<Role, string>, history?: History): Estimate {
  const tokens = history?.tokens ?? DEFAULT_TOKENS;
  const role = (r: Role): RoleEstimate => {
    checkPriced(r === 'lab' ? '--lab-model' : '--prime-model', models[r]);
    const p = priceOf(models[r])!;
    return { model: models[r], ...tokens[r], inputPerMTok: p.inputPerMTok, outputPerMTok: p.outputPerMTok, costUsd: costUsd(models[r], tokens[r]) };
  };
  const prime = role('prime');
  const lab = role('lab');
  const per = prime.costUsd + lab.costUsd;
  const e: Estimate = { generations, basis: history ? 'history' : 'defaults', perGeneration: { prime, lab, costUsd: per }, totalUsd: per * generations };
  if (history) {
    const promotionRate = history.promoted / history.generations;
    e.history = { generations: history.generations, promotionRate, meanCostUsd: history.meanCostUsd };
    e.expectedPromoted = Math.round(promotionRate * generations * 10) / 10;
  }
  return e;
}

const k = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));
const usd = (n: number) => (n >= 100 ? `$${n.toFixed(0)}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`);

export function formatEstimate(e: Estimate): string {
  const line = (name: string, r: RoleEstimate) =>
    `  ${name.padEnd(6)}${r.model}: ${k(r.inputTokens)} in + ${k(r.cacheWriteTokens)} cache write + ${k(r.cacheReadTokens)} cache read / ${k(r.outputTokens)} out tokens at $${r.inputPerMTok}/$${r.outputPerMTok} per MTok (cache write 1.25×, read 0.1× the input price) = ${usd(r.costUsd)}`;
  const basis =
    e.basis === 'history'
      ? `based on this repository's ${e.history!.generations} recorded generation${e.history!.generations === 1 ? '' : 's'} (average tokens per generation, repriced on these models; they cost ${usd(e.history!.meanCostUsd)} each on average)`
      : 'no history for this repository: using default assumptions (see DEFAULT_TOKENS in client/estimate.ts); real runs vary widely, so treat this as an order of magnitude';
  const lines = [
    `estimated cost of ${e.generations} generation${e.generations === 1 ? '' : 's'}: ${usd(e.totalUsd)} (${usd(e.perGeneration.costUsd)} each)`,
    `  ${basis}`,
    line('Lab', e.perGeneration.lab),
    line('Prime', e.perGeneration.prime),
  ];
  if (e.expectedPromoted !== undefined) lines.push(`  at the past promotion rate (${Math.round(e.history!.promotionRate * 100)}%), about ${e.expectedPromoted} would be promoted`);
  lines.push('  set a spending limit with loom run --usd, and one per Lab with --lab-usd');
  return lines.join('\n');
}
