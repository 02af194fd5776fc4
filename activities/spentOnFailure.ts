// A failed activity still paid for its model calls. The failure carries what was spent as
// its details, so the workflow counts it against the loop's budget; retryable or not, the
// failure keeps its type, so the retry policy treats it as it would the error itself.
import { ApplicationFailure } from '@temporalio/activity';
import type { Usage } from '../generation/recordTypes';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';

export function withUsage(err: unknown, usage: Usage): unknown {
  if (usage.requests === 0 || !(err instanceof Error)) return err;
  return ApplicationFailure.create({ message: err.message, type: err.name, nonRetryable: NON_RETRYABLE_ERROR_TYPES.includes(err.name), details: [{ usage }], cause: err });
}
