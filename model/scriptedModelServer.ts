// A stand-in for the Anthropic Messages API (POST <prefix>/v1/messages, non-streaming) that plays
// back scripted responses. Tests point the real @anthropic-ai/sdk client at it, so the server must
// answer in exactly the shapes the real API uses (messages, usage, error bodies, request-id header)
// and reject the malformed requests the real API rejects: a conversation that passes here should
// not fail for structural reasons against the real endpoint.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface ScriptedModelServer {
  url: string;
  baseUrl(channel: string): string;
  requests: RecordedRequest[];
  remaining(channel: string): number;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;

/** Short deterministic hex id, so reruns of a script produce the same ids. */
const digest = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 24);

// ---------------------------------------------------------------- script validation

const STEP_KEYS = ['text', 'tool', 'input', 'tools', 'error', 'usage', 'stop_reason', 'delayMs'];
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
    const others = ['text', 'tool', 'tools', 'usage', 'stop_reason'].filter((k) => step[k] !== undefined);
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

// ---------------------------------------------------------------- request validation

/** An error reply in the API's format; thrown from the validators, caught by the request handler. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function invalid(message: string): never {
  throw new ApiError(400, 'invalid_request_error', message);
}

const BLOCK_TYPES = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'];
// The documented constraint for client tool names.
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function validateSystem(system: unknown): void {
  if (system === undefined || typeof system === 'string') return;
  if (!Array.isArray(system)) invalid('system: Input should be a valid string or a list of text blocks');
  system.forEach((b, i) => {
    if (!isObj(b) || b.type !== 'text' || typeof b.text !== 'string') invalid(`system.${i}: Input should be a text block`);
  });
}

function validateTools(tools: unknown): string[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) invalid('tools: Input should be a valid list');
  const names = tools.map((t, i) => {
    if (!isObj(t)) invalid(`tools.${i}: Input should be a valid dictionary`);
    if (typeof t.name !== 'string') invalid(`tools.${i}.name: Field required`);
    // Server tools (web_search_…, bash_…) carry a versioned type and no schema.
    if (t.type !== undefined && t.type !== 'custom') return t.name;
    if (!TOOL_NAME.test(t.name)) invalid(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
    if (t.input_schema === undefined) invalid(`tools.${i}.custom.input_schema: Field required`);
    if (!isObj(t.input_schema)) invalid(`tools.${i}.custom.input_schema: Input should be a valid dictionary`);
    if (t.input_schema.type !== 'object') invalid(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
    return t.name;
  });
  if (new Set(names).size !== names.length) invalid('tools: Tool names must be unique.');
  return names;
}

function validateToolChoice(choice: unknown, toolNames: string[]): void {
  if (choice === undefined) return;
  if (!isObj(choice) || !['auto', 'any', 'tool', 'none'].includes(choice.type as string)) {
    invalid("tool_choice: Input tag found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
  }
  if (choice.type === 'tool') {
    if (typeof choice.name !== 'string') invalid('tool_choice.tool.name: Field required');
    if (!toolNames.includes(choice.name)) invalid(`tool_choice: Tool '${choice.name}' not found in tools`);
  }
}

/** Validates one message's content and returns it as blocks. */
function contentBlocks(m: Json, at: string, isFinalAssistant: boolean): Json[] {
  // Only a final assistant message (a prefill) may be empty.
  const nonEmpty = () => {
    if (!isFinalAssistant) invalid(`${at}: all messages must have non-empty content except for the optional final assistant message`);
  };
  if (typeof m.content === 'string') {
    if (m.content === '') nonEmpty();
    return [];
  }
  if (!Array.isArray(m.content)) invalid(`${at}.content: Input should be a valid string or list of content blocks`);
  if (m.content.length === 0) nonEmpty();
  return m.content.map((b, j) => {
    const bat = `${at}.content.${j}`;
    if (!isObj(b)) invalid(`${bat}: Input should be a valid dictionary`);
    if (!BLOCK_TYPES.includes(b.type as string)) {
      invalid(`${bat}: Input tag '${String(b.type)}' found using 'type' does not match any of the expected tags: ${BLOCK_TYPES.map((t) => `'${t}'`).join(', ')}`);
    }
    if (b.type === 'text') {
      if (typeof b.text !== 'string') invalid(`${bat}.text: Field required`);
      if (b.text === '') invalid('messages: text content blocks must be non-empty');
    }
    if (b.type === 'image' && !isObj(b.source)) invalid(`${bat}.image.source: Field required`);
    if (b.type === 'tool_use') {
      if (m.role !== 'assistant') invalid(`${bat}: \`tool_use\` blocks can only be in \`assistant\` messages`);
      if (typeof b.id !== 'string' || typeof b.name !== 'string' || !isObj(b.input)) {
        invalid(`${bat}.tool_use: "id" and "name" must be strings and "input" an object`);
      }
    }
    if (b.type === 'tool_result') {
      if (m.role !== 'user') invalid(`${bat}: \`tool_result\` blocks can only be in \`user\` messages`);
      if (typeof b.tool_use_id !== 'string') invalid(`${bat}.tool_result.tool_use_id: Field required`);
      if (b.content !== undefined && typeof b.content !== 'string' && !Array.isArray(b.content)) {
        invalid(`${bat}.tool_result.content: Input should be a valid string or list of content blocks`);
      }
    }
    return b;
  });
}

function validateMessages(messages: unknown): void {
  if (messages === undefined) invalid('messages: Field required');
  if (!Array.isArray(messages)) invalid('messages: Input should be a valid list');
  if (messages.length === 0) invalid('messages: at least one message is required');
  let prevRole: unknown;
  let pendingToolUseIds: string[] = []; // tool_use ids of the preceding assistant message
  messages.forEach((m, i) => {
    const at = `messages.${i}`;
    if (!isObj(m)) invalid(`${at}: Input should be a valid dictionary`);
    if (m.role !== 'user' && m.role !== 'assistant') invalid(`${at}.role: Input should be 'user' or 'assistant'`);
    if (i === 0 && m.role !== 'user') invalid('messages: first message must use the "user" role');
    if (m.role === prevRole) {
      invalid(`messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`);
    }
    prevRole = m.role;
    const blocks = contentBlocks(m, at, i === messages.length - 1 && m.role === 'assistant');

    if (m.role === 'assistant') {
      pendingToolUseIds = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id as string);
      return;
    }
    const isResult = blocks.map((b) => b.type === 'tool_result');
    const firstOther = isResult.indexOf(false);
    if (firstOther !== -1 && isResult.lastIndexOf(true) > firstOther) {
      invalid(`${at}: \`tool_result\` blocks must come first in the content, before any other blocks`);
    }
    const resultIds = blocks.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id as string);
    // Report an unknown id before unanswered ones: a wrong id usually causes both, and the
    // wrong id is the actual mistake.
    const unknown = resultIds.filter((id) => !pendingToolUseIds.includes(id));
    if (unknown.length) {
      invalid(
        `${at}.content.${resultIds.indexOf(unknown[0]!)}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unknown.join(', ')}. ` +
          'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
      );
    }
    const unanswered = pendingToolUseIds.filter((id) => !resultIds.includes(id));
    if (unanswered.length) {
      invalid(
        `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
      );
    }
    pendingToolUseIds = [];
  });
}

function validateRequest(body: unknown): Json {
  if (!isObj(body)) invalid('Input should be a valid dictionary');
  if (body.model === undefined) invalid('model: Field required');
  if (typeof body.model !== 'string' || body.model === '') invalid('model: Input should be a valid string');
  if (body.max_tokens === undefined) invalid('max_tokens: Field required');
  if (!Number.isInteger(body.max_tokens)) invalid('max_tokens: Input should be a valid integer');
  if ((body.max_tokens as number) < 1) invalid('max_tokens: Input should be greater than or equal to 1');
  // A JSON reply to a streaming request would confuse the SDK; fail loudly instead.
  if (body.stream === true) invalid('scripted model server: streaming is not supported (use messages.create without stream)');
  validateSystem(body.system);
  validateToolChoice(body.tool_choice, validateTools(body.tools));
  validateMessages(body.messages);
  return body;
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

/** Rough token estimate (~4 chars per token), enough for code that accounts usage. */
const estimateTokens = (v: unknown): number => Math.max(1, Math.ceil(JSON.stringify(v ?? '').length / 4));

function buildMessage(step: ScriptStep, body: Json, seed: string): Json {
  const content: Json[] = [];
  if (step.text !== undefined) content.push({ type: 'text', text: step.text });
  const calls = step.tools ?? (step.tool !== undefined ? [{ name: step.tool, input: step.input }] : []);
  calls.forEach((c, k) => content.push({ type: 'tool_use', id: `toolu_${digest(`${seed}/${k}`)}`, name: c.name, input: c.input ?? {} }));
  return {
    id: `msg_${digest(seed)}`,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: step.stop_reason ?? (calls.length ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: {
      input_tokens: estimateTokens({ system: body.system, messages: body.messages, tools: body.tools }),
      output_tokens: estimateTokens(content),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...step.usage,
    },
  };
}

// ---------------------------------------------------------------- server

const MESSAGES_PATH = /^(?:\/(.*?))?\/v1\/messages\/?$/;

export async function startScriptedModelServer(
  script: ModelScript,
  opts: { port?: number; host?: string } = {},
): Promise<ScriptedModelServer> {
  const steps = validateModelScript(script);
  const used = new Map<string, number>(); // channel -> steps consumed
  const requests: RecordedRequest[] = [];
  let requestCount = 0;

  const remaining = (channel: string) => (steps[channel]?.length ?? 0) - (used.get(channel) ?? 0);

  /** Decides the reply; ApiErrors thrown anywhere below become error replies. */
  function handle(req: IncomingMessage, raw: string, record: RecordedRequest): { status: number; body: Json; delayMs?: number } {
    const match = MESSAGES_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || req.method !== 'POST') throw new ApiError(404, 'not_found_error', 'Not Found');
    const channel = (record.channel = decodeURIComponent(match[1] ?? ''));
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
    const body = validateRequest(parsed);

    const channelSteps = steps[channel];
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
    return { status: 200, body: buildMessage(step, body, `${channel}/${index}`), delayMs: step.delayMs };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = { channel: '', body: raw, headers: req.headers };
      requests.push(record);
      let reply: { status: number; body: Json; delayMs?: number };
      try {
        reply = handle(req, raw, record);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(500, 'api_error', `scripted model server bug: ${(e as Error).message}`);
        reply = { status: err.status, body: { type: 'error', error: { type: err.type, message: err.message } } };
      }
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
