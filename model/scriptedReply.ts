// The message the scripted model server answers a request with, in the real API's shape:
// the step's thinking, text and tool calls, its usage, and a reply cut where max_tokens stops it.
import { createHash } from 'node:crypto';
import { isObj, type Json } from './messagesRequest';
import type { ScriptStep } from './modelScript';
import type { CacheUsage } from './promptCache';
import { estimateTokens } from './tokenEstimate';

/** Short deterministic hex id, so reruns of a script produce the same ids. */
export const digest = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 24);

const DEFAULT_THINKING = 'Working out the next step.';

/**
 * A reply longer than the request's max_tokens, cut where the real API stops: text cut short,
 * a tool call's input cut inside its last string (the call is there, its input incomplete),
 * nothing after. Undefined when the reply fits.
 */
export function truncateToMaxTokens(content: Json[], maxTokens: number): Json[] | undefined {
  if (estimateTokens(content) <= maxTokens) return undefined;
  let budget = maxTokens * 4; // characters, by the same estimate
  const out: Json[] = [];
  for (const block of content) {
    const size = JSON.stringify(block).length;
    if (size <= budget) {
      out.push(block);
      budget -= size;
      continue;
    }
    if (block.type === 'text') out.push({ ...block, text: String(block.text).slice(0, Math.max(0, budget - 20)) });
    // Its signature no longer matches the cut text; the caller signs it again.
    else if (block.type === 'thinking') out.push({ ...block, thinking: String(block.thinking).slice(0, Math.max(0, budget - 50 - String(block.signature ?? '').length)) });
    else if (block.type === 'tool_use') {
      // Keys in order while they fit; the first that does not is cut inside its string, or dropped.
      const input: Json = {};
      let room = Math.max(0, budget - 80);
      for (const [k, v] of Object.entries((block.input ?? {}) as Json)) {
        const len = JSON.stringify(v).length + k.length + 4;
        if (len <= room) {
          input[k] = v;
          room -= len;
        } else {
          if (typeof v === 'string' && room > k.length + 8) input[k] = v.slice(0, room - k.length - 8);
          break;
        }
      }
      out.push({ ...block, input });
    }
    break;
  }
  return out;
}

const thinkingEnabled = (body: Json): boolean => isObj(body.thinking) && body.thinking.type === 'enabled';

export function buildMessage(step: ScriptStep, body: Json, seed: string, cache: CacheUsage, sign: (thinking: string) => string): Json {
  const content: Json[] = [];
  if (thinkingEnabled(body)) {
    const thinking = step.thinking ?? DEFAULT_THINKING;
    content.push({ type: 'thinking', thinking, signature: sign(thinking) });
  }
  if (step.text !== undefined) content.push({ type: 'text', text: step.text });
  const calls = step.tools ?? (step.tool !== undefined ? [{ name: step.tool, input: step.input }] : []);
  calls.forEach((c, k) => content.push({ type: 'tool_use', id: `toolu_${digest(`${seed}/${k}`)}`, name: c.name, input: c.input ?? {} }));
  // As the real API does, a reply that does not fit in max_tokens is cut there (a script may still set its own stop_reason).
  const cut = step.stop_reason === undefined && typeof body.max_tokens === 'number' ? truncateToMaxTokens(content, body.max_tokens) : undefined;
  const first = cut?.[0];
  if (first?.type === 'thinking') cut![0] = { ...first, signature: sign(String(first.thinking)) };
  return {
    id: `msg_${digest(seed)}`,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: cut ?? content,
    stop_reason: cut ? 'max_tokens' : (step.stop_reason ?? (calls.length ? 'tool_use' : 'end_turn')),
    stop_sequence: null,
    usage: {
      ...cache,
      output_tokens: cut ? body.max_tokens : estimateTokens(content),
      ...step.usage,
    },
  };
}
