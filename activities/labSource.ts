import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeRef, fetchFromExchange, mirrorOf } from '../git/exchange';
import type { LoomDeps } from './deps';

/**
 * The local repository a Lab-side activity reads a commit from: the target repository
 * itself when everything runs on one machine, or this worker's mirror of the exchange,
 * freshly fetched, when the Lab works apart from Prime.
 */
export async function commitSource(deps: LoomDeps, input: { repoPath: string; exchange?: string; runId: string; candidate?: number }, what: 'base' | 'lab' | 'heldout'): Promise<string> {
  if (!input.exchange) return input.repoPath;
  const mirror = await mirrorOf(deps.mirrorsDir ?? join(tmpdir(), 'loom-mirrors'), input.exchange);
  const ref = exchangeRef(input.runId, what, what === 'base' ? undefined : input.candidate);
  await fetchFromExchange(mirror, input.exchange, ref, ref);
  return mirror;
}
