import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic, { APIError, BadRequestError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadModelScript,
  startScriptedModelServer,
  truncateToMaxTokens,
  validateModelScript,
  type ModelScript,
  type ScriptedModelServer,
} from '../../model/scriptedModelServer';

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

async function start(script: ModelScript): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer(script);
  servers.push(server);
  return server;
}

const client = (server: ScriptedModelServer, channel = 'lab', maxRetries = 0) =>
  new Anthropic({ apiKey: 'scripted', baseURL: server.baseUrl(channel), maxRetries });

/** Raw POST for requests the SDK's types would not let us build. */
async function post(server: ScriptedModelServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.baseUrl('lab')}/v1/messages`, {
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

  it('validateModelScript lists every problem with its position', () => {
    expect(() =>
      validateModelScript({ lab: [{ text: 'ok' }, { tool: 'write' }, { input: {} }, { text: 'x', tool_input: {} }], prime: {} }),
    ).toThrow(
      [
        'invalid model script:',
        '  lab[2]: a step needs "text", "tool", "tools" or "error"',
        '  lab[2]: "input" belongs with "tool" (in "tools", each entry has its own input)',
        '  lab[3]: unknown key "tool_input" (allowed: text, tool, input, tools, error, usage, stop_reason, delayMs)',
        '  prime: must be an array of steps',
      ].join('\n'),
    );
    expect(() => validateModelScript({ lab: [{ error: { status: 200 } }] })).toThrow('lab[0]: "error" must be an object');
    expect(() => validateModelScript([])).toThrow('invalid model script');
    const good = { lab: [{ text: 'ok', usage: { output_tokens: 3 } }] };
    expect(validateModelScript(good)).toBe(good);
  });

  it('loadModelScript names the file on bad JSON and on bad steps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-script-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "lab": [ ');
    expect(() => loadModelScript(broken)).toThrow(`model script ${broken} is not valid JSON`);
    const badStep = join(dir, 'bad-step.json');
    writeFileSync(badStep, JSON.stringify({ lab: [{ txt: 'typo' }] }));
    expect(() => loadModelScript(badStep)).toThrow(new RegExp(`${badStep}.*\\n.*lab\\[0\\]: unknown key "txt"`));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ lab: [{ text: 'hi' }] }));
    expect(loadModelScript(good)).toEqual({ lab: [{ text: 'hi' }] });
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

describe('a reply longer than max_tokens', () => {
  const call = { type: 'tool_use', id: 'toolu_1', name: 'write', input: { path: 'src/a.js', content: 'x'.repeat(4000) } };

  it('is cut where the API stops: the call is there, its input cut inside its last string', () => {
    const cut = truncateToMaxTokens([{ type: 'text', text: 'Writing it.' }, call], 200)!;
    expect(cut).toHaveLength(2);
    const input = (cut[1] as { input: { path: string; content: string } }).input;
    expect(input.path).toBe('src/a.js');
    expect(input.content.length).toBeGreaterThan(0);
    expect(input.content.length).toBeLessThan(800);
    // Text alone is cut short too; blocks after the cut are gone.
    expect(truncateToMaxTokens([{ type: 'text', text: 'y'.repeat(4000) }, call], 100)).toEqual([{ type: 'text', text: expect.stringMatching(/^y+$/) }]);
  });

  it('is left whole when it fits', () => {
    expect(truncateToMaxTokens([call], 8192)).toBeUndefined();
  });
});
