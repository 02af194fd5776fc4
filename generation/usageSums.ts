// What models cost a generation: usage added up across calls and Labs, and its total in dollars.
import type { Role, Usage } from './recordTypes';

export function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return b;
  return {
    model: b.model,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0),
    cacheReadTokens: (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0),
    requests: a.requests + b.requests,
    costUsd: a.costUsd + b.costUsd,
  };
}

export function totalCost(usage: Partial<Record<Role, Usage>>): number {
  return Object.values(usage).reduce((sum, u) => sum + (u?.costUsd ?? 0), 0);
}
