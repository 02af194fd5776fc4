import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeRef, fetchFromExchange, mirrorOf } from '../git/exchange';
import { refSha } from '../git/gitWorkspace';
import { PermanentError } from '../generation/errors';
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

/**
 * The source to read `sha` from, once `ref` there is known to point at it: a step that runs
 * before the one that made the ref has nothing to verify, and retrying cannot help (`why`
 * names the step that must come first).
 */
export async function sourceWith(deps: LoomDeps, scope: Pick<ActivityScope, 'repoPath' | 'exchange' | 'runId' | 'candidate'>, what: 'base' | 'lab' | 'heldout', ref: string, sha: string, why: string): Promise<string> {
  const src = await commitSource(deps, scope, what);
  const at = await refSha(src, ref);
  if (at !== sha) throw new PermanentError(`${ref} is ${at ? `at ${at.slice(0, 12)}` : 'not'} ${scope.exchange ? 'in the exchange' : 'on the host'}, expected ${sha.slice(0, 12)}: ${why}`);
  return src;
}
