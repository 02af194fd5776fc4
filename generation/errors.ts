/**
 * A failure that retrying cannot fix (bad input, a missing ref, a broken repo).
 * Temporal uses an error's name as its type, and the workflow's retry policies list
 * this name as non-retryable, so the activities need no Temporal import to say it.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export const NON_RETRYABLE_ERROR_TYPES = ['PermanentError'];
