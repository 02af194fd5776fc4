// Prompt caching as the Messages API bills it, for the scripted server: which prefixes of a
// request are read from the cache, which are written, and what that does to usage. Pure apart
// from the state passed in; the caller supplies the clock.
import { createHash } from 'node:crypto';
import { blockTokens, promptBlocks, requestTokens } from './tokenEstimate';

type Json = Record<string, unknown>;

export type CacheTtl = '5m' | '1h';

export interface CacheEntry {
  ttl: CacheTtl;
  /** Prompt tokens of the cached prefix. */
  tokens: number;
  /** Milliseconds since the epoch; the entry is gone from then on. */
  expiresAt: number;
}

/** Cached prefixes by key (model and hash of the prefix's blocks). */
export type PromptCacheState = Map<string, CacheEntry>;

export interface Breakpoint {
  /** Index into promptBlocks(body) of the block that ends the prefix. */
  index: number;
  ttl: CacheTtl;
}

export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export const TTL_MS: Record<CacheTtl, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** How many block boundaries before a breakpoint are also checked for a hit. */
export const LOOKBACK_BLOCKS = 20;

// Matched by the longest prefix of the model id.
const MIN_CACHEABLE: Array<[string, number]> = [
  ['claude-opus-4-6', 4096],
  ['claude-opus-4-5', 4096],
  ['claude-haiku-4-5', 4096],
  ['claude-sonnet-4-6', 2048],
  ['claude-opus-4-7', 2048],
  ['claude-3-5-haiku', 2048],
  ['claude-3-haiku', 2048],
  ['claude-opus-4-8', 1024],
  ['claude-opus-4-1', 1024],
  ['claude-opus-4', 1024],
  ['claude-sonnet-4-5', 1024],
  ['claude-sonnet-4', 1024],
  ['claude-3-7-sonnet', 1024],
];

/** The shortest prefix (in tokens) the model caches; a shorter one is billed as plain input. */
export function minCacheableTokens(model: string): number {
  let best: [string, number] | undefined;
  for (const row of MIN_CACHEABLE) if (model.startsWith(row[0]) && row[0].length > (best?.[0].length ?? -1)) best = row;
  return best?.[1] ?? 1024;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ttlOf = (cc: Json): CacheTtl => (cc.ttl === '1h' ? '1h' : '5m');

/**
 * The request's breakpoints in block order: every block with a cache_control, and for a
 * top-level cache_control (automatic caching) the last block, unless it has its own.
 */
export function cacheBreakpoints(body: Json): Breakpoint[] {
  const blocks = promptBlocks(body);
  const points: Breakpoint[] = [];
  blocks.forEach((b, index) => {
    if (isObj(b.cache_control)) points.push({ index, ttl: ttlOf(b.cache_control) });
  });
  const last = blocks.length - 1;
  if (isObj(body.cache_control) && last >= 0 && points.at(-1)?.index !== last) points.push({ index: last, ttl: ttlOf(body.cache_control) });
  return points;
}

/**
 * The cache key after each block: a hash chain from the model over the blocks (without their
 * cache_control), each tagged with where it sits, so any byte changed earlier changes every key after.
 */
function prefixKeys(body: Json): { keys: string[]; upTo: number[] } {
  // [tag, block, tokens]: a message's role turn (3 tokens) counts with its first block, so a cached prefix holds it too.
  const tagged: Array<[string, Json, number]> = [];
  if (Array.isArray(body.tools)) for (const t of body.tools) if (isObj(t)) tagged.push(['tool', t, blockTokens(t)]);
  const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : Array.isArray(body.system) ? body.system : [];
  for (const s of system) if (isObj(s)) tagged.push(['system', s, blockTokens(s)]);
  if (Array.isArray(body.messages)) {
    body.messages.forEach((m: unknown, i) => {
      if (!isObj(m)) return;
      const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? m.content : [];
      content.filter(isObj).forEach((b, k) => tagged.push([`message ${i} ${String(m.role)}`, b, blockTokens(b) + (k === 0 ? 3 : 0)]));
    });
  }
  let hash = createHash('sha256').update(String(body.model)).digest('hex');
  let sum = 0;
  const upTo: number[] = [];
  const keys = tagged.map(([tag, block, tokens]) => {
    const { cache_control: _marker, ...rest } = block;
    hash = createHash('sha256').update(`${hash}\n${tag}\n${JSON.stringify(rest)}`).digest('hex');
    upTo.push((sum += tokens));
    return `${String(body.model)}:${hash}`;
  });
  return { keys, upTo };
}

/**
 * Bills `body` against the cache at time `now` and updates the cache: the longest live prefix
 * found at or up to LOOKBACK_BLOCKS boundaries before a breakpoint is read (and its lifetime
 * renewed), every cacheable breakpoint after it is written. input, read and creation always sum
 * to requestTokens(body).
 */
export function usePromptCache(state: PromptCacheState, body: Json, now: number): CacheUsage {
  const total = requestTokens(body);
  const points = cacheBreakpoints(body);
  const usage: CacheUsage = {
    input_tokens: total,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  };
  if (points.length === 0) return usage;

  // Tokens of the prefix ending at each block, and its cache key.
  const { keys, upTo } = prefixKeys(body);
  const live = (i: number): CacheEntry | undefined => {
    const key = keys[i]!;
    const entry = state.get(key);
    if (entry && entry.expiresAt <= now) state.delete(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  };

  let hit = -1;
  for (const p of points) {
    for (let i = p.index; i >= Math.max(0, p.index - LOOKBACK_BLOCKS) && i > hit; i--) {
      if (live(i)) {
        hit = i;
        break;
      }
    }
  }
  const read = hit >= 0 ? upTo[hit]! : 0;
  if (hit >= 0) {
    const entry = state.get(keys[hit]!)!;
    entry.expiresAt = now + TTL_MS[entry.ttl];
  }

  const min = minCacheableTokens(String(body.model));
  let written = read;
  for (const p of points) {
    const tokens = upTo[p.index]!;
    if (p.index <= hit || tokens < min) continue;
    usage.cache_creation[p.ttl === '1h' ? 'ephemeral_1h_input_tokens' : 'ephemeral_5m_input_tokens'] += tokens - written;
    written = tokens;
    state.set(keys[p.index]!, { ttl: p.ttl, tokens, expiresAt: now + TTL_MS[p.ttl] });
  }
  usage.cache_read_input_tokens = read;
  usage.cache_creation_input_tokens = written - read;
  usage.input_tokens = total - read - (written - read);
  return usage;
}
