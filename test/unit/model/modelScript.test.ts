import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelScript, validateModelScript } from '../../../model/modelScript';

describe('scripted model server: script control', () => {
  it('validateModelScript lists every problem with its position', () => {
    expect(() =>
      validateModelScript({ lab: [{ text: 'ok' }, { tool: 'write' }, { input: {} }, { text: 'x', tool_input: {} }], prime: {} }),
    ).toThrow(
      [
        'invalid model script:',
        '  lab[2]: a step needs "text", "tool", "tools" or "error"',
        '  lab[2]: "input" belongs with "tool" (in "tools", each entry has its own input)',
        '  lab[3]: unknown key "tool_input" (allowed: text, tool, input, tools, error, usage, stop_reason, delayMs, thinking)',
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

describe('extended thinking', () => {
  it('script steps: thinking must be a non-empty string and does not go with an error', () => {
    expect(() => validateModelScript({ lab: [{ text: 'x', thinking: '' }] })).toThrow('lab[0]: "thinking" must be a non-empty string');
    expect(() => validateModelScript({ lab: [{ error: { status: 500 }, thinking: 'x' }] })).toThrow('lab[0]: "error" cannot be combined with "thinking"');
  });
});
