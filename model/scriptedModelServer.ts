// A stand-in for the Anthropic Messages API (POST <prefix>/v1/messages, non-streaming, and
// <prefix>/v1/messages/count_tokens) that plays back scripted responses. Tests point the real
// @anthropic-ai/sdk client at it, so the server must answer in exactly the shapes the real API uses
// (messages, usage, error bodies, request-id header), reject the malformed requests the real API
// rejects (messagesRequest.ts), and account tokens as it does: context window, prompt caching
// (promptCache.ts), extended thinking, all on one token count (tokenEstimate.ts).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, invalid, isObj, validateRequest, type Json } from './messagesRequest';
import { usePromptCache, type CacheUsage, type PromptCacheState } from './promptCache';
import { estimateTokens, requestTokens } from './tokenEstimate';

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

export interface RecordedRequest {
  channel: string;
  /** Which endpoint was called: messages (create) or messages/count_tokens. */
  path: 'messages' | 'count_tokens';
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
  /** What the server answered: status and body (a message with its usage, or an error). */
  reply?: { status: number; body: any };
}

export interface ScriptedModelServerOptions {
  port?: number;
  host?: string;
  /** Tokens of prompt plus max_tokens a request may take; 200,000 by default, for every model. */
  contextWindow?: number;
  /** The clock for prompt-cache lifetimes, in ms; Date.now by default. */
  now?: () => number;
  /** Key for thinking-block signatures; random by default. Give the same one to a restarted server that must accept earlier signatures. */
  signingSecret?: string;
  /**
   * Chooses the step from the request itself, for channels the script leaves out: a run whose
   * calls may be repeated in any order (a Lab tried again after its worker was killed) would
   * drift from a fixed sequence, as a real model would not.
   */
  respond?: (channel: string, request: Json) => ScriptStep;
}

export interface ScriptedModelServer {
  url: string;
  baseUrl(channel: string): string;
  requests: RecordedRequest[];
  remaining(channel: string): number;
  close(): Promise<void>;
}

const isNonNegInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;

/** Short deterministic hex id, so reruns of a script produce the same ids. */
const digest = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 24);

// ---------------------------------------------------------------- script validation

const STEP_KEYS = ['text', 'tool', 'input', 'tools', 'error', 'usage', 'stop_reason', 'delayMs', 'thinking'];
const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal'];
// Channels become URL path segments.
const CHANNEL_NAME = /^[A-Za-z0-9_.-]+$/;

function stepProblems(step: unknown): string[] {
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

// ---------------------------------------------------------------- responses

const DEFAULT_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const DEFAULT_CONTEXT_WINDOW = 200_000;
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

function buildMessage(step: ScriptStep, body: Json, seed: string, cache: CacheUsage, sign: (thinking: string) => string): Json {
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

/** Refuses, before any step is consumed, a request that does not fit the context window. */
function checkContextWindow(body: Json, window: number): void {
  const prompt = requestTokens(body);
  if (prompt > window) invalid(`prompt is too long: ${prompt} tokens > ${window} maximum`);
  const max = body.max_tokens as number;
  if (prompt + max > window) {
    invalid(`input length and \`max_tokens\` exceed context limit: ${prompt} + ${max} > ${window}, decrease input length or \`max_tokens\` and try again`);
  }
}

// ---------------------------------------------------------------- server

const MESSAGES_PATH = /^(?:\/(.*?))?\/v1\/messages(\/count_tokens)?\/?$/;

export async function startScriptedModelServer(script: ModelScript, opts: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  const steps = validateModelScript(script);
  const used = new Map<string, number>(); // channel -> steps consumed
  const requests: RecordedRequest[] = [];
  let requestCount = 0;
  const contextWindow = opts.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const now = opts.now ?? Date.now;
  // One cache for all channels: the real one is shared by everything using the same key.
  const cache: PromptCacheState = new Map();
  const secret = opts.signingSecret ?? randomBytes(32).toString('hex');
  const sign = (thinking: string) => createHmac('sha256', secret).update(thinking).digest('base64');
  const thinkingSignatureValid = (thinking: string, signature: string) => signature === sign(thinking);

  const remaining = (channel: string) => (steps[channel]?.length ?? 0) - (used.get(channel) ?? 0);

  /** Decides the reply; ApiErrors thrown anywhere below become error replies. */
  function handle(req: IncomingMessage, raw: string, record: RecordedRequest): { status: number; body: Json; delayMs?: number } {
    const match = MESSAGES_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || req.method !== 'POST') throw new ApiError(404, 'not_found_error', 'Not Found');
    const channel = (record.channel = decodeURIComponent(match[1] ?? ''));
    const countTokens = match[2] !== undefined;
    if (countTokens) record.path = 'count_tokens';
    if (!req.headers['x-api-key'] && !req.headers.authorization) {
      throw new ApiError(401, 'authentication_error', 'x-api-key header is required');
    }
    if (!req.headers['anthropic-version']) invalid('anthropic-version: header is required');
    let parsed: unknown;
    try {
      parsed = record.body = JSON.parse(raw);
    } catch (e) {
      invalid(`There was an issue with your request body: invalid JSON (${(e as Error).message})`);
    }
    const body = validateRequest(parsed, { countTokens, thinkingSignatureValid });
    // Counting refuses nothing for length and plays no step.
    if (countTokens) return { status: 200, body: { input_tokens: requestTokens(body) } };
    checkContextWindow(body, contextWindow);

    const channelSteps = steps[channel];
    if (!channelSteps && opts.respond) {
      const step = opts.respond(channel, body);
      const problems = stepProblems(step);
      if (problems.length) invalid(`scripted model server: respond() gave '${channel}' an invalid step: ${problems.join('; ')}`);
      const index = used.get(channel) ?? 0;
      used.set(channel, index + 1);
      return { status: 200, body: buildMessage(step, body, `${channel}/${index}`, usePromptCache(cache, body, now()), sign), delayMs: step.delayMs };
    }
    if (!channelSteps) {
      invalid(`scripted model server: the script has no channel '${channel}' (channels: ${Object.keys(steps).join(', ') || 'none'})`);
    }
    const index = used.get(channel) ?? 0;
    const step = channelSteps[index];
    if (!step) {
      invalid(`scripted model server: the script for channel '${channel}' has no step ${index + 1} left (it has ${channelSteps.length})`);
    }
    used.set(channel, index + 1); // only well-formed requests consume a step
    if (step.error) {
      const type = step.error.type ?? DEFAULT_ERROR_TYPES[step.error.status] ?? 'api_error';
      throw new ApiError(step.error.status, type, step.error.message ?? type);
    }
    const usage = usePromptCache(cache, body, now());
    return { status: 200, body: buildMessage(step, body, `${channel}/${index}`, usage, sign), delayMs: step.delayMs };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = { channel: '', path: 'messages', body: raw, headers: req.headers };
      requests.push(record);
      let reply: { status: number; body: Json; delayMs?: number };
      try {
        reply = handle(req, raw, record);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(500, 'api_error', `scripted model server bug: ${(e as Error).message}`);
        reply = { status: err.status, body: { type: 'error', error: { type: err.type, message: err.message } } };
      }
      record.reply = { status: reply.status, body: reply.body };
      const requestId = `req_${digest(`request/${++requestCount}`)}`;
      const send = () => {
        if (res.destroyed) return; // the client gave up waiting
        res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': requestId });
        res.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: (channel) => `${url}/${encodeURIComponent(channel)}`,
    requests,
    remaining,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // The SDK keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
