import { describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { PermanentError } from '../../../generation/errors';
import { modelFailure } from '../../../model/modelErrors';

describe('modelFailure: what asking again cannot change is not retried', () => {
  const apiError = (status: number, message: string) => Anthropic.APIError.generate(status, { type: 'error', error: { type: 'invalid_request_error', message } }, undefined, new Headers());

  it('turns 400, 401, 403, 404, 413 and 422 answers into permanent failures naming the model, endpoint and fix', () => {
    for (const status of [400, 401, 403, 404, 413, 422]) {
      const e = modelFailure(apiError(status, 'nope'), 'Lab', 'claude-x', 'http://lab');
      expect(e, String(status)).toBeInstanceOf(PermanentError);
      expect((e as Error).message).toMatch(new RegExp(`^the Lab model claude-x at http://lab answered ${status} \\(nope\\), which asking again cannot change: `));
    }
  });

  it('leaves overload, rate limits, server errors and other failures to the retries', () => {
    for (const status of [408, 409, 429, 500, 529]) {
      const e = apiError(status, 'busy');
      expect(modelFailure(e, 'Prime', 'm', undefined)).toBe(e);
    }
    const dropped = new Anthropic.APIConnectionError({ message: 'socket hang up' });
    expect(modelFailure(dropped, 'Prime', 'm', undefined)).toBe(dropped);
    const other = new Error('x');
    expect(modelFailure(other, 'Prime', 'm', undefined)).toBe(other);
  });
});
