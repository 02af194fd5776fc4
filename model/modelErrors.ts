// Which model API failures are worth asking again. Overload, rate limits, server errors,
// timeouts and dropped connections pass (the SDK and then the activity retry them); an
// answer that says the request, the key or the model is wrong becomes a PermanentError
// that names the fix, because the same request would get the same answer.
import Anthropic from '@anthropic-ai/sdk';
import { PermanentError } from '../generation/errors';

const FIX: Record<number, string> = {
  400: 'the endpoint refused the request as invalid: check that the endpoint serves this model and the Messages API (endpoints travel with the work from where `loom` runs; keys stay on the worker)',
  401: "the endpoint refused the API key: set the right key in the worker's environment (ANTHROPIC_API_KEY, or LOOM_LAB_API_KEY for the Lab)",
  403: "the API key may not use this model or endpoint: use a key that may, in the worker's environment",
  404: 'the endpoint has no such model or path: check LOOM_MODEL / LOOM_LAB_MODEL and the API base (ANTHROPIC_BASE_URL / LOOM_LAB_API_BASE)',
  413: 'the request is larger than the endpoint accepts',
  422: 'the endpoint could not process the request as sent',
};

/** The error an activity should fail with: a PermanentError for an answer retrying cannot change, else the error itself. */
export function modelFailure(err: unknown, role: 'Lab' | 'Prime', model: string, baseURL: string | undefined): unknown {
  if (!(err instanceof Anthropic.APIError) || err.status === undefined || !FIX[err.status]) return err;
  const said = err.apiMessage ?? err.message;
  return new PermanentError(`the ${role} model ${model} at ${baseURL ?? 'https://api.anthropic.com'} answered ${err.status} (${said}), which asking again cannot change: ${FIX[err.status]}`);
}
