import Anthropic from '@anthropic-ai/sdk';
import { AGENT_TOOLS, runTool } from './agentTools';
import type { LabShell } from './labShell';
import { CONTEXT_SHARE } from '../model/contextWindow';
import { modelFailure } from '../model/modelErrors';
import { addCounts, countsOf, promptTokens, type TokenCounts } from '../model/pricing';
import { applyTurn, dedupeOutput, describeCall, estimatePrompt, latestWillBeElided, planMasking, requestView, startConversation, type Conversation, type RequestFrame, type TurnEntry } from './conversation';

// Short on purpose: minimal agents with few tools and a small prompt do best.
export const AGENT_SYSTEM_PROMPT = `You are a careful software engineer working alone in a git repository at /workspace, inside a sealed container with no network.
Your task is in ~/program.md, outside the repository (also given below). Do exactly what it asks, nothing more.
Tools: read, write and edit files; bash runs shell commands in the repository root.
Work in small steps: read the relevant code first, make the change, then run the project's tests with bash and fix what fails.
Keep the change focused: no unrelated edits, no generated files, never weaken or delete existing tests.
Do not touch program.md. When the work is done and the tests pass, reply with a one-paragraph summary and no tool call; your work is committed for you.`;

export type AgentStop = 'done' | 'turn_limit' | 'refusal' | 'budget';

export interface AgentRun {
  turns: number;
  requests: number;
  tokens: TokenCounts;
  /** Why the loop ended: the model finished, the turn limit was reached, the model refused, or the budget ran out. */
  stop: AgentStop;
  /** Replies cut off at max_tokens: their tool calls were not run. */
  truncated: number;
  /** Tool results elided to keep the context within its budget. */
  masked: number;
  /** The largest prompt sent, in tokens as the API counted it. */
  largestPrompt: number;
  summary: string;
}

export interface AgentOptions {
  client: Anthropic;
  model: string;
  program: string;
  shell: LabShell;
  maxTurns: number;
  maxTokens?: number;
  /** Continue a conversation rebuilt from a crashed attempt's transcript, instead of paying for it again. */
  resume?: Conversation;
  /** What the session may spend: checked after each reply, before its tool calls run. */
  budget?: { usd?: number; tokens?: number; costOf: (tokens: TokenCounts) => number };
  /** Prompt tokens a request may reach before old tool results are elided. */
  contextBudget: number;
  /** Elide old outputs and reference repeated ones (on unless switched off, e.g. to measure what it saves). */
  manageContext?: boolean;
  /** Cache breakpoints on the stable prefix and the latest turns (on unless switched off, e.g. to measure). */
  cache?: boolean;
  /** Extended thinking: tokens the model may think per reply. */
  thinkingTokens?: number;
  /** Called with each turn as it completes, before the next request: what a transcript keeps. */
  onTurn?: (entry: TurnEntry, conversation: Conversation) => void;
}

/** What the model is told for each call of a reply cut off at max_tokens: none of it ran. */
export const TRUNCATED_CALL =
  'Not run: your reply was cut off at the output limit (max_tokens) before this call was complete, so nothing of it ran. ' +
  'Send it again in smaller steps: write a long file in parts (write the first part, then edit to add the rest), or use edit for a small change.';
const TRUNCATED_TEXT = 'Your reply was cut off at the output limit (max_tokens). Continue where it stopped, in shorter replies.';

/** A refusal because the prompt does not fit the model's window, with the API's own count when it gives one. */
export function contextOverflow(err: unknown): { tokens?: number; limit?: number } | undefined {
  if (!(err instanceof Anthropic.APIError) || err.status !== 400) return undefined;
  const message = String((err.error as { error?: { message?: string } } | undefined)?.error?.message ?? err.message);
  if (!/prompt is too long|exceed context limit/i.test(message)) return undefined;
  // "prompt is too long: 210000 tokens > 200000 maximum", or "... context limit: 190000 + 16000 > 200000, ..."
  const m = /(\d+) tokens? > (\d+)/.exec(message) ?? /(\d+) \+ \d+ > (\d+)/.exec(message);
  return m ? { tokens: Number(m[1]), limit: Number(m[2]) } : {};
}

// A refused prompt is masked harder and sent again this many times before the session fails.
const OVERFLOW_RETRIES = 3;

/** The plain loop: ask the model, run the tools it calls, hand back the results, repeat. */
export async function runAgent(opts: AgentOptions): Promise<AgentRun> {
  const c = opts.resume ?? startConversation(opts.program);
  const cache = opts.cache ?? true;
  const manage = opts.manageContext ?? true;
  const frame: RequestFrame = {
    system: cache ? [{ type: 'text', text: AGENT_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }] : AGENT_SYSTEM_PROMPT,
    tools: AGENT_TOOLS,
  };
  const run = { largestPrompt: 0 } as AgentRun;
  const sync = () => Object.assign(run, { turns: c.turns, requests: c.requests, tokens: c.tokens, summary: c.summary, masked: c.masked.size, truncated: c.truncated, stop: c.ended ?? 'done' });
  sync();
  // A resumed session that had already ended has nothing left to ask.
  if (c.ended) return run;
  const maxTokens = (opts.maxTokens ?? 8192) + (opts.thinkingTokens ?? 0);
  let contextBudget = opts.contextBudget;
  // Near or past the budget the estimate decides whether outputs are elided, so the provider
  // counts the prompt itself when it can (count_tokens, which is free); one that cannot is not asked again.
  let canCount = manage;
  const countNearBudget = async () => {
    const view = requestView(c, false);
    const e = estimatePrompt(c, frame, view);
    if (!canCount || e.calibrated < contextBudget * 0.85) return;
    try {
      const counted = await opts.client.messages.countTokens({ model: opts.model, system: frame.system, tools: frame.tools, messages: view });
      c.lastPrompt = { actual: counted.input_tokens, estimated: e.raw };
    } catch {
      canCount = false;
    }
  };

  for (;;) {
    if (manage) await countNearBudget();
    const masked = manage ? planMasking(c, frame, contextBudget) : [];
    let response: Anthropic.Message | undefined;
    let requests = 0;
    let estimated = 0;
    while (!response) {
      const view = { ...c, masked: new Set([...c.masked, ...masked]) };
      const messages = requestView(view, cache, { latestUncached: manage && latestWillBeElided(view, frame, contextBudget) });
      estimated = estimatePrompt(c, frame, messages).raw;
      requests++;
      try {
        response = await opts.client.messages.create({
          model: opts.model,
          max_tokens: maxTokens,
          system: frame.system,
          tools: frame.tools,
          messages,
          ...(opts.thinkingTokens ? { thinking: { type: 'enabled' as const, budget_tokens: opts.thinkingTokens } } : {}),
        });
      } catch (err) {
        const overflow = contextOverflow(err);
        if (!overflow || !manage || requests > OVERFLOW_RETRIES) throw modelFailure(err, 'Lab', opts.model, opts.client.baseURL);
        // The estimate or the budget was wrong: take the API's count and window, keep under that
        // window's share for the rest of the session, and mask until this prompt fits.
        const ratio = overflow.tokens ? overflow.tokens / estimated : 1.5 ** requests;
        contextBudget = Math.min(contextBudget, Math.floor((overflow.limit ?? estimated * ratio) * CONTEXT_SHARE));
        const more = planMasking({ ...c, masked: new Set([...c.masked, ...masked]) }, frame, Math.floor(contextBudget / 2 ** (requests - 1)), { ratio });
        if (more.length === 0) throw modelFailure(err, 'Lab', opts.model, opts.client.baseURL);
        masked.push(...more);
      }
    }
    const usage = countsOf(response.usage);
    run.largestPrompt = Math.max(run.largestPrompt, promptTokens(usage));
    const calls = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const paused = response.stop_reason === 'pause_turn';
    const cutOff = response.stop_reason === 'max_tokens';
    const spent = addCounts(c.tokens, usage);
    const b = opts.budget;
    let stop: AgentStop | undefined;
    if (response.stop_reason === 'refusal') stop = 'refusal';
    else if (b && ((b.tokens !== undefined && promptTokens(spent) + spent.outputTokens > b.tokens) || (b.usd !== undefined && b.costOf(spent) > b.usd))) stop = 'budget';
    else if (paused) stop = undefined; // sent back as it is, and the model goes on from there
    else if (calls.length === 0 && !cutOff) stop = 'done';
    else if (c.turns + 1 >= opts.maxTurns) stop = 'turn_limit';
    const entry: TurnEntry = {
      turn: c.turns + 1,
      at: new Date().toISOString(),
      masked,
      ...(c.lastStop === 'pause_turn' ? { continued: true } : {}),
      reply: response.content as Anthropic.ContentBlockParam[],
      stopReason: response.stop_reason,
      usage,
      requests,
      estimated,
      results: [],
      ...(stop ? { ended: stop } : {}),
    };
    if (!stop && !paused) {
      if (cutOff) {
        // Nothing of a cut-off reply runs: its last call's input is incomplete (a half-written file must never be written).
        for (const call of calls) entry.results.push({ tool_use_id: call.id, content: TRUNCATED_CALL, is_error: true });
        if (!calls.length) entry.note = TRUNCATED_TEXT;
      } else {
        for (const call of calls) {
          const input = (call.input ?? {}) as Record<string, unknown>;
          const out = await runTool(opts.shell, call.name, input);
          entry.results.push({ tool_use_id: call.id, content: manage ? dedupeOutput(c, entry.results, out.text || '(no output)', describeCall(call.name, input)) : out.text || '(no output)', is_error: out.isError });
        }
      }
    }
    applyTurn(c, entry);
    sync();
    opts.onTurn?.(entry, c);
    if (stop) return run;
  }
}
