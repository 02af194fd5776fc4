import Anthropic, { APIError, BadRequestError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelScript } from '../../../model/modelScript';
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedModelServerOptions } from '../../../model/scriptedModelServer';
import { blockTokens, requestTokens } from '../../../model/tokenEstimate';

const MODEL = 'claude-test-model';
const WRITE_TOOL = {
  name: 'write',
  description: 'Write a file',
  input_schema: { type: 'object' as const, properties: { path: { type: 'string' }, content: { type: 'string' } } },
};

const servers: ScriptedModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(script: ModelScript, opts: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer(script, opts);
  servers.push(server);
  return server;
}

const client = (server: ScriptedModelServer, channel = 'lab', maxRetries = 0) =>
  new Anthropic({ apiKey: 'scripted', baseURL: server.baseUrl(channel), maxRetries });

/** Raw POST for requests the SDK's types would not let us build. */
async function post(server: ScriptedModelServer, body: unknown, headers: Record<string, string> = {}, endpoint = 'messages') {
  const res = await fetch(`${server.baseUrl('lab')}/v1/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get('request-id'), body: (await res.json()) as any };
}

/** Runs `fn`, which must throw an SDK APIError, and returns that error. */
async function apiError(fn: () => Promise<unknown>): Promise<APIError> {
  const err = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(APIError);
  return err as APIError;
}

describe('scripted model server: responses', () => {
  it('plays a tool_use step, then accepts the tool_result round trip', async () => {
    const server = await start({
      lab: [{ text: 'Writing it.', tool: 'write', input: { path: 'src/add.js', content: 'x' } }, { text: 'Done.' }],
    });
    const anthropic = client(server);
    const first = await anthropic.messages.create({
      model: MODEL,
      max_tokens: 1000,
      tools: [WRITE_TOOL],
      messages: [{ role: 'user', content: 'add a function' }],
    });
    expect(first.id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(first.model).toBe(MODEL);
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content[0]).toEqual({ type: 'text', text: 'Writing it.' });
    const toolUse = first.content[1];
    if (toolUse?.type !== 'tool_use') throw new Error(`expected a tool_use block, got ${JSON.stringify(toolUse)}`);
    expect(toolUse.id).toMatch(/^toolu_[0-9a-f]{24}$/);
    expect(toolUse.name).toBe('write');
    expect(toolUse.input).toEqual({ path: 'src/add.js', content: 'x' });
    expect(first._request_id).toMatch(/^req_/);

    const second = await anthropic.messages.create({
      model: MODEL,
      max_tokens: 1000,
      tools: [WRITE_TOOL],
      messages: [
        { role: 'user', content: 'add a function' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'ok' }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Done.' }]);

    expect(server.requests.map((r) => r.channel)).toEqual(['lab', 'lab']);
    expect(server.requests[1]?.body.messages[2].content[0].tool_use_id).toBe(toolUse.id);
    expect(server.remaining('lab')).toBe(0);
  });

  it('reports usage like the real API: estimated by default, overridable per step', async () => {
    const server = await start({ lab: [{ text: 'Short.' }, { text: 'x', usage: { input_tokens: 1000, output_tokens: 50 } }] });
    const anthropic = client(server);
    const params = { model: MODEL, max_tokens: 100, system: 'You are terse.', messages: [{ role: 'user' as const, content: 'hi '.repeat(100) }] };
    const estimated = await anthropic.messages.create(params);
    expect(estimated.usage.input_tokens).toBeGreaterThan(75); // 300 chars of prompt alone is ~75 tokens
    expect(estimated.usage.input_tokens).toBe(requestTokens(params));
    expect(estimated.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 });
    expect(estimated.usage.output_tokens).toBeGreaterThan(0);
    expect(estimated.usage.cache_creation_input_tokens).toBe(0);
    expect(estimated.usage.cache_read_input_tokens).toBe(0);
    const explicit = await anthropic.messages.create(params);
    expect(explicit.usage).toMatchObject({ input_tokens: 1000, output_tokens: 50, cache_read_input_tokens: 0 });
  });

  it('plays several tool calls in one step with distinct ids', async () => {
    const server = await start({
      lab: [{ tools: [{ name: 'bash', input: { command: 'ls' } }, { name: 'read', input: { path: 'a' } }] }],
    });
    const msg = await client(server).messages.create({ model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'go' }] });
    expect(msg.content.map((b) => b.type)).toEqual(['tool_use', 'tool_use']);
    const ids = msg.content.map((b) => (b.type === 'tool_use' ? b.id : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it('keeps channels independent', async () => {
    const server = await start({
      lab: [{ text: 'lab one' }, { text: 'lab two' }],
      prime: [{ tool: 'submit_verdict', input: { verdict: 'APPROVED' } }],
    });
    const ask = async (channel: string) => {
      const msg = await client(server, channel).messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'q' }] });
      return msg.content[0]?.type === 'text' ? msg.content[0].text : msg.content[0]?.type;
    };
    expect(await ask('lab')).toBe('lab one');
    expect(await ask('prime')).toBe('tool_use');
    expect(await ask('lab')).toBe('lab two');
    expect(server.requests.map((r) => r.channel)).toEqual(['lab', 'prime', 'lab']);
    expect([server.remaining('lab'), server.remaining('prime')]).toEqual([0, 0]);
  });
});

describe('scripted model server: rejects what the real API rejects', () => {
  const toolTurn = [
    { role: 'user' as const, content: 'go' },
    { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_real', name: 'write', input: {} }] },
  ];

  it('rejects a tool_result that references an unknown tool_use id', async () => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const err = await apiError(() =>
      client(server).messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [...toolTurn, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_bogus', content: 'ok' }] }],
      }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.status).toBe(400);
    expect(err.message).toContain('toolu_bogus');
    expect(err.requestID).toMatch(/^req_/);
    expect(server.remaining('lab')).toBe(1); // a rejected request consumes no step
    expect(server.requests).toHaveLength(1); // but is recorded
  });

  it('rejects a tool_use left unanswered in the next user message', async () => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const err = await apiError(() =>
      client(server).messages.create({ model: MODEL, max_tokens: 10, messages: [...toolTurn, { role: 'user', content: 'what now?' }] }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain('ids were found without `tool_result` blocks immediately after: toolu_real');
  });

  it('rejects roles that do not alternate', async () => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const err = await apiError(() =>
      client(server).messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain('roles must alternate');
  });

  it('rejects a missing max_tokens with the API error body and a request-id header', async () => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const res = await post(server, { model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
    expect(res.requestId).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it.each([
    ['body that is not JSON', '{"model":', {}, 'invalid JSON'],
    ['empty messages', { model: MODEL, max_tokens: 5, messages: [] }, {}, 'at least one message'],
    ['first message from the assistant', { model: MODEL, max_tokens: 5, messages: [{ role: 'assistant', content: 'x' }] }, {}, 'first message'],
    ['unknown block type', { model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'video' }] }] }, {}, "'video'"],
    [
      'tool_result after text',
      {
        model: MODEL,
        max_tokens: 5,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'write', input: {} }] },
          { role: 'user', content: [{ type: 'text', text: 'here' }, { type: 'tool_result', tool_use_id: 't1' }] },
        ],
      },
      {},
      'must come first',
    ],
    ['tool without input_schema', { model: MODEL, max_tokens: 5, tools: [{ name: 'write' }], messages: [{ role: 'user', content: 'x' }] }, {}, 'input_schema'],
    [
      'tool_choice naming an undefined tool',
      { model: MODEL, max_tokens: 5, tools: [WRITE_TOOL], tool_choice: { type: 'tool', name: 'nope' }, messages: [{ role: 'user', content: 'x' }] },
      {},
      "'nope'",
    ],
    ['system that is not text', { model: MODEL, max_tokens: 5, system: 42, messages: [{ role: 'user', content: 'x' }] }, {}, 'system'],
    ['max_tokens of 0', { model: MODEL, max_tokens: 0, messages: [{ role: 'user', content: 'x' }] }, {}, 'max_tokens'],
    ['missing anthropic-version', { model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, { 'anthropic-version': '' }, 'anthropic-version'],
  ])('rejects %s', async (_name, body, headers, expected) => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const res = await post(server, body, headers);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toContain(expected);
    expect(server.remaining('lab')).toBe(1);
  });

  it('rejects a request without an API key with 401', async () => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const res = await post(server, { model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, { 'x-api-key': '' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });
});

describe('scripted model server: script control', () => {
  const ask = (server: ScriptedModelServer, maxRetries = 0) =>
    client(server, 'lab', maxRetries).messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'q' }] });

  it('fails clearly when a channel runs out of steps', async () => {
    const server = await start({ lab: [{ text: 'only one' }] });
    await ask(server);
    const err = await apiError(() => ask(server));
    expect(err.status).toBe(400);
    expect(err.apiMessage).toBe("scripted model server: the script for channel 'lab' has no step 2 left (it has 1)");
  });

  it('answers a channel the script leaves out from the request itself, the same request the same way however often it comes', async () => {
    const respond = (channel: string, request: Record<string, any>) => {
      const last = request.messages.at(-1).content;
      return Array.isArray(last) && last.some((b: { type: string }) => b.type === 'tool_result') ? { text: `${channel} done` } : { tool: 'write', input: { path: `${channel}.md`, content: 'x' } };
    };
    const server = await start({ prime: [{ text: 'scripted' }] }, { respond });
    const first = await client(server, 'lab1').messages.create({ model: MODEL, max_tokens: 500, tools: [WRITE_TOOL], messages: [{ role: 'user', content: 'q' }] });
    const again = await client(server, 'lab1').messages.create({ model: MODEL, max_tokens: 500, tools: [WRITE_TOOL], messages: [{ role: 'user', content: 'q' }] });
    for (const msg of [first, again]) expect(msg.content).toMatchObject([{ type: 'tool_use', name: 'write', input: { path: 'lab1.md' } }]);
    const use = first.content[0] as { id: string };
    const done = await client(server, 'lab1').messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: [WRITE_TOOL],
      messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'ok' }] }],
    });
    expect(done.content).toEqual([{ type: 'text', text: 'lab1 done' }]);
    // A scripted channel still plays its script.
    expect((await client(server, 'prime').messages.create({ model: MODEL, max_tokens: 500, messages: [{ role: 'user', content: 'q' }] })).content).toEqual([{ type: 'text', text: 'scripted' }]);
    const bad = await start({}, { respond: () => ({ tool: '' }) });
    expect((await apiError(() => client(bad, 'lab').messages.create({ model: MODEL, max_tokens: 500, messages: [{ role: 'user', content: 'q' }] }))).apiMessage).toMatch(/respond\(\) gave 'lab' an invalid step: "tool" must be a non-empty string/);
  });

  it('replies with a scripted 529, which the SDK retries when allowed', async () => {
    const overloaded = { error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } };
    const failing = await start({ lab: [overloaded] });
    const err = await apiError(() => ask(failing));
    expect(err.status).toBe(529);
    expect(err.type).toBe('overloaded_error');

    const recovering = await start({ lab: [overloaded, { text: 'recovered' }] });
    const msg = await ask(recovering, 1);
    expect(msg.content).toEqual([{ type: 'text', text: 'recovered' }]);
    expect(recovering.requests).toHaveLength(2);
  });
});

describe('a slow step', () => {
  it('answers after delayMs, so a client with a shorter timeout gives up', async () => {
    const server = await startScriptedModelServer({ lab: [{ text: 'late', delayMs: 800 }, { text: 'on time' }] });
    try {
      const client = new Anthropic({ apiKey: 'scripted', baseURL: server.baseUrl('lab'), maxRetries: 0, timeout: 200 });
      const ask = () => client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      await expect(ask()).rejects.toThrow(/timed out/i);
      const second = await ask();
      expect(second.content).toEqual([{ type: 'text', text: 'on time' }]);
    } finally {
      await server.close();
    }
  });
});

type Params = Anthropic.MessageCreateParamsNonStreaming;
const MINUTE = 60_000;
const EPHEMERAL = { type: 'ephemeral' as const };
const steps = (n: number): ModelScript['lab'] => Array.from({ length: n }, () => ({ text: 'ok' }));
// About 1,500 tokens: above the 1,024-token cache minimum of most models, below 2,048.
const RULES = 'Follow the project rules exactly. '.repeat(180);
const rules = (cache_control?: Anthropic.CacheControlEphemeral): Anthropic.TextBlockParam[] => [{ type: 'text', text: RULES, ...(cache_control && { cache_control }) }];
const ask = (server: ScriptedModelServer, params: Partial<Params> & { messages: Anthropic.MessageParam[] }) =>
  client(server).messages.create({ model: MODEL, max_tokens: 100, ...params });

describe('the context window', () => {
  it('refuses a prompt longer than the window with the API error, and a retry that fits gets the step', async () => {
    const server = await start({ lab: [{ text: 'fits now' }] }, { contextWindow: 1000 });
    const long: Params = { model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'x'.repeat(8000) }] };
    const tokens = requestTokens(long);
    expect(tokens).toBeGreaterThan(1000);
    const err = await apiError(() => client(server).messages.create(long));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toContain('prompt is too long');
    expect(err.error).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: `prompt is too long: ${tokens} tokens > 1000 maximum` } });
    expect(server.remaining('lab')).toBe(1);
    const masked = await client(server).messages.create({ ...long, messages: [{ role: 'user', content: '[output elided]' }] });
    expect(masked.content).toEqual([{ type: 'text', text: 'fits now' }]);
  });

  it('refuses a prompt that fits but leaves too little room for max_tokens', async () => {
    const server = await start({ lab: [{ text: 'ok' }] }, { contextWindow: 1000 });
    const params: Params = { model: MODEL, max_tokens: 900, messages: [{ role: 'user', content: 'x'.repeat(1000) }] };
    const tokens = requestTokens(params);
    const err = await apiError(() => client(server).messages.create(params));
    expect(err.status).toBe(400);
    expect(err.apiMessage).toBe(
      `input length and \`max_tokens\` exceed context limit: ${tokens} + 900 > 1000, decrease input length or \`max_tokens\` and try again`,
    );
    expect(server.remaining('lab')).toBe(1);
    await client(server).messages.create({ ...params, max_tokens: 500 });
    expect(server.remaining('lab')).toBe(0);
  });

  it('is 200,000 tokens by default', async () => {
    // Raw requests: the SDK insists on streaming for a max_tokens this large.
    const server = await start({ lab: [{ text: 'ok' }] });
    const refused = await post(server, { model: MODEL, max_tokens: 200_000, messages: [{ role: 'user', content: 'hi' }] });
    expect(refused.body.error.message).toContain(' + 200000 > 200000');
    const accepted = await post(server, { model: MODEL, max_tokens: 190_000, messages: [{ role: 'user', content: 'hi' }] });
    expect(accepted.status).toBe(200);
  });
});

describe('count_tokens', () => {
  const params = { model: MODEL, tools: [WRITE_TOOL], system: rules(EPHEMERAL), messages: [{ role: 'user' as const, content: 'go' }] };

  it('counts what messages bills, cache reads and writes included, and plays no step', async () => {
    const server = await start({ lab: steps(2) });
    const counted = await client(server).messages.countTokens(params);
    expect(counted).toEqual({ input_tokens: requestTokens(params) });
    expect(server.remaining('lab')).toBe(2);
    const written = (await client(server).messages.create({ ...params, max_tokens: 100 })).usage;
    const read = (await client(server).messages.create({ ...params, max_tokens: 100 })).usage;
    expect(written.cache_creation_input_tokens).toBeGreaterThan(1000);
    expect(read.cache_read_input_tokens).toBe(written.cache_creation_input_tokens);
    for (const u of [written, read]) expect(u.input_tokens + u.cache_creation_input_tokens! + u.cache_read_input_tokens!).toBe(counted.input_tokens);
    expect(await client(server).messages.countTokens(params)).toEqual(counted);
    expect(server.requests.map((r) => [r.channel, r.path])).toEqual([
      ['lab', 'count_tokens'],
      ['lab', 'messages'],
      ['lab', 'messages'],
      ['lab', 'count_tokens'],
    ]);
  });

  it('counts a prompt too long for the window instead of refusing it', async () => {
    const server = await start({ lab: [] }, { contextWindow: 100 });
    const counted = await client(server).messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'x'.repeat(2000) }] });
    expect(counted.input_tokens).toBeGreaterThan(500);
  });

  it('validates the body as the endpoint does: model and messages required, max_tokens not', async () => {
    const server = await start({ lab: [] });
    expect((await post(server, { model: MODEL }, {}, 'messages/count_tokens')).body.error.message).toBe('messages: Field required');
    expect((await post(server, { messages: [{ role: 'user', content: 'x' }] }, {}, 'messages/count_tokens')).body.error.message).toBe('model: Field required');
    const ok = await post(server, { model: MODEL, messages: [{ role: 'user', content: 'x' }] }, {}, 'messages/count_tokens');
    expect(ok).toMatchObject({ status: 200, body: { input_tokens: expect.any(Number) } });
  });
});

describe('prompt caching', () => {
  it('with a rolling breakpoint, writes the prefix, then reads it and writes only the new turn', async () => {
    const server = await start({ lab: steps(2) });
    const firstParams = { system: rules(), messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Start.', cache_control: EPHEMERAL }] }] };
    const first = await ask(server, firstParams);
    // The message's role turn is part of the cached prefix.
    const prefix = requestTokens(firstParams);
    expect(first.usage).toMatchObject({ input_tokens: 0, cache_creation_input_tokens: prefix, cache_read_input_tokens: 0 });
    expect(first.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: prefix, ephemeral_1h_input_tokens: 0 });

    const next = { type: 'text' as const, text: 'Go on.', cache_control: EPHEMERAL };
    const second = await ask(server, {
      system: rules(),
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Start.' }] },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [next] },
      ],
    });
    const added = blockTokens(first.content[0]!) + blockTokens(next) + 6;
    expect(second.usage).toMatchObject({ input_tokens: 0, cache_read_input_tokens: prefix, cache_creation_input_tokens: added });
  });

  it('with automatic caching (top-level cache_control), moves the breakpoint to the last block itself', async () => {
    const server = await start({ lab: steps(2) });
    const turn = { role: 'user' as const, content: 'Start.' };
    const first = await ask(server, { cache_control: EPHEMERAL, system: rules(), messages: [turn] });
    expect(first.usage.cache_creation_input_tokens).toBe(requestTokens({ system: rules(), messages: [turn] }));
    const second = await ask(server, { cache_control: EPHEMERAL, system: rules(), messages: [turn, { role: 'assistant', content: first.content }, { role: 'user', content: 'Go on.' }] });
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it('misses when an earlier block changed by one character', async () => {
    const server = await start({ lab: steps(2) });
    const question = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q', cache_control: EPHEMERAL }] }];
    const first = await ask(server, { system: rules(), messages: question });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const changedParams = { system: [{ type: 'text' as const, text: `${RULES.slice(0, -1)}!` }], messages: question };
    const changed = await ask(server, changedParams);
    expect(changed.usage.cache_read_input_tokens).toBe(0);
    expect(changed.usage.cache_creation_input_tokens).toBe(requestTokens(changedParams));
  });

  it('caches nothing below the model minimum, and bills it all as input', async () => {
    const server = await start({ lab: steps(5) });
    const short = { system: [{ type: 'text' as const, text: 'Be brief.', cache_control: EPHEMERAL }], messages: [{ role: 'user' as const, content: 'q' }] };
    for (let k = 0; k < 2; k++) {
      const u = (await ask(server, short)).usage;
      expect(u).toMatchObject({ input_tokens: requestTokens(short), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    }
    // The same 1,500 tokens: enough for a 1,024 model, not for a 2,048 one.
    const long = { system: rules(EPHEMERAL), messages: [{ role: 'user' as const, content: 'q' }] };
    expect((await ask(server, { ...long, model: 'claude-sonnet-4-6' })).usage.cache_creation_input_tokens).toBe(0);
    expect((await ask(server, { ...long, model: 'claude-opus-4-5-20251101' })).usage.cache_creation_input_tokens).toBe(0);
    expect((await ask(server, { ...long, model: 'claude-sonnet-4-5' })).usage.cache_creation_input_tokens).toBe(blockTokens(rules()[0]!));
  });

  it('keeps an entry 5 minutes from its last use', async () => {
    let clock = 1_000_000;
    const server = await start({ lab: steps(4) }, { now: () => clock });
    const params = { system: rules(EPHEMERAL), messages: [{ role: 'user' as const, content: 'q' }] };
    const written = (await ask(server, params)).usage.cache_creation_input_tokens!;
    expect(written).toBeGreaterThan(0);
    clock += 4 * MINUTE;
    expect((await ask(server, params)).usage).toMatchObject({ cache_read_input_tokens: written, cache_creation_input_tokens: 0 });
    clock += 4 * MINUTE; // 8 minutes after the write, 4 after the hit renewed it
    expect((await ask(server, params)).usage.cache_read_input_tokens).toBe(written);
    clock += 5 * MINUTE;
    expect((await ask(server, params)).usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: written });
  });

  it('keeps a 1h entry for half an hour, where a 5m one is gone, and splits the write by ttl', async () => {
    let clock = 0;
    const server = await start({ lab: steps(4) }, { now: () => clock });
    const hour = { system: rules({ type: 'ephemeral', ttl: '1h' }), messages: [{ role: 'user' as const, content: 'q' }] };
    const five = { system: [{ type: 'text' as const, text: `${RULES} Also this.`, cache_control: EPHEMERAL }], messages: [{ role: 'user' as const, content: 'q' }] };
    const written = (await ask(server, hour)).usage;
    expect(written.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: written.cache_creation_input_tokens });
    await ask(server, five);
    clock += 30 * MINUTE;
    expect((await ask(server, hour)).usage.cache_read_input_tokens).toBe(written.cache_creation_input_tokens);
    expect((await ask(server, five)).usage.cache_read_input_tokens).toBe(0);

    const both = await start({ lab: steps(1) });
    const last = { type: 'text' as const, text: 'q', cache_control: EPHEMERAL };
    const split = (await ask(both, { system: rules({ type: 'ephemeral', ttl: '1h' }), messages: [{ role: 'user', content: [last] }] })).usage;
    expect(split.cache_creation).toEqual({ ephemeral_1h_input_tokens: blockTokens(rules()[0]!), ephemeral_5m_input_tokens: blockTokens(last) + 3 });
    expect(split.cache_creation_input_tokens).toBe(blockTokens(rules()[0]!) + blockTokens(last) + 3);
  });

  it('finds a cached prefix up to 20 blocks before a breakpoint, not 21', async () => {
    const readAfter = async (gap: number) => {
      const server = await start({ lab: steps(2) });
      await ask(server, { system: rules(EPHEMERAL), messages: [{ role: 'user', content: 'q' }] });
      const notes = Array.from({ length: gap }, (_, i) => ({ type: 'text' as const, text: `note ${i}`, ...(i === gap - 1 && { cache_control: EPHEMERAL }) }));
      return (await ask(server, { system: rules(), messages: [{ role: 'user', content: notes }] })).usage.cache_read_input_tokens;
    };
    expect(await readAfter(20)).toBe(blockTokens(rules()[0]!));
    expect(await readAfter(21)).toBe(0);
  });

  it('refuses more than 4 breakpoints, counting the automatic one', async () => {
    const server = await start({ lab: steps(1) });
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'text' as const, text: `b${i}`, cache_control: EPHEMERAL }));
    const five = await apiError(() => ask(server, { messages: [{ role: 'user', content: blocks(5) }] }));
    expect(five.apiMessage).toBe('A maximum of 4 blocks with cache_control may be provided. Found 5.');
    const automatic = await apiError(() => ask(server, { cache_control: EPHEMERAL, messages: [{ role: 'user', content: [...blocks(4), { type: 'text', text: 'last' }] }] }));
    expect(automatic.apiMessage).toBe('A maximum of 4 blocks with cache_control may be provided. Found 5.');
    expect(server.remaining('lab')).toBe(1);
    await ask(server, { messages: [{ role: 'user', content: blocks(4) }] });
  });

  it.each([
    ['a type other than ephemeral', 'messages.2.content.0', { type: 'persistent' }, "messages.2.content.0.cache_control.type: Input should be 'ephemeral'"],
    ['an unknown ttl', 'system.0', { type: 'ephemeral', ttl: '10m' }, "system.0.cache_control.ttl: Input should be '5m' or '1h'"],
    ['a missing type', 'tools.0', {}, 'tools.0.cache_control.type: Field required'],
  ])('refuses a cache_control with %s, naming the field', async (_name, where, cacheControl, message) => {
    const server = await start({ lab: steps(1) });
    const body: any = {
      model: MODEL,
      max_tokens: 10,
      tools: [{ ...WRITE_TOOL }],
      system: [{ type: 'text', text: 'sys' }],
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: [{ type: 'text', text: 'c' }] },
      ],
    };
    const target = where === 'tools.0' ? body.tools[0] : where === 'system.0' ? body.system[0] : body.messages[2].content[0];
    target.cache_control = cacheControl;
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ type: 'invalid_request_error', message });
  });
});

describe('extended thinking', () => {
  const THINKING = { type: 'enabled' as const, budget_tokens: 1024 };
  const GO: Anthropic.MessageParam = { role: 'user', content: 'add a function' };
  const think = (server: ScriptedModelServer, messages: Anthropic.MessageParam[], extra: Partial<Params> = {}) =>
    client(server).messages.create({ model: MODEL, max_tokens: 2048, thinking: THINKING, tools: [WRITE_TOOL], messages, ...extra });
  const toolStep = { thinking: 'The user wants add() in a.js.', tool: 'write', input: { path: 'a.js', content: 'x' } };
  const resultFor = (reply: Anthropic.Message): Anthropic.MessageParam => {
    const call = reply.content.find((b) => b.type === 'tool_use');
    if (call?.type !== 'tool_use') throw new Error('expected a tool call');
    return { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'ok' }] };
  };
  const THINKING_KEPT =
    'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block ' +
    '(preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
    'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

  it('begins the reply with a signed thinking block, which is accepted back unchanged', async () => {
    const server = await start({ lab: [toolStep, { text: 'Done.' }] });
    const first = await think(server, [GO]);
    expect(first.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(first.content[0]).toEqual({ type: 'thinking', thinking: toolStep.thinking, signature: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) });
    const second = await think(server, [GO, { role: 'assistant', content: first.content }, resultFor(first)]);
    expect(second.content[0]).toMatchObject({ type: 'thinking', thinking: expect.any(String) }); // a default when the step has none
    expect(second.content[1]).toEqual({ type: 'text', text: 'Done.' });
  });

  it('counts the thinking in output_tokens, and leaves it out when the request does not enable thinking', async () => {
    const step = { thinking: 'Considering. '.repeat(100), text: 'Hi.' };
    const server = await start({ lab: [step, step] });
    const withThinking = await think(server, [GO]);
    const without = await think(server, [GO], { thinking: { type: 'disabled' } });
    expect(without.content).toEqual([{ type: 'text', text: 'Hi.' }]);
    expect(withThinking.usage.output_tokens - without.usage.output_tokens).toBeGreaterThan(300);
  });

  it.each([
    ['its text', { thinking: 'Something else.' }],
    ['its signature', { signature: 'Zm9yZ2Vk' }],
  ])('refuses a thinking block sent back with %s altered', async (_name, change) => {
    const server = await start({ lab: [toolStep, { text: 'never played' }] });
    const first = await think(server, [GO]);
    const [thinking, ...rest] = first.content;
    const err = await apiError(() => think(server, [GO, { role: 'assistant', content: [{ ...thinking, ...change } as Anthropic.ThinkingBlock, ...rest] }, resultFor(first)]));
    expect(err.status).toBe(400);
    expect(err.apiMessage).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
    expect(server.remaining('lab')).toBe(1);
  });

  it('refuses a tool-result turn whose assistant message dropped its thinking', async () => {
    const server = await start({ lab: [toolStep, { text: 'never played' }] });
    const first = await think(server, [GO]);
    const err = await apiError(() => think(server, [GO, { role: 'assistant', content: first.content.slice(1) }, resultFor(first)]));
    expect(err.apiMessage).toBe(THINKING_KEPT);
    expect(server.remaining('lab')).toBe(1);
    // Without thinking enabled the same conversation is fine, and thinking blocks, even forged ones, are ignored.
    await think(server, [GO, { role: 'assistant', content: [{ type: 'thinking', thinking: 'made up', signature: 'x' }, ...first.content.slice(1)] }, resultFor(first)], {
      thinking: undefined,
    });
  });

  it('accepts thinking signed by a server with the same signing secret, not another', async () => {
    const issuer = await start({ lab: [toolStep] }, { signingSecret: 'shared' });
    const first = await think(issuer, [GO]);
    const conversation = [GO, { role: 'assistant' as const, content: first.content }, resultFor(first)];
    const restarted = await start({ lab: [{ text: 'Done.' }] }, { signingSecret: 'shared' });
    expect((await think(restarted, conversation)).content[1]).toEqual({ type: 'text', text: 'Done.' });
    const stranger = await start({ lab: [{ text: 'never played' }] });
    expect((await apiError(() => think(stranger, conversation))).apiMessage).toContain('Invalid `signature`');
  });

  it('cuts a thinking block at max_tokens and signs what is left', async () => {
    const server = await start({ lab: [{ thinking: 'x'.repeat(10_000), text: 'never reached' }, { text: 'ok' }] });
    const cut = await think(server, [GO], { max_tokens: 1025 });
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.content).toHaveLength(1);
    const block = cut.content[0];
    if (block?.type !== 'thinking') throw new Error('expected a thinking block');
    expect(block.thinking.length).toBeGreaterThan(3000);
    expect(block.thinking.length).toBeLessThan(10_000);
    await think(server, [GO, { role: 'assistant', content: cut.content }, { role: 'user', content: 'go on' }]);
  });

  it.each([
    ['a budget below 1024', { thinking: { type: 'enabled', budget_tokens: 1000 } }, 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024'],
    [
      'max_tokens not above the budget',
      { max_tokens: 1024 },
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    ],
    ['tool_choice forcing a tool', { tool_choice: { type: 'tool', name: 'write' } }, 'Thinking may not be enabled when tool_choice forces tool use.'],
    ['tool_choice any', { tool_choice: { type: 'any' } }, 'Thinking may not be enabled when tool_choice forces tool use.'],
  ] as Array<[string, Partial<Params>, string]>)('refuses %s', async (_name, extra, message) => {
    const server = await start({ lab: [{ text: 'never played' }] });
    const err = await apiError(() => think(server, [GO], extra));
    expect(err.status).toBe(400);
    expect(err.apiMessage).toBe(message);
    expect(server.remaining('lab')).toBe(1);
  });

  it('accepts tool_choice auto with thinking', async () => {
    const server = await start({ lab: [{ text: 'ok' }] });
    expect((await think(server, [GO], { tool_choice: { type: 'auto' } })).content[0]?.type).toBe('thinking');
  });
});
