import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/loomConfig';
import { apiKeyFor, DEFAULT_MODEL, endpointMismatch, modelSettingsFromEnv } from '../../../model/modelSettings';

describe('modelSettingsFromEnv', () => {
  it('uses the default model and no base URL when nothing is set', () => {
    expect(DEFAULT_MODEL).toBe('claude-sonnet-4-6');
    expect(modelSettingsFromEnv({})).toEqual({
      prime: { model: DEFAULT_MODEL, baseURL: undefined },
      lab: { model: DEFAULT_MODEL, baseURL: undefined },
    });
    expect(modelSettingsFromEnv({ LOOM_MODEL: '' }).prime.model).toBe(DEFAULT_MODEL);
  });

  it('lets the Lab inherit Prime settings', () => {
    expect(modelSettingsFromEnv({ LOOM_MODEL: 'claude-opus-4-6', ANTHROPIC_BASE_URL: 'http://proxy:8080' })).toEqual({
      prime: { model: 'claude-opus-4-6', baseURL: 'http://proxy:8080' },
      lab: { model: 'claude-opus-4-6', baseURL: 'http://proxy:8080' },
    });
  });

  it('applies LOOM_LAB_MODEL and LOOM_LAB_API_BASE to the Lab only', () => {
    const s = modelSettingsFromEnv({ LOOM_MODEL: 'p', ANTHROPIC_BASE_URL: 'http://prime', LOOM_LAB_MODEL: 'l', LOOM_LAB_API_BASE: 'http://lab' });
    expect(s.prime).toEqual({ model: 'p', baseURL: 'http://prime' });
    expect(s.lab).toEqual({ model: 'l', baseURL: 'http://lab' });
  });
});

describe('apiKeyFor', () => {
  it('gives the Lab its own key when set, else the Anthropic key', () => {
    const env = { ANTHROPIC_API_KEY: 'prime-key', LOOM_LAB_API_KEY: 'lab-key' };
    expect(apiKeyFor('lab', env)).toBe('lab-key');
    expect(apiKeyFor('prime', env)).toBe('prime-key');
    expect(apiKeyFor('lab', { ANTHROPIC_API_KEY: 'prime-key' })).toBe('prime-key');
    expect(apiKeyFor('lab', { ANTHROPIC_API_KEY: 'prime-key', LOOM_LAB_API_KEY: '' })).toBe('prime-key');
  });

  it('is undefined when no key is set', () => {
    expect(apiKeyFor('prime', {})).toBeUndefined();
    expect(apiKeyFor('lab', { ANTHROPIC_API_KEY: '' })).toBeUndefined();
    expect(apiKeyFor('prime', { LOOM_LAB_API_KEY: 'lab-key' })).toBeUndefined();
  });
});

describe('endpointMismatch: a worker serves only the endpoints its keys are for', () => {
  const worker = (env: Record<string, string>) => loadConfig({ env });

  it('serves any endpoint when the worker names none, and its own when it does', () => {
    expect(endpointMismatch('lab', 'http://anywhere', worker({ ANTHROPIC_API_KEY: 'k' }))).toBeUndefined();
    expect(endpointMismatch('lab', 'http://lab/', worker({ LOOM_LAB_API_BASE: 'http://lab' }))).toBeUndefined();
    expect(endpointMismatch('prime', undefined, worker({ LOOM_LAB_API_BASE: 'http://lab' }))).toBeUndefined();
  });

  it('refuses a request bound elsewhere, naming both endpoints and the variable to set where loom runs', () => {
    // The endpoints were set only on the worker: the client sent the Lab to Prime's endpoint.
    expect(endpointMismatch('lab', 'http://prime', worker({ ANTHROPIC_BASE_URL: 'http://prime', LOOM_LAB_API_BASE: 'http://lab' }))).toBe(
      "the generation sends the Lab model to http://prime, but this worker's key is for http://lab (LOOM_LAB_API_BASE): set LOOM_LAB_API_BASE=http://lab where you run loom too (endpoints travel with the work, keys stay on the worker), or unset it in the worker's environment",
    );
    expect(endpointMismatch('prime', undefined, worker({ ANTHROPIC_BASE_URL: 'http://proxy' }))).toMatch(/^the generation sends the Prime model to https:\/\/api\.anthropic\.com, but this worker's key is for http:\/\/proxy \(ANTHROPIC_BASE_URL\)/);
    // The Lab inherits Prime's endpoint on the worker too.
    expect(endpointMismatch('lab', 'http://other', worker({ ANTHROPIC_BASE_URL: 'http://proxy' }))).toMatch(/key is for http:\/\/proxy \(ANTHROPIC_BASE_URL\)/);
  });
});
