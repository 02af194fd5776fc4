// The script the scripted model server plays back: for each channel, the steps it answers
// with in order, and the checks that refuse a malformed one before any request is served.
import { readFileSync } from 'node:fs';
import { isObj } from './messagesRequest';

export interface ScriptToolCall {
  name: string;
  input?: Record<string, unknown>;
}

export interface ScriptUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export interface ScriptStep {
  /** The thinking block's text when the request enables thinking (else ignored); a default when unset. */
  thinking?: string;
  /** Text block; comes before any tool_use blocks. */
  text?: string;
  /** Single tool call (shorthand for `tools: [{ name: tool, input }]`). */
  tool?: string;
  input?: Record<string, unknown>;
  tools?: ScriptToolCall[];
  /** Reply with an API error instead of a message. type/message default from the status. */
  error?: { status: number; type?: string; message?: string };
  /** Overrides the estimated usage field by field. */
  usage?: ScriptUsage;
  /** Defaults to "tool_use" when the step calls tools, else "end_turn". */
  stop_reason?: StopReason;
  /** Wait this long before answering (a slow or hung model, for timeout tests). */
  delayMs?: number;
}

export interface ModelScript {
  [channel: string]: ScriptStep[];
}

const isNonNegInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;

const STEP_KEYS = ['text', 'tool', 'input', 'tools', 'error', 'usage', 'stop_reason', 'delayMs', 'thinking'];
const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal'];
// Channels become URL path segments.
const CHANNEL_NAME = /^[A-Za-z0-9_.-]+$/;

export function stepProblems(step: unknown): string[] {
  if (!isObj(step)) return ['a step must be an object'];
  const problems: string[] = [];
  // Unknown keys are usually typos ("tool_input", "content"); silently ignoring them would
  // make a test exercise something other than what its author wrote.
  for (const key of Object.keys(step)) {
    if (!STEP_KEYS.includes(key)) problems.push(`unknown key "${key}" (allowed: ${STEP_KEYS.join(', ')})`);
  }
  const { text, tool, input, tools, error, usage, stop_reason } = step;
  if (text === undefined && tool === undefined && tools === undefined && error === undefined) {
    problems.push('a step needs "text", "tool", "tools" or "error"');
  }
  if (step.delayMs !== undefined && !(typeof step.delayMs === 'number' && step.delayMs >= 0 && step.delayMs <= 600_000)) {
    problems.push('"delayMs" must be a number of milliseconds from 0 to 600000');
  }
  if (error !== undefined) {
    const others = ['text', 'tool', 'tools', 'usage', 'stop_reason', 'thinking'].filter((k) => step[k] !== undefined);
    if (others.length) problems.push(`"error" cannot be combined with ${others.map((k) => `"${k}"`).join(', ')}`);
    if (!isObj(error) || !Number.isInteger(error.status) || (error.status as number) < 400 || (error.status as number) > 599) {
      problems.push('"error" must be an object with an integer "status" between 400 and 599');
    } else {
      if (error.type !== undefined && typeof error.type !== 'string') problems.push('"error.type" must be a string');
      if (error.message !== undefined && typeof error.message !== 'string') problems.push('"error.message" must be a string');
    }
  }
  // The client sends our text back in the next request, and the API rejects empty text blocks.
  if (text !== undefined && (typeof text !== 'string' || text === '')) problems.push('"text" must be a non-empty string');
  if (step.thinking !== undefined && (typeof step.thinking !== 'string' || step.thinking === '')) problems.push('"thinking" must be a non-empty string');
  if (tool !== undefined && tools !== undefined) problems.push('use either "tool" or "tools", not both');
  if (tool !== undefined && (typeof tool !== 'string' || tool === '')) problems.push('"tool" must be a non-empty string');
  if (input !== undefined && tool === undefined) problems.push('"input" belongs with "tool" (in "tools", each entry has its own input)');
  if (input !== undefined && !isObj(input)) problems.push('"input" must be an object');
  if (tools !== undefined) {
    if (!Array.isArray(tools) || tools.length === 0) problems.push('"tools" must be a non-empty array');
    else {
      tools.forEach((t, k) => {
        if (!isObj(t) || typeof t.name !== 'string' || t.name === '') problems.push(`tools[${k}] needs a non-empty string "name"`);
        else if (t.input !== undefined && !isObj(t.input)) problems.push(`tools[${k}].input must be an object`);
      });
    }
  }
  if (usage !== undefined) {
    if (!isObj(usage)) problems.push('"usage" must be an object');
    else {
      for (const [k, v] of Object.entries(usage)) {
        if (!USAGE_KEYS.includes(k)) problems.push(`unknown usage field "${k}" (allowed: ${USAGE_KEYS.join(', ')})`);
        else if (!isNonNegInt(v)) problems.push(`"usage.${k}" must be a non-negative integer`);
      }
    }
  }
  if (stop_reason !== undefined && !STOP_REASONS.includes(stop_reason as string)) {
    problems.push(`"stop_reason" must be one of ${STOP_REASONS.join(', ')}`);
  }
  return problems;
}

export function validateModelScript(script: unknown): ModelScript {
  if (!isObj(script)) throw new Error('invalid model script: expected an object mapping channel names to arrays of steps');
  const problems: string[] = [];
  for (const [channel, steps] of Object.entries(script)) {
    if (!CHANNEL_NAME.test(channel)) problems.push(`"${channel}": channel names may only use letters, digits, "_", "." and "-"`);
    if (!Array.isArray(steps)) {
      problems.push(`${channel}: must be an array of steps`);
      continue;
    }
    steps.forEach((step, i) => problems.push(...stepProblems(step).map((p) => `${channel}[${i}]: ${p}`)));
  }
  if (problems.length) throw new Error(`invalid model script:\n  ${problems.join('\n  ')}`);
  return script as ModelScript;
}

export function loadModelScript(path: string): ModelScript {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read model script ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`model script ${path} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return validateModelScript(parsed);
  } catch (e) {
    throw new Error(`model script ${path}: ${(e as Error).message}`);
  }
}
