// What the Anthropic Messages API accepts in a request (POST /v1/messages and
// /v1/messages/count_tokens), checked the way the real API checks it and refused with its
// error messages: a conversation that passes here should not fail for structural reasons
// against the real endpoint.
import { promptBlocks } from './tokenEstimate';

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An error reply in the API's format; thrown from the validators, caught by the request handler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function invalid(message: string): never {
  throw new ApiError(400, 'invalid_request_error', message);
}

const BLOCK_TYPES = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'];
// The documented constraint for client tool names.
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_CACHE_BREAKPOINTS = 4;
const MIN_THINKING_BUDGET = 1024;

export interface ValidateOptions {
  /** The count_tokens endpoint: no max_tokens, nothing generated. */
  countTokens?: boolean;
  /** Whether a thinking block sent back is one this server issued; checked when thinking is enabled. */
  thinkingSignatureValid?: (thinking: string, signature: string) => boolean;
}

/** Counts the breakpoints as they are validated, for the limit on how many a request may set. */
interface Walk {
  breakpoints: number;
  thinking: boolean;
  opts: ValidateOptions;
}

function validateCacheControl(holder: Json, at: string, walk: Walk): void {
  const cc = holder.cache_control;
  if (cc === undefined || cc === null) return;
  const path = `${at ? `${at}.` : ''}cache_control`;
  if (!isObj(cc)) invalid(`${path}: Input should be a valid dictionary`);
  if (cc.type === undefined) invalid(`${path}.type: Field required`);
  if (cc.type !== 'ephemeral') invalid(`${path}.type: Input should be 'ephemeral'`);
  if (cc.ttl !== undefined && cc.ttl !== '5m' && cc.ttl !== '1h') invalid(`${path}.ttl: Input should be '5m' or '1h'`);
  const extra = Object.keys(cc).find((k) => k !== 'type' && k !== 'ttl');
  if (extra !== undefined) invalid(`${path}.${extra}: Extra inputs are not permitted`);
  walk.breakpoints++;
}

function validateSystem(system: unknown, walk: Walk): void {
  if (system === undefined || typeof system === 'string') return;
  if (!Array.isArray(system)) invalid('system: Input should be a valid string or a list of text blocks');
  system.forEach((b, i) => {
    if (!isObj(b) || b.type !== 'text' || typeof b.text !== 'string') invalid(`system.${i}: Input should be a text block`);
    validateCacheControl(b, `system.${i}`, walk);
  });
}

function validateTools(tools: unknown, walk: Walk): string[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) invalid('tools: Input should be a valid list');
  const names = tools.map((t, i) => {
    if (!isObj(t)) invalid(`tools.${i}: Input should be a valid dictionary`);
    if (typeof t.name !== 'string') invalid(`tools.${i}.name: Field required`);
    validateCacheControl(t, `tools.${i}`, walk);
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

function validateToolChoice(choice: unknown, toolNames: string[], thinking: boolean): void {
  if (choice === undefined) return;
  if (!isObj(choice) || !['auto', 'any', 'tool', 'none'].includes(choice.type as string)) {
    invalid("tool_choice: Input tag found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
  }
  if (choice.type === 'tool') {
    if (typeof choice.name !== 'string') invalid('tool_choice.tool.name: Field required');
    if (!toolNames.includes(choice.name)) invalid(`tool_choice: Tool '${choice.name}' not found in tools`);
  }
  if (thinking && (choice.type === 'tool' || choice.type === 'any')) invalid('Thinking may not be enabled when tool_choice forces tool use.');
}

/** Whether the request enables extended thinking. */
function validateThinking(thinking: unknown): boolean {
  if (thinking === undefined) return false;
  if (!isObj(thinking) || (thinking.type !== 'enabled' && thinking.type !== 'disabled')) {
    const tag = isObj(thinking) ? String(thinking.type) : '';
    invalid(`thinking: Input tag '${tag}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled'`);
  }
  if (thinking.type === 'disabled') return false;
  const budget = thinking.budget_tokens;
  if (budget === undefined) invalid('thinking.enabled.budget_tokens: Field required');
  if (!Number.isInteger(budget)) invalid('thinking.enabled.budget_tokens: Input should be a valid integer');
  if ((budget as number) < MIN_THINKING_BUDGET) {
    invalid(`thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`);
  }
  return true;
}

/** Validates one message's content and returns it as blocks. */
function contentBlocks(m: Json, at: string, isFinalAssistant: boolean, walk: Walk): Json[] {
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
    if (b.type === 'thinking') {
      if (typeof b.thinking !== 'string') invalid(`${bat}.thinking.thinking: Field required`);
      if (typeof b.signature !== 'string') invalid(`${bat}.thinking.signature: Field required`);
      // Without thinking enabled the API ignores thinking blocks, so it has nothing to verify.
      const valid = walk.opts.thinkingSignatureValid;
      if (walk.thinking && valid && !valid(b.thinking, b.signature)) invalid(`${bat}: Invalid \`signature\` in \`thinking\` block`);
    }
    if (b.type === 'redacted_thinking' && typeof b.data !== 'string') invalid(`${bat}.redacted_thinking.data: Field required`);
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
    validateCacheControl(b, bat, walk);
    return b;
  });
}

function validateMessages(messages: unknown, walk: Walk): void {
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
    const blocks = contentBlocks(m, at, i === messages.length - 1 && m.role === 'assistant', walk);

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

/**
 * With thinking enabled, the assistant turn whose tool calls the final user message answers
 * must start with its thinking, since the model continues that turn.
 */
function checkThinkingKept(messages: Json[]): void {
  const last = messages.at(-1)!;
  if (last.role !== 'user' || !Array.isArray(last.content) || !last.content.some((b) => isObj(b) && b.type === 'tool_result')) return;
  const n = messages.length - 2;
  const assistant = messages[n];
  if (!assistant) return;
  const first = typeof assistant.content === 'string' ? 'text' : String((assistant.content as Json[])[0]?.type);
  if (first === 'thinking' || first === 'redacted_thinking') return;
  invalid(
    `messages.${n}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first}\`. ` +
      'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
      'We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
      'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
  );
}

/** The request as the real API would accept it, or an ApiError saying what it would reject. */
export function validateRequest(body: unknown, opts: ValidateOptions = {}): Json {
  if (!isObj(body)) invalid('Input should be a valid dictionary');
  if (body.model === undefined) invalid('model: Field required');
  if (typeof body.model !== 'string' || body.model === '') invalid('model: Input should be a valid string');
  if (!opts.countTokens) {
    if (body.max_tokens === undefined) invalid('max_tokens: Field required');
    if (!Number.isInteger(body.max_tokens)) invalid('max_tokens: Input should be a valid integer');
    if ((body.max_tokens as number) < 1) invalid('max_tokens: Input should be greater than or equal to 1');
    // A JSON reply to a streaming request would confuse the SDK; fail loudly instead.
    if (body.stream === true) invalid('scripted model server: streaming is not supported (use messages.create without stream)');
  }
  const walk: Walk = { breakpoints: 0, thinking: validateThinking(body.thinking), opts };
  if (walk.thinking && !opts.countTokens && (body.max_tokens as number) <= ((body.thinking as Json).budget_tokens as number)) {
    invalid(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at ' +
        'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  }
  validateCacheControl(body, '', walk);
  validateSystem(body.system, walk);
  validateToolChoice(body.tool_choice, validateTools(body.tools, walk), walk.thinking);
  validateMessages(body.messages, walk);
  if (walk.thinking) checkThinkingKept(body.messages as Json[]);
  // Automatic caching puts its breakpoint on the last block, unless that block has one already.
  if (isObj(body.cache_control)) {
    const last = promptBlocks(body).at(-1);
    if (last && isObj(last.cache_control)) walk.breakpoints--;
  }
  if (walk.breakpoints > MAX_CACHE_BREAKPOINTS) {
    invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${walk.breakpoints}.`);
  }
  return body;
}
