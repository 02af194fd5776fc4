import type Anthropic from '@anthropic-ai/sdk';
import { AGENT_TOOLS, runTool } from './agentTools';
import type { LabShell } from './labShell';
import { modelFailure } from '../model/modelErrors';

// Short on purpose: minimal agents with few tools and a small prompt do best.
export const AGENT_SYSTEM_PROMPT = `You are a careful software engineer working alone in a git repository at /workspace, inside a sealed container with no network.
Your task is in program.md (also given below). Do exactly what it asks, nothing more.
Tools: read, write and edit files; bash runs shell commands in the repository root.
Work in small steps: read the relevant code first, make the change, then run the project's tests with bash and fix what fails.
Keep the change focused: no unrelated edits, no generated files, never weaken or delete existing tests.
Do not touch program.md. When the work is done and the tests pass, reply with a one-paragraph summary and no tool call; your work is committed for you.`;

export interface AgentRun {
  turns: number;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** Why the loop ended: the model finished, the turn limit was reached, or the model refused. */
  stop: 'done' | 'turn_limit' | 'refusal' | 'budget';
  /** Replies cut off at max_tokens: their tool calls were not run. */
  truncated: number;
  summary: string;
}

/** Where a conversation stands after a turn: enough to resume it after a crash. */
export interface AgentCheckpoint {
  messages: Anthropic.MessageParam[];
  turns: number;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export interface AgentOptions {
  client: Anthropic;
  model: string;
  program: string;
  shell: LabShell;
  maxTurns: number;
  maxTokens?: number;
  /** Continue a conversation a crashed attempt checkpointed, instead of paying for it again. */
  resume?: AgentCheckpoint;
  /** What the session may spend: checked after each reply, before its tool calls run. */
  budget?: { usd?: number; tokens?: number; costOf: (inputTokens: number, outputTokens: number) => number };
  /** Called after each turn's tool results are in, with a checkpoint to resume from. */
  onTurn?: (turn: number, toolNames: string[], checkpoint: AgentCheckpoint) => void;
}

/** What the model is told for each call of a reply cut off at max_tokens: none of it ran. */
export const TRUNCATED_CALL =
  'Not run: your reply was cut off at the output limit (max_tokens) before this call was complete, so nothing of it ran. ' +
  'Send it again in smaller steps: write a long file in parts (write the first part, then edit to add the rest), or use edit for a small change.';
const TRUNCATED_TEXT = 'Your reply was cut off at the output limit (max_tokens). Continue where it stopped, in shorter replies.';

/** The plain loop: ask the model, run the tools it calls, hand back the results, repeat. */
export async function runAgent(opts: AgentOptions): Promise<AgentRun> {
  const messages: Anthropic.MessageParam[] = opts.resume ? [...opts.resume.messages] : [{ role: 'user', content: `program.md:\n\n${opts.program}` }];
  const run: AgentRun = { turns: 0, inputTokens: 0, outputTokens: 0, requests: 0, stop: 'done', summary: '', truncated: 0 };
  if (opts.resume) Object.assign(run, { turns: opts.resume.turns, inputTokens: opts.resume.inputTokens, outputTokens: opts.resume.outputTokens, requests: opts.resume.requests });
  // After a paused turn the next reply continues the same assistant message.
  let continuing = false;
  for (;;) {
    const response = await opts.client.messages
      .create({ model: opts.model, max_tokens: opts.maxTokens ?? 8192, system: AGENT_SYSTEM_PROMPT, tools: AGENT_TOOLS, messages })
      .catch((err: unknown) => {
        throw modelFailure(err, 'Lab', opts.model, opts.client.baseURL);
      });
    run.requests++;
    run.turns++;
    run.inputTokens += response.usage.input_tokens;
    run.outputTokens += response.usage.output_tokens;
    const last = messages[messages.length - 1]!;
    if (continuing && Array.isArray(last.content)) last.content = [...(last.content as Anthropic.ContentBlockParam[]), ...response.content];
    else messages.push({ role: 'assistant', content: response.content });
    continuing = false;

    const calls = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const text = response.content.filter((b): b is Anthropic.TextBlock => b.type === 'text').map((b) => b.text).join('\n');
    if (text) run.summary = text;
    if (response.stop_reason === 'refusal') {
      run.stop = 'refusal';
      return run;
    }
    const b = opts.budget;
    if (b && ((b.tokens !== undefined && run.inputTokens + run.outputTokens > b.tokens) || (b.usd !== undefined && b.costOf(run.inputTokens, run.outputTokens) > b.usd))) {
      run.stop = 'budget';
      return run;
    }
    const cutOff = response.stop_reason === 'max_tokens';
    // A paused turn is sent back as it is, and the model goes on from there.
    if (response.stop_reason === 'pause_turn' && calls.length === 0) {
      continuing = true;
      continue;
    }
    if (calls.length === 0 && !cutOff) return run;
    if (run.turns >= opts.maxTurns) {
      run.stop = 'turn_limit';
      return run;
    }
    const results: Anthropic.ToolResultBlockParam[] = [];
    if (cutOff) {
      // Nothing of a cut-off reply runs: its last call's input is incomplete (a half-written file must never be written).
      run.truncated++;
      for (const call of calls) results.push({ type: 'tool_result', tool_use_id: call.id, content: TRUNCATED_CALL, is_error: true });
    } else {
      for (const call of calls) {
        const out = await runTool(opts.shell, call.name, (call.input ?? {}) as Record<string, unknown>);
        results.push({ type: 'tool_result', tool_use_id: call.id, content: out.text || '(no output)', is_error: out.isError });
      }
    }
    messages.push({ role: 'user', content: results.length ? results : [{ type: 'text', text: TRUNCATED_TEXT }] });
    // A copy: the live array grows with the next turn, and the checkpoint must not.
    opts.onTurn?.(run.turns, calls.map((c) => c.name), { messages: [...messages], turns: run.turns, inputTokens: run.inputTokens, outputTokens: run.outputTokens, requests: run.requests });
  }
}
