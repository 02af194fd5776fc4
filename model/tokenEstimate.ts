// The scripted server's one token count. No tokenizer: about 4 characters of JSON per token,
// which is all that code accounting usage, budgets and context windows needs to be exercised.
// The same count serves input_tokens, the context-window check, count_tokens and prompt caching,
// so they always agree with each other.

type Block = Record<string, unknown>;
/** The request fields that make up the prompt. */
interface PromptBody {
  tools?: unknown;
  system?: unknown;
  messages?: unknown;
}

const isBlock = (v: unknown): v is Block => typeof v === 'object' && v !== null && !Array.isArray(v);

/** max(1, ceil(characters of JSON / 4)). */
export function estimateTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

const asBlocks = (content: unknown): Block[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content.filter(isBlock) : [];

/**
 * The prompt in the order the API renders and caches it: tools, then the system prompt, then
 * each message's content blocks. A string (system or content) is one text block.
 */
export function promptBlocks(body: PromptBody): Block[] {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isBlock) : [];
  const system = body.system === undefined ? [] : asBlocks(body.system);
  const messages: Block[] = Array.isArray(body.messages) ? body.messages.filter(isBlock) : [];
  return [...tools, ...system, ...messages.flatMap((m) => asBlocks(m.content))];
}

/** A block's tokens; its cache_control is a marker, not prompt text. */
export function blockTokens(block: object): number {
  const { cache_control: _marker, ...rest } = block as Block;
  return estimateTokens(rest);
}

/** Tokens of the whole prompt: its blocks plus 3 per message for the role turn. */
export function requestTokens(body: PromptBody): number {
  const messages = Array.isArray(body.messages) ? body.messages.length : 0;
  return promptBlocks(body).reduce((sum, b) => sum + blockTokens(b), 0) + 3 * messages;
}
