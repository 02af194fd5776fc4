// USD per million tokens (input, output), from Anthropic's public price list.
// Matched by longest prefix so dated ids ("claude-sonnet-4-20250514") resolve.
const PRICES: Array<[prefix: string, input: number, output: number]> = [
  ['claude-opus-4-8', 5, 25],
  ['claude-opus-4-7', 5, 25],
  ['claude-opus-4-6', 5, 25],
  ['claude-opus-4-5', 5, 25],
  ['claude-opus-4-1', 15, 75],
  ['claude-opus-4', 15, 75],
  ['claude-sonnet-4', 3, 15],
  ['claude-3-7-sonnet', 3, 15],
  ['claude-haiku-4-5', 1, 5],
  ['claude-3-5-haiku', 0.8, 4],
];

// Prompt caching is priced against the input price: a write to the 5-minute cache costs
// 1.25 times it, a read 0.1 times.
export const CACHE_WRITE_FACTOR = 1.25;
export const CACHE_READ_FACTOR = 0.1;

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** Tokens of one or more calls, as the API bills them: uncached input, cache writes, cache reads, output. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens?: number;
  cacheReadTokens?: number;
}

export function priceOf(model: string): Price | undefined {
  let best: [string, number, number] | undefined;
  for (const row of PRICES) {
    if (model.startsWith(row[0]) && (!best || row[0].length > best[0].length)) best = row;
  }
  return best && { inputPerMTok: best[1], outputPerMTok: best[2] };
}

/** The tokens of one reply's usage, in Loom's terms. */
export function countsOf(usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null }): TokenCounts {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

export function addCounts(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0),
    cacheReadTokens: (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0),
  };
}

/** Every token of the prompts sent, cached or not. */
export function promptTokens(t: TokenCounts): number {
  return t.inputTokens + (t.cacheWriteTokens ?? 0) + (t.cacheReadTokens ?? 0);
}

/** Input tokens at the uncached price that cost the same as these: what caching leaves to pay. */
export function billedInputTokens(t: TokenCounts): number {
  return t.inputTokens + CACHE_WRITE_FACTOR * (t.cacheWriteTokens ?? 0) + CACHE_READ_FACTOR * (t.cacheReadTokens ?? 0);
}

/** Cost in USD; a model missing from the table costs 0 rather than a guess. */
export function costUsd(model: string, tokens: TokenCounts): number {
  const p = priceOf(model);
  if (!p) return 0;
  return (billedInputTokens(tokens) * p.inputPerMTok + tokens.outputTokens * p.outputPerMTok) / 1_000_000;
}
