// What the Anthropic Messages API accepts in a request (POST /v1/messages), checked the way
// the real API checks it and refused with its error messages: a conversation that passes
// here should not fail for structural reasons against the real endpoint.

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

/** The request as the real API would accept it, or an ApiError saying what it would reject. */
export function validateRequest(body: unknown): Json {
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
