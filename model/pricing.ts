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

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

export function priceOf(model: string): Price | undefined {
  let best: [string, number, number] | undefined;
  for (const row of PRICES) {
    if (model.startsWith(row[0]) && (!best || row[0].length > best[0].length)) best = row;
  }
  return best && { inputPerMTok: best[1], outputPerMTok: best[2] };
}

/** Cost in USD; a model missing from the table costs 0 rather than a guess. */
export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  const p = priceOf(model);
  if (!p) return 0;
  return (inputTokens * p.inputPerMTok + outputTokens * p.outputPerMTok) / 1_000_000;
}
