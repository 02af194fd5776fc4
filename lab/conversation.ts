// A Lab session's conversation as pure data: built up one turn at a time from entries that
// the transcript also keeps, so replaying a transcript rebuilds exactly what the model saw.
// What is sent is a view of it: old tool results elided when the context nears its budget,
// and cache breakpoints where the next request will reuse the prefix.
import type Anthropic from '@anthropic-ai/sdk';
import { addCounts, promptTokens, type TokenCounts } from '../model/pricing';
import { blockTokens, requestTokens } from '../model/tokenEstimate';

export interface ToolResultEntry {
  tool_use_id: string;
  content: string;
  is_error: boolean;
}

/** One turn of a session: its reply, what was done with it, and what it cost. */
export interface TurnEntry {
  turn: number;
  at: string;
  /** Tool results elided before this turn's request, by tool_use id. */
  masked: string[];
  /** The reply continues the previous assistant message (the one before was paused). */
  continued?: boolean;
  reply: Anthropic.ContentBlockParam[];
  stopReason: string | null;
  /** Tokens of this turn's request(s) and reply, as the API reported them. */
  usage: TokenCounts;
  /** Requests this turn took: more than one when a prompt was refused as too long. */
  requests: number;
  /** The estimator's count of the request that succeeded, to calibrate the next estimate. */
  estimated: number;
  /** What the model was given back: tool results, or a note when it had nothing to answer. */
  results: ToolResultEntry[];
  note?: string;
  /** Set on the session's last turn: why it ended. */
  ended?: 'done' | 'turn_limit' | 'refusal' | 'budget';
}

export interface Conversation {
  messages: Anthropic.MessageParam[];
  masked: Set<string>;
  turns: number;
  requests: number;
  tokens: TokenCounts;
  summary: string;
  /** The prompt the API counted for the last request, beside what the estimator said of it. */
  lastPrompt?: { actual: number; estimated: number };
  /** How many messages the last request sent: its last one carried the rolling breakpoint. */
  lastRequestLength?: number;
  /** The last reply's stop reason: after a pause the next reply continues the same message. */
  lastStop?: string | null;
  /** Why the session ended, once it has. */
  ended?: TurnEntry['ended'];
  /** Replies cut off at max_tokens, whose calls were not run. */
  truncated: number;
}

export function startConversation(program: string): Conversation {
  return {
    messages: [{ role: 'user', content: `program.md:\n\n${program}` }],
    masked: new Set(),
    turns: 0,
    requests: 0,
    tokens: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 },
    summary: '',
    truncated: 0,
  };
}

/** The conversation after one more turn (mutated in place, and returned). */
export function applyTurn(c: Conversation, e: TurnEntry): Conversation {
  for (const id of e.masked) c.masked.add(id);
  c.lastRequestLength = c.messages.length;
  const last = c.messages[c.messages.length - 1]!;
  if (e.continued && last.role === 'assistant' && Array.isArray(last.content)) last.content = [...last.content, ...e.reply];
  else c.messages.push({ role: 'assistant', content: e.reply });
  if (e.results.length) {
    c.messages.push({ role: 'user', content: e.results.map((r) => ({ type: 'tool_result' as const, tool_use_id: r.tool_use_id, content: r.content, is_error: r.is_error })) });
  } else if (e.note) c.messages.push({ role: 'user', content: [{ type: 'text', text: e.note }] });
  c.turns = e.turn;
  c.requests += e.requests;
  c.tokens = addCounts(c.tokens, e.usage);
  c.lastPrompt = { actual: promptTokens(e.usage), estimated: e.estimated };
  c.lastStop = e.stopReason;
  if (e.ended) c.ended = e.ended;
  if (e.stopReason === 'max_tokens' && !e.ended) c.truncated++;
  const text = e.reply.filter((b): b is Anthropic.TextBlockParam => b.type === 'text').map((b) => b.text).join('\n');
  if (text) c.summary = text;
  return c;
}

/** A short name for a tool call, for the placeholder that replaces its output. */
export function describeCall(name: string, input: Record<string, unknown>): string {
  const arg = name === 'bash' ? String(input.command ?? '') : String(input.path ?? '');
  const short = arg.length > 80 ? `${arg.slice(0, 77)}...` : arg;
  return `${name} ${short}`.trim();
}

export function placeholder(call: string): string {
  return `(output of \`${call}\` elided to keep the conversation within its context budget; run it again if you need it)`;
}

function callsById(messages: Anthropic.MessageParam[]): Map<string, string> {
  const calls = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== 'assistant' || !Array.isArray(m.content)) continue;
    for (const b of m.content) if (b.type === 'tool_use') calls.set(b.id, describeCall(b.name, (b.input ?? {}) as Record<string, unknown>));
  }
  return calls;
}

const ephemeral = { type: 'ephemeral' as const };

function withBreakpoint(m: Anthropic.MessageParam): Anthropic.MessageParam {
  const blocks: Anthropic.ContentBlockParam[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [...m.content];
  // Thinking blocks cannot carry a breakpoint; the last block that can, does.
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type === 'thinking' || b.type === 'redacted_thinking') continue;
    blocks[i] = { ...b, cache_control: ephemeral } as Anthropic.ContentBlockParam;
    break;
  }
  return { ...m, content: blocks } as Anthropic.MessageParam;
}

/**
 * The messages to send: elided results replaced by their placeholder, and, when caching,
 * a breakpoint on the last message and on the last message of the previous request, so
 * this request reads what the previous one wrote however many blocks a turn adds.
 * `latestUncached`: outputs that the next step will elide are not worth writing to the cache
 * (1.25 times the price, never read): the breakpoint stops at the message before them.
 */
export function requestView(c: Conversation, cache: boolean, opts: { latestUncached?: boolean } = {}): Anthropic.MessageParam[] {
  const calls = c.masked.size ? callsById(c.messages) : undefined;
  const view = c.messages.map((m) => {
    if (!calls || m.role !== 'user' || typeof m.content === 'string') return m;
    return {
      ...m,
      content: m.content.map((b) => (b.type === 'tool_result' && c.masked.has(b.tool_use_id) ? { ...b, content: placeholder(calls.get(b.tool_use_id) ?? 'a tool call') } : b)),
    };
  });
  if (!cache) return view;
  const last = opts.latestUncached && view.length >= 2 ? view.length - 2 : view.length - 1;
  const marks = new Set([last, (c.lastRequestLength ?? 0) - 1].filter((i) => i >= 0));
  return view.map((m, i) => (marks.has(i) ? withBreakpoint(m) : m));
}

export interface RequestFrame {
  system: Anthropic.TextBlockParam[] | string;
  tools: Anthropic.Tool[];
}

/**
 * Whether the latest outputs will be elided at the next step: another turn as large as this
 * one would take the prompt past its budget. Such outputs are sent, but not cached.
 */
export function latestWillBeElided(c: Conversation, frame: RequestFrame, budget: number): boolean {
  const latest = c.messages[c.messages.length - 1];
  if (!latest || latest.role !== 'user' || typeof latest.content === 'string') return false;
  const e = estimatePrompt(c, frame, requestView(c, false));
  const ratio = e.raw ? e.calibrated / e.raw : 1;
  const latestTokens = latest.content.reduce((sum, b) => sum + blockTokens(b as unknown as Record<string, unknown>), 0) * ratio;
  return e.calibrated + latestTokens > budget;
}

/** The estimator's count of a request, scaled by how far off it was on the last one. */
export function estimatePrompt(c: Conversation, frame: RequestFrame, messages: Anthropic.MessageParam[]): { raw: number; calibrated: number } {
  const raw = requestTokens({ system: frame.system, tools: frame.tools, messages } as unknown as Record<string, unknown>);
  const ratio = c.lastPrompt && c.lastPrompt.estimated > 0 ? c.lastPrompt.actual / c.lastPrompt.estimated : 1;
  return { raw, calibrated: Math.ceil(raw * Math.max(0.5, Math.min(4, ratio))) };
}

/**
 * Tool results to elide so the next request fits its budget, oldest first. Masking goes
 * down to half the budget at once, so it happens in steps, not every turn: between steps
 * the prefix stays byte-identical and the cache keeps reading it. The latest turn's
 * results go last, and only as far as needed to fit the budget itself.
 */
export function planMasking(c: Conversation, frame: RequestFrame, budget: number, opts: { ratio?: number } = {}): string[] {
  const e = estimatePrompt(c, frame, requestView(c, false));
  const ratio = opts.ratio ?? e.calibrated / e.raw;
  let current = Math.ceil(e.raw * ratio);
  if (current <= budget) return [];
  const calls = callsById(c.messages);
  const latest = c.messages[c.messages.length - 1];
  const latestIds = new Set(latest && Array.isArray(latest.content) ? latest.content.filter((b) => b.type === 'tool_result').map((b) => (b as Anthropic.ToolResultBlockParam).tool_use_id) : []);
  const candidates: Array<{ id: string; saves: number; latest: boolean }> = [];
  for (const m of c.messages) {
    if (m.role !== 'user' || typeof m.content === 'string') continue;
    for (const b of m.content) {
      if (b.type !== 'tool_result' || c.masked.has(b.tool_use_id)) continue;
      const saves = (blockTokens(b as unknown as Record<string, unknown>) - blockTokens({ ...b, content: placeholder(calls.get(b.tool_use_id) ?? 'a tool call') })) * ratio;
      // Eliding a short output saves nothing and loses it.
      if (saves > 64) candidates.push({ id: b.tool_use_id, saves, latest: latestIds.has(b.tool_use_id) });
    }
  }
  const added: string[] = [];
  for (const [pool, target] of [
    [candidates.filter((x) => !x.latest), Math.floor(budget / 2)],
    [candidates.filter((x) => x.latest), budget],
  ] as const) {
    for (const x of pool) {
      if (current <= target) break;
      added.push(x.id);
      current -= x.saves;
    }
  }
  return added;
}

/** What the model is shown instead of an output it already has, word for word, in view. */
export function sameAsBefore(call: string): string {
  return `(identical to the earlier output of \`${call}\` above, which is still in view)`;
}

/**
 * An output the model can still see earlier in the conversation (or earlier in this turn),
 * byte for byte, is shown as a reference to it: re-reading a file it has not changed costs
 * a line, not the file again. Short outputs are kept as they are.
 */
export function dedupeOutput(c: Conversation, earlierThisTurn: ToolResultEntry[], content: string, call: string): string {
  if (content.length < 256) return content;
  for (const r of earlierThisTurn) if (r.content === content) return sameAsBefore(call);
  for (const m of c.messages) {
    if (m.role !== 'user' || typeof m.content === 'string') continue;
    for (const b of m.content) if (b.type === 'tool_result' && !c.masked.has(b.tool_use_id) && b.content === content) return sameAsBefore(call);
  }
  return content;
}
