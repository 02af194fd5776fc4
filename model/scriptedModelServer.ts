// A stand-in for the Anthropic Messages API (POST <prefix>/v1/messages, non-streaming, and
// <prefix>/v1/messages/count_tokens) that plays back scripted responses. Tests point the real
// @anthropic-ai/sdk client at it, so the server must answer in exactly the shapes the real API uses
// (messages, usage, error bodies, request-id header), reject the malformed requests the real API
// rejects (messagesRequest.ts), and account tokens as it does: context window, prompt caching
// (promptCache.ts), extended thinking, all on one token count (tokenEstimate.ts).
// The script and its checks are modelScript.ts; the message a step becomes is scriptedReply.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, invalid, validateRequest, type Json } from './messagesRequest';
import { stepProblems, validateModelScript, type ModelScript, type ScriptStep } from './modelScript';
import { usePromptCache, type PromptCacheState } from './promptCache';
import { buildMessage, digest } from './scriptedReply';
import { requestTokens } from './tokenEstimate';

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
