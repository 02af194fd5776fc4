// The one place a default reaches the work: every setting the table gives a default, applied
// where the given settings leave it out. The client applies it before starting a generation,
// the loop once for all its generations; nothing downstream falls back to a default again.
// Pure, so the loop workflow can apply it to an input started by hand.
import { SETTINGS, type Setting } from './settings';
import { DEFAULT_HEARTBEAT_TIMEOUT, type ResolvedWorkSettings, type WorkSettings } from './workSettings';

type Tree = Record<string, unknown>;

/** `tree` with `value` at `path` where nothing is there yet; the objects on the way are copied, never changed. */
function withDefault(tree: Tree, path: string[], value: unknown): Tree {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length) return { ...tree, [head]: withDefault((tree[head] ?? {}) as Tree, rest, value) };
  return tree[head] === undefined ? { ...tree, [head]: Array.isArray(value) ? [...value] : value } : tree;
}

/**
 * The given settings with the table's defaults in place. A setting sent only from the
 * repository's file (the Lab image, the test timeout) is left out: where the file does not
 * set it, the worker's own value applies, which only the worker knows.
 */
export function resolveWorkSettings(given: WorkSettings): ResolvedWorkSettings {
  let out = given as unknown as Tree;
  for (const s of SETTINGS as readonly Setting[]) {
    if (s.work && s.default !== undefined && !s.sentOnlyFromFile) out = withDefault(out, s.work.split('.'), s.default);
  }
  return { ...out, heartbeatTimeout: given.heartbeatTimeout ?? DEFAULT_HEARTBEAT_TIMEOUT } as unknown as ResolvedWorkSettings;
}
