import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeRef, fetchFromExchange, mirrorOf } from '../git/exchange';
import type { ActivityScope } from '../generation/activityScope';
import type { LoomDeps } from './deps';

/**
 * The local repository a Lab-side activity reads a commit from: the target repository
 * itself when everything runs on one machine, or this worker's mirror of the exchange,
 * freshly fetched, when the Lab works apart from Prime.
 */
export async function commitSource(deps: LoomDeps, scope: Pick<ActivityScope, 'repoPath' | 'exchange' | 'runId' | 'candidate'>, what: 'base' | 'lab' | 'heldout'): Promise<string> {
  if (!scope.exchange) return scope.repoPath;
  const mirror = await mirrorOf(deps.mirrorsDir ?? join(tmpdir(), 'loom-mirrors'), scope.exchange);
  const ref = exchangeRef(scope.runId, what, what === 'base' ? undefined : scope.candidate);
  await fetchFromExchange(mirror, scope.exchange, ref, ref);
  return mirror;
}
